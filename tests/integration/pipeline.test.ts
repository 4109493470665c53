import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { createCachedReader } from "@/lib/cache/cached";
import type { CacheStore } from "@/lib/cache/cache-store";
import { createMemoryStore } from "@/lib/cache/memory-store";
import { createRedisStore } from "@/lib/cache/redis-store";
import type { PipelineDeps } from "@/lib/pipeline/deps";
import type { OpenFdaSourceDeps } from "@/lib/pipeline/openfda/deps";
import { getCases, getReactions, getSummary, getTrend } from "@/lib/pipeline/questions";
import { casesQuerySchema, reactionsQuerySchema, summaryQuerySchema, trendQuerySchema } from "@/lib/schemas/faers-query";
import { casesResponseSchema, reactionsResponseSchema, summaryResponseSchema, trendResponseSchema } from "@/lib/schemas/faers-response";
import { createOpenFdaClient } from "@/lib/sources/openfda/client";
import { createFairBudget } from "@/lib/sources/openfda/fair-budget";
import { startFakeOpenFda, type FakeOpenFda } from "@/tests/support/fake-openfda";
import { REDIS_URL } from "@/tests/support/redis";
import { sharedDataPath } from "@/tests/support/shared-data";
import { openFdaPipelineDeps, TEST_ASK } from "@/tests/support/pipeline-deps";

type RawDrug = { medicinalproduct?: string; openfda?: { brand_name?: string[]; generic_name?: string[] } };
type RawRecord = {
  safetyreportid: string;
  receivedate: string;
  serious?: string;
  patient?: { patientsex?: string; patientonsetage?: string; patientonsetageunit?: string; drug?: RawDrug[]; reaction?: { reactionmeddrapt?: string }[] };
};
const raw = JSON.parse(readFileSync(sharedDataPath("openfda_drug_event", "drug_event_limit100_results_2025.json"), "utf8")) as RawRecord[];
const letairis = raw.filter((r) =>
  r.patient?.drug?.some(
    (d) => d.openfda?.brand_name?.includes("LETAIRIS") || d.openfda?.generic_name?.includes("LETAIRIS") || d.medicinalproduct === "LETAIRIS",
  ),
);

let fake: FakeOpenFda;
let store: CacheStore;
let run = 0;

/** Fresh deps per test: a cache namespace of its own is implied by a unique `to` date per test. */
function deps(overrides: Partial<OpenFdaSourceDeps & { today: () => string }> = {}): PipelineDeps {
  return openFdaPipelineDeps({
    client: createOpenFdaClient({
      baseUrl: fake.url,
      timeoutMs: 1000,
      maxAttempts: 2,
      rateLimiter: createFairBudget({ perMinute: 240, maxWaitMs: Number.POSITIVE_INFINITY }),
      sleep: async () => undefined,
    }),
    cached: createCachedReader(store),
    policy: { freshSeconds: 3600, staleSeconds: 3600 },
    today: () => "2025-12-31",
    ...overrides,
  });
}

