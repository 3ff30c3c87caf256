// Every list is paginated: parse ?page= safely and compute skip/take with a fixed page size.
export const PAGE_SIZE = 25;

export function pageFromUrl(url: URL, param = "page"): number {
  const n = Number(url.searchParams.get(param) ?? "1");
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

export function pageWindow(page: number, pageSize = PAGE_SIZE) {
  return { skip: (page - 1) * pageSize, take: pageSize };
}

export function pageCount(total: number, pageSize = PAGE_SIZE) {
  return Math.max(1, Math.ceil(total / pageSize));
}
