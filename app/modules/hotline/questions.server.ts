// The administrator's questions per report category: listing, creating, editing, ordering and retiring
// them (each change one transaction with its audit event), the active questions for the report form,
// and checking a reporter's answers against them. Retired questions are kept so that answers already
// given keep their label (cases read CategoryQuestion rows by id).
import { z } from "zod";
import { db, type Tx } from "../db/db.server";
import { appendAuditEvent } from "../audit/audit.server";
import { pageWindow } from "../http/pagination";
import { REPORT_CATEGORIES, type ReportCategory } from "./reports.server";
import { asTyped } from "../http/forms";
import {
  answerError,
  parseChoicesText,
  parseStoredChoices,
  QUESTION_KINDS,
  questionField,
  type FormQuestion,
  type QuestionChoice,
  type QuestionKind,
} from "./questions";
import { DomainError } from "../http/domain-error";

/** The question asked for does not exist: a 404 at the route boundary. */
export class QuestionNotFoundError extends DomainError<"notFound"> {
  constructor() {
    super("questions", "notFound", { status: 404 });
  }
}

const text = (max: number) =>
  z
    .string({ required_error: "required", invalid_type_error: "invalid" })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, "required").max(max, "tooLong"));
const optionalText = (max: number) =>
  z
    .string({ invalid_type_error: "invalid" })
    .optional()
    .transform((s) => (s?.trim() ? s.trim() : null))
    .pipe(z.string().max(max, "tooLong").nullable());

/** The admin form. `choices` is the options box (questions.ts parseChoicesText), used for CHOICE only. */
export const questionFormSchema = z
  .object({
    category: z.enum(REPORT_CATEGORIES, { errorMap: () => ({ message: "choice" }) }),
    kind: z.enum(QUESTION_KINDS, { errorMap: () => ({ message: "choice" }) }),
    labelZh: text(300),
    labelEn: text(300),
    helpZh: optionalText(1000),
    helpEn: optionalText(1000),
    required: z
      .string()
      .optional()
      .transform((v) => v === "on"),
    choices: z.string({ invalid_type_error: "invalid" }).max(20_000, "tooLong").optional().default(""),
  })
  .transform((value, ctx) => {
    if (value.kind !== "CHOICE") return { ...value, choices: [] as QuestionChoice[] };
    const parsed = parseChoicesText(value.choices);
    if (!parsed.ok) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["choices"], message: parsed.error });
      return z.NEVER;
    }
    return { ...value, choices: parsed.choices };
  });
export type QuestionInput = z.output<typeof questionFormSchema>;

const ADMIN_SELECT = {
  id: true,
  category: true,
  kind: true,
  labelZh: true,
  labelEn: true,
  helpZh: true,
  helpEn: true,
  choices: true,
  required: true,
  position: true,
  active: true,
} as const;

function toView<T extends { choices: string; kind: string }>(row: T) {
  return { ...row, kind: row.kind as QuestionKind, choices: parseStoredChoices(row.choices) };
}

/** Questions of one category in form order, a page at a time, and how many each category has. */
export async function listQuestions({ category, page }: { category: ReportCategory; page: number }) {
  const where = { category };
  const [total, rows, groups] = await Promise.all([
    db.categoryQuestion.count({ where }),
    db.categoryQuestion.findMany({ where, select: ADMIN_SELECT, orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }], ...pageWindow(page) }),
    db.categoryQuestion.groupBy({ by: ["category", "active"], _count: { _all: true } }),
  ]);
  const counts = Object.fromEntries(REPORT_CATEGORIES.map((c) => [c, { active: 0, retired: 0 }])) as Record<ReportCategory, { active: number; retired: number }>;
  for (const g of groups) counts[g.category as ReportCategory][g.active ? "active" : "retired"] += g._count._all;
  return { total, rows: rows.map(toView), counts };
}

export async function getQuestion(id: string) {
  const row = await db.categoryQuestion.findUnique({ where: { id }, select: ADMIN_SELECT });
  if (!row) throw new QuestionNotFoundError();
  return toView(row);
}

const actorOf = (userId: string) => ({ kind: "USER" as const, userId });

function columns(input: QuestionInput) {
  return {
    category: input.category,
    kind: input.kind,
    labelZh: input.labelZh,
    labelEn: input.labelEn,
    helpZh: input.helpZh,
    helpEn: input.helpEn,
    required: input.required,
    choices: JSON.stringify(input.choices),
  };
}

/** A new question goes last in its category. */
export async function createQuestion({ actorUserId, input }: { actorUserId: string; input: QuestionInput }): Promise<string> {
  return db.$transaction(async (tx) => {
    const last = await tx.categoryQuestion.aggregate({ where: { category: input.category }, _max: { position: true } });
    const row = await tx.categoryQuestion.create({
      data: { ...columns(input), position: (last._max.position ?? -1) + 1 },
      select: { id: true },
    });
    await appendAuditEvent(tx, {
      actor: actorOf(actorUserId),
      action: "question.create",
      objectType: "CategoryQuestion",
      objectId: row.id,
      details: { category: input.category, kind: input.kind, required: input.required, choices: input.choices.length },
    });
    return row.id;
  });
}

