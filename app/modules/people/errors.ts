// The directory's typed errors: modules throw them, routes turn them into field or form messages.
import type { DirectoryErrorKey } from "./people.schema";

export class DirectoryError extends Error {
  constructor(
    readonly code: DirectoryErrorKey,
    /** The form field the message belongs beside; null for a message about the whole form. */
    readonly field: string | null = null,
  ) {
    super(`directory: ${code}${field ? ` (${field})` : ""}`);
  }
}

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
  }
}

/** Prisma's unique-constraint violation: a concurrent writer took the number, code or email first. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
