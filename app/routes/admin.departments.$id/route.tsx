import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/modules/auth/session.server";
import { parseIntent } from "~/modules/http/forms";
import { z } from "zod";
import { departmentTree, getDepartment, setDepartmentActive, updateDepartment } from "~/modules/people/departments.server";
import { departmentFormSchema } from "~/modules/people/people.schema";
import { badRequest, invalidForm, throwRefusal, type ActionFailure } from "~/modules/http/respond.server";
import { explainer } from "~/modules/http/explain";
import { directoryFailure } from "~/modules/people/http.server";
import { DepartmentForm } from "~/modules/people/department-form";
import { useDisplayName } from "~/modules/people/ui";
import { FormMessage } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useMessages } from "~/i18n/use-messages";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.department);

const DONE = ["created", "saved", "deactivated", "reactivated"] as const;
type Done = (typeof DONE)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:department:any");
  try {
    const [department, departments] = await Promise.all([getDepartment(params.id ?? ""), departmentTree()]);
    const done = new URL(request.url).searchParams.get("done");
    return json({ department, departments, done: (DONE as readonly string[]).includes(done ?? "") ? (done as Done) : null });
  } catch (error) {
    throwRefusal(error);
  }
}

const DepartmentPost = z.discriminatedUnion("intent", [
  departmentFormSchema.extend({ intent: z.literal("save") }),
  z.object({ intent: z.literal("deactivate") }),
  z.object({ intent: z.literal("reactivate") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "manage:department:any");
  const id = params.id ?? "";
  const formData = await request.formData();
  const parsed = parseIntent(DepartmentPost, formData);
  if (!parsed.ok) {
    if (!parsed.intent) throw badRequest();
    return invalidForm(parsed);
  }
  try {
    const { intent } = parsed.data;
    if (parsed.data.intent === "save") {
      const { intent: _save, ...input } = parsed.data;
      await updateDepartment({ actorUserId: user.id, departmentId: id, input });
      return redirect(`/admin/departments/${id}?done=saved`);
    }
    await setDepartmentActive({ actorUserId: user.id, departmentId: id, active: intent === "reactivate" });
    return redirect(`/admin/departments/${id}?done=${intent === "reactivate" ? "reactivated" : "deactivated"}`);
  } catch (error) {
    return directoryFailure(error, formData);
  }
}

export default function DepartmentPage() {
  const { department, departments, done } = useLoaderData<typeof loader>();
  const failed = useActionData<ActionFailure>();
  const m = useMessages();
  const d = m.people.departments;
  const name = useDisplayName();
  const saveFailure = failed?.intent === "save" ? failed : undefined;
  const statusFailure = failed && failed.intent !== "save" ? failed : undefined;
  const doneText: Record<Done, string> = { created: d.created, saved: d.saved, deactivated: d.deactivated, reactivated: d.reactivated };
  return (
    <div className="stack">
      <p>
        <Link to="/admin/departments">{d.backToList}</Link>
      </p>
      <h1>
        {d.editTitle(name(department))}{" "}
        <span className={department.active ? "badge ok" : "badge"}>{department.active ? d.active : d.inactive}</span>
      </h1>
      <p>
        <Link to={`/admin/people?department=${department.id}&status=ACTIVE`}>
          {d.peopleLink} ({department.activePeople})
        </Link>
      </p>
      {done ? <FormMessage kind="success">{doneText[done]}</FormMessage> : null}
      <DepartmentForm
        values={
          saveFailure?.values ?? { code: department.code, nameZh: department.nameZh, nameEn: department.nameEn, parentId: department.parentId ?? "" }
        }
        errors={saveFailure?.fieldErrors ?? {}}
        formError={saveFailure?.formError}
        departments={departments}
        selfId={department.id}
        submitLabel={m.common.save}
      />
      <section className="card stack">
        <h2>{d.status}</h2>
        {statusFailure?.formError ? <FormMessage kind="error">{explainer(m, m.people.errors)(statusFailure.formError)}</FormMessage> : null}
        <Form method="post">
          {department.active ? (
            <>
              <p className="muted">{d.deactivateHint(department.activePeople)}</p>
              <input type="hidden" name="intent" value="deactivate" />
              <button type="submit" className="button danger">
                {d.deactivate}
              </button>
            </>
          ) : (
            <>
              <input type="hidden" name="intent" value="reactivate" />
              <button type="submit">{d.reactivate}</button>
            </>
          )}
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
