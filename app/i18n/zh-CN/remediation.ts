import type { Messages } from "../messages";

export const remediation: Messages["remediation"] = {
  placeholder: "",
};
