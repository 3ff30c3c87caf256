import type { Messages } from "../messages";

export const audit: Messages["audit"] = {
};
