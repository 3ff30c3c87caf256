// The report's own content for the case page, opened with a key the caller already holds (from
// openCaseKey, which wrote the audited read) instead of unwrapping the report key again. The
// reporter's identity is opened by its own function, so a page that must not show it never opens it.
import { db } from "../db/db.server";
import { fieldContext, openField } from "../crypto/sealing.server";
import type { ReportAnswers, ReportIdentity } from "../hotline/reports.server";
import type { AppLocale } from "../../i18n/locales";
import { downloadExtension, downloadFileName } from "../hotline/download.server";
import { questionsForAnswers } from "../hotline/questions.server";
import { answerText } from "../hotline/questions";
import { localized } from "../../i18n/localized";


/** An answer to one of the administrator's per-category questions, with its label in the reader's language. */
export type ExtraAnswer = { questionId: string; label: string; value: string };

type SealedAnswers = ReportAnswers & { extra?: Record<string, unknown> };

export async function openCaseAnswers({ key, reportId, locale }: { key: Buffer; reportId: string; locale: AppLocale }): Promise<{ answers: ReportAnswers; extra: ExtraAnswer[] }> {
  const row = await db.report.findUniqueOrThrow({ where: { id: reportId }, select: { sealedAnswers: true } });
  const opened = JSON.parse(openField(key, row.sealedAnswers, fieldContext("Report", reportId, "answers"))) as SealedAnswers;
  const { extra: rawExtra, ...answers } = opened;
  return { answers, extra: await labelExtraAnswers(rawExtra, locale) };
}

/**
 * Answers stored under `extra` ({questionId: value}) get the question's label (retired questions
 * keep theirs, questionsForAnswers); a choice shows its label rather than its value. Answers whose
 * question no longer exists are left out. One query whatever the number of answers.
 */
async function labelExtraAnswers(extra: Record<string, unknown> | undefined, locale: AppLocale): Promise<ExtraAnswer[]> {
  if (!extra || typeof extra !== "object") return [];
  const answers = Object.fromEntries(Object.entries(extra).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  const questions = await questionsForAnswers(answers);
  return questions.map((q) => ({ questionId: q.id, label: localized(q, "label", locale), value: answerText(q, answers[q.id], locale) }));
}

/** The reporter's name and contact (confidential and named reports), or null. */
export async function openCaseIdentity({ key, reportId }: { key: Buffer; reportId: string }): Promise<ReportIdentity | null> {
  const row = await db.report.findUniqueOrThrow({ where: { id: reportId }, select: { sealedIdentity: true } });
  if (!row.sealedIdentity) return null;
  return JSON.parse(openField(key, row.sealedIdentity, fieldContext("Report", reportId, "identity"))) as ReportIdentity;
}

/** The file name a download is saved under (the names listed on the case pages are the same). */
export function downloadName(name: string | null, kind: string): string {
  return downloadFileName(name, downloadExtension({ kind }));
}
