import { execSync } from "node:child_process";
import { defineConfig } from "@playwright/test";
import { standaloneCommand, standaloneEnv } from "./scripts/lib/standalone.mjs";

// Debian's Chromium (no browser downloads here); CHROMIUM_PATH overrides.
function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execSync("command -v chromium", { encoding: "utf8" }).trim() || "/usr/bin/chromium";
  } catch {
    return "/usr/bin/chromium";
  }
}

const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const OPENFDA_PORT = Number(process.env.E2E_OPENFDA_PORT ?? 4010);
/** A second server with tiny rate limits, for the rate-limit specs. */
const LIMITED_APP_PORT = APP_PORT + 1;

// Both servers: the production build, the local openFDA-compatible server, the in-memory store, the
// first admin from env, and a fixed secret (so no secret file is written during tests).
const appEnv = {
  NEXT_TELEMETRY_DISABLED: "1",
  OPENFDA_BASE_URL: `http://127.0.0.1:${OPENFDA_PORT}`,
  OPENFDA_API_KEY: "e2e-key-must-not-leak",
  OPENFDA_TIMEOUT_MS: "2000",
  LOG_LEVEL: "warn",
  REDIS_URL: "",
  UPSTASH_REDIS_REST_URL: "",
  UPSTASH_REDIS_REST_TOKEN: "",
  AUTH_SECRET: "e2e-auth-secret-not-for-production-0123456789",
  ADMIN_EMAIL: "admin@e2e.test",
  ADMIN_PASSWORD: "e2e-admin-password-123",
  CORS_ORIGINS: "https://allowed.example",
};

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  globalSetup: "./tests/e2e/global-setup.ts",
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [["list"]],
  use: {
    // Browse through localhost, not 127.0.0.1: Next rewrites 127.0.0.1 to localhost (stack.md P9).
    baseURL: `http://localhost:${APP_PORT}`,
    browserName: "chromium",
    launchOptions: {
      executablePath: chromiumPath(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: [
    {
      command: `node node_modules/tsx/dist/cli.mjs tests/support/fake-openfda/cli.ts`,
      env: { PORT: String(OPENFDA_PORT) },
      url: `http://127.0.0.1:${OPENFDA_PORT}/__control/requests`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // The production build's standalone server (npm test builds it first). Limits high enough for the whole suite.
      command: standaloneCommand(),
      env: standaloneEnv(
        { ...appEnv, RATE_LIMIT_SIGNIN_PER_MINUTE: "1000", RATE_LIMIT_TOKEN_PER_HOUR: "1000", RATE_LIMIT_API_PER_MINUTE: "100000", RATE_LIMIT_REPORTS_PER_HOUR: "1000" },
        { port: APP_PORT },
      ),
      url: `http://127.0.0.1:${APP_PORT}/api/ready`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: standaloneCommand(),
      env: standaloneEnv({ ...appEnv, RATE_LIMIT_SIGNIN_PER_MINUTE: "3", RATE_LIMIT_TOKEN_PER_HOUR: "2", RATE_LIMIT_API_PER_MINUTE: "5" }, { port: LIMITED_APP_PORT }),
      url: `http://127.0.0.1:${LIMITED_APP_PORT}/api/ready`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
