// Names of the hidden fields the form machinery adds (ADR 0018), shared by server and browser code.

/** The one-time key of a form that creates something. */
export const FORM_KEY_FIELD = "formKey";

/** Asks an action to show carried values (after signing in again) instead of acting on them. */
export const RESTORE_FIELD = "_restore";
