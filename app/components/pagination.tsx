import { Link, useLocation } from "@remix-run/react";
import { useMessages } from "../i18n/use-messages";

/** Previous/next links that keep the current query (filters, search) and change only `page`. */
export function Pagination({ page, pageCount }: { page: number; pageCount: number }) {
  const m = useMessages();
  const location = useLocation();
  const hrefFor = (p: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(p));
    return `${location.pathname}?${params.toString()}`;
  };
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label={m.common.page(page, pageCount)}>
      {page > 1 ? <Link to={hrefFor(page - 1)} rel="prev">{m.common.previous}</Link> : <span />}
      <span>{m.common.page(page, pageCount)}</span>
      {page < pageCount ? <Link to={hrefFor(page + 1)} rel="next">{m.common.next}</Link> : <span />}
    </nav>
  );
}
