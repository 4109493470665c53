import { InngestTestEngine } from "@inngest/test";
import { serve } from "inngest/next";
import type { NextRequest } from "next/server";
import { describe, expect, test } from "vitest";
import { createInngestClient } from "@/inngest/client";
import { buildInngestFunctions } from "@/inngest/functions";
import { toInngestFunctionOptions } from "@/inngest/to-inngest-function";
import { createAlertStore } from "@/lib/alerts/alert-store";
import { createWatchlistStore } from "@/lib/alerts/watchlist-store";
import type { DigestItem } from "@/lib/alerts/send-digest";
import { createMemoryStateStore } from "@/lib/cache/memory-state-store";
import { createScanWatchlistsJob, isDue } from "@/lib/jobs/definitions/scan-watchlists";
import { JOB_DEFINITIONS } from "@/lib/jobs/definitions";
import { createTaskStore } from "@/lib/jobs/task-store";
import { callRequest, callRequestBody } from "@/tests/support/jobs/inngest-call";
import { alertRecord, scanResult, watchlistRecord } from "@/tests/support/alerts/fixtures";

// The scheduled scan as an Inngest cron function: its step structure, due watchlists only, the digest
// with the run's raised alerts, and the task it creates itself. scanWatchlist is implemented on
// another branch: a fake scan stands in (deps), over real memory stores.

const client = createInngestClient({ INNGEST_DEV: "1", INNGEST_EVENT_KEY: undefined, INNGEST_SIGNING_KEY: undefined, INNGEST_BASE_URL: undefined });
const SLOT = "2026-12-03T06:00:00.000Z";
// Inngest fires the cron a moment after its slot.
const timer = { name: "inngest/scheduled.timer", data: { cron: "0 6 * * *" }, ts: Date.parse("2026-12-03T06:00:02Z") };
const NOW = new Date("2026-12-03T06:00:03Z");

async function setup(options: { failScanOf?: string } = {}) {
  const store = createMemoryStateStore();
  const watchlists = createWatchlistStore(store, "t:");
  const alerts = createAlertStore(store, "t:");
  const tasks = createTaskStore(store, undefined, { keyPrefix: "t:" });
  const hours = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();
  const lastScan = (at: string) => ({ at, findings: 0, alertsRaised: 0 });
  await watchlists.create(watchlistRecord({ id: "wl_never000", owner: "u-1" }));
  await watchlists.create(watchlistRecord({ id: "wl_daily024", owner: "u-1", lastScan: lastScan(hours(24)) }));
  await watchlists.create(watchlistRecord({ id: "wl_daily001", owner: "u-1", lastScan: lastScan(hours(1)) }));
  await watchlists.create(watchlistRecord({ id: "wl_weekly48", owner: "u-2", schedule: "weekly", lastScan: lastScan(hours(48)) }));
  await watchlists.create(watchlistRecord({ id: "wl_weekly7d", owner: "u-2", schedule: "weekly", lastScan: lastScan(hours(7 * 24)) }));

  const scans: string[] = [];
  const digests: { slot: string; items: DigestItem[] }[] = [];
  const definition = createScanWatchlistsJob({
    cron: () => "0 6 * * *",
    watchlists: () => watchlists,
    alerts: () => alerts,
    now: () => NOW,
    scan: async (by, id) => {
      expect(by).toBe("schedule");
      scans.push(id);
      if (id === options.failScanOf) throw new Error("openFDA answered 503");
      const watchlist = (await watchlists.get(id))!;
      // The never-scanned watchlist raises two alerts; the others find nothing.
      const raised = id === "wl_never000" ? [alertRecord({ id: "alr_aaaaaaaa", owner: "u-1", watchlistId: id }), alertRecord({ id: "alr_bbbbbbbb", owner: "u-1", watchlistId: id })] : [];
      // As scanWatchlist does: what a scan raises is in the alert store.
      for (const alert of raised) await alerts.put(alert);
      return scanResult(watchlist, raised);
    },
    sendDigest: async (input) => {
      digests.push(input);
      return { recipients: 1, sent: 1, failed: 0 };
    },
  });
  const [fn] = buildInngestFunctions(client, [definition], { tasks });
  if (!fn) throw new Error("no function built");
  return { fn, definition, tasks, scans, digests };
}

