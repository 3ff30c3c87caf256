import type { Messages } from "../messages";

export const nav: Messages["nav"] = {
  main: "主导航",
  home: "首页",
  report: "提交举报",
  cases: "案件",
  remediation: "整改措施",
  questions: "类别问题",
  people: "人员",
  departments: "部门",
  importPeople: "导入通讯录",
  outbox: "发件箱",
  auditLog: "审计日志",
  settings: "设置",
  roleRequests: "角色申请",
  account: "我的账户",
  logout: "退出登录",
  login: "登录",
};
