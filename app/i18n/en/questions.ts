// The administrator's questions per report category (/admin/questions), how the report form shows
// them, and a handler's intake of a report on someone's behalf (/cases/new).
export const questions = {
  title: "Questions per category",
  intro:
    "Extra questions the report form asks for one category, after the standard ones. A retired question is no longer asked; answers already given keep its label.",
  newQuestion: "Add a question",
  newTitle: "Add a question",
  editTitle: "Edit a question",
  backToList: "Back to the questions",
  categoriesLabel: "Categories",
  tab: (category: string, active: number) => `${category} (${active})`,
  none: "No questions for this category yet.",
  categoryCount: (active: number, retired: number) => (retired > 0 ? `${active} active, ${retired} retired` : `${active} active`),
  columns: { label: "Question", kind: "Answer", required: "Required", status: "Status", order: "Order", actions: "Actions" },
  kinds: { TEXT: "Text", CHOICE: "Choice from a list", DATE: "Date" },
  active: "Active",
  retired: "Retired",
  moveUp: "Up",
  moveDown: "Down",
  moveUpLabel: (label: string) => `Move “${label}” up`,
  moveDownLabel: (label: string) => `Move “${label}” down`,
  retire: "Retire",
  reactivate: "Put back on the form",
  retireLabel: (label: string) => `Retire “${label}”`,
  reactivateLabel: (label: string) => `Put “${label}” back on the form`,
  retireHint: "Retiring removes the question from the form. Reports that answered it keep the answer and the label.",
  fields: {
    category: "Category",
    kind: "Kind of answer",
    labelZh: "Question in Chinese",
    labelEn: "Question in English",
    helpZh: "Help text in Chinese (optional)",
    helpEn: "Help text in English (optional)",
    required: "The reporter must answer it",
    choices: "Options (choice questions only)",
    choicesHint:
      "One option a line, written value | 中文 | English, for example: cash | 现金 | Cash. The value is what is stored with the report; “中文 | English” alone uses the English text as the value.",
  },
  done: {
    created: "The question was added. It is asked on the form now.",
    saved: "The question was saved.",
    retired: "The question was retired: the form no longer asks it.",
    reactivated: "The question is on the form again.",
    moved: "The order was saved.",
  },
  errors: {
    choicesTooFew: "Give at least two options, one a line.",
    choicesFormat: "Write each option as value | 中文 | English.",
    choicesDuplicate: "Two options have the same value.",
  },
  form: {
    onlyFor: (category: string) => `Only for: ${category}`,
    required: "(required)",
    choose: "Choose…",
    dateHint: "A date, written YYYY-MM-DD.",
  },
  intake: {
    title: "Record a report on someone's behalf",
    intro:
      "For a report received by phone, email, letter or in person. Type what the reporter says, in their words. Ask them which identity option they choose and whether anyone should be kept away from the report.",
    channelLegend: "How was the report received?",
    receiptTitle: "Report recorded",
    readBack: "Read this receipt to the reporter now, group by group. It is not shown again, and nobody can look it up later.",
    reporterFollowUp: (hotline: string, followUp: string) =>
      `With it the reporter can follow the report and answer questions: on the “${hotline}” page, choose “${followUp}”.`,
    leadsAssign: "The compliance leads have been told; one of them assigns the case, and it then appears in your queue if it is given to you.",
    openCase: "Open the case",
    another: "Record another report",
    /**
     * The report form's texts that speak to the reporter ("you"), as the intake says them to the
     * handler who types for the reporter. The rest of the form is the reporter's own.
     */
    voice: {
      whatHappenedHint: "The facts in the reporter's own words. This is the only question that must be answered.",
      involvedHint: "Names, positions or departments, as far as the reporter knows them.",
      howKnown: "How does the reporter know about it?",
      howKnownHint: "For example: they saw it, someone told them, they found documents.",
      identityLegend: "Who the reporter is",
      identity: {
        ANONYMOUS: { label: "Anonymous", hint: "Nobody learns who the reporter is. They follow up with the receipt you read out to them." },
        CONFIDENTIAL: {
          label: "Confidential",
          hint: "The reporter's name and contact are kept sealed; they are opened only after a recorded, justified request that the compliance lead approves.",
        },
        NAMED: { label: "Named", hint: "The case's handlers can see the reporter's name and contact." },
      },
      name: "The reporter's name",
      contact: "How to reach the reporter (phone or email)",
      identityFieldsHint: "Only for a confidential or named report. If the reporter stays anonymous, whatever is typed here is not kept.",
      excludeHint:
        "Tick any handler the reporter wants kept away from this report, for example because they are involved. Someone able to review the report must remain.",
    },
  },
};
