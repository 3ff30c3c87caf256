// Add a question to one report category (without code).
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/modules/auth/session.server";
import { parseForm } from "~/modules/http/forms";
import { answerForm, invalidForm, type ActionFailure } from "~/modules/http/respond.server";
import { createQuestion, questionFormSchema } from "~/modules/hotline/questions.server";
import { REPORT_CATEGORIES } from "~/modules/hotline/report-options";
import { QuestionForm } from "~/modules/hotline/question-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useMessages } from "~/i18n/use-messages";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.newQuestion);

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:setting:any");
  const category = new URL(request.url).searchParams.get("category");
  return json({ category: (REPORT_CATEGORIES as readonly string[]).includes(category ?? "") ? category : null });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "manage:setting:any");
  const formData = await request.formData();
  const parsed = parseForm(questionFormSchema, formData);
  if (!parsed.ok) return invalidForm(parsed);
  return answerForm(formData, async () => {
    const id = await createQuestion({ actorUserId: user.id, input: parsed.data });
    return redirect(`/admin/questions/${id}?done=created`);
  });
}

export default function NewQuestion() {
  const { category } = useLoaderData<typeof loader>();
  const failed = useActionData<ActionFailure>();
  const m = useMessages();
  return (
    <div className="stack">
      <p>
        <Link to={category ? `/admin/questions?category=${category}` : "/admin/questions"}>{m.questions.backToList}</Link>
      </p>
      <h1>{m.questions.newTitle}</h1>
      <QuestionForm values={failed?.values ?? (category ? { category } : {})} errors={failed?.fieldErrors ?? {}} submitLabel={m.common.create} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
