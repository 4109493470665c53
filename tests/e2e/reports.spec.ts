import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, type APIRequestContext } from "@playwright/test";
import { ADMIN, APP_ORIGIN, bearerFor, ensureUser, ROLE_PASSWORD, readAuthState } from "./auth";
import { analystPageTest, apiTest } from "./fixtures";

// CER reports end to end against the standalone server with the in-memory store and the local job provider:
// the API (202, task progress, record, PDF, verify, changes, 404 for others, bad input) and the
// /reports page (request through the server action, live progress, download, verify upload).

type Task = { id: string; status: string; progress: number; step: string | null; error?: string; reportId?: string };
type Report = { id: string; status: string; snapshot: { sha256: string } | null; pdf: { sha256: string; pages: number; bytes: number } | null; comparedWith: string | null };
type ErrorBody = { error: { code: string; message: string } };

const LETAIRIS_2014 = { product: { drug: "LETAIRIS" }, from: "2014-01-01", to: "2014-12-31" };

/** Polls the task until it ends, recording every progress value seen. */
async function waitForTask(request: APIRequestContext, taskId: string, timeoutMs = 90_000): Promise<{ task: Task; seen: number[] }> {
  const seen: number[] = [];
  const until = Date.now() + timeoutMs;
  for (;;) {
    const response = await request.get(`/api/tasks/${taskId}`);
    expect(response.status()).toBe(200);
    const task = (await response.json()) as Task;
    seen.push(task.progress);
    if (["succeeded", "failed", "cancelled"].includes(task.status)) return { task, seen };
    if (Date.now() > until) throw new Error(`task ${taskId} still ${task.status} at ${task.progress}%`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), "cer-pdf-"));
  const file = path.join(dir, "report.pdf");
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

apiTest("POST /api/reports → 202 → progress never goes backwards → a PDF whose numbers are the API's, verifiable by its hash", async ({ request }) => {
  const started = await request.post("/api/reports", { data: { ...LETAIRIS_2014, title: "LETAIRIS safety review 2014 ≥ α" } });
  expect(started.status()).toBe(202);
  const { reportId, taskId } = (await started.json()) as { reportId: string; taskId: string };
  expect(started.headers()["location"]).toBe(`/api/tasks/${taskId}`);

  // The same request at once is the same report (one job, by idempotency).
  const again = await request.post("/api/reports", { data: { ...LETAIRIS_2014, title: "LETAIRIS safety review 2014 ≥ α" } });
  expect(await again.json()).toEqual({ reportId, taskId });

  const { task, seen } = await waitForTask(request, taskId);
  expect(task.status, task.error).toBe("succeeded");
  expect(task.progress).toBe(100);
  expect(seen).toEqual([...seen].sort((a, b) => a - b));

  const record = (await (await request.get(`/api/reports/${reportId}`)).json()) as Report;
  expect(record.status).toBe("succeeded");
  expect(record.pdf!.pages).toBeGreaterThan(3);

  const download = await request.get(`/api/reports/${reportId}/pdf`);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("application/pdf");
  expect(download.headers()["content-disposition"]).toContain("attachment");
  const pdf = await download.body();
  expect(sha256(pdf)).toBe(record.pdf!.sha256);
  expect(download.headers()["etag"]).toBe(`"${record.pdf!.sha256}"`);
  expect((await request.get(`/api/reports/${reportId}/pdf`, { headers: { "if-none-match": `"${record.pdf!.sha256}"` } })).status()).toBe(304);

  const text = pdfText(pdf);
  const trend = (await (await request.get(`/api/faers/trend?drug=LETAIRIS&from=2014-01-01&to=2014-12-31`)).json()) as { total: number };
  expect(text).toContain("LETAIRIS safety review 2014 ≥ α");
  expect(text).toContain("a causal relationship cannot be established between product and reactions listed in a report");
  expect(text).toContain(record.snapshot!.sha256);
  expect(text).toContain(`${trend.total}`);
  expect(text).toMatch(/drug\/event\.json\?search=/);

  // verify: the stored PDF is found; one changed byte is not; junk is a 400.
  const found = await request.post("/api/reports/verify", { data: pdf, headers: { "content-type": "application/pdf" } });
  expect(await found.json()).toMatchObject({ match: true, sha256: record.pdf!.sha256, report: { id: reportId } });
  const changed = Buffer.from(pdf);
  changed[changed.length - 10] = (changed[changed.length - 10]! + 1) % 256;
  expect(await (await request.post("/api/reports/verify", { data: changed, headers: { "content-type": "application/pdf" } })).json()).toMatchObject({ match: false });
  const junk = await request.post("/api/reports/verify", { data: Buffer.from("hello"), headers: { "content-type": "application/pdf" } });
  expect(junk.status()).toBe(400);
  expect(((await junk.json()) as ErrorBody).error.message).toContain("not a PDF");
  const huge = await request.post("/api/reports/verify", { data: Buffer.alloc(26 * 1024 * 1024, 0x25), headers: { "content-type": "application/pdf" } });
  expect(huge.status()).toBe(413);

  // A second report of the same product compares with the first.
  const second = await request.post("/api/reports", { data: { ...LETAIRIS_2014, from: "2014-03-01", title: "LETAIRIS follow-up" } });
  const ids = (await second.json()) as { reportId: string; taskId: string };
  expect((await waitForTask(request, ids.taskId)).task.status).toBe("succeeded");
  const changes = (await (await request.get(`/api/reports/${ids.reportId}/changes`)).json()) as { comparedWith: string; changes: { previous: { reportId: string } } };
  expect(changes.comparedWith).toBe(reportId);
  expect(changes.changes.previous.reportId).toBe(reportId);
  expect(pdfText(await (await request.get(`/api/reports/${ids.reportId}/pdf`)).body())).toContain(reportId);
});

