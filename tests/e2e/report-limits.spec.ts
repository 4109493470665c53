// The report request limits over HTTP, on a server of this spec's own with tiny limits
// (RATE_LIMIT_REPORTS_PER_HOUR=3, REPORT_QUOTA_PER_USER=2; the in-memory store): over either, POST
// /api/reports is a 429 with Retry-After and the one error body, and the refused request starts nothing.
// (playwright.config.ts's "limited" server allows 5 API calls a minute, too few for these flows.)
import { expect, test } from "@playwright/test";
import { ADMIN, bearerFor, ensureUser, ROLE_PASSWORD } from "./auth";
import { ownAppEnv, startOwnApp, type OwnApp } from "./own-app";

type ErrorBody = { error: { code: string; message: string; details: Record<string, unknown> } };
type Task = { status: string; progress: number; error?: string };

const RATE = 3;
const QUOTA = 2;
let app: OwnApp;
let admin: string;

test.describe.configure({ timeout: 90_000 });

test.beforeAll(async () => {
  test.setTimeout(90_000);
  app = await startOwnApp(ownAppEnv({ REDIS_URL: "", RATE_LIMIT_REPORTS_PER_HOUR: String(RATE), REPORT_QUOTA_PER_USER: String(QUOTA) }));
  admin = await bearerFor(ADMIN.email, ADMIN.password, app.origin);
});

test.afterAll(async () => {
  await app?.kill();
});

async function newAnalyst(name: string): Promise<{ id: string; bearer: string }> {
  const email = `${name}-${Date.now()}@e2e.test`;
  const user = await ensureUser(admin, email, ROLE_PASSWORD, "analyst", app.origin);
  return { id: user.id, bearer: await bearerFor(email, ROLE_PASSWORD, app.origin) };
}

const call = (path: string, bearer: string, init: RequestInit = {}) =>
  fetch(`${app.origin}${path}`, { ...init, headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json", origin: app.origin, ...init.headers } });

const requestReport = (bearer: string, year: number) =>
  call("/api/reports", bearer, { method: "POST", body: JSON.stringify({ product: { drug: "LETAIRIS" }, from: `${year}-01-01`, to: `${year}-12-31` }) });

async function waitForTask(bearer: string, taskId: string): Promise<Task> {
  const until = Date.now() + 60_000;
  for (;;) {
    const task = (await (await call(`/api/tasks/${taskId}`, bearer)).json()) as Task;
    if (["succeeded", "failed", "cancelled"].includes(task.status)) return task;
    if (Date.now() > until) throw new Error(`task ${taskId} still ${task.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What the user's requests left behind: their report records, and the report.requested audit entries. */
async function footprint(user: { id: string; bearer: string }): Promise<{ reports: number; requested: number }> {
  const list = (await (await call("/api/reports", user.bearer)).json()) as { data: unknown[] };
  const audit = (await (await call(`/api/admin/audit?action=report.requested&actorUserId=${user.id}&limit=100`, admin)).json()) as { entries: unknown[] };
  return { reports: list.data.length, requested: audit.entries.length };
}

async function expect429(response: Response): Promise<ErrorBody> {
  expect(response.status).toBe(429);
  const retryAfter = response.headers.get("retry-after");
  expect(retryAfter).toMatch(/^\d+$/);
  expect(Number(retryAfter)).toBeGreaterThan(0);
  const body = (await response.json()) as ErrorBody;
  expect(Object.keys(body)).toEqual(["error"]);
  expect(Object.keys(body.error).sort()).toEqual(["code", "details", "message"]);
  expect(body.error.code).toBe("rate_limited");
  expect(typeof body.error.message).toBe("string");
  return body;
}

test(`over RATE_LIMIT_REPORTS_PER_HOUR (${RATE}): 429 with Retry-After and the error body; nothing is recorded or started`, async () => {
  const user = await newAnalyst("rate");
  // Each report is finished and deleted before the next, so the quota never bites: only the rate does.
  for (let i = 0; i < RATE; i++) {
    const response = await requestReport(user.bearer, 2010 + i);
    expect(response.status).toBe(202);
    const { reportId, taskId } = (await response.json()) as { reportId: string; taskId: string };
    expect((await waitForTask(user.bearer, taskId)).status).toBe("succeeded");
    expect((await call(`/api/reports/${reportId}`, user.bearer, { method: "DELETE" })).status).toBe(200);
  }
  expect(await footprint(user)).toEqual({ reports: 0, requested: RATE });

  const refused = await expect429(await requestReport(user.bearer, 2020));
  expect(refused.error.message).toContain("Too many report requests");
  expect(refused.error.details).toMatchObject({ limit: RATE, windowSeconds: 3600 });
  expect(refused.error.details.retryAfterSeconds).toBeGreaterThan(0);
  expect(await footprint(user)).toEqual({ reports: 0, requested: RATE });
  // Another user is not limited by this one.
  const other = await newAnalyst("rate-other");
  expect((await requestReport(other.bearer, 2020)).status).toBe(202);
});

test(`over REPORT_QUOTA_PER_USER (${QUOTA}): 429 with Retry-After and the error body; nothing is recorded or started`, async () => {
  const user = await newAnalyst("quota");
  const kept: string[] = [];
  for (let i = 0; i < QUOTA; i++) {
    const response = await requestReport(user.bearer, 2010 + i);
    expect(response.status).toBe(202);
    kept.push(((await response.json()) as { taskId: string }).taskId);
  }
  const refused = await expect429(await requestReport(user.bearer, 2020));
  expect(refused.error.message).toContain("REPORT_QUOTA_PER_USER");
  expect(refused.error.details).toEqual({ quota: QUOTA, reports: QUOTA });
  expect(await footprint(user)).toEqual({ reports: QUOTA, requested: QUOTA });
  for (const taskId of kept) expect((await waitForTask(user.bearer, taskId)).status).toBe("succeeded");
  expect(await footprint(user)).toEqual({ reports: QUOTA, requested: QUOTA });
});
