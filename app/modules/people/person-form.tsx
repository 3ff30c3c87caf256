import type { ReactNode } from "react";
// The person form, shared by "add a person" and the person page. Client-safe.
import { CheckboxField, fieldProps, SelectField, TextField } from "../../components/fields";
import { SaveForm } from "../../components/form";
import { explainer } from "../http/explain";
import { useMessages } from "../../i18n/use-messages";
import { PERSON_KINDS, PERSON_STATUSES } from "./people.schema";
import { useDepartmentOptions, useDisplayName, type DepartmentChoice } from "./ui";

export type PersonFormValues = Partial<Record<
  "employeeNumber" | "nameZh" | "nameEn" | "email" | "departmentId" | "managerNumber" | "kind" | "locale" | "status" | "hireDate" | "jobTitle" | "isManager",
  string
>>;

export function PersonForm({
  values,
  errors,
  formError,
  departments,
  timeZone,
  submitLabel,
  currentManager,
  beforeSubmit,
}: {
  values: PersonFormValues;
  /** Shown just above the button (the person page's re-entered password). */
  beforeSubmit?: ReactNode;
  errors: Record<string, string>;
  formError?: string | null;
  departments: DepartmentChoice[];
  timeZone: string;
  submitLabel: string;
  currentManager?: { employeeNumber: string; nameZh: string; nameEn: string } | null;
}) {
  const m = useMessages();
  const name = useDisplayName();
  const departmentOptions = useDepartmentOptions();
  const f = m.people.fields;
  const explain = explainer(m, m.people.errors);
  const field = fieldProps(values, errors, explain);
  return (
    <SaveForm errors={errors} formError={formError} explain={explain}>
      <div className="form-row">
        <TextField label={f.employeeNumber} hint={f.employeeNumberHint} {...field("employeeNumber")} required autoComplete="off" />
        <TextField label={f.email} hint={f.emailHint} {...field("email")} type="email" autoComplete="off" />
      </div>
      <div className="form-row">
        <TextField label={f.nameZh} {...field("nameZh")} required lang="zh-CN" autoComplete="off" />
        <TextField label={f.nameEn} {...field("nameEn")} required lang="en" autoComplete="off" />
      </div>
      <div className="form-row">
        <SelectField label={f.department} {...field("departmentId")} defaultValue={values.departmentId ?? ""} options={departmentOptions(departments, f.noDepartment, values.departmentId)} />
        <TextField
          label={f.managerNumber}
          hint={currentManager ? `${f.managerHint} ${f.currentManager(name(currentManager), currentManager.employeeNumber)}` : f.managerHint}
          {...field("managerNumber")}
          autoComplete="off"
        />
      </div>
      <div className="form-row">
        <TextField label={f.jobTitle} {...field("jobTitle")} />
        <TextField label={f.hireDate} hint={f.hireDateHint(timeZone)} {...field("hireDate")} type="date" />
      </div>
      <div className="form-row">
        <SelectField label={f.kind} {...field("kind")} defaultValue={values.kind ?? "EMPLOYEE"} options={PERSON_KINDS.map((k) => ({ value: k, label: m.people.kinds[k] }))} />
        <SelectField label={f.locale} {...field("locale")} defaultValue={values.locale ?? "zh-CN"} options={(["zh-CN", "en"] as const).map((l) => ({ value: l, label: m.people.locales[l] }))} />
        <SelectField label={f.status} {...field("status")} defaultValue={values.status ?? "ACTIVE"} options={PERSON_STATUSES.map((s) => ({ value: s, label: m.people.statuses[s] }))} />
      </div>
      <CheckboxField label={f.isManager} name="isManager" defaultChecked={values.isManager === "on" || values.isManager === "true"} error={errors.isManager} explain={explain} />
      {beforeSubmit}
      <button type="submit">{submitLabel}</button>
    </SaveForm>
  );
}
