// A redirect target must fit in a Location header: a control character (CR, LF, NUL …) or a
// character outside ASCII there makes the header invalid, and the response a 500 instead of a
// redirect. Whatever path checks a target applies (safeRedirectPath), this keeps it writable.

/** The path with every character outside printable ASCII percent-encoded (UTF-8); `fallback` if it cannot be. */
export function headerSafePath(path: string, fallback = "/"): string {
  try {
    return path.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
  } catch {
    // A lone surrogate has no UTF-8 form.
    return fallback;
  }
}
