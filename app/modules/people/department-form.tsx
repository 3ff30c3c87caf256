// The department form, shared by "add a department" and the department page. Client-safe.
import { fieldProps, SelectField, TextField } from "../../components/fields";
import { SaveForm } from "../../components/form";
import { explainer } from "../http/explain";
import { useMessages } from "../../i18n/use-messages";
import { useDepartmentOptions, type DepartmentChoice } from "./ui";

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
  departments: DepartmentChoice[];
  /** The department being edited: it is not offered as its own parent (the server refuses loops anyway). */
  selfId?: string;
  submitLabel: string;
}) {
  const m = useMessages();
  const d = m.people.departments;
  const departmentOptions = useDepartmentOptions();
  const explain = explainer(m, m.people.errors);
  const field = fieldProps(values, errors, explain);
  return (
    <SaveForm errors={errors} formError={formError} explain={explain}>
      <TextField label={d.code} hint={d.codeHint} {...field("code")} required autoComplete="off" />
      <div className="form-row">
        <TextField label={d.nameZh} {...field("nameZh")} required lang="zh-CN" />
        <TextField label={d.nameEn} {...field("nameEn")} required lang="en" />
      </div>
      <SelectField label={d.parent} {...field("parentId")} defaultValue={values.parentId ?? ""} options={departmentOptions(departments, d.noParent, values.parentId, selfId)} />
      <button type="submit">{submitLabel}</button>
    </SaveForm>
  );
}