describe("scan-watchlists", () => {
  test("is registered, and maps to a cron-triggered function needing no INNGEST_KEYS", () => {
    const definition = JOB_DEFINITIONS.find((d) => d.id === "scan-watchlists");
    expect(definition?.trigger).toEqual({ cron: "0 6 * * *" });
    const own = createScanWatchlistsJob({ cron: () => "15 5 * * 1" });
    expect(toInngestFunctionOptions(own, undefined)).toEqual({ id: "scan-watchlists", triggers: [{ cron: "15 5 * * 1" }], retries: 2 });
  });

  test("due: never scanned; daily after ~23 h; weekly after ~6.9 days", () => {
    const at = new Date("2026-12-03T06:00:00Z");
    const scannedAgo = (hours: number) => ({ at: new Date(at.getTime() - hours * 3_600_000).toISOString(), findings: 0, alertsRaised: 0 });
    expect(isDue({ schedule: "daily", lastScan: null }, at)).toBe(true);
    expect(isDue({ schedule: "daily", lastScan: scannedAgo(23) }, at)).toBe(true);
    expect(isDue({ schedule: "daily", lastScan: scannedAgo(22.9) }, at)).toBe(false);
    expect(isDue({ schedule: "weekly", lastScan: scannedAgo(6.9 * 24) }, at)).toBe(true);
    expect(isDue({ schedule: "weekly", lastScan: scannedAgo(6.8 * 24) }, at)).toBe(false);
  });

  test("one run: task-created, list-due, one scan step per due watchlist, digest with the raised alerts, task succeeded", async () => {
    const { fn, tasks, scans, digests } = await setup();
    const t = new InngestTestEngine({ function: fn, events: [timer] });
    const { result, error, ctx } = await t.execute();
    expect(error).toBeUndefined();
    const due = ["wl_daily024", "wl_never000", "wl_weekly7d"];
    expect(scans).toEqual(due);
    expect(result).toEqual({ slot: SLOT, scanned: 3, failed: 0, raised: 2, digest: { recipients: 1, sent: 1, failed: 0 } });

    const stepIds = (ctx.step.run as unknown as { mock: { calls: [string][] } }).mock.calls.map(([id]) => id);
    expect(stepIds).toEqual(["task-created", "list-due", ...due.map((id) => `scan:${id}`), "digest", "task-succeeded"]);

    expect(digests).toHaveLength(1);
    expect(digests[0]?.slot).toBe(SLOT);
    expect(digests[0]?.items.map((item) => [item.watchlistId, item.alerts.map((a) => a.id)])).toEqual([["wl_never000", ["alr_aaaaaaaa", "alr_bbbbbbbb"]]]);

    // No request created this run's task: the run did, owned by "system", and finished it.
    expect(await tasks.get(`scan:${SLOT}`)).toMatchObject({ job: "scan-watchlists", owner: "system", status: "succeeded", progress: 100 });
  });

  test("a scan step returns small JSON: the raised alerts' ids and counts", async () => {
    const { fn } = await setup();
    const t = new InngestTestEngine({ function: fn, events: [timer] });
    const { result } = await t.executeStep("scan:wl_never000");
    expect(result).toEqual({ raised: ["alr_aaaaaaaa", "alr_bbbbbbbb"], findings: 0, problems: 0 });
  });

  test("a scan that fails is retried as a step; on its last try it is recorded and the others still run", async () => {
    const { fn, definition, scans } = await setup({ failScanOf: "wl_daily024" });
    const first = new InngestTestEngine({ function: fn, events: [timer] });
    const { error } = await first.execute();
    expect(String((error as Error | undefined)?.message ?? error)).toMatch(/503/);
    expect(scans).toEqual(["wl_daily024"]);

    // The last try (attempt index = retries): the failure is kept as the step's result.
    const last = new InngestTestEngine({ function: fn, events: [timer], transformCtx: (ctx) => ({ ...ctx, attempt: definition.retries }) });
    const { result } = await last.execute();
    expect(result).toMatchObject({ scanned: 3, failed: 1, raised: 2 });
  });

  test("a run that fails for good marks its slot's task failed (the failure handler finds the slot from the timer event)", async () => {
    const { fn, tasks } = await setup();
    await new InngestTestEngine({ function: fn, events: [timer] }).executeStep("task-created");
    const handlers = serve({ client, functions: [fn] });
    const failed = {
      name: "inngest/function.failed",
      data: { function_id: "cer-analytics-scan-watchlists", run_id: "run-1", error: { name: "Error", message: "store unavailable" }, event: { ...timer, id: "evt-1" } },
      ts: Date.now(),
    };
    const res = await handlers.POST(
      callRequest("http://localhost/api/inngest", "cer-analytics-scan-watchlists-failure", callRequestBody(failed, {}, [])) as NextRequest,
      undefined,
    );
    expect(res.status).toBe(200);
    expect(await tasks.get(`scan:${SLOT}`)).toMatchObject({ status: "failed", error: "store unavailable", owner: "system" });
  });
});