/** A date range no other test (or earlier run) has cached: Redis is shared and persistent. */
function uniqueTo(): string {
  run++;
  const day = new Date(Date.UTC(2030, 0, 1) + ((Date.now() / 1000 + run * 7919) % 300000) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

beforeAll(async () => {
  fake = await startFakeOpenFda();
  store = createRedisStore({ url: REDIS_URL, timeoutMs: 500 });
  for (let i = 0; i < 50 && !(await store.ping()); i++) await new Promise((r) => setTimeout(r, 50));
});
afterAll(async () => {
  await store.close();
  await fake.close();
});
afterEach(() => {
  fake.clearFaults();
  fake.clearRequests();
});

describe("trend", () => {
  test("100 concurrent identical cold requests make exactly one upstream request", async () => {
    const query = trendQuerySchema.parse({ drug: "letairis", to: uniqueTo() });
    const d = deps();
    const results = await Promise.all(Array.from({ length: 100 }, () => getTrend(query, TEST_ASK, d)));
    expect(fake.requests()).toHaveLength(1);
    expect(new Set(results.map((r) => r.body.total))).toEqual(new Set([letairis.length]));
    const again = await getTrend(query, TEST_ASK, d);
    expect(again.cache).toBe("HIT");
    expect(fake.requests()).toHaveLength(1);
  });

  test("monthly counts equal an independent count of the recorded reports", async () => {
    const query = trendQuerySchema.parse({ drug: "LETAIRIS", from: "2014-01-01", to: "2014-03-31" });
    const { body } = await getTrend(query, TEST_ASK, deps({ cached: createCachedReader(createMemoryStore()) }));
    trendResponseSchema.parse(body);
    const byMonth = (m: string) => letairis.filter((r) => r.receivedate.startsWith(m)).length;
    expect(body.series.map(({ period, count }) => ({ period, count }))).toEqual([
      { period: "2014-01", count: byMonth("201401") },
      { period: "2014-02", count: byMonth("201402") },
      { period: "2014-03", count: byMonth("201403") },
    ]);
    expect(body.total).toBe(byMonth("201401") + byMonth("201402") + byMonth("201403"));
    expect(body.total).toBeGreaterThan(0);
    expect(body.provenance.lastUpdated).toBe("2025-04-28");
    expect(body.provenance.queries[0]).toContain(`${fake.url}/drug/event.json?search=`);
    expect(body.provenance.search).toContain('patient.drug.openfda.brand_name.exact:"LETAIRIS"');
  });

  test("an unknown product is an empty, zero-filled series", async () => {
    const { body } = await getTrend(trendQuerySchema.parse({ drug: "NO SUCH DRUG XYZ", from: "2014-01-01", to: uniqueTo(), interval: "year" }), TEST_ASK, deps());
    expect(body.total).toBe(0);
    expect(body.series.every((p) => p.count === 0)).toBe(true);
    expect(body.series[0]?.period).toBe("2014");
    expect(body.dataThrough).toBeNull();
  });

  test("when openFDA fails after the entry went stale, the stale answer is served and says so", async () => {
    let now = Date.now();
    const d = deps({ cached: createCachedReader(store, { now: () => now }), policy: { freshSeconds: 5, staleSeconds: 3600 } });
    const query = trendQuerySchema.parse({ drug: "LETAIRIS", to: uniqueTo() });
    const first = await getTrend(query, TEST_ASK, d);
    expect(first.cache).toBe("MISS");
    now += 6000;
    fake.addFault({ status: 503 });
    const stale = await getTrend(query, TEST_ASK, d);
    expect(stale.cache).toBe("STALE");
    expect(stale.body.provenance.cache).toBe("STALE");
    expect(stale.body.total).toBe(first.body.total);
  });
});

describe("reactions, summary and cases", () => {
  test("top reactions count reports per PT and the share of all matching reports", async () => {
    const { body } = await getReactions(reactionsQuerySchema.parse({ drug: "LETAIRIS", to: uniqueTo(), top: "5" }), TEST_ASK, deps());
    reactionsResponseSchema.parse(body);
    const reportsWith = (pt: string) =>
      letairis.filter((r) => r.patient?.reaction?.some((x) => x.reactionmeddrapt?.toUpperCase() === pt)).length;
    expect(body.total).toBe(letairis.length);
    expect(body.terms).toHaveLength(5);
    for (const term of body.terms) {
      expect(term.count).toBe(reportsWith(term.term));
      expect(term.share).toBeCloseTo(term.count / letairis.length, 10);
    }
  });

  test("breakdowns by sex and seriousness match independent counts; unknown is the remainder", async () => {
    const { body } = await getSummary(summaryQuerySchema.parse({ drug: "LETAIRIS", to: uniqueTo() }), TEST_ASK, deps());
    summaryResponseSchema.parse(body);
    const sex = body.breakdowns.find((b) => b.id === "sex");
    const male = letairis.filter((r) => r.patient?.patientsex === "1").length;
    const female = letairis.filter((r) => r.patient?.patientsex === "2").length;
    expect(sex?.items.find((i) => i.key === "male")?.count ?? 0).toBe(male);
    expect(sex?.items.find((i) => i.key === "female")?.count ?? 0).toBe(female);
    expect(sex?.items.find((i) => i.key === "unknown")?.count ?? 0).toBe(letairis.length - male - female);
    const serious = body.breakdowns.find((b) => b.id === "serious");
    expect(serious?.items.find((i) => i.key === "serious")?.count).toBe(letairis.filter((r) => r.serious === "1").length);
    expect(body.total).toBe(letairis.length);
  });

  test("age bands agree with converting each recorded age to years by hand", async () => {
    const { body } = await getSummary(summaryQuerySchema.parse({ drug: "LETAIRIS", to: uniqueTo() }), TEST_ASK, deps());
    const perYear: Record<string, number> = { "800": 0.1, "801": 1, "802": 12, "803": 52.1775, "804": 365.25, "805": 8766 };
    const years = letairis.map((r) => {
      const unit = r.patient?.patientonsetageunit;
      const age = Number(r.patient?.patientonsetage);
      return unit && perYear[unit] && Number.isFinite(age) ? age / perYear[unit] : null;
    });
    const inBand = (lo: number, hi: number) => years.filter((y) => y !== null && y >= lo && y < hi).length;
    const ages = body.breakdowns.find((b) => b.id === "age_band");
    expect(ages?.items.find((i) => i.key === "45-64")?.count).toBe(inBand(45, 65));
    expect(ages?.items.find((i) => i.key === "65-74")?.count).toBe(inBand(65, 75));
    expect(ages?.items.reduce((s, i) => s + i.count, 0)).toBe(letairis.length);
  });

  test("cases come back normalized, paged by cursor, each report once", async () => {
    const to = uniqueTo();
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const { body } = await getCases(casesQuerySchema.parse({ drug: "LETAIRIS", to, limit: "25", ...(cursor ? { cursor } : {}) }), TEST_ASK, deps());
      casesResponseSchema.parse(body);
      expect(body.total).toBe(letairis.length);
      seen.push(...body.data.map((r) => r.reportId));
      if (!body.nextCursor) break;
      cursor = body.nextCursor;
    }
    expect(seen.sort()).toEqual(letairis.map((r) => r.safetyreportid).sort());
  });

  test("a device product code summary counts event types", async () => {
    const { body } = await getSummary(summaryQuerySchema.parse({ productCode: "lod", from: "2017-01-01", to: "2017-12-31" }), TEST_ASK, deps());
    const eventType = body.breakdowns.find((b) => b.id === "event_type");
    // maude_bone_cement_2017.csv README: Malfunction 341, Injury 182, Death 11, No answer provided 1.
    expect(Object.fromEntries(eventType?.items.map((i) => [i.key, i.count]) ?? [])).toMatchObject({
      Malfunction: 341,
      Injury: 182,
      Death: 11,
    });
    expect(body.total).toBe(535);
  });
});
