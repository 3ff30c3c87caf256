import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/modules/auth/session.server";
import { parseForm } from "~/modules/http/forms";
import { createDepartment, departmentTree } from "~/modules/people/departments.server";
import { departmentFormSchema } from "~/modules/people/people.schema";
import { invalidForm, type ActionFailure } from "~/modules/http/respond.server";
import { directoryFailure } from "~/modules/people/http.server";
import { DepartmentForm } from "~/modules/people/department-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useMessages } from "~/i18n/use-messages";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.newDepartment);

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:department:any");
  return json({ departments: await departmentTree() });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "manage:department:any");
  const formData = await request.formData();
  const parsed = parseForm(departmentFormSchema, formData);
  if (!parsed.ok) return invalidForm(parsed);
  try {
    const id = await createDepartment({ actorUserId: user.id, input: parsed.data });
    return redirect(`/admin/departments/${id}?done=created`);
  } catch (error) {
    return directoryFailure(error, formData);
  }
}

export default function NewDepartment() {
  const { departments } = useLoaderData<typeof loader>();
  const failed = useActionData<ActionFailure>();
  const m = useMessages();
  return (
    <div className="stack">
      <p>
        <Link to="/admin/departments">{m.people.departments.backToList}</Link>
      </p>
      <h1>{m.people.departments.newTitle}</h1>
      <DepartmentForm
        values={failed?.values ?? {}}
        errors={failed?.fieldErrors ?? {}}
        formError={failed?.formError}
        departments={departments}
        submitLabel={m.common.create}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
