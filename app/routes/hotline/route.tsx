// The hotline's start page: the two ways in, making a report and following one up with the
// receipt, so a returning reporter finds the follow-up without the receipt page. As anonymous as
// /report (server/server.mjs: no address passed on, no-store, noindex; no cookie is set, the root
// does not read the staff session here); a language chosen here travels in `?lang=`.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLocation } from "@remix-run/react";
import { resolveLocale } from "~/modules/http/locale.server";
import { withLang } from "~/modules/hotline/anonymous";
import { getMessages } from "~/i18n/messages";
import { useMessages } from "~/i18n/use-messages";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.hotline, { noindex: true });

export function loader({ request }: LoaderFunctionArgs) {
  return json({ title: getMessages(resolveLocale(request)).hotline.start.title });
}

export default function HotlineStart() {
  const m = useMessages();
  const s = m.hotline.start;
  const { search } = useLocation();
  return (
    <div className="report-page stack">
      <h1>{s.title}</h1>
      <p>{s.intro}</p>
      <nav aria-label={s.choices} className="hotline-choices">
        <div className="hotline-choice">
          <Link to={withLang("/report", search)} className="hotline-choice-label" aria-describedby="hotline-report-hint">
            {s.report}
          </Link>
          <span id="hotline-report-hint" className="hint">
            {s.reportHint}
          </span>
        </div>
        <div className="hotline-choice">
          <Link to={withLang("/report/follow-up", search)} className="hotline-choice-label" aria-describedby="hotline-follow-up-hint">
            {s.followUp}
          </Link>
          <span id="hotline-follow-up-hint" className="hint">
            {s.followUpHint}
          </span>
        </div>
      </nav>
      <p className="muted">{s.privacy}</p>
    </div>
  );
}
