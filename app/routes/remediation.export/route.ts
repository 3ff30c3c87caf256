// The cross-case remediation list as CSV, for the audit committee's quarterly review: the filters of
// /remediation, in its order, streamed in batches (never the whole list in memory) and capped at
// EXPORT_MAX_ROWS. Clear fields only, like the page; UTF-8 with a BOM so spreadsheets read Chinese.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/auth/session.server";
import { exportRemediationRows, listFilterFromUrl } from "~/modules/cases/remediation.server";
import { csvResponse, csvStream } from "~/modules/http/csv-writer";
import { resolveLocale } from "~/modules/http/locale.server";
import { getSetting } from "~/modules/settings/settings.server";
import { getMessages } from "~/i18n/messages";
import { localized } from "~/i18n/localized";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "read:remediation:any");
  const parsed = listFilterFromUrl(new URL(request.url));
  if (!parsed.ok) return new Response("Bad request: the filters are not valid", { status: 400 });
  const timeZone = await getSetting("org.timeZone");
  const locale = resolveLocale(request, user.locale);
  const m = getMessages(locale);
  const r = m.remediation;
  const name = (n: { nameZh: string; nameEn: string } | null) => (n ? localized(n, "name", locale) : "");
  const c = r.columns;
  const stream = csvStream(
    [c.case, c.title, c.employeeNumber, c.owner, c.department, c.due, c.status, c.completed, c.overdue],
    exportRemediationRows({ filter: parsed.filter, viewer: user, timeZone }),
    (row) => [
      row.reference,
      row.title,
      row.owner.employeeNumber,
      name(row.owner),
      name(row.department),
      row.dueDate,
      r.status[row.status],
      row.completedAt ?? "",
      row.overdue ? r.csv.overdueYes : r.csv.overdueNo,
    ],
  );
  return csvResponse(stream, `${r.csv.filename}.csv`);
}
