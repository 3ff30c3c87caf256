import type { Messages } from "../messages";

export const cases: Messages["cases"] = {
  placeholder: "",
};
