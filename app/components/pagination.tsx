import { Link, useLocation } from "@remix-run/react";
import { useMessages } from "../i18n/use-messages";

/**
 * Previous/next links that keep the current query (filters, search) and change only `page` — or
 * `param`, when a page holds more than one paginated list (a case's two message threads).
 */
export function Pagination({ page, pageCount, param = "page", label }: { page: number; pageCount: number; param?: string; label?: string }) {
  const m = useMessages();
  const location = useLocation();
  const hrefFor = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set(param, String(p));
    return `${location.pathname}?${params.toString()}`;
  };
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label={label ?? m.common.page(page, pageCount)}>
      {page > 1 ? <Link to={hrefFor(page - 1)} rel="prev">{m.common.previous}</Link> : <span />}
      <span>{m.common.page(page, pageCount)}</span>
      {page < pageCount ? <Link to={hrefFor(page + 1)} rel="next">{m.common.next}</Link> : <span />}
    </nav>
  );
}
