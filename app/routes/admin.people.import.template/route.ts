import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/auth/session.server";
import { CSV_COLUMNS } from "~/modules/people/csv";
import { csvResponse, csvText } from "~/modules/http/csv-writer";

// Example rows: fictional people; the manager comes after their report on purpose, to show that
// order does not matter. Department codes are the demo company's.
const EXAMPLES = [
  ["E90002", "林晓雯", "Xiaowen Lin", "xiaowen.lin@example.com", "FIN", "E90001", "employee", "zh-CN", "active", "2024-03-01", "会计", "no"],
  ["E90001", "陈志明", "Zhiming Chen", "zhiming.chen@example.com", "FIN", "", "employee", "en", "active", "2019-07-15", "财务经理", "yes"],
];

/** A CSV template: the header row and two example rows, UTF-8 with a BOM so spreadsheet programs read the Chinese correctly. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:people:any");
  return csvResponse(csvText(CSV_COLUMNS, EXAMPLES), "directory-template.csv");
}
