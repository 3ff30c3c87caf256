// Which columns of an outbox row each reader takes. The list never reads bodies (they are read one
// message at a time); the sender reads what it sends; the administrator's message page reads all.
const ADDRESSED = { id: true, toAddress: true, locale: true, template: true, subject: true } as const;
const BODIES = { textBody: true, htmlBody: true } as const;

/** A row of /admin/outbox: who, what, and how delivery went. */
export const OUTBOX_LIST_SELECT = { ...ADDRESSED, status: true, attempts: true, createdAt: true, sentAt: true, nextAttemptAt: true } as const;

/** What the sender needs to send a claimed row. */
export const OUTBOX_SENDING_SELECT = { ...ADDRESSED, ...BODIES, attempts: true, expiresAt: true } as const;

/** One message as the administrator reads it. */
export const OUTBOX_DETAIL_SELECT = { ...OUTBOX_LIST_SELECT, ...BODIES, lastError: true, expiresAt: true, messageId: true } as const;
