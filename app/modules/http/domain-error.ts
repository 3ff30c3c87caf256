// The one error a module throws when it refuses something the person asked for: a code (a key of
// the domain's error catalogue, typed per domain), the HTTP status the refusal answers with, and
// the form field the message belongs beside (none: a message about the whole form). Routes do not
// catch these one class at a time: respond.server.ts turns any of them into the answer (ADR 0026).
import type { FieldErrors } from "./forms";

export type RefusalStatus = 400 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503;

export type DomainErrorOptions = {
  status?: RefusalStatus;
  /** The field the message goes beside; absent for a form-level message. */
  field?: string;
  /** Several fields at once (a whole form validated inside the module). */
  fieldErrors?: FieldErrors;
  /** Values the message is built with (minutes to wait, a limit). */
  detail?: Readonly<Record<string, string | number>>;
  cause?: unknown;
};

export class DomainError<Code extends string = string> extends Error {
  override name = "DomainError";
  readonly status: RefusalStatus;
  readonly field: string | undefined;
  readonly fieldErrors: FieldErrors | undefined;
  readonly detail: Readonly<Record<string, string | number>> | undefined;
  constructor(
    /** Which module refused: lets a route tell a directory refusal from a workflow one. */
    readonly domain: string,
    readonly code: Code,
    options: DomainErrorOptions = {},
  ) {
    super(`${domain}: ${code}${options.field ? ` (${options.field})` : ""}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status ?? 400;
    this.field = options.field;
    this.fieldErrors = options.fieldErrors;
    this.detail = options.detail;
  }
}

/** Whether `error` is a refusal of `domain` (any domain when omitted), with its codes typed. */
export function isDomainError<Code extends string = string>(error: unknown, domain?: string): error is DomainError<Code> {
  return error instanceof DomainError && (domain === undefined || error.domain === domain);
}

/** A domain's typed constructor: `const directoryError = domainError<DirectoryErrorKey>("directory")`. */
export function domainError<Code extends string>(domain: string, defaults: DomainErrorOptions = {}) {
  return (code: Code, options: DomainErrorOptions = {}) => new DomainError<Code>(domain, code, { ...defaults, ...options });
}
