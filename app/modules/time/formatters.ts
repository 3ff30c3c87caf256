// Intl.DateTimeFormat objects are costly to build and immutable once built: a CPU profile of the
// server under load found a few percent of its time constructing them, one per date on a page and
// one per wall-clock reading. Each (locale, options) pair is built once and reused. Nothing here is
// state another instance could need: it is a memo of pure objects, the same in every process.
// Bounded, since zones come from settings and tests try many: past the bound it starts again.
const MAX_FORMATTERS = 256;
const formatters = new Map<string, Intl.DateTimeFormat>();

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    // Built before it is kept: an unknown zone throws here, and nothing is cached for it.
    format = new Intl.DateTimeFormat(locale, options);
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, format);
  }
  return format;
}
