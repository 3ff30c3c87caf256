// Where to send someone after signing in or switching language: only a path on this site. Browsers
// forgive a lot in a Location header — they drop tabs and newlines ("/\t/evil" becomes "//evil"),
// read "\" as "/", and resolve "//host" to another site — so a string check is not enough. The
// candidate is parsed the way a browser would (WHATWG URL, against a dummy origin), must stay on
// that origin, and what is returned is the re-serialised path, search and hash, never the input.
const DUMMY_ORIGIN = "http://sunline.invalid";
// C0 controls, DEL and the C1 range: never part of a path someone meant.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function safeRedirectPath(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2_048) return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.includes("\\") || CONTROL.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, DUMMY_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== DUMMY_ORIGIN) return fallback;
  const path = url.pathname + url.search + url.hash;
  // A pathname that serialises to "//…" would be read as another host when sent back.
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}
