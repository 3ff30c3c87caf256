import type { Messages } from "../messages";

export const workflow: Messages["workflow"] = {
  placeholder: "",
};
