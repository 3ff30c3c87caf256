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

/** The two ways in, each a link with its hint; the language chosen here travels in `?lang=`. */
const CHOICES = [
  { to: "/report", id: "hotline-report", label: "report", hint: "reportHint" },
  { to: "/report/follow-up", id: "hotline-follow-up", label: "followUp", hint: "followUpHint" },
] as const;

export default function HotlineStart() {
  const m = useMessages();
  const s = m.hotline.start;
  const { search } = useLocation();
  return (
    <div className="report-page stack">
      <h1>{s.title}</h1>
      <p>{s.intro}</p>
      <nav aria-label={s.choices} className="hotline-choices">
        {CHOICES.map(({ to, id, label, hint }) => (
          <div className="hotline-choice" key={id}>
            <Link to={withLang(to, search)} className="hotline-choice-label" aria-describedby={`${id}-hint`}>
              {s[label]}
            </Link>
            <span id={`${id}-hint`} className="hint">
              {s[hint]}
            </span>
          </div>
        ))}
      </nav>
      <p className="muted">{s.privacy}</p>
    </div>
  );
}