apiTest("another analyst gets 404 for your report and task; a viewer is refused; an admin sees it", async ({ request }) => {
  const started = await request.post("/api/reports", { data: { ...LETAIRIS_2014, title: "Private to its owner" } });
  const { reportId, taskId } = (await started.json()) as { reportId: string; taskId: string };
  const admin = await bearerFor(ADMIN.email, ADMIN.password);
  const otherEmail = `analyst-two-${Date.now()}@e2e.test`;
  await ensureUser(admin, otherEmail, ROLE_PASSWORD, "analyst");
  const other = await bearerFor(otherEmail, ROLE_PASSWORD);
  for (const path of [`/api/reports/${reportId}`, `/api/tasks/${taskId}`, `/api/reports/${reportId}/pdf`, `/api/reports/${reportId}/changes`]) {
    const response = await fetch(`${APP_ORIGIN}${path}`, { headers: { authorization: `Bearer ${other}` } });
    expect(response.status, path).toBe(404);
    expect(((await response.json()) as ErrorBody).error.code).toBe("not_found");
  }
  expect((await fetch(`${APP_ORIGIN}/api/reports/${reportId}`, { method: "DELETE", headers: { authorization: `Bearer ${other}`, origin: APP_ORIGIN } })).status).toBe(404);
  const viewer = await bearerFor(readAuthState().users.viewer.email, ROLE_PASSWORD);
  expect((await fetch(`${APP_ORIGIN}/api/reports`, { headers: { authorization: `Bearer ${viewer}` } })).status).toBe(403);
  expect((await fetch(`${APP_ORIGIN}/api/reports/${reportId}`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(200);
  const list = (await (await fetch(`${APP_ORIGIN}/api/reports`, { headers: { authorization: `Bearer ${other}` } })).json()) as { data: Report[] };
  expect(list.data.map((r) => r.id)).not.toContain(reportId);
  await waitForTask(request, taskId);
});

for (const [label, data, fragment] of [
  ["a reversed period", { ...LETAIRIS_2014, from: "2015-01-01" }, "must not be after"],
  ["no product", { from: "2014-01-01", to: "2014-12-31" }, "product"],
  ["two products", { ...LETAIRIS_2014, product: { drug: "A", device: "B" } }, "give only one of drug, device and productCode"],
  ["an unknown compareTo", { ...LETAIRIS_2014, compareTo: "rep_doesnotexist00" }, "compareTo: there is no finished report"],
  ["a spike parameter of another method", { ...LETAIRIS_2014, spikeMethod: "ears_c1", spikeParams: { alpha: 0.1 } }, "not a parameter of ears_c1"],
  ["an unknown section", { ...LETAIRIS_2014, sections: ["summary", "horoscope"] }, "sections"],
] as const) {
  apiTest(`POST /api/reports with ${label} → 400`, async ({ request }) => {
    const response = await request.post("/api/reports", { data });
    expect(response.status()).toBe(400);
    expect(((await response.json()) as ErrorBody).error.message).toContain(fragment);
  });
}

apiTest("an unknown product gives a valid report that says no reports were found; unknown ids are 404; a finished report can be deleted", async ({ request }) => {
  const started = await request.post("/api/reports", { data: { product: { drug: "NOSUCHDRUGXYZ" }, from: "2014-01-01", to: "2014-12-31" } });
  expect(started.status()).toBe(202);
  const { reportId, taskId } = (await started.json()) as { reportId: string; taskId: string };
  expect((await waitForTask(request, taskId)).task.status).toBe("succeeded");
  const text = pdfText(await (await request.get(`/api/reports/${reportId}/pdf`)).body());
  expect(text).toMatch(/no reports/i);
  expect((await request.get("/api/tasks/task_nope")).status()).toBe(404);
  expect((await request.get("/api/reports/rep_nope")).status()).toBe(404);
  const removed = await request.delete(`/api/reports/${reportId}`, { headers: { origin: APP_ORIGIN } });
  expect(await removed.json()).toEqual({ id: reportId, outcome: "deleted" });
  expect((await request.get(`/api/reports/${reportId}`)).status()).toBe(404);
  expect((await request.get(`/api/reports/${reportId}/pdf`)).status()).toBe(404);
});

analystPageTest("on /reports: request through the form → live progress → download → verify the downloaded file", async ({ page }) => {
  await page.goto("/reports?drug=LETAIRIS&from=2014-01-01&to=2014-12-31");
  await expect(page.getByLabel("Product", { exact: true })).toHaveValue("LETAIRIS");
  const title = `Page-made CER ${Date.now()}`;
  await page.getByLabel("Title (optional)").fill(title);
  await page.getByRole("button", { name: "Generate CER" }).click();
  await expect(page.getByRole("status").filter({ hasText: "requested" })).toBeVisible();
  const row = page.getByTestId("report-row").filter({ hasText: title });
  await expect(row).toBeVisible();
  // Progress moves without a reload, to 100%.
  await expect(row.getByTestId("report-status")).toHaveText("succeeded", { timeout: 90_000 });
  await expect(row.getByTestId("report-progress")).toHaveText("100%");
  const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: "Download PDF" }).click()]);
  const file = await download.path();
  expect(readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
  await page.getByLabel("PDF file").setInputFiles(file);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("verify-result")).toContainText(`(${title})`);
});
