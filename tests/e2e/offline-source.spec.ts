// The FAERS-file source end to end: a server started with FAERS_DATA_DIR answers every product
// question from the files (the 2017Q2 sample, reached through a symbolic link) and never calls
// openFDA; an unusable FAERS_DATA_DIR stops the server at boot naming the variable and the folder.
import type { ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { casesResponseSchema, reactionsResponseSchema, summaryResponseSchema, trendResponseSchema } from "../../lib/schemas/faers-response";
import { productAnomaliesResponseSchema, productForecastResponseSchema } from "../../lib/schemas/analytics-response";
import { signalsResponseSchema } from "../../lib/schemas/signals-response";
import { freePort } from "../support/redis";
import { sharedDataPath } from "../support/shared-data";
import { bearerFor } from "./auth";
import { OPENFDA_CONTROL } from "./fixtures";
import { spawnStandalone } from "../../scripts/lib/standalone.mjs";

const ADMIN = { email: "offline-admin@e2e.test", password: "offline-admin-password-1" };

function startServer(env: Record<string, string>, port: number): { child: ChildProcess; output: () => string } {
  const child = spawnStandalone({
    port,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
      REDIS_URL: "",
      UPSTASH_REDIS_REST_URL: "",
      UPSTASH_REDIS_REST_TOKEN: "",
      AUTH_SECRET: "offline-e2e-secret-not-for-production-0123456789",
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      OPENFDA_BASE_URL: OPENFDA_CONTROL.replace(/\/__control$/, ""),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

async function waitForHealthy(origin: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    const status = await fetch(`${origin}/api/ready`).then((r) => r.status, () => 0);
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${origin} never became healthy`);
}

async function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, 30_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

const openFdaRequests = async () => ((await (await fetch(`${OPENFDA_CONTROL}/requests`)).json()) as unknown[]).length;

test("with FAERS_DATA_DIR, every product question is answered from the files and none reaches openFDA", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "cer-offline-"));
  symlinkSync(sharedDataPath("faers_ascii", "faers_r_2017q2"), path.join(dir, "2017q2"));
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const server = startServer({ FAERS_DATA_DIR: dir }, port);
  try {
    await waitForHealthy(origin);
    const health = (await (await fetch(`${origin}/api/health`)).json()) as { source: string };
    expect(health.source).toBe("faers-files");
    const headers = { authorization: `Bearer ${await bearerFor(ADMIN.email, ADMIN.password, origin)}` };
    const before = await openFdaRequests();

    const ask = async (question: string, params: string) => {
      const response = await fetch(`${origin}/api/faers/${question}?drug=risperdal&${params}`, { headers });
      expect(response.status, `${question}: ${await response.clone().text()}`).toBe(200);
      return (await response.json()) as unknown;
    };
    const trend = trendResponseSchema.parse(await ask("trend", "interval=month"));
    expect(trend.total).toBeGreaterThan(0);
    const reactions = reactionsResponseSchema.parse(await ask("reactions", "top=5"));
    expect(reactions.total).toBe(trend.total);
    const summary = summaryResponseSchema.parse(await ask("summary", ""));
    expect(summary.total).toBe(trend.total);
    const cases = casesResponseSchema.parse(await ask("cases", "limit=100"));
    expect(cases.total).toBe(trend.total);
    expect(cases.data).toHaveLength(trend.total);
    const signals = signalsResponseSchema.parse(await ask("signals", "top=5"));
    expect(signals.signals.length).toBeGreaterThan(0);
    const forecast = productForecastResponseSchema.parse(await ask("forecast", "interval=month&horizon=3"));
    const anomalies = productAnomaliesResponseSchema.parse(await ask("anomalies", "interval=month&method=ears_c1"));
    for (const body of [trend, reactions, summary, cases, signals, forecast, anomalies]) {
      expect(body.provenance.source).toMatch(/FAERS quarterly ASCII files/);
      expect(body.provenance.queries).toContain("DEMO17Q2.txt");
    }
    expect(await openFdaRequests()).toBe(before);
  } finally {
    server.child.kill("SIGKILL");
  }
});

for (const [what, makeDir] of [
  ["missing", (root: string) => path.join(root, "no-such-folder")],
  [
    "empty",
    (root: string) => {
      const empty = path.join(root, "empty");
      mkdirSync(empty);
      return empty;
    },
  ],
] as const) {
  test(`a FAERS_DATA_DIR that is ${what} stops the server at boot, naming the variable and the folder`, async () => {
    const dir = makeDir(mkdtempSync(path.join(tmpdir(), "cer-offline-bad-")));
    const server = startServer({ FAERS_DATA_DIR: dir }, await freePort());
    expect(await exitOf(server.child)).toBe(1);
    expect(server.output()).toContain(`FAERS_DATA_DIR: the folder ${dir}`);
  });
}
