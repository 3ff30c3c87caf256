// The one shape of a list page (the case queue, remediation, the audit log, people, departments,
// questions, the outbox): a heading with the page's actions, filter tabs and/or a filter form, the
// count, the table or its empty text, and the previous/next links. A page supplies its columns,
// its cells and its texts; the markup and classes are the same everywhere.
import type { ReactNode } from "react";
import { Form, Link } from "@remix-run/react";
import { Pagination } from "./pagination";

/** The page: its heading (with the page's buttons beside it, if any), an optional intro, then the rest. */
export function ListPage({ title, actions, intro, children }: { title: ReactNode; actions?: ReactNode; intro?: ReactNode; children: ReactNode }) {
  return (
    <div className="stack">
      {actions ? (
        <div className="toolbar">
          <h1>{title}</h1>
          <p>{actions}</p>
        </div>
      ) : (
        <h1>{title}</h1>
      )}
      {intro ? <p className="muted">{intro}</p> : null}
      {children}
    </div>
  );
}

export type FilterTab = { key: string; to: string; current: boolean; label: ReactNode };

/** Links that each show one slice of the list (a status, a category) with its count; the current one is marked. */
export function FilterTabs({ label, tabs }: { label: string; tabs: FilterTab[] }) {
  return (
    <nav className="filter-tabs" aria-label={label}>
      {tabs.map((t) => (
        <Link key={t.key} to={t.to} aria-current={t.current ? "page" : undefined}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}

/** The filters: a GET form in one row, its fields, then "apply" and a link back to the unfiltered list. */
export function FilterForm({ label, apply, clear, clearTo, children }: { label?: string; apply: string; clear: string; clearTo: string; children: ReactNode }) {
  return (
    <Form method="get" className="form-row people-filters" role="search" aria-label={label}>
      {children}
      <div className="field">
        <button type="submit">{apply}</button>
      </div>
      <div className="field">
        <Link to={clearTo}>{clear}</Link>
      </div>
    </Form>
  );
}

/** How many rows the filters found, announced when it changes. */
export function ListTotal({ children }: { children: ReactNode }) {
  return (
    <p className="muted" aria-live="polite">
      {children}
    </p>
  );
}

export type ListColumn = { key: string; label: ReactNode; numeric?: boolean };

/** The columns named by `keys`, in that order, labelled from a catalogue's column texts; `numeric` ones align right. */
export function columnsFrom<K extends string>(labels: Record<K, ReactNode>, keys: readonly K[], numeric: readonly K[] = []): ListColumn[] {
  return keys.map((key) => ({ key, label: labels[key], numeric: numeric.includes(key) || undefined }));
}

/**
 * The table, or `empty` when there are no rows (nothing at all when `empty` is null: the page has
 * said why already), then the pagination (none without `page`: a table inside a page that pages
 * it elsewhere). `cells` renders one row's <td>s.
 */
export function ListTable<R>({
  columns,
  rows,
  rowKey,
  cells,
  rowProps,
  empty,
  className,
  page,
  pageCount,
}: {
  columns: ListColumn[];
  rows: readonly R[];
  rowKey: (row: R) => string | number;
  cells: (row: R, index: number) => ReactNode;
  rowProps?: (row: R) => Record<string, string | number | undefined>;
  empty: ReactNode;
  className?: string;
  page?: number;
  pageCount?: number;
}) {
  return (
    <>
      {rows.length === 0 ? (
        empty === null ? null : <p>{empty}</p>
      ) : (
        <div className="table-wrap">
          <table className={className}>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.key} scope="col" className={c.numeric ? "num" : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={rowKey(row)} {...rowProps?.(row)}>
                  {cells(row, index)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page !== undefined && pageCount !== undefined ? <Pagination page={page} pageCount={pageCount} /> : null}
    </>
  );
}
