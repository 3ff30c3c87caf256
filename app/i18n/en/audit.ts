// The audit log viewer (/audit/log) and the chain check shown to auditors.
export const audit = {
  log: {
    title: "Audit log",
    intro:
      "Every change and every read of sensitive data is recorded here, in the same transaction as the change. Nothing can be edited or removed: each event carries the hash of the one before it.",
    filters: "Filters",
    action: "Action starts with",
    actionHint: "For example person. or auth.login",
    objectType: "Object type",
    objectId: "Object id",
    actor: "Actor's email",
    from: "From",
    to: "To",
    dateHint: (timeZone: string) => `YYYY-MM-DD, a day in the organisation's time zone (${timeZone}).`,
    apply: "Filter",
    clear: "Clear filters",
    empty: "No events match these filters.",
    seq: "No.",
    at: "When",
    who: "Who",
    what: "Action",
    object: "Object",
    details: "Details",
    actorKinds: {
      SYSTEM: "System",
      REPORTER: "Anonymous reporter",
    },
    removedAccount: "Account no longer exists",
  },
  chain: {
    heading: "Chain integrity",
    body: "Checking recomputes the hash of every event from the first one, so an edited, deleted or reordered event is found. On a large log this takes a while. The check itself is recorded in the log.",
    check: "Check the chain now",
    intact: (lastSeq: number) =>
      lastSeq === 0 ? "The chain is intact: no events yet." : `The chain is intact up to event no. ${lastSeq} (${lastSeq} events checked).`,
    broken: (seq: number) => `The chain is broken at event no. ${seq}.`,
    reasons: {
      missing: "This event is missing: it was deleted.",
      "prev-hash": "This event does not follow from the one before it: events were swapped, replaced or re-linked.",
      hash: "This event's content no longer matches its hash: it was edited.",
      head: "The chain's head does not match the last event: events were removed or forged at the end.",
    },
    brokenAdvice: "Preserve the database as it is and tell the audit committee. Run npm run audit:verify on the server to confirm.",
  },
};
