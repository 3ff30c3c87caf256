import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/modules/auth/session.server";
import { parseForm } from "~/modules/http/forms";
import { getSetting } from "~/modules/settings/settings.server";
import { departmentTree } from "~/modules/people/departments.server";
import { createPerson } from "~/modules/people/people.server";
import { personFormSchema } from "~/modules/people/people.schema";
import { invalidForm, type ActionFailure } from "~/modules/http/respond.server";
import { directoryFailure } from "~/modules/people/http.server";
import { PersonForm } from "~/modules/people/person-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useMessages } from "~/i18n/use-messages";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.newPerson);

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:people:any");
  const [departments, timeZone] = await Promise.all([departmentTree(), getSetting("org.timeZone")]);
  return json({ departments, timeZone });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "manage:people:any");
  const formData = await request.formData();
  const parsed = parseForm(personFormSchema, formData);
  if (!parsed.ok) return invalidForm(parsed);
  try {
    const id = await createPerson({ actorUserId: user.id, input: parsed.data });
    return redirect(`/admin/people/${id}?done=created`);
  } catch (error) {
    return directoryFailure(error, formData);
  }
}

export default function NewPerson() {
  const { departments, timeZone } = useLoaderData<typeof loader>();
  const failed = useActionData<ActionFailure>();
  const m = useMessages();
  return (
    <div className="stack">
      <p>
        <Link to="/admin/people">{m.people.backToList}</Link>
      </p>
      <h1>{m.people.newTitle}</h1>
      <PersonForm
        values={failed?.values ?? {}}
        errors={failed?.fieldErrors ?? {}}
        formError={failed?.formError}
        departments={departments}
        timeZone={timeZone}
        submitLabel={m.common.create}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
