import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { getMessages, type Messages } from "../i18n/messages";
import { isAppLocale } from "../i18n/locales";
import { useLocale } from "../i18n/use-messages";

function titleAndBody(m: Messages, status: number, data: unknown): [string, string] {
  if (status === 500 && typeof data === "object" && data !== null && (data as { caseKeyUnavailable?: unknown }).caseKeyUnavailable === true) {
    return [m.common.caseKeyUnavailableTitle, m.common.caseKeyUnavailableBody];
  }
  if (status === 404) return [m.common.notFoundTitle, m.common.notFoundBody];
  if (status === 403) return [m.common.forbiddenTitle, m.common.forbiddenBody];
  if (status === 413) return [m.common.tooLargeTitle, m.common.tooLargeBody];
  if (status === 405) return [m.common.methodTitle, m.common.methodBody];
  if (status === 400 || status === 415) return [m.common.badRequestTitle, m.common.badRequestBody];
  return [m.common.errorTitle, m.common.errorBody];
}

/**
 * The one error view. It shows a status and a fixed, translated explanation: never the error's
 * message or stack, which could reveal internals (the server logs those, content-free). An error
 * answer may name its language (`data.locale`): caught at the root, the root loader that knows the
 * visitor's language has not run.
 */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const pageLocale = useLocale();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const named = isRouteErrorResponse(error) && error.data && typeof error.data === "object" ? (error.data as { locale?: unknown }).locale : undefined;
  const locale = typeof named === "string" && isAppLocale(named) ? named : pageLocale;
  const m = getMessages(locale);
  const [title, body] = titleAndBody(m, status, isRouteErrorResponse(error) ? error.data : undefined);
  return (
    <section className="error-page" role="alert" lang={locale}>
      <p className="error-status">{status}</p>
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        <Link to="/">{m.common.goHome}</Link>
      </p>
    </section>
  );
}
