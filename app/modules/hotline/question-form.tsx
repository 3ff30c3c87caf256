// The administrator's form for one category question, shared by "add" and "edit". Client-safe.
import { Form } from "@remix-run/react";
import { CheckboxField, SelectField, TextAreaField, TextField } from "~/components/fields";
import { FormMessage } from "~/components/form";
import { useMessages } from "~/i18n/use-messages";
import { explainer } from "~/modules/http/explain";
import { REPORT_CATEGORIES } from "./report-options";
import { QUESTION_KINDS } from "./questions";

export type QuestionFormValues = Partial<Record<"category" | "kind" | "labelZh" | "labelEn" | "helpZh" | "helpEn" | "required" | "choices", string>>;


export function QuestionForm({ values, errors, submitLabel }: { values: QuestionFormValues; errors: Record<string, string>; submitLabel: string }) {
  const m = useMessages();
  const q = m.questions;
  const explain = explainer(m, q.errors);
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
          error={errors.category} explain={explain}
          options={REPORT_CATEGORIES.map((c) => ({ value: c, label: m.hotline.form.categories[c].label }))}
        />
        <SelectField
          label={q.fields.kind}
          name="kind"
          defaultValue={values.kind ?? "TEXT"}
          error={errors.kind} explain={explain}
          options={QUESTION_KINDS.map((k) => ({ value: k, label: q.kinds[k] }))}
        />
      </div>
      <div className="form-row">
        <TextField label={q.fields.labelZh} name="labelZh" required defaultValue={values.labelZh} error={errors.labelZh} explain={explain} lang="zh-CN" autoComplete="off" />
        <TextField label={q.fields.labelEn} name="labelEn" required defaultValue={values.labelEn} error={errors.labelEn} explain={explain} lang="en" autoComplete="off" />
      </div>
      <div className="form-row">
        <TextAreaField explain={explain} label={q.fields.helpZh} name="helpZh" rows={2} defaultValue={values.helpZh} error={errors.helpZh} lang="zh-CN" />
        <TextAreaField explain={explain} label={q.fields.helpEn} name="helpEn" rows={2} defaultValue={values.helpEn} error={errors.helpEn} lang="en" />
      </div>
      <CheckboxField label={q.fields.required} name="required" defaultChecked={values.required === "on"} error={errors.required} explain={explain} />
      <TextAreaField explain={explain} label={q.fields.choices} name="choices" hint={q.fields.choicesHint} rows={6} defaultValue={values.choices} error={errors.choices} />
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}
