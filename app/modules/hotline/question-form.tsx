// The administrator's form for one category question, shared by "add" and "edit". Client-safe.
import { Form } from "@remix-run/react";
import { FormMessage } from "~/components/form";
import { errorMessage, type Messages } from "~/i18n/messages";
import { useMessages } from "~/i18n/use-messages";
import { CheckboxField, SelectField, TextAreaField, TextField } from "~/modules/people/ui";
import { REPORT_CATEGORIES } from "./report-options";
import { QUESTION_KINDS } from "./questions";

export type QuestionFormValues = Partial<Record<"category" | "kind" | "labelZh" | "labelEn" | "helpZh" | "helpEn" | "required" | "choices", string>>;

/** An error key from the questions' catalogue or the general one. */
export function questionErrorText(m: Messages, key: string | undefined): string {
  return (key && (m.questions.errors as Record<string, string>)[key]) || errorMessage(m, key);
}

function TextBox(props: { label: string; name: string; hint?: string; error?: string; defaultValue?: string; rows: number; lang?: string }) {
  return <TextAreaField {...props} explain={questionErrorText} />;
}

export function QuestionForm({ values, errors, submitLabel }: { values: QuestionFormValues; errors: Record<string, string>; submitLabel: string }) {
  const m = useMessages();
  const q = m.questions;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Form method="post" className="form" noValidate>
      <input type="hidden" name="intent" value="save" />
      {hasErrors ? <FormMessage kind="error">{m.errors.formInvalid}</FormMessage> : null}
      <div className="form-row">
        <SelectField
          label={q.fields.category}
          name="category"
          defaultValue={values.category ?? REPORT_CATEGORIES[0]}
          error={errors.category}
          options={REPORT_CATEGORIES.map((c) => ({ value: c, label: m.hotline.form.categories[c].label }))}
        />
        <SelectField
          label={q.fields.kind}
          name="kind"
          defaultValue={values.kind ?? "TEXT"}
          error={errors.kind}
          options={QUESTION_KINDS.map((k) => ({ value: k, label: q.kinds[k] }))}
        />
      </div>
      <div className="form-row">
        <TextField label={q.fields.labelZh} name="labelZh" required defaultValue={values.labelZh} error={errors.labelZh} lang="zh-CN" autoComplete="off" />
        <TextField label={q.fields.labelEn} name="labelEn" required defaultValue={values.labelEn} error={errors.labelEn} lang="en" autoComplete="off" />
      </div>
      <div className="form-row">
        <TextBox label={q.fields.helpZh} name="helpZh" rows={2} defaultValue={values.helpZh} error={errors.helpZh} lang="zh-CN" />
        <TextBox label={q.fields.helpEn} name="helpEn" rows={2} defaultValue={values.helpEn} error={errors.helpEn} lang="en" />
      </div>
      <CheckboxField label={q.fields.required} name="required" defaultChecked={values.required === "on"} error={errors.required} />
      <TextBox label={q.fields.choices} name="choices" hint={q.fields.choicesHint} rows={6} defaultValue={values.choices} error={errors.choices} />
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}
