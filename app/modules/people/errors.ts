// The directory's refusals: one DomainError whose codes are the directory's message keys
// (i18n people.errors). Routes do not catch them: http/respond.server.ts answers any of them.
import { DomainError, type DomainErrorOptions } from "../http/domain-error";
import type { DirectoryErrorKey } from "./people.schema";

/** A record the page asked for is not there (or not any more): answered as a plain 404. */
export type DirectoryCode = DirectoryErrorKey | "notFound";

export class DirectoryError<Code extends string = DirectoryCode> extends DomainError<Code> {
  constructor(code: Code, field?: string | null, options: Omit<DomainErrorOptions, "field"> = {}) {
    super("directory", code, { ...options, field: field ?? undefined });
  }
}

/** The person, department or account asked for does not exist. */
export function notFoundError(what: string): DirectoryError {
  return new DirectoryError("notFound", undefined, { status: 404, detail: { what } });
}

/** Prisma's unique-constraint violation: a concurrent writer took the number, code or email first. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
