// Raising alerts from scan findings and finished or failed reports, on the in-memory store and on real
// Redis: dedupe by fingerprint, worsening, follows, concurrency, publish and audit.
import { describe, expect, test } from "vitest";
import { getAlertStore } from "@/lib/alerts/alert-store";
import { raiseFindingAlerts, raiseReportAlert } from "@/lib/alerts/raise-alerts";
import { alertBackendPerTest, findingFixture, loggedEvents, reportFixture, watchlistFixture, type Backend } from "@/tests/support/alert-fixtures";

describe.each<Backend>(["memory", "redis"])("raising alerts (%s)", (backend) => {
  const env = alertBackendPerTest(backend);

  test("a new finding raises one alert: stored, indexed, published with its event id, audited", async () => {
    const watchlist = watchlistFixture();
    const { raised, unchanged } = await raiseFindingAlerts(watchlist, [findingFixture()]);
    expect(unchanged).toBe(0);
    expect(raised).toHaveLength(1);
    const alert = raised[0]!;
    expect(alert.id).toMatch(/^alr_[A-Za-z0-9_-]{22}$/);
    expect(alert).toMatchObject({ kind: "spike", state: "new", outcome: null, history: [], follows: null, watchlistId: watchlist.id, owner: "usr_owner", reportId: null });
    expect(alert.product).toEqual({ type: "drug", name: "ASPIRIN", filters: { country: "US" } });
    expect(alert.links).toEqual({ product: "/products/drug/ASPIRIN?country=US", report: null });
    expect(await getAlertStore().get(alert.id)).toEqual(alert);
    expect(await getAlertStore().idsAt(0, -1 + (await getAlertStore().count()))).toEqual([alert.id]);
    expect(await getAlertStore().count(watchlist.id)).toBe(1);
    const events = await loggedEvents(env.log());
    expect(events).toEqual([{ id: alert.eventId, type: "alert.raised", alertId: alert.id, alert: expect.anything() }]);
    const audit = (await env.auditLog()).filter((e) => e.action === "alert.raised");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ outcome: "success", target: { type: "alert", id: alert.id }, actor: { userId: "usr_owner", via: "system" } });
  });

  test("the same finding again raises nothing; a fingerprint twice in one scan is raised once", async () => {
    const watchlist = watchlistFixture();
    expect((await raiseFindingAlerts(watchlist, [findingFixture(), findingFixture({ score: 1.2 })])).raised).toHaveLength(1);
    const again = await raiseFindingAlerts(watchlist, [findingFixture(), findingFixture({ score: 1.2 })]);
    expect(again).toEqual({ raised: [], unchanged: 2 });
    expect(await getAlertStore().count()).toBe(1);
    expect(await loggedEvents(env.log())).toHaveLength(1);
  });

  test("a worse finding raises a new alert that follows the open one; a stricter rule counts as worse", async () => {
    const watchlist = watchlistFixture();
    const [first] = (await raiseFindingAlerts(watchlist, [findingFixture({ score: 1.5 })])).raised;
    const [worse] = (await raiseFindingAlerts(watchlist, [findingFixture({ score: 1.8 })])).raised;
    expect(worse?.follows).toBe(first?.id);
    expect(worse?.state).toBe("new");
    expect((await getAlertStore().get(first!.id))?.state).toBe("new");
    // Not worse than the latest (1.8), though worse than the first.
    expect((await raiseFindingAlerts(watchlist, [findingFixture({ score: 1.7 })])).unchanged).toBe(1);
    const [stricter] = (await raiseFindingAlerts(watchlist, [findingFixture({ score: 1.8, rules: ["eb05"] })])).raised;
    expect(stricter?.follows).toBe(worse?.id);
  });

  test("a closed alert's finding: the same stays quiet, a worse one raises a new alert that follows the closed one", async () => {
    const watchlist = watchlistFixture();
    const [first] = (await raiseFindingAlerts(watchlist, [findingFixture({ score: 2 })])).raised;
    await getAlertStore().update(first!.id, (r) => ({ ...r, state: "closed", outcome: "refuted" }));
    expect((await raiseFindingAlerts(watchlist, [findingFixture({ score: 2.1 })])).unchanged).toBe(1);
    const [next] = (await raiseFindingAlerts(watchlist, [findingFixture({ score: 3 })])).raised;
    expect(next).toMatchObject({ state: "new", follows: first!.id });
    expect((await getAlertStore().get(first!.id))?.state).toBe("closed");
  });

  test("scans at once raise a finding once", async () => {
    const watchlist = watchlistFixture();
    const findings = [findingFixture(), findingFixture({ fingerprint: "wl:spike:2024-04", subject: "2024-04" })];
    const results = await Promise.all(Array.from({ length: 8 }, () => raiseFindingAlerts(watchlist, findings)));
    expect(results.reduce((n, r) => n + r.raised.length, 0)).toBe(2);
    expect(results.reduce((n, r) => n + r.unchanged, 0)).toBe(14);
    expect(await getAlertStore().count()).toBe(2);
    expect(await loggedEvents(env.log())).toHaveLength(2);
    expect((await env.auditLog()).filter((e) => e.action === "alert.raised")).toHaveLength(2);
  });

  test("report alerts: one per report and outcome, however often raised (a replayed notify step)", async () => {
    const report = reportFixture();
    const ready = await raiseReportAlert(report, "report_ready");
    expect(ready).toMatchObject({ kind: "report_ready", watchlistId: null, owner: "usr_owner", reportId: report.id, state: "new" });
    expect(ready.finding.fingerprint).toBe(`report:${report.id}:ready`);
    expect(ready.links).toEqual({ product: "/products/drug/ASPIRIN?from=2023-01-01&to=2023-12-31", report: `/reports?id=${report.id}` });
    const replays = await Promise.all([raiseReportAlert(report, "report_ready"), raiseReportAlert(report, "report_ready")]);
    expect(replays.map((a) => a.id)).toEqual([ready.id, ready.id]);
    const failed = await raiseReportAlert(reportFixture({ id: report.id, status: "failed", error: "openFDA down", pdf: null }), "report_failed");
    expect(failed.id).not.toBe(ready.id);
    expect(failed.finding.summary).toContain("openFDA down");
    expect(await getAlertStore().count()).toBe(2);
    expect(await loggedEvents(env.log())).toHaveLength(2);
  });

  test("a product-code watchlist links to the product-code page", async () => {
    const watchlist = watchlistFixture({ product: { productCode: "LWS", eventType: "death" } });
    const [alert] = (await raiseFindingAlerts(watchlist, [findingFixture({ kind: "fatal_report", fingerprint: "wl:fatal:123" })])).raised;
    expect(alert?.product).toEqual({ type: "device", name: "LWS", filters: { eventType: "death", productCode: "LWS" } });
    expect(alert?.links.product).toBe("/products/product-code/LWS?eventType=death");
  });
});
