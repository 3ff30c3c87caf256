// What the case timeline's events carry, for the server that reads them and the page that words
// them (client-safe: the page's describe() needs the same keys the server looks names up for).

/** An event's details: ids, enum values, counts and flags, never report text. */
export type EventDetails = Record<string, string | number | boolean | null>;

/** Detail keys that name an account: shown as the person's name. */
export const ACCOUNT_DETAIL_KEYS = ["userId", "requesterId"] as const;

export type TimelineOrder = "oldest" | "newest";
