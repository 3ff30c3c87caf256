// Process configuration, validated once at start-up. Every variable is documented in .env.example.
// Organisation settings an administrator may change at run time (time zone, 2FA, clocks) are not
// here: they live in the Setting table (modules/settings).
import { z } from "zod";

const base64Key = z
  .string()
  .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded");

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.string().min(1).default("file:./data/sunline.db"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** Public origin, e.g. https://ethics.example.com: links in emails and the CSRF origin check. */
    APP_URL: z.string().url().optional(),
    /** Seals per-report keys and TOTP secrets (AES-256-GCM key wrapping). */
    SUNLINE_MASTER_KEY: base64Key,
    /** Keys HMACs used as throttle keys, so no raw address or account id is stored there. */
    SUNLINE_HMAC_KEY: base64Key,
    /** Where `npm run backup` writes when no directory is given (default ./backups). */
    BACKUP_DIR: z.string().min(1).optional(),
    MAIL_TRANSPORT: z.enum(["smtp", "local"]).default("local"),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().min(3).default("Sunline <no-reply@sunline.local>"),
    /**
     * The longest one message may take to send. nodemailer's time-outs restart on every line the
     * server sends, so a server trickling "250-" lines would otherwise hold a send for many minutes.
     */
    MAIL_SEND_DEADLINE_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
    /** How soon mail is tried again after the server was unreachable (no growing back-off for an outage). */
    MAIL_OUTAGE_RETRY_MS: z.coerce.number().int().min(100).max(300_000).default(5_000),
    /**
     * How many reverse proxies in front of Sunline append to X-Forwarded-For (0: none, the socket's
     * address is the client's). With N, the client address is the N-th entry from the right, the one
     * the outermost trusted proxy appended; whatever a client wrote there itself is ignored. Too high a
     * number lets clients choose their own address (and escape the per-address login throttle).
     */
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).optional(),
    /** Older spelling: "true" means TRUST_PROXY_HOPS=1. TRUST_PROXY_HOPS wins when both are set. */
    TRUST_PROXY: z.enum(["true", "false"]).optional(),
    /** "in-process": the web server also runs scheduled sweeps. "off": run `npm run worker` separately. */
    SCHEDULER: z.enum(["in-process", "off"]).default("in-process"),
    /** How often each sweep's loop asks whether its sweep is due (ms). */
    SCHEDULER_TICK_MS: z.coerce.number().int().min(10).max(600_000).default(5_000),
    /**
     * How long a sweep's lease lasts without renewal (ms). The holder renews it every third while the
     * sweep runs; after a crash another instance takes the sweep over within about this long.
     */
    SCHEDULER_LEASE_MS: z.coerce.number().int().min(300).max(3_600_000).default(30_000),
    /** On SIGTERM/SIGINT, the most a process waits for work in flight before it exits anyway (ms). */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
    // Read by db.server.ts and ops/health.server.ts straight from process.env (the database layer
    // loads before the rest of the configuration); validated here so a typo fails at start-up.
    SQLITE_LOCK_WAIT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
    HEALTHZ_WRITE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
    /** "1": each response says how many SQL statements it took (X-Sql-Queries); for npm run bench:http. */
    COUNT_SQL_QUERIES: z.enum(["0", "1"]).optional(),
    /** Test-only (with NODE_ENV=test): "1" registers a sweep that never finishes. */
    SUNLINE_TEST_STUCK_SWEEP: z.enum(["0", "1"]).optional(),
    /** "test" uses cheap Argon2 parameters; only the test runner sets it. */
    ARGON2_PROFILE: z.enum(["production", "test"]).default("production"),
  })
  .superRefine((env, ctx) => {
    if (env.MAIL_TRANSPORT === "smtp" && !env.SMTP_URL) {
      ctx.addIssue({ code: "custom", path: ["SMTP_URL"], message: "required when MAIL_TRANSPORT=smtp" });
    }
  });

export type Env = Omit<z.infer<typeof EnvSchema>, "TRUST_PROXY" | "TRUST_PROXY_HOPS"> & { APP_URL: string; TRUST_PROXY_HOPS: number };

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid configuration (see .env.example):\n${lines.join("\n")}`);
  }
  const { TRUST_PROXY, TRUST_PROXY_HOPS, ...env } = result.data;
  return {
    ...env,
    APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    TRUST_PROXY_HOPS: TRUST_PROXY_HOPS ?? (TRUST_PROXY === "true" ? 1 : 0),
  };
}

let cached: Env | undefined;

/** The validated configuration; throws with every problem listed if it is invalid. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache() {
  cached = undefined;
}
