import type { Messages } from "../messages";

export const questions: Messages["questions"] = {
  placeholder: "",
};
