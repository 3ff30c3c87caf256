import type { Messages } from "../messages";

export const people: Messages["people"] = {
};
