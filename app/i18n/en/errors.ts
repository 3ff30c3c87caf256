// Validation messages, keyed by the code a Zod schema puts in its issue message.
export const errors = {
  invalid: "This value is not valid.",
  required: "This field is required.",
  email: "Enter a valid email address.",
  tooLong: "This is too long.",
  tooShort: "This is too short.",
  date: "Enter a date as YYYY-MM-DD.",
  choice: "Choose one of the options.",
  formInvalid: "Please correct the fields marked below. Nothing was saved.",
  reauthWrong: "Your password is not correct. Nothing was changed; type your own password again to confirm.",
  storageUnavailable: "The server cannot save right now. Nothing was saved; what you typed is kept below. Please try again in a few minutes.",
  reauthThrottled: "Too many wrong passwords. For your security, wait a few minutes before trying again. Nothing was changed.",
};
