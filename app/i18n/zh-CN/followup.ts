import type { Messages } from "../messages";

export const followup: Messages["followup"] = {
  placeholder: "",
};
