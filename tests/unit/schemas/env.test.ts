import { availableParallelism } from "node:os";
import { describe, expect, test } from "vitest";
import { EnvError, parseServerEnv } from "@/lib/env";

describe("server env", () => {
  test("no env at all is valid: live openFDA, in-memory cache, port 3000", () => {
    const env = parseServerEnv({});
    expect(env).toMatchObject({ OPENFDA_BASE_URL: "https://api.fda.gov", CACHE_TTL_SECONDS: 43200, PORT: 3000, OPENFDA_MAX_CONCURRENCY: 4 });
    expect(parseServerEnv({ OPENFDA_MAX_CONCURRENCY: "32" }).OPENFDA_MAX_CONCURRENCY).toBe(32);
    expect(env.REDIS_URL).toBeUndefined();
  });

  test("the analytics pool defaults to cores − 1 workers (1–4), 32 waiting, 60 s per task", () => {
    const env = parseServerEnv({});
    expect(env.ANALYTICS_WORKERS).toBe(Math.max(1, Math.min(4, availableParallelism() - 1)));
    expect(env).toMatchObject({ ANALYTICS_QUEUE_LIMIT: 32, ANALYTICS_TASK_TIMEOUT_MS: 60_000 });
    expect(parseServerEnv({ ANALYTICS_WORKERS: "16", ANALYTICS_QUEUE_LIMIT: "0" })).toMatchObject({ ANALYTICS_WORKERS: 16, ANALYTICS_QUEUE_LIMIT: 0 });
  });

  test("empty strings count as unset", () => {
    expect(parseServerEnv({ REDIS_URL: "", CACHE_TTL_SECONDS: "" }).CACHE_TTL_SECONDS).toBe(43200);
  });

  test.each([
    [{ CACHE_TTL_SECONDS: "abc" }, "CACHE_TTL_SECONDS"],
    [{ CACHE_TTL_SECONDS: "-5" }, "CACHE_TTL_SECONDS"],
    [{ PORT: "70000" }, "PORT"],
    [{ OPENFDA_BASE_URL: "not a url" }, "OPENFDA_BASE_URL"],
    [{ REDIS_URL: "http://127.0.0.1:6379" }, "REDIS_URL"],
    [{ UPSTASH_REDIS_REST_URL: "https://x.upstash.io" }, "UPSTASH_REDIS_REST_TOKEN"],
    [{ OPENFDA_RATE_LIMIT_PER_MINUTE: "1000" }, "OPENFDA_RATE_LIMIT_PER_MINUTE"],
    [{ OPENFDA_MAX_CONCURRENCY: "0" }, "OPENFDA_MAX_CONCURRENCY"],
    [{ OPENFDA_MAX_CONCURRENCY: "33" }, "OPENFDA_MAX_CONCURRENCY"],
    [{ OPENFDA_MAX_CONCURRENCY: "2.5" }, "OPENFDA_MAX_CONCURRENCY"],
    [{ CORS_ORIGINS: "*" }, "CORS_ORIGINS"],
    [{ CORS_ORIGINS: "null" }, "CORS_ORIGINS"],
    [{ CORS_ORIGINS: "https://app.example.com/path" }, "CORS_ORIGINS"],
    [{ ADMIN_EMAIL: "admin@example.com" }, "ADMIN_PASSWORD"],
    [{ ADMIN_EMAIL: "not an email", ADMIN_PASSWORD: "long-enough-password" }, "ADMIN_EMAIL"],
    [{ ADMIN_EMAIL: "admin@ex\u0430mple.com", ADMIN_PASSWORD: "long-enough-password" }, "ADMIN_EMAIL"],
    [{ ADMIN_EMAIL: "ad\u200bmin@example.com", ADMIN_PASSWORD: "long-enough-password" }, "ADMIN_EMAIL"],
    [{ ADMIN_EMAIL: "admin@example.com", ADMIN_PASSWORD: "short" }, "ADMIN_PASSWORD"],
    [{ OIDC_ISSUER: "https://id.example.com" }, "OIDC_CLIENT_ID"],
    [{ RATE_LIMIT_SIGNIN_PER_MINUTE: "0" }, "RATE_LIMIT_SIGNIN_PER_MINUTE"],
    [{ ANALYTICS_WORKERS: "0" }, "ANALYTICS_WORKERS"],
    [{ ANALYTICS_WORKERS: "17" }, "ANALYTICS_WORKERS"],
    [{ ANALYTICS_QUEUE_LIMIT: "-1" }, "ANALYTICS_QUEUE_LIMIT"],
    [{ ANALYTICS_TASK_TIMEOUT_MS: "999" }, "ANALYTICS_TASK_TIMEOUT_MS"],
  ])("%j is refused naming %s", (source, variable) => {
    expect(() => parseServerEnv(source)).toThrow(EnvError);
    expect(() => parseServerEnv(source)).toThrow(variable);
  });

  test("CORS_ORIGINS is a list of exact origins; auth settings default to the embedded mode", () => {
    const env = parseServerEnv({ CORS_ORIGINS: "https://a.example, http://localhost:5173" });
    expect(env.CORS_ORIGINS).toEqual(["https://a.example", "http://localhost:5173"]);
    const defaults = parseServerEnv({});
    expect(defaults).toMatchObject({ CORS_ORIGINS: [], TRUST_PROXY: false, AUTH_SECRET_FILE: ".cer-data/auth-secret", RATE_LIMIT_SIGNIN_PER_MINUTE: 5 });
    expect(defaults.AUTH_SECRET).toBeUndefined();
    expect(parseServerEnv({ ADMIN_EMAIL: "ops@localhost", ADMIN_PASSWORD: "long-enough-password" }).ADMIN_EMAIL).toBe("ops@localhost");
  });
});
