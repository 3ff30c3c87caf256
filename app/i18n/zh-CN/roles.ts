import type { Messages } from "../messages";

export const roles: Messages["roles"] = {
  employee: "员工",
  investigator: "调查员",
  compliance_lead: "合规负责人",
  auditor: "审计人员",
  admin: "系统管理员",
};
