import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/modules/auth/session.server";
import { getHomeSummary } from "~/modules/http/home.server";
import { useLocale, useMessages } from "~/i18n/use-messages";
import { getMessages } from "~/i18n/messages";
import { localized } from "~/i18n/localized";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.home);

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  const summary = await getHomeSummary(user);
  return json({ displayName: user.displayName, roles: user.roles, ...summary });
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  const m = useMessages();
  const locale = useLocale();
  const name = (n: { nameZh: string; nameEn: string } | null | undefined) =>
    n ? localized(n, "name", locale) : m.common.none;
  const has = (role: string) => data.roles.includes(role as (typeof data.roles)[number]);
  // Shown in each case-handling role's card (not a card of its own: there is one card per role).
  const casesWaiting =
    data.casesWaiting !== null ? (
      <p>
        <Link to="/cases">{m.cases.home.waiting(data.casesWaiting)}</Link>
      </p>
    ) : null;
  return (
    <div className="stack">
      <h1>{m.home.welcome(data.displayName)}</h1>
      <p className="muted">
        {m.home.yourRoles}: {data.roles.map((r) => getMessages(locale).roles[r]).join("、")}
      </p>
      <div className="cards">
        {has("admin") && data.admin ? (
          <section className="card" data-role="admin">
            <h2>{m.home.adminHeading}</h2>
            <p>{m.home.adminBody}</p>
            <ul>
              <li>
                <Link to="/admin/people">{m.home.activePeople(data.admin.activePeople)}</Link>
              </li>
              <li>
                <Link to="/admin/departments">{m.home.departmentsCount(data.admin.departments)}</Link>
              </li>
              <li>
                <Link to="/admin/outbox">{m.home.outboxQueued(data.admin.outboxQueued)}</Link>
              </li>
              {data.admin.outboxFailed > 0 ? <li className="warning">{m.home.outboxFailed(data.admin.outboxFailed)}</li> : null}
            </ul>
          </section>
        ) : null}
        {has("auditor") ? (
          <section className="card" data-role="auditor">
            <h2>{m.home.auditorHeading}</h2>
            <p>{m.home.auditorBody}</p>
            {casesWaiting}
            {data.auditEvents !== null ? (
              <p>
                <Link to="/audit/log">{m.home.auditEvents(data.auditEvents)}</Link>
              </p>
            ) : null}
          </section>
        ) : null}
        {has("compliance_lead") ? (
          <section className="card" data-role="compliance_lead">
            <h2>{m.home.complianceHeading}</h2>
            <p>{m.home.complianceBody}</p>
            {casesWaiting}
          </section>
        ) : null}
        {has("investigator") ? (
          <section className="card" data-role="investigator">
            <h2>{m.home.investigatorHeading}</h2>
            <p>{m.home.investigatorBody}</p>
            {casesWaiting}
          </section>
        ) : null}
        <section className="card" data-role="employee">
          <h2>{m.home.employeeHeading}</h2>
          <p>{m.home.employeeBody}</p>
          <p>
            <Link to="/hotline">{m.home.reportLink}</Link>
          </p>
          {data.profile ? (
            <dl className="facts">
              <dt>{m.home.employeeNumber}</dt>
              <dd>{data.profile.employeeNumber}</dd>
              <dt>{m.home.department}</dt>
              <dd>{name(data.profile.department)}</dd>
              <dt>{m.home.manager}</dt>
              <dd>{name(data.profile.manager)}</dd>
            </dl>
          ) : null}
        </section>
      </div>
    </div>
  );
}
