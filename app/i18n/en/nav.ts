export const nav = {
  main: "Main navigation",
  home: "Home",
  report: "Report a concern",
  people: "People",
  departments: "Departments",
  importPeople: "Import directory",
  outbox: "Outbox",
  auditLog: "Audit log",
  settings: "Settings",
  account: "My account",
  logout: "Sign out",
  login: "Sign in",
};
