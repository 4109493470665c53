import { afterAll, describe, expect, test } from "vitest";
import { detectAnomalies } from "@/lib/analytics/anomalies";
import { fitMgpsPrior } from "@/lib/analytics/disproportionality";
import { forecastSeries } from "@/lib/analytics/forecast";
import { AppError } from "@/lib/errors/app-error";
import { getAnalyticsPool, runAnalytics } from "@/lib/workers/analytics-pool";
import { spawnAnalyticsWorker } from "@/lib/workers/spawn-analytics-worker";
import { disproportionalityTask } from "@/lib/workers/tasks/disproportionality";
import { WorkerPool } from "@/lib/workers/worker-pool";
import { randomReportRows } from "@/bench/lib/report-rows.mjs";

// The real analytics worker (lib/workers/analytics.worker.ts, through the tsx shim under Vitest): the
// same answers as in process, bad input as 400s, and the 200,000-row case bounded by the timeout.
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const failureOf = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected the task to fail"); }, (error: unknown) => error);

afterAll(async () => {
  await getAnalyticsPool().close();
});

const reports = Array.from({ length: 400 }, (_, i) => ({ id: `r${i >> 1}`, drug: `D${i % 7}`, event: `E${(i * 3) % 11}` }));
const seasonal = Array.from({ length: 60 }, (_, i) => Math.round(100 + 20 * Math.sin((2 * Math.PI * i) / 12) + (i % 5)));

describe("analytics tasks in the worker equal the in-process computation", () => {
  test("disproportionality (report rows and tables)", async () => {
    for (const body of [{ reports }, { tables: [{ a: 20, b: 80, c: 100, d: 9800 }, { a: 5, b: 0, c: 10, d: 100 }] }]) {
      const page = { limit: 5000, offset: 0 };
      const inWorker = await runAnalytics("disproportionality", { body: bytes(body), page });
      expect(JSON.parse(inWorker)).toEqual(JSON.parse(disproportionalityTask({ body: bytes(body), page })));
    }
  });

  test("anomalies, forecast and the MGPS prior", async () => {
    const anomalies = { values: seasonal, frequency: 12 as const, method: "farrington" as const };
    expect(await runAnalytics("anomalies", anomalies)).toEqual(detectAnomalies(anomalies));
    const forecast = { values: seasonal, frequency: 12 as const, horizon: 6, levels: [80, 95], seed: 1 };
    expect(await runAnalytics("forecast", forecast)).toEqual(forecastSeries(forecast));
    const points = Array.from({ length: 300 }, (_, i) => ({ n: 1 + (i % 9), e: 0.2 + (i % 13) / 4 }));
    const prior = await runAnalytics("mgpsPrior", { n: Float64Array.from(points, (p) => p.n), e: Float64Array.from(points, (p) => p.e) });
    expect(prior).toEqual({ ok: true, fit: fitMgpsPrior(points) });
  });
});

describe("the pairs of a report-rows answer are ranked, capped and paged", () => {
  test("limit and offset page through pairs ranked by EB05 then n; the prior is the same on every page", async () => {
    type Answer = { totalPairs: number; truncated: boolean; nextOffset: number | null; returned: number; prior: unknown; method: { pairs: string }; pairs: { drug: string; event: string; eb05: number; n: number }[] };
    const all = JSON.parse(await runAnalytics("disproportionality", { body: bytes({ reports }), page: { limit: 5000, offset: 0 } })) as Answer;
    expect(all.truncated).toBe(false);
    expect(all.nextOffset).toBeNull();
    expect(all.pairs).toHaveLength(all.totalPairs);
    for (let i = 1; i < all.pairs.length; i++) {
      const [prev, cur] = [all.pairs[i - 1]!, all.pairs[i]!];
      expect(prev.eb05 > cur.eb05 || (prev.eb05 === cur.eb05 && prev.n >= cur.n)).toBe(true);
    }
    const first = JSON.parse(await runAnalytics("disproportionality", { body: bytes({ reports }), page: { limit: 5, offset: 0 } })) as Answer;
    const second = JSON.parse(await runAnalytics("disproportionality", { body: bytes({ reports }), page: { limit: 5, offset: 5 } })) as Answer;
    expect(first).toMatchObject({ truncated: true, nextOffset: 5, returned: 5, totalPairs: all.totalPairs });
    expect(first.method.pairs).toContain("EB05 descending");
    expect([...first.pairs, ...second.pairs]).toEqual(all.pairs.slice(0, 10));
    expect(second.prior).toEqual(all.prior);
  });
});

describe("bad input from the worker is a 400", () => {
  test("unreadable JSON and a schema violation keep their messages", async () => {
    const broken = (await failureOf(runAnalytics("disproportionality", { body: new TextEncoder().encode('{"reports": [1,'), page: { limit: 10, offset: 0 } }))) as AppError;
    expect(broken).toBeInstanceOf(AppError);
    expect(broken.code).toBe("invalid_input");
    expect(broken.message).toContain("not valid JSON");
    const neither = (await failureOf(runAnalytics("disproportionality", { body: bytes({ something: [] }), page: { limit: 10, offset: 0 } }))) as AppError;
    expect(neither.code).toBe("invalid_input");
    expect(neither.message).toContain("send either");
    const series = (await failureOf(runAnalytics("forecast", { values: [1, 2, 3], frequency: 12, horizon: 0, levels: [80] }))) as AppError;
    expect(series.code).toBe("invalid_input");
    expect(series.message).toContain("horizon");
  });
});

describe("200,000 report rows", () => {
  test("a timeout stops the real worker with a 503, and the pool answers the next task with a new worker", async () => {
    const pool = new WorkerPool({ size: 1, queueLimit: 1, timeoutMs: 1000, spawn: spawnAnalyticsWorker });
    try {
      const warm = await pool.run<string>("disproportionality", { body: bytes({ reports }), page: { limit: 1, offset: 0 } });
      expect(JSON.parse(warm)).toMatchObject({ kind: "reports" });
      const before = pool.stats().threadIds;
      const body = bytes({ reports: randomReportRows(200_000) });
      const started = performance.now();
      const error = (await failureOf(pool.run("disproportionality", { body, page: { limit: 5000, offset: 0 } }, { transfer: [body.buffer] }))) as AppError;
      expect(performance.now() - started).toBeLessThan(3000);
      expect(error.code).toBe("service_unavailable");
      const again = await pool.run<string>("disproportionality", { body: bytes({ reports }), page: { limit: 1, offset: 0 } });
      expect(JSON.parse(again)).toMatchObject({ kind: "reports" });
      expect(pool.stats().threadIds).not.toEqual(before);
    } finally {
      await pool.close();
    }
  });
});
