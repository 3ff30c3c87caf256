// The error view of a case tab. A viewer who sees a case's metadata but may not read its content (an
// auditor on an urgent case without a grant) gets the tab's 403 with { needsGrant: true }: under the
// case header (the layout renders normally) they read that the content needs a grant, not a bare 403.
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useMessages } from "../i18n/use-messages";
import { GeneralErrorBoundary } from "./error-boundary";

function isNeedsGrant(data: unknown): boolean {
  return typeof data === "object" && data !== null && (data as { needsGrant?: unknown }).needsGrant === true;
}

export function CaseTabErrorBoundary() {
  const error = useRouteError();
  const m = useMessages();
  if (isRouteErrorResponse(error) && error.status === 403 && isNeedsGrant(error.data)) {
    const g = m.cases.grants;
    return (
      <section className="card stack" role="status" aria-labelledby="needs-grant-heading">
        <h2 id="needs-grant-heading">{g.needsGrantTitle}</h2>
        <p>{g.needsGrantBody}</p>
      </section>
    );
  }
  return <GeneralErrorBoundary />;
}
