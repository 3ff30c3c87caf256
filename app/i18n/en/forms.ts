// Forms across the app: signing in again without losing what was typed, the error summary at the top
// of a form, and the marker of a field required only in some cases.
export const forms = {
  signedOut: {
    title: "You were signed out to protect you",
    intro:
      "Your session ended after a while without activity, so what you just sent was not saved. Nothing you typed is lost: it is held in this page only (not stored anywhere). Sign in again and it will be back in its box, ready to send.",
    filesAgain: "Files you had attached cannot be carried over: attach them again after signing in.",
    signIn: "Sign in and get my text back",
    codeIntro: "Enter the code from your authenticator app to finish signing in.",
    codeSubmit: "Continue",
    continueTitle: "You are signed in again",
    continueIntro: "Your text is ready to go back into its box. It will not be sent until you send it.",
    continue: "Back to my text",
    nothingCarried: "There was nothing to carry over. Sign in to continue.",
    restored: "You are signed in again. What you typed is back in its box and has not been sent yet: check it and send it.",
  },
  errorSummary: {
    heading: (count: number) => (count === 1 ? "There is a problem with 1 field" : `There are problems with ${count} fields`),
    formOnly: "The form could not be sent",
  },
  requiredWhen: (condition: string) => `(required when ${condition})`,
  conditions: {
    identityGiven: "the report is confidential or named",
    lossNeeded: "the findings are substantiated or partly substantiated",
  },
};
