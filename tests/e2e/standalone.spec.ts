// The standalone build serves from its own folder alone, as the container image ships it: the folder is
// copied to an empty temp dir (no repo, no node_modules beside it) and `node server.js` started there
// with its embedded defaults — only PORT, the secret, the first admin and the fake openFDA's URL in the
// env. It answers /api/health, renders a page with its static files, answers a trend, and renders a CER
// PDF (DejaVu fonts from public/fonts and the analytics worker thread, both found inside the folder).
// `node worker.js` from the same folder (the image's worker command) serves the Inngest functions.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { standaloneDirOf } from "../../scripts/lib/standalone.mjs";
import { freePort } from "../support/redis";
import { bearerFor } from "./auth";
import { OPENFDA_CONTROL } from "./fixtures";
import { claimRedisDb } from "./own-app";

const ADMIN = { email: "standalone-admin@e2e.test", password: "standalone-admin-password-1" };

let dir: string;
let child: ChildProcess;
let origin: string;
let output = "";

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "cer-standalone-"));
  // verbatimSymlinks: the build's few links are relative (into its own node_modules) and must stay so,
  // not be rewritten to point back into the repo.
  cpSync(standaloneDirOf(), dir, { recursive: true, verbatimSymlinks: true });
  // Next copies a build machine's .env/.env.production into the folder; the image never has them
  // (.dockerignore), and the server here must run on its embedded defaults.
  for (const file of [".env", ".env.production"]) rmSync(path.join(dir, file), { force: true });
  const port = await freePort();
  origin = `http://localhost:${port}`;
  // Nothing else: NODE_ENV and every other setting take server.js's and lib/env.ts's defaults.
  const env: Record<string, string> = {
    PORT: String(port),
    AUTH_SECRET: "standalone-e2e-secret-not-for-production-0123456789",
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    OPENFDA_BASE_URL: OPENFDA_CONTROL.replace(/\/__control$/, ""),
  };
  child = spawn(process.execPath, ["server.js"], { cwd: dir, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server.js exited with ${child.exitCode}:\n${output.slice(-2000)}`);
    const status = await fetch(`${origin}/api/health`).then((r) => r.status, () => 0);
    if (status === 200) break;
    if (Date.now() > deadline) throw new Error(`server.js never became healthy:\n${output.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
});

test.afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the folder holds the server, its build and assets, and none of the sources", () => {
  const entries = readdirSync(dir).sort();
  expect(entries).toEqual(expect.arrayContaining([".next", "node_modules", "package.json", "public", "server.js", "worker.js"]));
  // Turbopack traces the whole project into the folder when a path is built dynamically (render-report-pdf).
  for (const source of ["app", "lib", "tests", "components", "bench", "package-lock.json"]) expect(entries).not.toContain(source);
  expect(existsSync(path.join(dir, ".next", "static"))).toBe(true);
  expect(existsSync(path.join(dir, "public", "fonts", "DejaVuSans.ttf"))).toBe(true);
});

