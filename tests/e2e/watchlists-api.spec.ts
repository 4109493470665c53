import { expect, type APIRequestContext } from "@playwright/test";
import { apiTest as test } from "./fixtures";
import { expectMatchesDocument } from "./openapi-contract";

// The watchlist and alert JSON API over real HTTP (an analyst's personal token), every answer checked
// against the API document: create, list, read, change, scan and delete a watchlist; list, read and
// move an alert (a report_ready alert, raised when a CER this analyst requested finishes); bad input,
// unknown ids and an illegal move answer the one error body.

test.describe.configure({ timeout: 120_000 });

type ErrorBody = { error: { code: string; message: string } };
type Alert = { id: string; kind: string; reportId: string | null; state: string };

async function finishReport(request: APIRequestContext, title: string): Promise<string> {
  const started = await request.post("/api/reports", { data: { product: { drug: "LETAIRIS" }, from: "2014-01-01", to: "2014-12-31", title } });
  expect(started.status()).toBe(202);
  const { reportId, taskId } = (await started.json()) as { reportId: string; taskId: string };
  const until = Date.now() + 90_000;
  for (;;) {
    const task = (await (await request.get(`/api/tasks/${taskId}`)).json()) as { status: string; error?: string };
    if (task.status === "succeeded") return reportId;
    if (["failed", "cancelled"].includes(task.status) || Date.now() > until) throw new Error(`report task ${task.status}: ${task.error ?? ""}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

test("watchlists: create → list → read → change → scan → delete, each answer as documented", async ({ request }) => {
  const name = `API watch ${Date.now()}`;
  const created = await request.post("/api/watchlists", {
    data: { name, product: { drug: "LETAIRIS" }, watch: [{ kind: "fatal_report" }, { kind: "signal", rule: "evans", minCount: 3 }], schedule: "daily" },
  });
  expect(created.status()).toBe(201);
  const watchlist = (await expectMatchesDocument(created, "POST /api/watchlists")) as { id: string; name: string };
  expect(created.headers()["location"]).toBe(`/api/watchlists/${watchlist.id}`);

  const list = await request.get("/api/watchlists");
  expect(list.status()).toBe(200);
  const listed = (await expectMatchesDocument(list, "GET /api/watchlists")) as { data: { id: string }[] };
  expect(listed.data.map((w) => w.id)).toContain(watchlist.id);

  const read = await request.get(`/api/watchlists/${watchlist.id}`);
  expect(read.status()).toBe(200);
  expect(await expectMatchesDocument(read, "GET /api/watchlists/[id]")).toMatchObject({ id: watchlist.id, name });

  const changed = await request.patch(`/api/watchlists/${watchlist.id}`, { data: { schedule: "weekly" } });
  expect(changed.status()).toBe(200);
  expect(await expectMatchesDocument(changed, "PATCH /api/watchlists/[id]")).toMatchObject({ schedule: "weekly" });

  const scan = await request.post(`/api/watchlists/${watchlist.id}/scan`);
  expect(scan.status()).toBe(200);
  const scanned = (await expectMatchesDocument(scan, "POST /api/watchlists/[id]/scan")) as { watchlist: { id: string }; problems: unknown[] };
  expect(scanned.watchlist.id).toBe(watchlist.id);

  const removed = await request.delete(`/api/watchlists/${watchlist.id}`);
  expect(removed.status()).toBe(200);
  expect(await expectMatchesDocument(removed, "DELETE /api/watchlists/[id]")).toEqual({ id: watchlist.id, deleted: true });

  const gone = await request.get(`/api/watchlists/${watchlist.id}`);
  expect(gone.status()).toBe(404);
  await expectMatchesDocument(gone, "GET /api/watchlists/[id]");
});

test("watchlist bad input is a 400 with the error body the document names", async ({ request }) => {
  const response = await request.post("/api/watchlists", { data: { name: "x", product: { drug: "LETAIRIS" }, watch: [], schedule: "hourly" } });
  expect(response.status()).toBe(400);
  const body = (await expectMatchesDocument(response, "POST /api/watchlists")) as ErrorBody;
  expect(body.error.code).toBe("invalid_input");
  const patch = await request.patch("/api/watchlists/wl_doesnotexist00", { data: {} });
  expect([400, 404]).toContain(patch.status());
  await expectMatchesDocument(patch, "PATCH /api/watchlists/[id]");
});

test("alerts: a finished report raises one; list → read → move, and an illegal move is a documented 409", async ({ request }) => {
  const reportId = await finishReport(request, `Alert source ${Date.now()}`);
  const page = await request.get("/api/alerts?limit=200");
  expect(page.status()).toBe(200);
  const { data: alerts } = (await expectMatchesDocument(page, "GET /api/alerts")) as { data: Alert[] };
  const alert = alerts.find((a) => a.reportId === reportId);
  expect(alert, "the report_ready alert of the finished report").toBeDefined();

  const read = await request.get(`/api/alerts/${alert!.id}`);
  expect(read.status()).toBe(200);
  expect(await expectMatchesDocument(read, "GET /api/alerts/[id]")).toMatchObject({ id: alert!.id, state: "new" });

  const illegal = await request.patch(`/api/alerts/${alert!.id}`, { data: { to: "under_assessment" } });
  expect(illegal.status()).toBe(409);
  expect(((await expectMatchesDocument(illegal, "PATCH /api/alerts/[id]")) as ErrorBody).error.code).toBe("conflict");

  const moved = await request.patch(`/api/alerts/${alert!.id}`, { data: { to: "validated", reason: "Looked at it." } });
  expect(moved.status()).toBe(200);
  expect(await expectMatchesDocument(moved, "PATCH /api/alerts/[id]")).toMatchObject({ id: alert!.id, state: "validated" });

  const bad = await request.get("/api/alerts?state=sleeping");
  expect(bad.status()).toBe(400);
  await expectMatchesDocument(bad, "GET /api/alerts");
  const unknown = await request.get("/api/alerts/alr_doesnotexist00");
  expect(unknown.status()).toBe(404);
  await expectMatchesDocument(unknown, "GET /api/alerts/[id]");
});
