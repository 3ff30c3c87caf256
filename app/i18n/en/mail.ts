// Email texts. Notification emails never carry report content (a rule of the product).
export const mail = {
  greeting: (name: string) => `Hello ${name},`,
  signature: "— Sunline, the compliance and ethics portal",
  automated: "This is an automated message. Do not reply to it.",
  passwordReset: {
    subject: "Reset your Sunline password",
    body: (minutes: number) =>
      `Someone asked to reset the password of your Sunline account. If it was you, open the link below within ${minutes} minutes and choose a new password. The link works once.\n\nIf it was not you, ignore this email: your password stays as it is.`,
    action: "Choose a new password",
  },
  accountInvitation: {
    subject: "Your Sunline account",
    body: (minutes: number) =>
      `An account has been created for you on Sunline, the compliance and ethics portal. Open the link below within ${minutes} minutes to choose your password. The link works once.`,
    action: "Choose your password",
  },
  passwordChanged: {
    subject: "Your Sunline password was changed",
    body: "The password of your Sunline account was just changed and every other session was signed out. If you did not do this, contact your administrator at once.",
  },
  /** Why a case comes to the recipient, one line each (ADR 0019): never what the case is about. */
  caseNotices: {
    action: "Open the case",
    caseNewReport: {
      subject: "A new report has arrived",
      body: "A new report has arrived on the hotline and waits to be triaged. Sign in to see it; for the reporter's protection this email says nothing more.",
    },
    caseReporterReplied: {
      subject: "The reporter replied",
      body: "The reporter wrote a new message on a case you handle. Sign in to read it; for the reporter's protection this email says nothing more.",
    },
    caseAssigned: {
      subject: "You were assigned a case",
      body: "You have been assigned to a case as its handler. Sign in to see it; for the reporter's protection this email says nothing more.",
    },
    caseAssigneeRecused: {
      subject: "A handler stepped back from a case",
      body: "A handler recused themselves from a case you triage; it may need someone else. Sign in to see it; for the reporter's protection this email says nothing more.",
    },
    caseFindingsAwaitApproval: {
      subject: "Findings await your approval",
      body: "The findings of a case have been recorded and wait for a compliance lead's approval. Sign in to review them; for the reporter's protection this email says nothing more.",
    },
    caseFindingsApproved: {
      subject: "Findings approved: the case can be closed",
      body: "The findings of a case you handle were approved; it can now be closed. Sign in to see it; for the reporter's protection this email says nothing more.",
    },
    caseFindingsReturned: {
      subject: "Findings sent back",
      body: "The findings of a case you handle were sent back for more investigation. Sign in to see why; for the reporter's protection this email says nothing more.",
    },
    caseReopened: {
      subject: "A case was reopened",
      body: "A case you handle was reopened for more investigation. Sign in to see why; for the reporter's protection this email says nothing more.",
    },
    caseUrgent: {
      subject: "A case was flagged urgent",
      body: "A case was flagged urgent, and the audit team is told at once. Sign in to see it; for the reporter's protection this email says nothing more.",
    },
    caseIdentityRequested: {
      subject: "A request to see a reporter's identity",
      body: "A handler asks to see a confidential reporter's identity and waits for a decision. Sign in to decide; for the reporter's protection this email says nothing more.",
    },
    caseIdentityApproved: {
      subject: "Your identity request was approved",
      body: "Your request to see a confidential reporter's identity was approved. Sign in to see it; for the reporter's protection this email says nothing more.",
    },
    caseIdentityRejected: {
      subject: "Your identity request was declined",
      body: "Your request to see a confidential reporter's identity was declined. Sign in to see the case; for the reporter's protection this email says nothing more.",
    },
    caseTriageHandedOver: {
      subject: "A case is now yours to triage",
      body: "Who triages a case has changed, and it is now yours to triage. Sign in to see it; for the reporter's protection this email says nothing more.",
    },
  },
  remediationOwner: {
    subject: "You own a remediation action",
    body: (due: string) => `You are responsible for a remediation action that follows a case, due on ${due}. Sign in to see it; this email says nothing more.`,
    bodyNoLink: (due: string) =>
      `You are responsible for a remediation action that follows a case, due on ${due}. The compliance & ethics office will tell you what is needed; this email says nothing more.`,
    action: "Open the action",
  },
  newReportsDigest: {
    subject: "New reports on the hotline",
    body: (count: number) =>
      `The hotline is receiving an unusual number of reports. ${count === 1 ? "1 new report" : `${count} new reports`} came in without an email of their own; while this lasts you get one summary an hour. Sign in to triage them; for the reporters' protection this email says nothing more.`,
    action: "Open the case queue",
  },
  caseClockDue: {
    subject: "A case deadline is near",
    body: (clock: "acknowledge" | "feedback", due: string, overdue: boolean) =>
      `${clock === "acknowledge" ? "The reporter must receive an acknowledgement" : "The reporter must receive feedback"} by ${due}${overdue ? ", and that time has passed" : ""}. Sign in to see the case; for the reporter's protection this email says nothing more.`,
    action: "Open the case",
  },
  caseAccessGranted: {
    subject: "You may read a case",
    body: (until: string) =>
      `A compliance lead has given you access to read a case on Sunline until the end of ${until}. Sign in to see it; for the reporter's protection this email says nothing more.`,
    action: "Open the case",
  },
  roleGrantRequested: {
    subject: "A role change waits for your approval",
    body: (role: string) =>
      `An administrator asked to give an account the role "${role}", which can read case content or the audit log. It takes effect only when a compliance lead approves it.`,
    action: "Review the request",
  },
  roleGranted: {
    subject: "A role that reads cases was granted",
    body: (role: string) => `An account was given the role "${role}", which can read case content or the audit log, after a compliance lead approved it.`,
    action: "See role requests",
  },
  roleRemoved: {
    subject: "A role that reads cases was removed",
    body: (role: string) => `The role "${role}", which can read case content or the audit log, was taken away from an account.`,
    action: "See role requests",
  },
  twoFactorReset: {
    subject: "Your two-factor authentication was reset",
    body: "An administrator reset the two-factor authentication of your Sunline account and signed it out everywhere. If your role requires it, you will set it up again at your next sign-in. If you did not ask for this, contact your administrator at once.",
  },
  /** The administrator's outbox pages (/admin/outbox). */
  outbox: {
    title: "Outbox",
    intro: "Every email Sunline sends waits here first. It is written in the recipient's language when it is queued, and the sender retries with growing pauses while the mail server is unreachable.",
    localTransport: "This installation uses the local mail transport: messages are marked sent but leave no server. Read them here.",
    all: "All",
    statusCount: (label: string, count: number) => `${label} (${count})`,
    filterLabel: "Show",
    status: { QUEUED: "Queued", SENT: "Sent", FAILED: "Failed" },
    locales: { zh_CN: "Chinese", en: "English" },
    created: "Queued at",
    recipient: "To",
    subject: "Subject",
    language: "Language",
    statusHeading: "Status",
    attempts: "Attempts",
    empty: "No messages.",
    template: "Template",
    nextAttempt: "Next attempt",
    sentAt: "Sent at",
    messageId: "Message-ID",
    lastError: "Last error",
    textBody: "Text",
    htmlBody: "HTML",
    htmlNote: "Shown in a sandbox: nothing in the message runs here, and its own styling is not applied.",
    htmlSource: "HTML source",
    redacted: "One-time links are shortened to … here: this message goes to its recipient by email, and only the recipient should be able to use them.",
    retry: "Queue again",
    retryHint: "The message goes back into the queue with its attempts reset; the sender tries it within a few seconds.",
    retried: "The message is queued again.",
    linkExpires: "Link valid until",
    back: "Back to the outbox",
    /** Why a message was not queued again, by the refusal's code. */
    errors: {
      notRetryable: "Only a failed message can be queued again.",
      linkExpired: "The link in this message has expired, so it was not sent. Issue a new one (a new password reset or invitation) instead of queuing this message again.",
    },
  },
};
