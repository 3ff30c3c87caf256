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

/**
 * An error met while answering a request: its name, code and stack frames, but not its message.
 * Messages of errors raised while reading a form quote what was sent (a multipart parser's error
 * carried the file name; a database error can carry a value), and on the hotline that is what a
 * reporter wrote. The frames say where it happened, which is what an operator needs.
 */
export function logRequestError(event: string, error: unknown, fields: Fields = {}) {
  const err =
    error instanceof Error
      ? {
          error: error.name,
          code: (({ code }: { code?: unknown }) => (typeof code === "string" ? code : undefined))(error as { code?: unknown }),
          stack: (error.stack ?? "")
            .split("\n")
            .filter((line) => /^\s+at /.test(line))
            .join("\n"),
        }
      : { error: typeof error };
  console.error(JSON.stringify({ level: "error", at: new Date().toISOString(), event, ...fields, ...err }));
}
