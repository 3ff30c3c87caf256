// One category question: edit it, retire it (the form stops asking; answers keep their label) or put
// it back on the form.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/modules/auth/session.server";
import { formValuesOf, parseForm, parseIntent } from "~/modules/http/forms";
import { z } from "zod";
import { getQuestion, questionFormSchema, setQuestionActive, updateQuestion } from "~/modules/hotline/questions.server";
import { formatChoicesText } from "~/modules/hotline/questions";
import { QuestionForm } from "~/modules/hotline/question-form";
import { FormMessage } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useMessages } from "~/i18n/use-messages";
import { actionError, badRequest, formFailure, throwRefusal } from "~/modules/http/respond.server";
import { pageMeta } from "~/modules/http/meta";

export const meta = pageMeta((t) => t.question);

const DONE = ["created", "saved", "retired", "reactivated"] as const;
type Done = (typeof DONE)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:setting:any");
  const question = await getQuestion(params.id ?? "").catch(throwRefusal);
  const done = new URL(request.url).searchParams.get("done");
  return json({ question, done: (DONE as readonly string[]).includes(done ?? "") ? (done as Done) : null });
}

const QuestionPost = z.discriminatedUnion("intent", [
  // The question's own fields are checked together (a choice question needs choices): parsed below.
  z.object({ intent: z.literal("save") }),
  z.object({ intent: z.literal("retire") }),
  z.object({ intent: z.literal("reactivate") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "manage:setting:any");
  const id = params.id ?? "";
  const formData = await request.formData();
  const parsed = parseIntent(QuestionPost, formData);
  if (!parsed.ok) {
    if (!parsed.intent) throw badRequest();
    return formFailure(formData, parsed);
  }
  try {
    if (parsed.data.intent === "save") {
      const question = parseForm(questionFormSchema, formData);
      if (!question.ok) return formFailure(formData, question);
      await updateQuestion({ actorUserId: user.id, questionId: id, input: question.data });
      return redirect(`/admin/questions/${id}?done=saved`);
    }
    const { intent } = parsed.data;
    await setQuestionActive({ actorUserId: user.id, questionId: id, active: intent === "reactivate" });
    return redirect(`/admin/questions/${id}?done=${intent === "retire" ? "retired" : "reactivated"}`);
  } catch (error) {
    return actionError({ error, form: formData });
  }
}

export default function QuestionPage() {
  const { question, done } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const m = useMessages();
  const q = m.questions;
  const values = failed?.values ?? {
    ...formValuesOf(question, ["category", "kind", "labelZh", "labelEn", "helpZh", "helpEn", "required"]),
    choices: formatChoicesText(question.choices),
  };
  return (
    <div className="stack">
      <p>
        <Link to={`/admin/questions?category=${question.category}`}>{q.backToList}</Link>
      </p>
      <h1>
        {q.editTitle} <span className={question.active ? "badge ok" : "badge"}>{question.active ? q.active : q.retired}</span>
      </h1>
      {done && !failed ? <FormMessage kind="success">{q.done[done]}</FormMessage> : null}
      <QuestionForm values={values} errors={failed?.fieldErrors ?? {}} submitLabel={m.common.save} />
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value={question.active ? "retire" : "reactivate"} />
        {question.active ? <p className="hint">{q.retireHint}</p> : null}
        <p>
          <button type="submit" className={question.active ? "button secondary" : "button"}>
            {question.active ? q.retire : q.reactivate}
          </button>
        </p>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
