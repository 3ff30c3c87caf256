// The reporter's follow-up (/report/follow-up): the receipt form, the case as the reporter sees it,
// the reply form.
export const followup = {
  title: "Follow up on your report",
  intro: "Enter the receipt you were given when you filed your report to read replies, answer questions and add files.",
  notReportedYet: "Have not made a report yet?",
  makeReportLink: "Make a report",
  receiptLabel: "Your receipt",
  receiptHint:
    "Six groups of four letters and digits, for example K7QM-3TXD-…. Dashes and spaces are optional, and upper or lower case both work.",
  open: "Open my report",
  cookieNote:
    "Once the receipt is accepted, a cookie keeps your report open until you leave or stop using the page for a few minutes. It holds nothing about you, and this page does not record your address or browser.",
  format: {
    empty: "Enter your receipt.",
    characters: "The receipt contains a character that is not in any receipt. Receipts use digits 2–9 and letters without vowels, L or Y.",
    length: "A receipt has 24 letters and digits (six groups of four). Check that nothing is missing or extra.",
  },
  refused: "That receipt does not open a report. Check it and try again.",
  refusedPurgeHint:
    "A case closed some time ago may have been deleted under the retention rules: its content is then gone, and no receipt opens it any more.",
  refusedWait: (minutes: number) => `After several wrong attempts, this case reference can be tried again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
  referenceBlocked: (minutes: number) =>
    `Too many wrong attempts for this case reference. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
  siteBlocked: (minutes: number) => `Too many attempts on the site. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
  sessionEnded: "You were signed out to protect you after a few minutes without activity. Your report is still open with the ethics office. Enter your receipt again to continue.",
  sessionEndedNotSent:
    "You were signed out to protect you after a few minutes without activity, so your message has not been sent yet. It is not lost: it is kept in this page only. Enter your receipt again and it will be back in its box, ready to send.",
  filesAgainAfterReceipt: "Files you had attached cannot be kept this way: attach them again before sending.",
  replyRestored: "Your message is back in its box and has not been sent yet: check it and send it.",
  sessionEndsAt: (minutes: number, time: string, timeZone: string) =>
    `To protect you, this page signs you out after ${minutes} minutes without activity: if you do nothing more, at ${time} (${timeZone} time). Sending or opening a page starts the ${minutes} minutes again.`,
  sessionEndingSoon: "To protect you, you will be signed out in about two minutes. What you have typed stays in its box.",
  stay: "Stay signed in",
  sessionEndedWarning:
    "You have been signed out to protect you. What you typed is still in its box: when you send it, you will be asked for your receipt, and it will not be lost.",
  left: "You have left your report. Close this window if others use this computer.",
  invalid: "Something was missing from the form. Please try again.",

  reportHeading: (reference: string) => `Report ${reference}`,
  statusLabel: "Status",
  status: {
    RECEIVED: "Received, being assessed",
    INVESTIGATING: "Being investigated",
    CONCLUDING: "Investigation concluding",
    CLOSED: "Closed",
  },
  receivedLabel: "Received on",
  purged: "This case is closed and its content has been deleted under the retention rules. Nothing more can be read or added.",
  leave: "Leave",
  leaveHint: "Leave when you are done, especially on a shared computer.",

  reportedHeading: "What you reported",
  yourFiles: "Files you sent with the report",

  messagesHeading: "Messages",
  noMessages: "No messages yet.",
  from: {
    REPORTER: "You",
    OFFICE: "Compliance and ethics office",
    SYSTEM: "Sunline",
  },
  templates: {
    acknowledgement: (acknowledgeBy: string, feedbackBy: string) =>
      `Thank you: your report has been received and will be assessed by the compliance and ethics office. You can expect a first reply here by ${acknowledgeBy}, and feedback on what is being done by ${feedbackBy}. Come back with your receipt to read replies and answer questions.`,
  } as Record<string, (acknowledgeBy: string, feedbackBy: string) => string>,
  unknownTemplate: "A message from Sunline.",
  download: "Download",
  unnamedFile: (kind: string) => `${kind} file`,
  fileSize: (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`),

  replyHeading: "Write to the compliance and ethics office",
  /** Above the reply box once the case is closed: who still reads it. */
  closedReplyNote: "The case is closed. The compliance & ethics office still reads messages here.",
  replyLabel: "Your message",
  replyHint: "Answer their questions or add anything you have learned since. Do not include your name unless you want to.",
  send: "Send",
  sent: "Your message was sent.",
  replyFailed: "Your message was not sent. Please correct what is marked below.",
  replyUnavailable:
    "The server cannot store this right now. Your message was not sent; your text is below. Please try again in a few minutes.",
};
