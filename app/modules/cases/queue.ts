// The queue's choices, client-safe: the page lists them in the browser too (a .server module is an
// empty object there).
export const QUEUE_SORTS = ["received", "severity", "acknowledge", "feedback"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
