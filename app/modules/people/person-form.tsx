import type { ReactNode } from "react";
// The person form, shared by "add a person" and the person page. Client-safe.
import { Form } from "@remix-run/react";
import { CheckboxField, SelectField, TextField } from "../../components/fields";
import { FormMessage } from "../../components/form";
import { explainer } from "../http/explain";
import { useMessages } from "../../i18n/use-messages";
import { PERSON_KINDS, PERSON_STATUSES } from "./people.schema";
import { useDisplayName } from "./ui";

export type PersonFormValues = Partial<Record<
  "employeeNumber" | "nameZh" | "nameEn" | "email" | "departmentId" | "managerNumber" | "kind" | "locale" | "status" | "hireDate" | "jobTitle" | "isManager",
  string
>>;

type Department = { id: string; code: string; nameZh: string; nameEn: string; depth: number; active: boolean };

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
  departments: Department[];
  timeZone: string;
  submitLabel: string;
  currentManager?: { employeeNumber: string; nameZh: string; nameEn: string } | null;
}) {
  const m = useMessages();
  const name = useDisplayName();
  const f = m.people.fields;
  const explain = explainer(m, m.people.errors);
  const hasErrors = Object.keys(errors).length > 0 || !!formError;
  return (
    <Form method="post" className="form" noValidate>
      <input type="hidden" name="intent" value="save" />
      {hasErrors ? <FormMessage kind="error">{formError ? explain(formError) : m.errors.formInvalid}</FormMessage> : null}
      <div className="form-row">
        <TextField label={f.employeeNumber} hint={f.employeeNumberHint} name="employeeNumber" required defaultValue={values.employeeNumber} error={errors.employeeNumber} explain={explain} autoComplete="off" />
        <TextField label={f.email} hint={f.emailHint} name="email" type="email" defaultValue={values.email} error={errors.email} explain={explain} autoComplete="off" />
      </div>
      <div className="form-row">
        <TextField label={f.nameZh} name="nameZh" required defaultValue={values.nameZh} error={errors.nameZh} explain={explain} lang="zh-CN" autoComplete="off" />
        <TextField label={f.nameEn} name="nameEn" required defaultValue={values.nameEn} error={errors.nameEn} explain={explain} lang="en" autoComplete="off" />
      </div>
      <div className="form-row">
        <SelectField
          label={f.department}
          name="departmentId"
          defaultValue={values.departmentId ?? ""}
          error={errors.departmentId} explain={explain}
          options={[
            { value: "", label: f.noDepartment },
            ...departments
              .filter((d) => d.active || d.id === values.departmentId)
              .map((d) => ({ value: d.id, label: `${"\u00a0\u00a0".repeat(d.depth)}${name(d)} (${d.code})` })),
          ]}
        />
        <TextField
          label={f.managerNumber}
          hint={currentManager ? `${f.managerHint} ${f.currentManager(name(currentManager), currentManager.employeeNumber)}` : f.managerHint}
          name="managerNumber"
          defaultValue={values.managerNumber}
          error={errors.managerNumber} explain={explain}
          autoComplete="off"
        />
      </div>
      <div className="form-row">
        <TextField label={f.jobTitle} name="jobTitle" defaultValue={values.jobTitle} error={errors.jobTitle} explain={explain} />
        <TextField label={f.hireDate} hint={f.hireDateHint(timeZone)} name="hireDate" type="date" defaultValue={values.hireDate} error={errors.hireDate} explain={explain} />
      </div>
      <div className="form-row">
        <SelectField
          label={f.kind}
          name="kind"
          defaultValue={values.kind ?? "EMPLOYEE"}
          error={errors.kind} explain={explain}
          options={PERSON_KINDS.map((k) => ({ value: k, label: m.people.kinds[k] }))}
        />
        <SelectField
          label={f.locale}
          name="locale"
          defaultValue={values.locale ?? "zh-CN"}
          error={errors.locale} explain={explain}
          options={(["zh-CN", "en"] as const).map((l) => ({ value: l, label: m.people.locales[l] }))}
        />
        <SelectField
          label={f.status}
          name="status"
          defaultValue={values.status ?? "ACTIVE"}
          error={errors.status} explain={explain}
          options={PERSON_STATUSES.map((s) => ({ value: s, label: m.people.statuses[s] }))}
        />
      </div>
      <CheckboxField label={f.isManager} name="isManager" defaultChecked={values.isManager === "on" || values.isManager === "true"} error={errors.isManager} explain={explain} />
      {beforeSubmit}
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}
