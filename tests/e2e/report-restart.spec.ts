// CER reports survive their server: a real the standalone server on Redis with the local job provider is
// SIGKILLed (its whole process group) while a report is past collect; a new server with the same env
// resumes the run and finishes it. And two servers on one Redis run each report exactly once.
// Each test owns a whole Redis db (the app has no key-prefix setting), flushed at the end.
import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { Redis } from "ioredis";
import { ADMIN, bearerFor, ensureUser, ROLE_PASSWORD } from "./auth";
import { claimRedisDb, ownAppEnv, startOwnApp, type OwnApp } from "./own-app";

type Task = { id: string; status: string; progress: number; step: string | null; attempts: number; error?: string };
type Report = { id: string; status: string; pdf: { sha256: string; pages: number; bytes: number } | null; snapshot: { sha256: string } | null };
type AuditEntry = { action: string; target?: { id?: string } };

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Counts writes (SET) per key in one db, seen through MONITOR: what the servers really stored, how
 * often, and from which connection (each server has its own), whatever the servers say about it.
 */
async function watchWrites(url: string, db: number): Promise<{ writes: (key: string) => number; writers: (key: string) => string[]; stop: () => void }> {
  const client = new Redis(url);
  const monitor = await client.monitor();
  const seen = new Map<string, string[]>();
  monitor.on("monitor", (_time: string, args: string[], source: string, database: string) => {
    if (Number(database) !== db || args[0]?.toLowerCase() !== "set" || args[1] === undefined) return;
    seen.set(args[1], [...(seen.get(args[1]) ?? []), source]);
  });
  return {
    writes: (key) => seen.get(key)?.length ?? 0,
    writers: (key) => seen.get(key) ?? [],
    stop: () => {
      monitor.disconnect();
      client.disconnect();
    },
  };
}

async function getJson<T>(origin: string, path: string, bearer: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${origin}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
  return { status: response.status, body: (await response.json()) as T };
}

async function requestReport(origin: string, bearer: string, data: unknown): Promise<{ reportId: string; taskId: string }> {
  const response = await fetch(`${origin}/api/reports`, {
    method: "POST",
    headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
    body: JSON.stringify(data),
  });
  expect(response.status, await response.clone().text()).toBe(202);
  return (await response.json()) as { reportId: string; taskId: string };
}

async function auditEntries(origin: string, adminBearer: string, action: string, targetId: string): Promise<AuditEntry[]> {
  const { status, body } = await getJson<{ entries: AuditEntry[] }>(origin, `/api/admin/audit?action=${action}&targetId=${targetId}&limit=100`, adminBearer);
  expect(status).toBe(200);
  return body.entries;
}

async function signIn(origin: string): Promise<{ admin: string; analyst: string }> {
  const admin = await bearerFor(ADMIN.email, ADMIN.password, origin);
  const email = "restart-analyst@e2e.test";
  await ensureUser(admin, email, ROLE_PASSWORD, "analyst", origin);
  return { admin, analyst: await bearerFor(email, ROLE_PASSWORD, origin) };
}

/** The report's PDF downloads, is a PDF, and its SHA-256 is the record's. */
async function expectPdfMatchesRecord(origin: string, bearer: string, reportId: string): Promise<Report> {
  const { status, body: record } = await getJson<Report>(origin, `/api/reports/${reportId}`, bearer);
  expect(status).toBe(200);
  expect(record.status).toBe("succeeded");
  const download = await fetch(`${origin}/api/reports/${reportId}/pdf`, { headers: { authorization: `Bearer ${bearer}` } });
  expect(download.status).toBe(200);
  expect(download.headers.get("content-type")).toBe("application/pdf");
  const pdf = Buffer.from(await download.arrayBuffer());
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(sha256(pdf)).toBe(record.pdf!.sha256);
  expect(pdf.byteLength).toBe(record.pdf!.bytes);
  return record;
}

