// The administrator's form for one category question, shared by "add" and "edit". Client-safe.
import { CheckboxField, fieldProps, SelectField, TextAreaField, TextField } from "~/components/fields";
import { SaveForm } from "~/components/form";
import { useMessages } from "~/i18n/use-messages";
import { explainer } from "~/modules/http/explain";
import { REPORT_CATEGORIES } from "./report-options";
import { QUESTION_KINDS } from "./questions";

export type QuestionFormValues = Partial<Record<"category" | "kind" | "labelZh" | "labelEn" | "helpZh" | "helpEn" | "required" | "choices", string>>;


export function QuestionForm({ values, errors, submitLabel }: { values: QuestionFormValues; errors: Record<string, string>; submitLabel: string }) {
  const m = useMessages();
  const q = m.questions;
  const explain = explainer(m, q.errors);
  const field = fieldProps(values, errors, explain);
  return (
    <SaveForm errors={errors} explain={explain}>
      <div className="form-row">
        <SelectField
          label={q.fields.category}
          {...field("category")}
          defaultValue={values.category ?? REPORT_CATEGORIES[0]}
          options={REPORT_CATEGORIES.map((c) => ({ value: c, label: m.hotline.form.categories[c].label }))}
        />
        <SelectField label={q.fields.kind} {...field("kind")} defaultValue={values.kind ?? "TEXT"} options={QUESTION_KINDS.map((k) => ({ value: k, label: q.kinds[k] }))} />
      </div>
      <div className="form-row">
        <TextField label={q.fields.labelZh} {...field("labelZh")} required lang="zh-CN" autoComplete="off" />
        <TextField label={q.fields.labelEn} {...field("labelEn")} required lang="en" autoComplete="off" />
      </div>
      <div className="form-row">
        <TextAreaField label={q.fields.helpZh} {...field("helpZh")} rows={2} lang="zh-CN" />
        <TextAreaField label={q.fields.helpEn} {...field("helpEn")} rows={2} lang="en" />
      </div>
      <CheckboxField label={q.fields.required} name="required" defaultChecked={values.required === "on"} error={errors.required} explain={explain} />
      <TextAreaField label={q.fields.choices} hint={q.fields.choicesHint} {...field("choices")} rows={6} />
      <button type="submit">{submitLabel}</button>
    </SaveForm>
  );
}
