// The department form, shared by "add a department" and the department page. Client-safe.
import { Form } from "@remix-run/react";
import { SelectField, TextField } from "../../components/fields";
import { FormMessage } from "../../components/form";
import { explainer } from "../http/explain";
import { useMessages } from "../../i18n/use-messages";
import { useDisplayName } from "./ui";

type Department = { id: string; code: string; nameZh: string; nameEn: string; depth: number; active: boolean };

export function DepartmentForm({
  values,
  errors,
  formError,
  departments,
  selfId,
  submitLabel,
}: {
  values: Partial<Record<"code" | "nameZh" | "nameEn" | "parentId", string>>;
  errors: Record<string, string>;
  formError?: string | null;
  departments: Department[];
  /** The department being edited: it is not offered as its own parent (the server refuses loops anyway). */
  selfId?: string;
  submitLabel: string;
}) {
  const m = useMessages();
  const d = m.people.departments;
  const name = useDisplayName();
  const explain = explainer(m, m.people.errors);
  const hasErrors = Object.keys(errors).length > 0 || !!formError;
  return (
    <Form method="post" className="form" noValidate>
      <input type="hidden" name="intent" value="save" />
      {hasErrors ? <FormMessage kind="error">{formError ? explain(formError) : m.errors.formInvalid}</FormMessage> : null}
      <TextField label={d.code} hint={d.codeHint} name="code" required defaultValue={values.code} error={errors.code} explain={explain} autoComplete="off" />
      <div className="form-row">
        <TextField label={d.nameZh} name="nameZh" required defaultValue={values.nameZh} error={errors.nameZh} explain={explain} lang="zh-CN" />
        <TextField label={d.nameEn} name="nameEn" required defaultValue={values.nameEn} error={errors.nameEn} explain={explain} lang="en" />
      </div>
      <SelectField
        label={d.parent}
        name="parentId"
        defaultValue={values.parentId ?? ""}
        error={errors.parentId} explain={explain}
        options={[
          { value: "", label: d.noParent },
          ...departments
            .filter((x) => x.id !== selfId && (x.active || x.id === values.parentId))
            .map((x) => ({ value: x.id, label: `${"\u00a0\u00a0".repeat(x.depth)}${name(x)} (${x.code})` })),
        ]}
      />
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}
