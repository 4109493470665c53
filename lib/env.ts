import { availableParallelism } from "node:os";
import { z } from "zod";
import { emailProblem } from "@/lib/auth/email-rules";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-rules";
import { DEFAULT_OPENFDA_MAX_CONCURRENCY } from "@/lib/sources/openfda/concurrency-limit";

// The only reader of process.env (architecture rule 2). Parsed once; a bad value stops the server at
// boot (instrumentation.ts) with a message naming the variable. Empty strings count as unset.

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
const optionalUrl = (protocols: string[]) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .url({ message: `must be a URL (${protocols.join(" or ")})` })
      .refine((value) => protocols.some((p) => value.startsWith(`${p}:`)), {
        message: `must use ${protocols.join(" or ")}`,
      })
      .optional(),
  );
const integerInRange = (min: number, max: number, fallback: number) =>
  z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ message: `must be a whole number between ${min} and ${max}` })
      .int({ message: `must be a whole number between ${min} and ${max}` })
      .min(min, { message: `must be at least ${min}` })
      .max(max, { message: `must be at most ${max}` })
      .default(fallback),
  );

export const serverEnvSchema = z
  .object({
    NODE_ENV: z.preprocess(emptyAsUndefined, z.enum(["development", "production", "test"]).default("production")),
    OPENFDA_BASE_URL: z.preprocess(
      emptyAsUndefined,
      z.url({ message: "must be an http(s) URL such as https://api.fda.gov" }).default("https://api.fda.gov"),
    ),
    OPENFDA_API_KEY: optionalString,
    /** Per-attempt timeout for openFDA calls. */
    OPENFDA_TIMEOUT_MS: integerInRange(100, 60_000, 8_000),
    /** Attempts per openFDA call (first try included). */
    OPENFDA_MAX_ATTEMPTS: integerInRange(1, 6, 3),
    /** Process-wide cap on openFDA requests per minute (openFDA allows 240). */
    OPENFDA_RATE_LIMIT_PER_MINUTE: integerInRange(1, 240, 240),
    /** openFDA calls in flight at once per process (openFDA answers parallel bursts with 429s). */
    OPENFDA_MAX_CONCURRENCY: integerInRange(1, 32, DEFAULT_OPENFDA_MAX_CONCURRENCY),
    /** Longest an openFDA request waits for its turn in the budget; longer → its stale copy, or 503. */
    OPENFDA_MAX_WAIT_MS: integerInRange(0, 120_000, 10_000),
    REDIS_URL: optionalUrl(["redis", "rediss"]),
    UPSTASH_REDIS_REST_URL: optionalUrl(["https", "http"]),
    UPSTASH_REDIS_REST_TOKEN: optionalString,
    /** How long a cached answer is fresh; after that it is refetched, and kept as a stale fallback. */
    CACHE_TTL_SECONDS: integerInRange(1, 30 * 24 * 3600, 12 * 3600),
    /** Timeout for each Redis/Upstash call, so an outage costs at most about this much per request. */
    CACHE_TIMEOUT_MS: integerInRange(10, 5_000, 200),
    PORT: integerInRange(1, 65_535, 3000),
    LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(["debug", "info", "warn", "error", "silent"]).default("info")),
    /**
     * A directory holding one or more quarter folders of FAERS/AERS ASCII files (as FDA ships them; the
     * directory may also be a single quarter folder). When set, the product endpoints answer from these
     * files (source "faers-files") instead of live openFDA.
     */
    FAERS_DATA_DIR: optionalString,

    // --- Accounts and HTTP hardening (#4) ---
    /**
     * Signs sessions and API tokens. A comma-separated list rotates: the first signs, all verify.
     * Unset: a random secret is generated once and kept in AUTH_SECRET_FILE.
     */
    AUTH_SECRET: optionalString,
    /** next-auth v4's name for AUTH_SECRET; read when AUTH_SECRET is unset. */
    NEXTAUTH_SECRET: optionalString,
    /** Where the generated local secret is kept when no secret is set. */
    AUTH_SECRET_FILE: z.preprocess(emptyAsUndefined, z.string().default(".cer-data/auth-secret")),
    /** The app's public URL (https in production); next-auth builds callback URLs from it. */
    AUTH_URL: optionalUrl(["https", "http"]),
    /** The first admin, created at boot when the user store is empty. */
    // Any local@domain: intranet names such as admin@localhost are fine.
    ADMIN_EMAIL: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .max(254)
        .regex(/^[^\s@]+@[^\s@]+$/, { message: "must be an email address (name@domain)" })
        .refine((value) => emailProblem(value) === null, { message: "must not mix alphabets or contain invisible characters" })
        .optional(),
    ),
    ADMIN_PASSWORD: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .min(PASSWORD_MIN_LENGTH, { message: `must be at least ${PASSWORD_MIN_LENGTH} characters` })
        .max(PASSWORD_MAX_LENGTH)
        .optional(),
    ),
    /** Optional OpenID Connect sign-in; all three together. */
    OIDC_ISSUER: optionalUrl(["https", "http"]),
    OIDC_CLIENT_ID: optionalString,
    OIDC_CLIENT_SECRET: optionalString,
    /** Origins allowed to call the API from a browser with a bearer token (comma-separated, exact). */
    CORS_ORIGINS: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .default("")
        .transform((value) => value.split(",").map((origin) => origin.trim()).filter((origin) => origin !== ""))
        .pipe(z.array(z.url({ message: "must be a comma-separated list of origins such as https://app.example.com" }).refine(
          (origin) => URL.canParse(origin) && new URL(origin).origin === origin,
          { message: "each origin must be scheme://host[:port] with no path; '*' is not allowed" },
        ))),
    ),
    /** Trust the first X-Forwarded-For address (only behind a reverse proxy that overwrites it). */
    TRUST_PROXY: z.preprocess(emptyAsUndefined, z.enum(["0", "1", "true", "false"]).default("0").transform((v) => v === "1" || v === "true")),
    /** Rate limits (per window); see README. */
    RATE_LIMIT_SIGNIN_PER_MINUTE: integerInRange(1, 10_000, 5),
    RATE_LIMIT_TOKEN_PER_HOUR: integerInRange(1, 100_000, 10),
    RATE_LIMIT_API_PER_MINUTE: integerInRange(1, 1_000_000, 120),
    RATE_LIMIT_REPORTS_PER_HOUR: integerInRange(1, 100_000, 10),

    // --- Heavy work off the event loop (#9) ---
    /** Worker threads for heavy analytics (MGPS fits, all-pairs scoring, long spike runs, PDFs); default: cores − 1, 1–4. */
    ANALYTICS_WORKERS: integerInRange(1, 16, Math.max(1, Math.min(4, availableParallelism() - 1))),
    /** Heavy tasks allowed to wait for a worker; one more is answered 503 with Retry-After. */
    ANALYTICS_QUEUE_LIMIT: integerInRange(0, 1000, 32),
    /** Longest one heavy task may run; then it is a 503 and its worker is stopped and replaced. */
    ANALYTICS_TASK_TIMEOUT_MS: integerInRange(1000, 600_000, 60_000),

    // --- Durable jobs and CER reports (#11) ---
    /** Who runs jobs: "local" (in-process, durable in the store; the default) or "inngest". */
    JOBS_PROVIDER: z.preprocess(emptyAsUndefined, z.enum(["local", "inngest"], { message: 'must be "local" or "inngest"' }).default("local")),
    /** Inngest Cloud keys (both), or INNGEST_DEV for a dev server. */
    INNGEST_EVENT_KEY: optionalString,
    INNGEST_SIGNING_KEY: optionalString,
    /** "1" for the Inngest dev server on its default URL, or the dev server's URL. */
    INNGEST_DEV: optionalString,
    /** A self-hosted Inngest server's URL. */
    INNGEST_BASE_URL: optionalUrl(["https", "http"]),
    /** Days a stored report (PDF, snapshot, record) is kept. */
    REPORT_RETENTION_DAYS: integerInRange(1, 3650, 90),
    /** Reports a user may keep at once (older ones must be deleted first). */
    REPORT_QUOTA_PER_USER: integerInRange(1, 10_000, 50),
    /** Fatal and serious cases printed in a report's line listing (the cap is stated in the report). */
    REPORT_LINE_LISTING_CAP: integerInRange(1, 2000, 200),

    // --- Watchlists, scans and alerts (#12) ---
    /** Watchlists one user may own. */
    WATCHLISTS_PER_USER: integerInRange(1, 1000, 20),
    /** Entries the alert log keeps (Redis stream MAXLEN ~); a client reconnecting after more than this many alerts misses the oldest. */
    ALERT_LOG_MAX_LENGTH: integerInRange(100, 1_000_000, 10_000),
    /** SSE heartbeat: a comment line, and the caller's session or token checked again. */
    ALERT_STREAM_HEARTBEAT_MS: integerInRange(200, 120_000, 15_000),
    /** When scheduled scans run (cron, UTC): each run scans the watchlists that are due (daily, weekly). */
    WATCHLIST_SCAN_CRON: z.preprocess(emptyAsUndefined, z.string().regex(/^\S+(\s+\S+){4}$/, { message: "must be a 5-field cron expression such as 0 6 * * *" }).default("0 6 * * *")),
    /** smtp://user:pass@host:port (or smtps://): when set, a digest email of new alerts goes out after each scheduled scan. */
    SMTP_URL: optionalUrl(["smtp", "smtps"]),
    /** The digest's sender address. */
    ALERTS_EMAIL_FROM: z.preprocess(emptyAsUndefined, z.string().default("CER Analytics <alerts@localhost>")),

    // --- Operations: logs, metrics, traces, readiness (#13) ---
    /** JSON logs by default; "1" pretty-prints them (pino-pretty). Default: pretty only when NODE_ENV=development. */
    LOG_PRETTY: z.preprocess(emptyAsUndefined, z.enum(["0", "1", "true", "false"], { message: 'must be "0", "1", "true" or "false"' }).optional()),
    /** Bearer token that may read GET /api/metrics (a Prometheus scraper). Unset: admins only. */
    METRICS_TOKEN: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .min(16, { message: "must be at least 16 characters" })
        .max(512, { message: "must be at most 512 characters" })
        .regex(/^[A-Za-z0-9._~+/=-]+$/, { message: "may hold only letters, digits and . _ ~ + / = - (no spaces)" })
        .optional(),
    ),
    /** OTLP/HTTP collector base URL (e.g. http://otel-collector:4318); traces are sent to <url>/v1/traces. Unset: no tracing. */
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl(["http", "https"]),
    /** Extra headers for the collector, "key=value,key2=value2" (e.g. an API key of a hosted backend). */
    OTEL_EXPORTER_OTLP_HEADERS: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+\s*=[^,]*(,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+\s*=[^,]*)*$/, {
          message: "must be a comma-separated list of key=value pairs",
        })
        .optional(),
    ),
    /** service.name of the traces. */
    OTEL_SERVICE_NAME: z.preprocess(
      emptyAsUndefined,
      z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, { message: "must be 1–64 letters, digits, dots, dashes or underscores" }).default("cer-analytics"),
    ),
    /** Share of traces kept (parent-based ratio sampler), 0–1. */
    OTEL_TRACES_SAMPLE_RATIO: z.preprocess(
      emptyAsUndefined,
      z.coerce.number({ message: "must be a number between 0 and 1" }).min(0, { message: "must be between 0 and 1" }).max(1, { message: "must be between 0 and 1" }).default(1),
    ),
    /** How long /api/ready keeps its openFDA reachability answer, so probes do not spend the rate limit. */
    READY_OPENFDA_CHECK_SECONDS: integerInRange(5, 3600, 60),
  })
  .superRefine((env, ctx) => {
    const hasUrl = env.UPSTASH_REDIS_REST_URL !== undefined;
    const hasToken = env.UPSTASH_REDIS_REST_TOKEN !== undefined;
    if (hasUrl !== hasToken) {
      ctx.addIssue({
        code: "custom",
        path: [hasUrl ? "UPSTASH_REDIS_REST_TOKEN" : "UPSTASH_REDIS_REST_URL"],
        message: "UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN must be set together",
      });
    }
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some((v) => v !== undefined) && oidc.some((v) => v === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [env.OIDC_ISSUER === undefined ? "OIDC_ISSUER" : env.OIDC_CLIENT_ID === undefined ? "OIDC_CLIENT_ID" : "OIDC_CLIENT_SECRET"],
        message: "OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together",
      });
    }
    if (env.JOBS_PROVIDER === "inngest" && env.INNGEST_DEV === undefined && (env.INNGEST_EVENT_KEY === undefined || env.INNGEST_SIGNING_KEY === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [env.INNGEST_EVENT_KEY === undefined ? "INNGEST_EVENT_KEY" : "INNGEST_SIGNING_KEY"],
        message: "JOBS_PROVIDER=inngest needs INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY (Inngest Cloud), or INNGEST_DEV for a dev server",
      });
    }
    if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [env.ADMIN_EMAIL === undefined ? "ADMIN_EMAIL" : "ADMIN_PASSWORD"],
        message: "ADMIN_EMAIL and ADMIN_PASSWORD must be set together",
      });
    }
  });

export type ServerEnv = z.infer<typeof serverEnvSchema>;

/** Where product answers come from: FAERS quarterly files when FAERS_DATA_DIR is set, else openFDA. */
export type DataSourceKind = "openfda" | "faers-files";

export function dataSourceOf(env: Pick<ServerEnv, "FAERS_DATA_DIR">): DataSourceKind {
  return env.FAERS_DATA_DIR !== undefined ? "faers-files" : "openfda";
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  const result = serverEnvSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => `${issue.path.join(".") || "env"}: ${issue.message}`),
    );
  }
  return result.data;
}

let cached: ServerEnv | undefined;

/** The parsed server env. Throws EnvError naming each bad variable. */
export function getEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}

/** For tests: forget the parsed env so a changed process.env takes effect. */
export function resetEnvForTests(): void {
  cached = undefined;
}
