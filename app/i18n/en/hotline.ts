// The anonymous hotline: the reporter's form and receipt (/report).
export const hotline = {
  attachmentKinds: {
    jpeg: "JPEG",
    png: "PNG",
    gif: "GIF",
    webp: "WebP",
    pdf: "PDF",
    text: "text",
    docx: "Word (.docx)",
    xlsx: "Excel (.xlsx)",
    pptx: "PowerPoint (.pptx)",
    mp3: "MP3",
    m4a: "M4A",
    wav: "WAV",
    ogg: "Ogg",
    mp4: "MP4",
    mov: "QuickTime (.mov)",
  },
  headerLink: "Ethics hotline",
  /** The hotline's start page (/hotline): the two ways in. */
  start: {
    title: "Ethics hotline",
    intro:
      "Tell the compliance and ethics office about a breach of the code of conduct, the law or company rules — or come back to a report you made. No account is needed and you may stay anonymous.",
    choices: "What would you like to do?",
    report: "Make a report",
    reportHint: "Describe what happened. You get a receipt to follow up with.",
    followUp: "Follow up on a report",
    followUpHint: "Enter your receipt to read replies, answer questions and add files.",
    privacy: "These pages do not record your address or browser, and set no cookie until you open a report with its receipt.",
  },
  fromLogin: "No account is needed to report a concern or to follow up on a report:",
  signedInNote:
    "You are signed in to Sunline in this browser, but the hotline does not link what you do here to your account: a report carries neither your account nor your name, unless you type your name yourself. To leave no trace in this browser either, use a private window.",
  form: {
    title: "Report a concern",
    intro:
      "You do not need an account, and you may stay anonymous. This page does not record your address or browser, and sets no cookie.",
    alreadyReported: "Already made a report?",
    alreadyReportedLink: "Follow up on it with your receipt",
    categoryLegend: "What is it about?",
    categories: {
      GIFTS: {
        label: "Gifts, hospitality and kickbacks",
        hint: "Accepting or offering money, gifts, meals, trips or favours that could influence a business decision.",
      },
      MISAPPROPRIATION: {
        label: "Misuse of company assets",
        hint: "Taking, diverting or using company money, goods, equipment or data for private purposes.",
      },
      FICTITIOUS_TRANSACTIONS: {
        label: "Fictitious transactions",
        hint: "Invented or inflated invoices, expenses, sales or contracts; falsified records or accounts.",
      },
      OUTSIDE_COMPETITION: {
        label: "Competing business and conflicts of interest",
        hint: "Running or working for a competing business, or dealing with a company in which you or your family have an interest.",
      },
      CONFIDENTIAL_INFORMATION: {
        label: "Leaking confidential information",
        hint: "Passing on trade secrets, customer data, prices or other non-public information without authorisation.",
      },
      OTHER: {
        label: "Something else",
        hint: "Any other breach of the code of conduct, the law or company rules.",
      },
    },
    questionsLegend: "What happened",
    whatHappened: "What happened?",
    whatHappenedHint: "Describe the facts in your own words. This is the only question you must answer.",
    when: "When did it happen?",
    whenHint: "A date, a period, or whether it is still going on.",
    where: "Where did it happen?",
    involved: "Who is involved?",
    involvedHint: "Names, positions or departments, as far as you know them.",
    howKnown: "How do you know about it?",
    howKnownHint: "For example: you saw it, someone told you, you found documents.",
    othersAware: "Does anyone else know about it?",
    identityLegend: "Who you are",
    identity: {
      ANONYMOUS: { label: "Stay anonymous", hint: "Nobody learns who you are. You follow up with your receipt." },
      CONFIDENTIAL: {
        label: "Confidential",
        hint: "Your name and contact are kept sealed; they are opened only after a recorded, justified request that the compliance lead approves.",
      },
      NAMED: { label: "Give my name", hint: "The people handling the report can see your name and contact." },
    },
    name: "Your name",
    contact: "How to reach you (phone or email)",
    identityFieldsHint: "Only for a confidential or named report. If you stay anonymous, whatever is typed here is not kept.",
    excludeLegend: "Keep people away from this report (optional)",
    excludeHint:
      "Tick anyone who handles reports and should not see this one, for example because they are involved. Someone able to review the report must remain.",
    noHandlers: "No handlers are listed at the moment.",
    attachmentsLabel: "Files (optional)",
    attachmentsHint: (count: number, megabytes: number) =>
      `Up to ${count} files, ${megabytes} MB each: photos, PDFs, text, Office documents, audio or video.`,
    metadataRemoved: "Photos (JPEG, PNG, GIF, WebP) and PDFs are cleaned before they are stored: location, camera, author and similar details are removed.",
    metadataKept: (kinds: string) =>
      `These kinds keep their hidden details (such as author, device or dates) as they are: ${kinds}. Remove them yourself first if they could identify you.`,
    kindSeparator: ", ",
    filesAgain: "For your safety the files you chose were not kept. Please choose them again.",
    attachmentRefused: {
      empty: (name: string) => `“${name}” is empty.`,
      unsupportedType: (name: string) => `“${name}” is not a kind of file we accept.`,
      executable: (name: string) => `“${name}” is a program or script, which we do not accept.`,
      markup: (name: string) => `“${name}” is a web page, SVG or XML file, which we do not accept.`,
      macros: (name: string) => `“${name}” contains macros. Save it without macros (e.g. as .docx) and try again.`,
      heic: (name: string) => `“${name}” is a HEIC photo, whose location data we cannot remove. Export it as JPEG first.`,
      encryptedPdf: (name: string) => `“${name}” is a password-protected PDF. Remove the password and try again.`,
      tooLarge: (name: string) => `“${name}” is too large.`,
      damaged: (name: string) => `“${name}” appears to be damaged and cannot be read.`,
    },
    tooManyFiles: (count: number) => `You can attach at most ${count} files.`,
    fileTooBig: (megabytes: number) => `A file is larger than ${megabytes} MB.`,
    submit: "Send the report",
    invalid: "Please correct the fields marked below. Nothing was sent.",
    noTriagerRemains:
      "You excluded everyone who can review reports. Untick at least one compliance lead; nothing was sent.",
    unknownExclusion: "The list of people to exclude changed. Please check your choice again; nothing was sent.",
    busy: "The hotline is receiving an unusual number of reports. Please try again in a few minutes. Nothing was saved; your text is below.",
    unavailable:
      "The server cannot store this right now. Nothing was saved; your text is below. Please try again in a few minutes.",
  },
  receipt: {
    title: "Your report has been received",
    receiptHeading: "Your receipt",
    receiptIntro: "Write this receipt down or copy it now. It is shown only this once and cannot be shown again.",
    referenceLabel: "Case reference",
    referenceHint: "The first part of the receipt. It identifies the report but does not let anyone read it.",
    keepSafe:
      "Keep the receipt somewhere safe and private. Anyone who has it can read the replies to your report. Nobody, including us, can recover it for you.",
    followUp: "Come back with it to read replies and answer questions:",
    followUpLink: "Follow up on a report",
    duplicateTitle: "This report was already received",
    duplicateBody: (reference: string) =>
      `The form was sent twice; only one report (case reference ${reference}) was filed. Its receipt was shown once, when it was first sent, and cannot be shown again.`,
  },
};
