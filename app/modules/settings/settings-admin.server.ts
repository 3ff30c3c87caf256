// The administrator's settings page: one form for every organisation setting, saved in one
// transaction with one audit event that lists the keys that changed (never their values: a
// setting could one day hold something sensitive, and the keys say what happened).
import { z } from "zod";
import { db } from "../db/db.server";
import { appendAuditEvent } from "../audit/audit.server";
import { isTimeZone } from "../time/zone";
import { getSettings, NUMERIC_RANGES, putSetting, schemasForRanges, SETTING_SCHEMAS, type SettingKey, type Settings } from "./settings.server";

export { NUMERIC_RANGES };

const numberIn = ([min, max]: readonly [number, number]) =>
  z
    .string({ required_error: "required" })
    .trim()
    .min(1, "required")
    .pipe(z.coerce.number({ invalid_type_error: "wholeNumber" }).int("wholeNumber").min(min, "outOfRange").max(max, "outOfRange"));

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "true");

const name = z.string({ required_error: "required" }).trim().min(1, "required").max(100, "tooLong");

/** Form fields are named after the setting keys; issue messages are error keys. */
export const settingsFormSchema = z.object({
  "org.timeZone": z.string({ required_error: "required" }).trim().min(1, "required").refine(isTimeZone, "timeZone"),
  "org.nameZh": name,
  "org.nameEn": name,
  // Checkboxes: present when ticked.
  "auth.requireTwoFactor": checkbox,
  "hotline.findingsFourEyes": checkbox,
  ...schemasForRanges(numberIn),
}) satisfies z.ZodType<Settings, z.ZodTypeDef, unknown>;

/** Saves the settings that differ from the stored ones; returns the keys that changed. */
export async function updateSettings({ actorUserId, input: values }: { actorUserId: string; input: Settings }): Promise<SettingKey[]> {
  return db.$transaction(async (tx) => {
    const current = await getSettings(tx);
    const changed = (Object.keys(SETTING_SCHEMAS) as SettingKey[]).filter((key) => current[key] !== values[key]);
    if (changed.length === 0) return changed;
    for (const key of changed) await putSetting(tx, { key, value: values[key] as never, actorUserId });
    await appendAuditEvent(tx, {
      actor: { kind: "USER", userId: actorUserId },
      action: "settings.update",
      objectType: "Setting",
      details: { keys: changed },
    });
    return changed;
  });
}
