// Every page's <title> and robots line, from the catalogues (i18n/<lang>/titles.ts) in the reader's
// language, which the root loader already decided (for the hotline without a cookie, from ?lang=).
// One helper so a new page cannot forget the title or ship a hard-coded one. Client-safe.
import type { MetaArgs, MetaDescriptor, MetaFunction } from "@remix-run/node";
import { getMessages, type Messages } from "../../i18n/messages";
import { DEFAULT_LOCALE, isAppLocale, type AppLocale } from "../../i18n/locales";

/** Case pages: the layout's route id, whose data carries the case reference the tabs' titles show. */
const CASE_ROUTE = "routes/cases.$id";

function localeOf(args: MetaArgs): AppLocale {
  const root = args.matches.find((match) => match.id === "root")?.data as { locale?: unknown } | undefined;
  return isAppLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
}

type TitleOf = (t: Messages["titles"], m: Messages, args: MetaArgs) => string;

/**
 * `export const meta = pageMeta((t) => t.cases, { noindex: true })`: "<page> · Sunline" in the
 * reader's language. `noindex` for every page a search engine has no business listing (case pages,
 * the hotline's; server/server.mjs sends X-Robots-Tag for /report too).
 */
export function pageMeta(name: TitleOf, options: { noindex?: boolean } = {}): MetaFunction {
  return (args) => {
    const m = getMessages(localeOf(args));
    const tags: MetaDescriptor[] = [{ title: m.titles.page(name(m.titles, m, args)) }];
    if (options.noindex) tags.push({ name: "robots", content: "noindex" });
    return tags;
  };
}

/** A case page: its section (a tab's label) and the case reference, "Messages · Case SL-7QX4-K2PA · Sunline". Never indexed. */
export function caseMeta(section: (tabs: Messages["cases"]["tabs"]) => string): MetaFunction {
  return pageMeta(
    (t, m, args) => {
      const data = args.matches.find((match) => match.id === CASE_ROUTE)?.data as { report?: { reference?: unknown } } | undefined;
      const reference = data?.report?.reference;
      return t.caseSection(section(m.cases.tabs), typeof reference === "string" ? m.cases.caseTitle(reference) : t.case);
    },
    { noindex: true },
  );
}
