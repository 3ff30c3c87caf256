import type { Messages } from "../messages";

export const mail: Messages["mail"] = {
};
