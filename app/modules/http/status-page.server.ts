// A small page for answers given outside a route's components: by the server before Remix runs
// (405, 413) and by resource routes (no component of their own to show an error). Text from the
// catalogue in the visitor's language; nothing from the request is echoed.
import { getMessages } from "../../i18n/messages";
import type { AppLocale } from "../../i18n/locales";

export type PlainStatus = 400 | 405 | 411 | 413;

export function plainStatusPage(status: PlainStatus, locale: AppLocale): string {
  const c = getMessages(locale).common;
  const [title, body] = status === 413 ? [c.tooLargeTitle, c.tooLargeBody] : status === 405 ? [c.methodTitle, c.methodBody] : [c.badRequestTitle, c.badRequestBody];
  return `<!doctype html><html lang="${locale}"><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><p>${body}</p><p><a href="/">${c.goHome}</a></p></html>`;
}

/** The page as a response, for a resource route to throw or return. */
export function plainStatusResponse(status: PlainStatus, locale: AppLocale): Response {
  return new Response(plainStatusPage(status, locale), { status, headers: { "Content-Type": "text/html; charset=utf-8" } });
}