/** Records which fields changed (names only: the texts are the administrator's, but kept out of the log like content). */
async function audited(tx: Tx, actorUserId: string, id: string, details: Record<string, unknown>) {
  await appendAuditEvent(tx, { actor: actorOf(actorUserId), action: "question.update", objectType: "CategoryQuestion", objectId: id, details });
}

/**
 * Saves an edit. Moving a question to another category puts it last there. Answers already given
 * stay keyed by the question's id, so they keep following the question.
 */
export async function updateQuestion({ actorUserId, questionId: id, input }: { actorUserId: string; questionId: string; input: QuestionInput }): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.categoryQuestion.findUnique({ where: { id }, select: ADMIN_SELECT });
    if (!before) throw new QuestionNotFoundError();
    const next = columns(input);
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== before[k]);
    if (changed.length === 0) return;
    let position = before.position;
    if (input.category !== before.category) {
      const last = await tx.categoryQuestion.aggregate({ where: { category: input.category }, _max: { position: true } });
      position = (last._max.position ?? -1) + 1;
    }
    await tx.categoryQuestion.update({ where: { id }, data: { ...next, position }, select: { id: true } });
    await audited(tx, actorUserId, id, { change: "edit", fields: changed, category: input.category, kind: input.kind });
  });
}

/** Retires (hidden from the form, answers keep their label) or brings back a question. */
export async function setQuestionActive({ actorUserId, questionId: id, active }: { actorUserId: string; questionId: string; active: boolean }): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.categoryQuestion.findUnique({ where: { id }, select: { active: true } });
    if (!before) throw new QuestionNotFoundError();
    if (before.active === active) return;
    await tx.categoryQuestion.update({ where: { id }, data: { active }, select: { id: true } });
    await audited(tx, actorUserId, id, { change: active ? "reactivate" : "retire" });
  });
}

/**
 * Moves a question one place up or down in its category. The category's order is rewritten as
 * 0, 1, 2… so that equal positions (rows written before positions were kept) cannot stall a move.
 */
export async function moveQuestion({ actorUserId, questionId: id, direction }: { actorUserId: string; questionId: string; direction: "up" | "down" }): Promise<void> {
  await db.$transaction(async (tx) => {
    const question = await tx.categoryQuestion.findUnique({ where: { id }, select: { category: true } });
    if (!question) throw new QuestionNotFoundError();
    const order = await tx.categoryQuestion.findMany({
      where: { category: question.category },
      select: { id: true, position: true },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    });
    const from = order.findIndex((q) => q.id === id);
    const to = direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= order.length) return;
    const ids = order.map((q) => q.id);
    [ids[from], ids[to]] = [ids[to], ids[from]];
    for (const [index, qid] of ids.entries()) {
      if (order.find((q) => q.id === qid)!.position !== index) {
        await tx.categoryQuestion.update({ where: { id: qid }, data: { position: index }, select: { id: true } });
      }
    }
    await audited(tx, actorUserId, id, { change: "move", direction, position: to });
  });
}

/** Every category's active questions in form order (the form shows them all; see report-form.tsx). */
export async function activeQuestions(client: typeof db | Tx = db): Promise<FormQuestion[]> {
  const rows = await client.categoryQuestion.findMany({
    where: { active: true },
    select: { id: true, category: true, kind: true, labelZh: true, labelEn: true, helpZh: true, helpEn: true, required: true, choices: true },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toView);
}

/**
 * The questions a report's answers refer to (`answers.extra` keys), retired ones included so that an
 * answer keeps its label, in form order. Use answerText (questions.ts) to show a choice's label.
 */
export async function questionsForAnswers(extra: Record<string, string> | undefined, client: typeof db | Tx = db): Promise<(FormQuestion & { active: boolean })[]> {
  const ids = Object.keys(extra ?? {});
  if (ids.length === 0) return [];
  const rows = await client.categoryQuestion.findMany({
    where: { id: { in: ids } },
    select: { id: true, category: true, kind: true, labelZh: true, labelEn: true, helpZh: true, helpEn: true, required: true, choices: true, active: true },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toView);
}

/** The answers typed into a form, by question id (every `q_<id>` field, whichever category it belongs to). */
export function typedAnswers(form: FormData, questions: readonly FormQuestion[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const q of questions) {
    const value = form.get(questionField(q.id));
    if (typeof value === "string") out[q.id] = asTyped(value);
  }
  return out;
}

/**
 * Checks the answers to the chosen category's active questions. Returns the answers to keep (only
 * that category's, only those given) or field errors keyed by the form field (`q_<id>`).
 */
export function checkAnswers({
  category,
  answers: typed,
  questions,
}: {
  category: string;
  /** Question id → the answer as typed (typedAnswers). */
  answers: Record<string, string>;
  questions: readonly FormQuestion[];
}): { ok: true; extra: Record<string, string> } | { ok: false; fieldErrors: Record<string, string> } {
  const extra: Record<string, string> = {};
  const fieldErrors: Record<string, string> = {};
  for (const q of questions) {
    if (q.category !== category) continue;
    const answer = typed[q.id] ?? "";
    const error = answerError(q, answer);
    if (error) fieldErrors[questionField(q.id)] = error;
    else if (answer.trim() !== "") extra[q.id] = answer;
  }
  return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors } : { ok: true, extra };
}
