// Organisation settings: stored as JSON in the Setting table, validated with Zod on read and write,
// with defaults in code, so a fresh database works and an invalid stored value never breaks a page.
// Read per request (one small query); no process cache, so every instance sees a change at once.
import { oncePerRequest } from "../http/request-scope.server";
import { z } from "zod";
import { db, type Db, type Tx } from "../db/db.server";
import { isTimeZone } from "../time/zone";

/** Allowed range of each numeric setting: validates stored values and the settings form alike. */
export const NUMERIC_RANGES = {
  "auth.sessionIdleMinutes": [5, 24 * 60],
  "auth.sessionAbsoluteHours": [1, 24 * 30],
  "auth.loginMaxFailuresPerAccount": [3, 100],
  "auth.loginMaxFailuresPerAddress": [5, 1000],
  "auth.loginLockMinutes": [1, 24 * 60],
  "auth.passwordResetMinutes": [5, 24 * 60],
  "hotline.acknowledgeDays": [1, 30],
  "hotline.feedbackMonths": [1, 12],
  "hotline.reminderDays": [1, 14],
  "hotline.maxAttachments": [1, 20],
  "hotline.maxAttachmentMb": [1, 100],
  "hotline.reporterIdleMinutes": [5, 60],
  "hotline.retentionMonths": [6, 240],
  "hotline.reportsPerHour": [10, 100_000],
  "hotline.digestAbovePerHour": [1, 10_000],
} as const;

type NumericSettingKey = keyof typeof NUMERIC_RANGES;

/** One schema per numeric setting, made from its range: stored values and the form share the ranges. */
export function schemasForRanges<T extends z.ZodTypeAny>(make: (range: readonly [number, number]) => T) {
  const keys = Object.keys(NUMERIC_RANGES) as NumericSettingKey[];
  return Object.fromEntries(keys.map((key) => [key, make(NUMERIC_RANGES[key])])) as { [K in NumericSettingKey]: T };
}

const intIn = ([min, max]: readonly [number, number]) => z.number().int().min(min).max(max);

export const SETTING_SCHEMAS = {
  /** Deadlines, clocks and quarters are computed in this zone. */
  "org.timeZone": z.string().refine(isTimeZone, "invalid"),
  "org.nameZh": z.string().min(1).max(100),
  "org.nameEn": z.string().min(1).max(100),
  /** TOTP for every role that can read case content, audit data or administer. */
  "auth.requireTwoFactor": z.boolean(),
  /** Findings are approved by a compliance lead other than the one who recorded them. */
  "hotline.findingsFourEyes": z.boolean(),
  ...schemasForRanges(intIn),
} as const;

export type SettingKey = keyof typeof SETTING_SCHEMAS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTING_SCHEMAS)[K]>;
export type Settings = { [K in SettingKey]: SettingValue<K> };

export const SETTING_DEFAULTS: Settings = {
  "org.timeZone": "Asia/Shanghai",
  "org.nameZh": "示例科技集团",
  "org.nameEn": "Example Technology Group",
  "auth.requireTwoFactor": true,
  "hotline.findingsFourEyes": true,
  "auth.sessionIdleMinutes": 30,
  "auth.sessionAbsoluteHours": 12,
  "auth.loginMaxFailuresPerAccount": 5,
  "auth.loginMaxFailuresPerAddress": 30,
  "auth.loginLockMinutes": 15,
  "auth.passwordResetMinutes": 60,
  "hotline.acknowledgeDays": 7,
  "hotline.feedbackMonths": 3,
  /** Reminders go to the assignees this many days before a clock runs out. */
  "hotline.reminderDays": 2,
  "hotline.maxAttachments": 10,
  "hotline.maxAttachmentMb": 25,
  /** The reporter's follow-up session ends after this many idle minutes. */
  "hotline.reporterIdleMinutes": 15,
  /** Closed cases are purged this many months after closing, unless on legal hold. */
  "hotline.retentionMonths": 60,
  /**
   * Site-wide ceiling on reports through the web form in any hour (ADR 0016): well above any real
   * day's reports, far below a flood's (about 1,000 a minute were seen from one client).
   */
  "hotline.reportsPerHour": 120,
  /** Past this many web reports in an hour the leads get one digest an hour instead of a mail each. */
  "hotline.digestAbovePerHour": 20,
};

function parseStored<K extends SettingKey>(key: K, raw: string): SettingValue<K> {
  try {
    const parsed = SETTING_SCHEMAS[key].safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data as SettingValue<K>;
  } catch {
    // fall through to the default: a corrupt value must not take the site down
  }
  return SETTING_DEFAULTS[key];
}

export async function getSettings(client: Db | Tx = db): Promise<Settings> {
  // Inside a transaction the caller wants what the transaction sees; otherwise once per page view.
  if (client === db) return oncePerRequest("settings", () => readSettings(db));
  return readSettings(client);
}

async function readSettings(client: Db | Tx): Promise<Settings> {
  const rows = await client.setting.findMany();
  const settings = { ...SETTING_DEFAULTS } as Record<SettingKey, unknown>;
  for (const row of rows) {
    if (row.key in SETTING_SCHEMAS) settings[row.key as SettingKey] = parseStored(row.key as SettingKey, row.value);
  }
  return settings as Settings;
}

export async function getSetting<K extends SettingKey>(key: K, client: Db | Tx = db): Promise<SettingValue<K>> {
  const row = await client.setting.findUnique({ where: { key } });
  return row ? parseStored(key, row.value) : SETTING_DEFAULTS[key];
}

/** Validates and writes one setting. The caller records the audit event in the same transaction. */
export async function putSetting<K extends SettingKey>(
  tx: Tx,
  { key, value, actorUserId: updatedById }: { key: K; value: SettingValue<K>; actorUserId: string | null },
): Promise<void> {
  const valid = SETTING_SCHEMAS[key].parse(value);
  const json = JSON.stringify(valid);
  await tx.setting.upsert({
    where: { key },
    create: { key, value: json, updatedById },
    update: { value: json, updatedById },
  });
}
