export const roles = {
  employee: "Employee",
  investigator: "Investigator",
  compliance_lead: "Compliance lead",
  auditor: "Auditor",
  admin: "Administrator",
};
