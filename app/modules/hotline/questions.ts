// The administrator's own questions per report category (issue 3, point 1): shapes and the plain-text
// format of a choice question's options, shared by the admin pages, the report form and the server.
// Client-safe.
import { isIsoDate } from "../time/dates";
import { localizedText } from "../../i18n/localized";
import type { AppLocale } from "../../i18n/locales";

export const QUESTION_KINDS = ["TEXT", "CHOICE", "DATE"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export type QuestionChoice = { value: string; zh: string; en: string };

/** A question as the report form shows it (both languages: the page picks the reader's). */
export type FormQuestion = {
  id: string;
  category: string;
  kind: QuestionKind;
  labelZh: string;
  labelEn: string;
  helpZh: string | null;
  helpEn: string | null;
  required: boolean;
  choices: QuestionChoice[];
};

/** Longest answer to an administrator's question (a free-text answer like the report's own questions). */
export const MAX_EXTRA_ANSWER_LENGTH = 4_000;
export const MAX_CHOICES = 50;

/** The form field of a question's answer. */
export const questionField = (id: string) => `q_${id}`;

/** The stored JSON of a question's options; anything malformed reads as no options. */
export function parseStoredChoices(json: string): QuestionChoice[] {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value.filter(
      (c): c is QuestionChoice => !!c && typeof c === "object" && typeof c.value === "string" && typeof c.zh === "string" && typeof c.en === "string",
    );
  } catch {
    return [];
  }
}

/** Options as the administrator types them: one a line, `value | 中文 | English`. */
export function formatChoicesText(choices: readonly QuestionChoice[]): string {
  return choices.map((c) => `${c.value} | ${c.zh} | ${c.en}`).join("\n");
}

/**
 * Reads the options box. A line may also be just `中文 | English` (the value is then the English
 * text) or a single text used for all three. Errors are error keys (i18n errors / questions.errors).
 */
export function parseChoicesText(text: string): { ok: true; choices: QuestionChoice[] } | { ok: false; error: string } {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  if (lines.length < 2) return { ok: false, error: "choicesTooFew" };
  if (lines.length > MAX_CHOICES) return { ok: false, error: "tooLong" };
  const choices: QuestionChoice[] = [];
  for (const line of lines) {
    const parts = line.split("|").map((p) => p.trim());
    if (parts.length > 3 || parts.some((p) => p === "")) return { ok: false, error: "choicesFormat" };
    const [value, zh, en] = parts.length === 3 ? parts : parts.length === 2 ? [parts[1], parts[0], parts[1]] : [parts[0], parts[0], parts[0]];
    if (value.length > 100 || zh.length > 200 || en.length > 200) return { ok: false, error: "tooLong" };
    choices.push({ value, zh, en });
  }
  if (new Set(choices.map((c) => c.value)).size !== choices.length) return { ok: false, error: "choicesDuplicate" };
  return { ok: true, choices };
}

/** Error key for an answer to a question, or null when the answer is acceptable ("" = not answered). */
export function answerError(question: Pick<FormQuestion, "kind" | "required" | "choices">, answer: string): string | null {
  if (answer.trim() === "") return question.required ? "required" : null;
  if (answer.length > MAX_EXTRA_ANSWER_LENGTH) return "tooLong";
  if (question.kind === "CHOICE" && !question.choices.some((c) => c.value === answer)) return "choice";
  if (question.kind === "DATE" && !isIsoDate(answer)) return "date";
  return null;
}

/**
 * An answer as a reader sees it: a choice's label in their language (the stored value when the
 * option has since been removed), other answers as given.
 */
export function answerText(question: Pick<FormQuestion, "kind" | "choices">, answer: string, locale: AppLocale): string {
  if (question.kind !== "CHOICE") return answer;
  const choice = question.choices.find((c) => c.value === answer);
  return choice ? localizedText(choice, locale) : answer;
}
