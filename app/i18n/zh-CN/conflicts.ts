import type { Messages } from "../messages";

export const conflicts: Messages["conflicts"] = {
  placeholder: "",
};
