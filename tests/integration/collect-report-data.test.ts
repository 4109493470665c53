import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Ask } from "@/lib/pipeline/ask";
import type { PipelineDeps } from "@/lib/pipeline/deps";
import { createFaersFilesDeps } from "@/lib/pipeline/faers-files/deps";
import { getAnomalies } from "@/lib/pipeline/get-anomalies";
import { getForecast } from "@/lib/pipeline/get-forecast";
import { getReactions, getSignals, getSummary, getTrend } from "@/lib/pipeline/questions";
import { collectReportData, reportInterval, type CollectReportDataInput } from "@/lib/reports/collect-report-data";
import { canonicalSnapshot, hashSnapshot } from "@/lib/reports/snapshot-hash";
import type { ReportSnapshot } from "@/lib/reports/snapshot";
import { productAnomaliesResponseSchema, productForecastResponseSchema } from "@/lib/schemas/analytics-response";
import { casesResponseSchema, reactionsResponseSchema, summaryResponseSchema, trendResponseSchema } from "@/lib/schemas/faers-response";
import {
  productAnomaliesQuerySchema,
  productForecastQuerySchema,
  reactionsQuerySchema,
  signalsQuerySchema,
  summaryQuerySchema,
  trendQuerySchema,
} from "@/lib/schemas/faers-query";
import { reportRequestSchema } from "@/lib/schemas/reports";
import { signalsResponseSchema } from "@/lib/schemas/signals-response";
import { openFaersFileSource } from "@/lib/sources/faers-files";
import { startFakeOpenFda, type FakeOpenFda } from "@/tests/support/fake-openfda";
import { faersFilesPipelineDeps, fakeOpenFdaDeps } from "@/tests/support/pipeline-deps";
import { namesLetairis, recordedDrugEvents } from "@/tests/support/recorded-drug-events";
import { sharedDataPath } from "@/tests/support/shared-data";

// The report collector against the fake openFDA (recorded drug events, real 2017 bone-cement MAUDE
// reports under product code LOD) and against the real 2017Q2 FAERS sample quarter. The snapshot's
// bodies must be the pipeline's own answers for the same parsed queries.

let fake: FakeOpenFda;
beforeAll(async () => {
  fake = await startFakeOpenFda();
});
afterAll(async () => {
  await fake.close();
});

const OWNER = "u_report_owner";
const ask = (dataDate: string): Ask => ({ caller: `job:${OWNER}`, asOf: dataDate });

function input(request: unknown, dataDate: string, lineListingCap = 50): CollectReportDataInput {
  return { reportId: "rep_test000001", request: reportRequestSchema.parse(request), owner: OWNER, createdAt: "2026-12-03T08:00:00.000Z", dataDate, previous: null, lineListingCap };
}

/** A body as the snapshot holds it, with the cache status made equal (the later call is a cache HIT). */
function sameCache<T extends { provenance: { cache: string } }>(body: T): T {
  return { ...body, provenance: { ...body.provenance, cache: "HIT" } };
}

