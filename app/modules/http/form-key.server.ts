// One-time form keys (ADR 0018): every form that creates something carries a random key rendered
// by its loader. The row it creates and a FormSubmission row under that key are written in one
// transaction, so a second post of the same form — a double click without JavaScript, a resend, a
// click on a box that still held its text — finds the key and answers as the first post did,
// creating nothing. Two posts racing each other meet at the key's primary key: the loser's
// transaction rolls back and it, too, answers with the winner's row. Keys live in the database, not
// in memory, so several instances agree.
import { z } from "zod";
import { db, Prisma, type Tx } from "../db/db.server";
import { randomToken } from "../crypto/crypto.server";

import { FORM_KEY_FIELD } from "./form-names";
import { badRequest } from "./respond.server";

export { FORM_KEY_FIELD };

const formKeySchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

/** A fresh key for one form instance (each page load renders new ones). */
export function newFormKey(): string {
  return randomToken(18);
}

/** The key and what it may create: "message:<reportId>:<userId>" and the like. */
export type FormOnce = { key: string; scope: string };

/**
 * The form's key, if it sent one. A malformed key is a bad request (400), never a 5xx. Forms
 * without a key (older pages, scripts) are not deduplicated.
 */
export function formOnce(form: FormData, scope: string): FormOnce | null {
  const raw = form.get(FORM_KEY_FIELD);
  if (raw === null || raw === "") return null;
  const parsed = formKeySchema.safeParse(raw);
  if (!parsed.success) throw badRequest();
  return { key: parsed.data, scope };
}

/** Inside the creating transaction: the key is spent on `resultId`. */
export async function spendFormKey(tx: Tx, { once, resultId }: { once: FormOnce | null | undefined; resultId: string }): Promise<void> {
  if (!once) return;
  await tx.formSubmission.create({ data: { key: once.key, scope: once.scope, resultId }, select: { key: true } });
}

async function earlier(once: FormOnce): Promise<string | null> {
  const row = await db.formSubmission.findUnique({ where: { key: once.key }, select: { scope: true, resultId: true } });
  if (!row) return null;
  // A key is answered only where it was spent: replaying it elsewhere is refused.
  if (row.scope !== once.scope) throw new Response("Conflict", { status: 409 });
  return row.resultId;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * Creates once per form instance: `create` must call spendFormKey in its transaction. Returns the
 * created id, or the first post's id with `repeated` when this form was already sent.
 */
export async function oncePerForm(once: FormOnce | null, create: () => Promise<string>): Promise<{ id: string; repeated: boolean }> {
  if (!once) return { id: await create(), repeated: false };
  const before = await earlier(once);
  if (before) return { id: before, repeated: true };
  try {
    return { id: await create(), repeated: false };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await earlier(once);
    if (!winner) throw error;
    return { id: winner, repeated: true };
  }
}

/**
 * How long a spent key is remembered. A form left open longer than this and sent again posts
 * again; no page is kept open for weeks, and the table stays small.
 */
export const FORM_KEY_DAYS = 30;

/** Sweep: forgets keys spent more than FORM_KEY_DAYS ago. */
export async function forgetSpentFormKeys({ now }: { now: Date }): Promise<void> {
  await db.formSubmission.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - FORM_KEY_DAYS * 86_400_000) } } });
}
