import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useMessages } from "../i18n/use-messages";

/**
 * The one error view. It shows a status and a fixed, translated explanation: never the error's
 * message or stack, which could reveal internals (the server logs those, content-free).
 */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const m = useMessages();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, body] =
    status === 404
      ? [m.common.notFoundTitle, m.common.notFoundBody]
      : status === 403
        ? [m.common.forbiddenTitle, m.common.forbiddenBody]
        : [m.common.errorTitle, m.common.errorBody];
  return (
    <section className="error-page" role="alert">
      <p className="error-status">{status}</p>
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        <Link to="/">{m.common.goHome}</Link>
      </p>
    </section>
  );
}