/** The same value with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
}

describe("interval rule", () => {
  test("month up to five years, quarter beyond", () => {
    expect(reportInterval("2020-01-01", "2024-12-31")).toBe("month");
    expect(reportInterval("2020-01-01", "2025-01-01")).toBe("quarter");
    expect(reportInterval("2014-03-12", "2014-03-12")).toBe("month");
  });
});

describe("collectReportData over openFDA (fake)", () => {
  const period = { from: "2013-01-01", to: "2014-12-31" };
  const dataDate = "2014-12-31";

  test("LETAIRIS: every part is the pipeline's own answer; the line listing is capped at 3", async () => {
    const deps: PipelineDeps = fakeOpenFdaDeps(fake.url);
    const snapshot = await collectReportData(input({ product: { drug: "LETAIRIS" }, ...period, title: "LETAIRIS CER" }, dataDate, 3), deps);

    const filter = { drug: "LETAIRIS", ...period };
    const a = ask(dataDate);
    const trend = (await getTrend(trendQuerySchema.parse({ ...filter, interval: "month" }), a, deps)).body;
    const reactions = (await getReactions(reactionsQuerySchema.parse({ ...filter, top: "25" }), a, deps)).body;
    const summary = (await getSummary(summaryQuerySchema.parse(filter), a, deps)).body;
    const signals = (await getSignals(signalsQuerySchema.parse({ ...filter, top: "25" }), a, deps)).body;
    const spikes = (await getAnomalies(productAnomaliesQuerySchema.parse({ ...filter, interval: "month" }), a, deps)).body;
    const forecast = (await getForecast(productForecastQuerySchema.parse({ ...filter, interval: "month", horizon: "12", levels: "80,95" }), a, deps)).body;

    expect(sameCache(snapshot.trend)).toEqual(sameCache(trend));
    expect(sameCache(snapshot.reactions)).toEqual(sameCache(reactions));
    expect(sameCache(snapshot.summary)).toEqual(sameCache(summary));
    expect(snapshot.signals && sameCache(snapshot.signals)).toEqual(sameCache(signals));
    expect(sameCache(snapshot.spikes)).toEqual(sameCache(spikes));
    expect(snapshot.forecast && sameCache(snapshot.forecast)).toEqual(sameCache(forecast));
    trendResponseSchema.parse(snapshot.trend);
    reactionsResponseSchema.parse(snapshot.reactions);
    summaryResponseSchema.parse(snapshot.summary);
    signalsResponseSchema.parse(snapshot.signals);
    productAnomaliesResponseSchema.parse(snapshot.spikes);
    productForecastResponseSchema.parse(snapshot.forecast);

    // Independent counts from the recorded reports: 61 LETAIRIS reports, 5 of them serious.
    const letairis = recordedDrugEvents.filter(namesLetairis);
    const serious = (letairis as Array<{ serious?: string }>).filter((r) => r.serious === "1").length;
    expect(snapshot.trend.total).toBe(letairis.length);
    expect(snapshot.lineListing.total).toBe(serious);
    expect(serious).toBeGreaterThan(3);
    expect(snapshot.lineListing).toMatchObject({ cap: 3, capped: true });
    expect(snapshot.lineListing.cases).toHaveLength(3);
    expect(new Set(snapshot.lineListing.cases.map((c) => c.reportId)).size).toBe(3);
    casesResponseSchema.shape.data.parse(snapshot.lineListing.cases);
    expect(snapshot.lineListing.provenance.search).toContain("serious");

    expect(snapshot.report).toMatchObject({
      id: "rep_test000001",
      title: "LETAIRIS CER",
      product: { kind: "drug", name: "LETAIRIS", filters: {} },
      from: period.from,
      to: period.to,
      dataDate,
      requestedBy: OWNER,
    });
    expect(snapshot.changes).toBeNull();
    expect(snapshot.notes[0]).toMatch(/by month/);
  });

  test("a device product code: no signals; deaths and injuries listed", async () => {
    const deps = fakeOpenFdaDeps(fake.url);
    const snapshot = await collectReportData(input({ product: { productCode: "lod" }, from: "2017-01-01", to: "2017-12-31" }, "2017-12-31", 3), deps);
    const filter = { productCode: "LOD", from: "2017-01-01", to: "2017-12-31" };
    const a = ask("2017-12-31");
    expect(sameCache(snapshot.summary)).toEqual(sameCache((await getSummary(summaryQuerySchema.parse(filter), a, deps)).body));
    expect(sameCache(snapshot.trend)).toEqual(sameCache((await getTrend(trendQuerySchema.parse({ ...filter, interval: "month" }), a, deps)).body));
    expect(sameCache(snapshot.reactions)).toEqual(sameCache((await getReactions(reactionsQuerySchema.parse({ ...filter, top: "25" }), a, deps)).body));
    expect(snapshot.trend.total).toBe(535);
    expect(snapshot.signals).toBeNull();
    expect(snapshot.notes.join(" ")).toMatch(/Disproportionality: left out/);
    // maude_bone_cement_2017.csv README: Injury 182, Death 11.
    expect(snapshot.lineListing).toMatchObject({ total: 193, cap: 3, capped: true });
    expect(snapshot.lineListing.cases).toHaveLength(3);
    for (const c of snapshot.lineListing.cases) expect("eventType" in c && ["death", "injury"].includes(c.eventType)).toBe(true);
    casesResponseSchema.shape.data.parse(snapshot.lineListing.cases);
    expect(snapshot.report.product).toEqual({ kind: "productCode", name: "LOD", filters: {} });
  });

  test("a device narrative reaches the line listing (wide_sample.json, product code JPA)", async () => {
    const snapshot = await collectReportData(input({ product: { productCode: "JPA" }, from: "2004-01-01", to: "2004-12-31" }, "2004-12-31", 3), fakeOpenFdaDeps(fake.url));
    expect(snapshot.lineListing).toMatchObject({ total: 1, capped: false });
    const [report] = snapshot.lineListing.cases;
    expect(report && "narrative" in report ? report.narrative : null).toMatch(/^MFG RECEIVED REPORT FROM A PERFUSIONIST/);
    expect(report && "narrativeRedacted" in report ? report.narrativeRedacted : null).toBe(false);
  });

  test("every question refused (from after the data date): notes, empty parts, a valid snapshot", async () => {
    const snapshot = await collectReportData(input({ product: { drug: "LETAIRIS" }, from: "2030-01-01", to: "2030-12-31" }, "2026-12-03", 3), fakeOpenFdaDeps(fake.url));
    for (const part of ["Trend", "Forecast", "Spikes", "Reactions", "Summary", "Signals", "Line listing (serious)"]) {
      expect(snapshot.notes.some((n) => n.startsWith(`${part}: not answered (invalid_input)`))).toBe(true);
    }
    expect(snapshot.forecast).toBeNull();
    expect(snapshot.signals).toBeNull();
    trendResponseSchema.parse(snapshot.trend);
    reactionsResponseSchema.parse(snapshot.reactions);
    summaryResponseSchema.parse(snapshot.summary);
    productAnomaliesResponseSchema.parse(snapshot.spikes);
    expect(snapshot.lineListing).toMatchObject({ cases: [], total: 0, capped: false });
    expect(snapshot.trend.provenance.source).toBe("none");
    expect(() => hashSnapshot(snapshot)).not.toThrow();
  });

  test("with a previous snapshot, changes are computed (2014 is in both windows: 61 reports then and now)", async () => {
    const deps = fakeOpenFdaDeps(fake.url);
    const previous = await collectReportData(input({ product: { drug: "LETAIRIS" }, from: "2013-01-01", to: "2014-12-31" }, "2014-12-31", 3), deps);
    const current = await collectReportData({ ...input({ product: { drug: "LETAIRIS" }, from: "2014-01-01", to: "2015-12-31" }, "2015-12-31", 3), previous }, deps);
    expect(current.changes?.overlap).toEqual({ from: "2014-01-01", to: "2014-12-31" });
    expect(current.changes?.reportsInOverlap).toEqual({ before: 61, now: 61, difference: 0 });
    expect(current.changes?.termsEntered).toEqual([]);
    expect(current.changes?.termsLeft).toEqual([]);
  });

  test("an unknown product is a valid, empty snapshot", async () => {
    const snapshot = await collectReportData(input({ product: { drug: "NO SUCH DRUG XYZ" }, ...period }, dataDate, 3), fakeOpenFdaDeps(fake.url));
    expect(snapshot.trend.total).toBe(0);
    expect(snapshot.lineListing).toMatchObject({ total: 0, capped: false, cases: [] });
    expect(snapshot.reactions.terms).toEqual([]);
    trendResponseSchema.parse(snapshot.trend);
    summaryResponseSchema.parse(snapshot.summary);
    expect(() => hashSnapshot(snapshot)).not.toThrow();
  });

  test("an outage throws (the job step retries) instead of printing a half report", async () => {
    fake.addFault({ status: 503 });
    try {
      await expect(collectReportData(input({ product: { drug: "LETAIRIS" }, ...period }, dataDate), fakeOpenFdaDeps(fake.url, { maxAttempts: 1 }))).rejects.toThrow();
    } finally {
      fake.clearFaults();
    }
  });

  test("hash: canonical JSON, same sha256 twice and whatever the key order; non-finite numbers refused", async () => {
    const snapshot = await collectReportData(input({ product: { drug: "LETAIRIS" }, ...period }, dataDate, 3), fakeOpenFdaDeps(fake.url));
    const first = hashSnapshot(snapshot);
    expect(hashSnapshot(snapshot)).toEqual(first);
    const shuffled = reverseKeys(snapshot) as ReportSnapshot;
    expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(snapshot));
    expect(hashSnapshot(shuffled).sha256).toBe(first.sha256);
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(first.bytes).toBe(Buffer.byteLength(first.json, "utf8"));
    expect(JSON.parse(first.json)).toEqual(JSON.parse(JSON.stringify(snapshot)));
    expect(canonicalSnapshot({ ...snapshot, notes: [] })).not.toBe(first.json);
    const withNaN = { ...snapshot, trend: { ...snapshot.trend, total: Number.NaN } };
    expect(() => hashSnapshot(withNaN)).toThrow(/non-finite number \(NaN\) at snapshot\.trend\.total/);
    // -0 is written as 0 (JSON.parse would give -0 back for "-0").
    const negativeZero = JSON.parse(canonicalSnapshot({ ...snapshot, trend: { ...snapshot.trend, total: -0 } })) as ReportSnapshot;
    expect(Object.is(negativeZero.trend.total, 0)).toBe(true);
  });
});

describe("collectReportData over FAERS files", () => {
  test("RISPERDAL on the 2017Q2 sample builds a valid snapshot", async () => {
    const files = createFaersFilesDeps(await openFaersFileSource(sharedDataPath("faers_ascii", "faers_r_2017q2")), "2025-01-02T03:04:05.000Z");
    const deps = faersFilesPipelineDeps(files);
    const snapshot = await collectReportData(input({ product: { drug: "RISPERDAL" }, from: "2017-04-01", to: "2017-06-30" }, "2017-06-30", 5), deps);
    const a = ask("2017-06-30");
    const filter = { drug: "RISPERDAL", from: "2017-04-01", to: "2017-06-30" };
    expect(snapshot.trend).toEqual((await getTrend(trendQuerySchema.parse({ ...filter, interval: "month" }), a, deps)).body);
    expect(snapshot.trend.total).toBeGreaterThan(0);
    expect(snapshot.trend.provenance.source).toBe("FAERS quarterly ASCII files (offline)");
    trendResponseSchema.parse(snapshot.trend);
    summaryResponseSchema.parse(snapshot.summary);
    reactionsResponseSchema.parse(snapshot.reactions);
    expect(snapshot.lineListing.cases.length).toBeLessThanOrEqual(5);
    expect(snapshot.lineListing.capped).toBe(snapshot.lineListing.total > 5);
    expect(hashSnapshot(snapshot).sha256).toBe(hashSnapshot(reverseKeys(snapshot) as ReportSnapshot).sha256);
  });
});
