// Email templates: each renders subject, plain text and HTML from the recipient's message catalogue.
// Rendered when the email is queued, so the outbox holds exactly what was (or will be) sent.
import { getMessages, type Messages } from "../../i18n/messages";
import type { AppLocale } from "../../i18n/locales";

type Rendered = { subject: string; text: string; html: string };
type Content = { subject: string; paragraphs: string[]; action?: { label: string; url: string } };

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

function layout(m: Messages, recipientName: string | null, c: Content): Rendered {
  const paragraphs = [...(recipientName ? [m.mail.greeting(recipientName)] : []), ...c.paragraphs];
  const text = [
    ...paragraphs,
    ...(c.action ? [`${c.action.label}: ${c.action.url}`] : []),
    m.mail.signature,
    m.mail.automated,
  ].join("\n\n");
  const html = [
    '<div style="font-family:sans-serif;line-height:1.5;max-width:560px">',
    ...paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`),
    ...(c.action ? [`<p><a href="${escapeHtml(c.action.url)}">${escapeHtml(c.action.label)}</a></p>`] : []),
    `<p style="color:#666">${escapeHtml(m.mail.signature)}<br>${escapeHtml(m.mail.automated)}</p>`,
    "</div>",
  ].join("\n");
  return { subject: c.subject, text, html };
}

/** The reasons a case mail is sent; each is a template of its own (its key in m.mail.caseNotices). */
export const CASE_NOTICES = [
  "caseNewReport",
  "caseReporterReplied",
  "caseAssigned",
  "caseAssigneeRecused",
  "caseFindingsAwaitApproval",
  "caseFindingsApproved",
  "caseFindingsReturned",
  "caseReopened",
  "caseUrgent",
  "caseIdentityRequested",
  "caseIdentityApproved",
  "caseIdentityRejected",
  "caseTriageHandedOver",
] as const;
export type CaseNotice = (typeof CASE_NOTICES)[number];

function caseNotice(reason: CaseNotice) {
  return (m: Messages, p: { url: string }): Content => ({
    subject: m.mail.caseNotices[reason].subject,
    paragraphs: [m.mail.caseNotices[reason].body],
    action: { label: m.mail.caseNotices.action, url: p.url },
  });
}

/** Every template and the parameters it takes. Parameters are never report content. */
const TEMPLATES = {
  passwordReset: (m: Messages, p: { url: string; minutes: number }): Content => ({
    subject: m.mail.passwordReset.subject,
    paragraphs: [m.mail.passwordReset.body(p.minutes)],
    action: { label: m.mail.passwordReset.action, url: p.url },
  }),
  accountInvitation: (m: Messages, p: { url: string; minutes: number }): Content => ({
    subject: m.mail.accountInvitation.subject,
    paragraphs: [m.mail.accountInvitation.body(p.minutes)],
    action: { label: m.mail.accountInvitation.action, url: p.url },
  }),
  passwordChanged: (m: Messages, _p: Record<string, never>): Content => ({
    subject: m.mail.passwordChanged.subject,
    paragraphs: [m.mail.passwordChanged.body],
  }),
  // Case notices (ADR 0019): one template per reason a case comes to someone, each with its own
  // subject and one line saying why, and the case's link. Never a category, a reference, a name or
  // anything a reporter or handler wrote.
  caseNewReport: caseNotice("caseNewReport"),
  caseReporterReplied: caseNotice("caseReporterReplied"),
  caseAssigned: caseNotice("caseAssigned"),
  caseAssigneeRecused: caseNotice("caseAssigneeRecused"),
  caseFindingsAwaitApproval: caseNotice("caseFindingsAwaitApproval"),
  caseFindingsApproved: caseNotice("caseFindingsApproved"),
  caseFindingsReturned: caseNotice("caseFindingsReturned"),
  caseReopened: caseNotice("caseReopened"),
  caseUrgent: caseNotice("caseUrgent"),
  caseIdentityRequested: caseNotice("caseIdentityRequested"),
  caseIdentityApproved: caseNotice("caseIdentityApproved"),
  caseIdentityRejected: caseNotice("caseIdentityRejected"),
  caseTriageHandedOver: caseNotice("caseTriageHandedOver"),
  // The owner of a remediation action: its due date (org zone) and, when they can open the case, its link.
  remediationOwner: (m: Messages, p: { url: string | null; due: string }): Content => ({
    subject: m.mail.remediationOwner.subject,
    paragraphs: [p.url ? m.mail.remediationOwner.body(p.due) : m.mail.remediationOwner.bodyNoLink(p.due)],
    ...(p.url ? { action: { label: m.mail.remediationOwner.action, url: p.url } } : {}),
  }),
  // During a flood of web reports, one an hour instead of a mail per report: a count and the queue's link.
  newReportsDigest: (m: Messages, p: { count: number; url: string }): Content => ({
    subject: m.mail.newReportsDigest.subject,
    paragraphs: [m.mail.newReportsDigest.body(p.count)],
    action: { label: m.mail.newReportsDigest.action, url: p.url },
  }),
  // A clock's reminder: which clock and when it runs out (org zone, already formatted), and the link.
  caseClockDue: (m: Messages, p: { url: string; clock: "acknowledge" | "feedback"; due: string; overdue: boolean }): Content => ({
    subject: m.mail.caseClockDue.subject,
    paragraphs: [m.mail.caseClockDue.body(p.clock, p.due, p.overdue)],
    action: { label: m.mail.caseClockDue.action, url: p.url },
  }),
  // An auditor's grant to read a case: until when, and the link; not which case, nor why.
  caseAccessGranted: (m: Messages, p: { url: string; until: string }): Content => ({
    subject: m.mail.caseAccessGranted.subject,
    paragraphs: [m.mail.caseAccessGranted.body(p.until)],
    action: { label: m.mail.caseAccessGranted.action, url: p.url },
  }),
  // Role grants that open case content or the audit log (ADR 0014): to every compliance lead. The
  // role's name and a link to the requests page; no name of the account, which the page shows.
  roleGrantRequested: (m: Messages, p: { url: string; role: string }): Content => ({
    subject: m.mail.roleGrantRequested.subject,
    paragraphs: [m.mail.roleGrantRequested.body(roleName(m, p.role))],
    action: { label: m.mail.roleGrantRequested.action, url: p.url },
  }),
  roleGranted: (m: Messages, p: { url: string; role: string }): Content => ({
    subject: m.mail.roleGranted.subject,
    paragraphs: [m.mail.roleGranted.body(roleName(m, p.role))],
    action: { label: m.mail.roleGranted.action, url: p.url },
  }),
  roleRemoved: (m: Messages, p: { url: string; role: string }): Content => ({
    subject: m.mail.roleRemoved.subject,
    paragraphs: [m.mail.roleRemoved.body(roleName(m, p.role))],
    action: { label: m.mail.roleRemoved.action, url: p.url },
  }),
  twoFactorReset: (m: Messages, _p: Record<string, never>): Content => ({
    subject: m.mail.twoFactorReset.subject,
    paragraphs: [m.mail.twoFactorReset.body],
  }),
} satisfies Record<string, (m: Messages, p: never) => Content>;

function roleName(m: Messages, key: string): string {
  return (m.roles as Record<string, string>)[key] ?? key;
}

export type TemplateName = keyof typeof TEMPLATES;
export type TemplateParams<T extends TemplateName> = Parameters<(typeof TEMPLATES)[T]>[1];

export function renderEmail<T extends TemplateName>({
  template,
  locale,
  params,
  recipientName = null,
}: {
  template: T;
  locale: AppLocale;
  params: TemplateParams<T>;
  recipientName?: string | null;
}): Rendered {
  const m = getMessages(locale);
  const build = TEMPLATES[template] as (m: Messages, p: TemplateParams<T>) => Content;
  return layout(m, recipientName, build(m, params));
}
