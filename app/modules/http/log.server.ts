// Application log. Lines carry an event name and content-free fields only: never a client address,
// user agent, cookie, query string or submitted text (the anonymous routes depend on this).
type Fields = Record<string, string | number | boolean | null | undefined>;

export function logInfo(event: string, fields: Fields = {}) {
  console.log(JSON.stringify({ level: "info", at: new Date().toISOString(), event, ...fields }));
}

export function logError(event: string, error: unknown, fields: Fields = {}) {
  const err = error instanceof Error ? { error: error.message, stack: error.stack } : { error: String(error) };
  console.error(JSON.stringify({ level: "error", at: new Date().toISOString(), event, ...fields, ...err }));
}