test("from its folder alone: /api/health is 200, a page renders with its static files", async () => {
  const health = await fetch(`${origin}/api/health`);
  expect(health.status).toBe(200);

  const page = await fetch(`${origin}/signin`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain("<html");
  const asset = html.match(/\/_next\/static\/[^"']+\.(?:js|css)/)?.[0];
  expect(asset, "the page links a static file").toBeDefined();
  const assetResponse = await fetch(`${origin}${asset}`);
  expect(assetResponse.status).toBe(200);
  expect((await assetResponse.arrayBuffer()).byteLength).toBeGreaterThan(0);
});

/** The Dockerfile's HEALTHCHECK command (exec form), run here with node and `PORT`; its exit code. */
function runImageHealthcheck(port: number): number | null {
  const dockerfile = readFileSync(path.resolve(import.meta.dirname, "../../Dockerfile"), "utf8").replace(/\\\r?\n/g, " ");
  const json = dockerfile.match(/^HEALTHCHECK\b.*?\bCMD\s+(\[.*\])\s*$/m)?.[1];
  expect(json, "HEALTHCHECK … CMD [exec form]").toBeDefined();
  const [command, ...args] = JSON.parse(json!) as string[];
  expect(command).toBe("node");
  const env: Record<string, string> = { PORT: String(port) };
  return spawnSync(process.execPath, args, { env: env as NodeJS.ProcessEnv, timeout: 10_000 }).status;
}

test("the image's HEALTHCHECK command passes against the running server and fails when nothing listens", async () => {
  expect(runImageHealthcheck(Number(new URL(origin).port))).toBe(0);
  expect(runImageHealthcheck(await freePort())).toBe(1);
});

test("from its folder alone: a trend against the fake openFDA, and a CER rendered to PDF on a worker thread", async () => {
  test.setTimeout(150_000);
  const auth = { authorization: `Bearer ${await bearerFor(ADMIN.email, ADMIN.password, origin)}` };
  const trend = await fetch(`${origin}/api/faers/trend?drug=LETAIRIS&from=2014-01-01&to=2014-12-31`, { headers: auth });
  expect(trend.status).toBe(200);
  expect(((await trend.json()) as { total: number }).total).toBeGreaterThan(0);

  const started = await fetch(`${origin}/api/reports`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ product: { drug: "LETAIRIS" }, from: "2014-01-01", to: "2014-12-31", title: "Standalone CER ≥ α" }),
  });
  expect(started.status).toBe(202);
  const { reportId, taskId } = (await started.json()) as { reportId: string; taskId: string };
  const until = Date.now() + 120_000;
  let task: { status: string; error?: string };
  for (;;) {
    task = (await (await fetch(`${origin}/api/tasks/${taskId}`, { headers: auth })).json()) as typeof task;
    if (["succeeded", "failed", "cancelled"].includes(task.status) || Date.now() > until) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(task.status, `${task.error ?? ""}\n${output.slice(-2000)}`).toBe("succeeded");

  const pdf = await fetch(`${origin}/api/reports/${reportId}/pdf`, { headers: auth });
  expect(pdf.status).toBe(200);
  const bytes = Buffer.from(await pdf.arrayBuffer());
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  // The DejaVu font is embedded (Helvetica could not print ≥ or α).
  expect(bytes.toString("latin1")).toContain("DejaVuSans");
});

/** Runs `node worker.js` in the copied folder with exactly `env`; collects its output. */
function startWorker(env: Record<string, string>) {
  const worker = spawn(process.execPath, ["worker.js"], { cwd: dir, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  worker.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  worker.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => worker.once("exit", (code) => resolve(code)));
  return { worker, exited, log: () => log };
}

test("node worker.js refuses the local provider and the in-memory store, naming both", async () => {
  const { exited, log } = startWorker({ AUTH_SECRET: "standalone-e2e-secret-not-for-production-0123456789" });
  expect(await exited).toBe(1);
  expect(log()).toContain("JOBS_PROVIDER");
  expect(log()).toContain("REDIS_URL");
});

test("node worker.js serves the Inngest functions at /api/inngest on WORKER_PORT", async () => {
  const redis = await claimRedisDb();
  const port = await freePort();
  const { worker, exited, log } = startWorker({
    WORKER_PORT: String(port),
    JOBS_PROVIDER: "inngest",
    INNGEST_DEV: "1",
    REDIS_URL: redis.url,
    AUTH_SECRET: "standalone-e2e-secret-not-for-production-0123456789",
    OPENFDA_BASE_URL: OPENFDA_CONTROL.replace(/\/__control$/, ""),
  });
  try {
    const deadline = Date.now() + 60_000;
    let response: Response | undefined;
    while (Date.now() < deadline && worker.exitCode === null) {
      response = await fetch(`http://localhost:${port}/api/inngest`).catch(() => undefined);
      if (response?.status === 200) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(response?.status, log().slice(-2000)).toBe(200);
    const introspection = (await response!.json()) as { function_count: number; mode: string };
    expect(introspection.mode).toBe("dev");
    expect(introspection.function_count).toBeGreaterThan(0);
  } finally {
    worker.kill("SIGKILL");
    await exited;
    await redis.release();
  }
});