test.describe("CER reports across server crashes and instances (Redis, local jobs)", () => {
  test.describe.configure({ timeout: 120_000 });

  test("SIGKILL of the server mid-report: a restarted server finishes it; progress never goes back; one PDF, stored once, whose hash is the record's", async () => {
    const redis = await claimRedisDb();
    const writes = await watchWrites(redis.url, redis.db);
    const env = ownAppEnv({ REDIS_URL: redis.url });
    let app: OwnApp | undefined;
    try {
      app = await startOwnApp(env);
      const { admin, analyst } = await signIn(app.origin);
      // Several years of LETAIRIS: a long report, so its render step lasts long enough to be caught.
      const { reportId, taskId } = await requestReport(app.origin, analyst, {
        product: { drug: "LETAIRIS" },
        from: "2008-01-01",
        to: "2025-12-31",
        title: "LETAIRIS, killed mid-report",
      });

      // Poll fast until the task runs a step after collect, then kill the server at once.
      const seen: Task[] = [];
      const deadline = Date.now() + 60_000;
      for (;;) {
        const { status, body: task } = await getJson<Task>(app.origin, `/api/tasks/${taskId}`, analyst);
        expect(status).toBe(200);
        seen.push(task);
        if (task.status === "running" && task.step !== null && task.step !== "collect") break;
        expect(["queued", "running"], `the task ended before it could be caught past collect: ${JSON.stringify(task)}`).toContain(task.status);
        if (Date.now() > deadline) throw new Error(`task never got past collect: ${JSON.stringify(task)}`);
        await sleep(20);
      }
      const killedAt = seen.at(-1)!;
      await app.kill();
      test.info().annotations.push({ type: "killed at", description: `${killedAt.step} (${killedAt.progress}%) after ${seen.length} polls` });
      console.log(`killed at ${killedAt.step} (${killedAt.progress}%) after ${seen.length} polls`);
      // Nothing was lost that a crash could not lose: the collect step had stored its snapshot once.
      const snapshotKey = `cer:report:${reportId}:snapshot`;
      const pdfKey = `cer:report:${reportId}:pdf`;
      expect(writes.writes(snapshotKey)).toBe(1);

      app = await startOwnApp(env, app.port);
      // The run resumes once the dead server's lease (15 s) expires.
      const until = Date.now() + 75_000;
      let task: Task;
      for (;;) {
        const answer = await getJson<Task>(app.origin, `/api/tasks/${taskId}`, analyst);
        expect(answer.status).toBe(200);
        task = answer.body;
        seen.push(task);
        if (["succeeded", "failed", "cancelled"].includes(task.status)) break;
        if (Date.now() > until) throw new Error(`task still ${task.status} at ${task.progress}% after the restart`);
        await sleep(100);
      }
      expect(task.status, `${task.error ?? ""}\n${app.output().slice(-2000)}`).toBe("succeeded");
      expect(task.progress).toBe(100);
      const progress = seen.map((t) => t.progress);
      expect(progress, `killed at ${killedAt.step} (${killedAt.progress}%)`).toEqual([...progress].sort((a, b) => a - b));
      expect(killedAt.progress).toBeGreaterThan(10);

      const record = await expectPdfMatchesRecord(app.origin, analyst, reportId);
      expect(record.pdf!.pages).toBeGreaterThan(3);
      // collect ran once (not again after the restart); the PDF was written once; one report.completed.
      expect(writes.writes(snapshotKey)).toBe(1);
      expect(writes.writes(pdfKey)).toBe(1);
      expect(await auditEntries(app.origin, admin, "report.completed", reportId)).toHaveLength(1);
      expect(await auditEntries(app.origin, admin, "report.failed", reportId)).toHaveLength(0);
      // The PDF's hash finds this report, and only it.
      const verify = await fetch(`${app.origin}/api/reports/verify`, {
        method: "POST",
        headers: { authorization: `Bearer ${analyst}`, "content-type": "application/pdf" },
        body: new Uint8Array(await (await fetch(`${app.origin}/api/reports/${reportId}/pdf`, { headers: { authorization: `Bearer ${analyst}` } })).arrayBuffer()),
      });
      expect(await verify.json()).toMatchObject({ match: true, sha256: record.pdf!.sha256, report: { id: reportId } });
    } finally {
      await app?.kill();
      writes.stop();
      await redis.release();
    }
  });

  test("two servers on one Redis: every report is run once — one snapshot, one PDF write, one report.completed each", async () => {
    const redis = await claimRedisDb();
    const writes = await watchWrites(redis.url, redis.db);
    const env = ownAppEnv({ REDIS_URL: redis.url });
    const apps: OwnApp[] = [];
    try {
      apps.push(await startOwnApp(env));
      apps.push(await startOwnApp(env));
      const [a, b] = apps as [OwnApp, OwnApp];
      const { admin, analyst } = await signIn(a.origin);
      // Requests alternate between the servers; both pollers compete for every run.
      const started: { reportId: string; taskId: string }[] = [];
      const pdfWriters = new Set<string>();
      for (const [i, year] of [2010, 2012, 2014, 2016].entries()) {
        started.push(await requestReport(i % 2 === 0 ? a.origin : b.origin, analyst, { product: { drug: "LETAIRIS" }, from: `${year}-01-01`, to: `${year}-12-31` }));
      }
      for (const { reportId, taskId } of started) {
        const until = Date.now() + 60_000;
        const seen: number[] = [];
        let task: Task;
        for (;;) {
          task = (await getJson<Task>(b.origin, `/api/tasks/${taskId}`, analyst)).body;
          seen.push(task.progress);
          if (["succeeded", "failed", "cancelled"].includes(task.status)) break;
          if (Date.now() > until) throw new Error(`task ${taskId} still ${task.status} at ${task.progress}%`);
          await sleep(100);
        }
        expect(task.status, task.error).toBe("succeeded");
        expect(task.attempts).toBe(1);
        expect(seen).toEqual([...seen].sort((x, y) => x - y));
        await expectPdfMatchesRecord(a.origin, analyst, reportId);
        expect(writes.writes(`cer:report:${reportId}:snapshot`), reportId).toBe(1);
        expect(writes.writes(`cer:report:${reportId}:pdf`), reportId).toBe(1);
        for (const writer of writes.writers(`cer:report:${reportId}:pdf`)) pdfWriters.add(writer);
        expect(await auditEntries(b.origin, admin, "report.completed", reportId)).toHaveLength(1);
      }
      // Both servers took part (each drives one run at a time, so the other picks up the next one).
      expect(pdfWriters.size, [...pdfWriters].join(", ")).toBe(2);
    } finally {
      for (const app of apps) await app.kill();
      writes.stop();
      await redis.release();
    }
  });
});
