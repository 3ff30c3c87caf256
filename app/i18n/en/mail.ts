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
};
