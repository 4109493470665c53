import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { createOpenFdaClient, type OpenFdaClientOptions } from "@/lib/sources/openfda/client";
import { createFairBudget } from "@/lib/sources/openfda/fair-budget";
import { fetchDailyCounts, fetchRecordsPage, fetchTermCounts, fetchTotal, iterateRecords } from "@/lib/sources/openfda/readers";
import { startFakeOpenFda, type FakeOpenFda } from "@/tests/support/fake-openfda";
import { readFileSync } from "node:fs";
import { sharedDataPath } from "@/tests/support/shared-data";

const API_KEY = "test-key-do-not-leak-4711";
let fake: FakeOpenFda;

type RawRecord = { safetyreportid: string; receivedate: string; patient?: { drug?: { openfda?: { brand_name?: string[] } }[] } };
const rawRecords = JSON.parse(
  readFileSync(sharedDataPath("openfda_drug_event", "drug_event_limit100_results_2025.json"), "utf8"),
) as RawRecord[];

function client(overrides: Partial<OpenFdaClientOptions> = {}) {
  return createOpenFdaClient({
    baseUrl: fake.url,
    apiKey: API_KEY,
    timeoutMs: 1000,
    maxAttempts: 3,
    rateLimiter: createFairBudget({ perMinute: 240, maxWaitMs: Number.POSITIVE_INFINITY }),
    sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 50))),
    ...overrides,
  });
}

beforeAll(async () => {
  fake = await startFakeOpenFda();
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  fake.clearFaults();
  fake.clearRequests();
});

describe("answers", () => {
  test("term counts are distinct reports, as an independent count over the recorded records says", async () => {
    const expected = rawRecords.filter((r) => r.patient?.drug?.some((d) => d.openfda?.brand_name?.includes("LETAIRIS"))).length;
    const result = await fetchTermCounts(client(), "drug/event", "_exists_:safetyreportid", "patient.drug.openfda.brand_name.exact");
    expect(result.data.find((t) => t.term === "LETAIRIS")?.count).toBe(expected);
    expect(expected).toBe(61);
    expect(result.calls[0]?.url).toContain("limit=1000");
  });

  test("daily counts add up to the number of records in range", async () => {
    const inRange = rawRecords.filter((r) => r.receivedate >= "20080101" && r.receivedate <= "20140228").length;
    const result = await fetchDailyCounts(
      client(),
      "drug/event",
      (from, to) => `receivedate:[${from.replaceAll("-", "")} TO ${to.replaceAll("-", "")}]`,
      "2008-01-01",
      "2014-02-28",
    );
    expect(inRange).toBeGreaterThan(1); // the records span 2008-07 to 2014-03; the range cuts some off
    expect(inRange).toBeLessThan(rawRecords.length);
    expect(result.data.reduce((s, d) => s + d.count, 0)).toBe(inRange);
    expect(result.data.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.date))).toBe(true);
    expect(result.calls[0]?.lastUpdated).toBe("2025-04-28");
  });

  test("a date count that fills openFDA's 1000-row cap is split and asked again, never truncated", async () => {
    // Generated: a full 1000-row answer for the whole range, as openFDA would give for a busy product.
    const fullRows = Array.from({ length: 1000 }, (_, i) => ({
      time: new Date(Date.UTC(2008, 0, 1) + i * 86_400_000).toISOString().slice(0, 10).replaceAll("-", ""),
      count: 1,
    }));
    fake.addFault({ match: "20080101+TO+20141231", status: 200, body: JSON.stringify({ meta: {}, results: fullRows }), times: 1 });
    const result = await fetchDailyCounts(
      client(),
      "drug/event",
      (from, to) => `receivedate:[${from.replaceAll("-", "")} TO ${to.replaceAll("-", "")}]`,
      "2008-01-01",
      "2014-12-31",
    );
    expect(fake.requests()).toHaveLength(3);
    expect(result.calls).toHaveLength(3);
    expect(result.data.reduce((s, d) => s + d.count, 0)).toBe(rawRecords.length);
  });

  test("404 No matches found is an empty result, not an error", async () => {
    const total = await fetchTotal(client(), "drug/event", 'patient.drug.openfda.generic_name.exact:"NO SUCH DRUG"');
    expect(total.data).toBe(0);
    expect(total.calls[0]?.empty).toBe(true);
    const counts = await fetchTermCounts(client(), "drug/event", 'patient.drug.openfda.generic_name.exact:"NO SUCH DRUG"', "serious");
    expect(counts.data).toEqual([]);
  });

  test("pages with search_after through every record exactly once", async () => {
    const seen: string[] = [];
    for await (const page of iterateRecords(client(), "drug/event", "_exists_:safetyreportid", { pageSize: 30, maxRecords: 1000 })) {
      seen.push(...page.data.map((r) => (r as RawRecord).safetyreportid));
    }
    expect(seen).toHaveLength(rawRecords.length);
    expect(new Set(seen).size).toBe(rawRecords.length);
    const sent = fake.requests().map((r) => r.query);
    expect(sent.some((q) => "skip" in q)).toBe(false);
    expect(sent.filter((q) => "search_after" in q)).toHaveLength(3);
  });

  test("a cursor that is not openFDA's grammar never reaches openFDA", async () => {
    await expect(
      fetchRecordsPage(client(), "drug/event", "_exists_:safetyreportid", { limit: 5, searchAfter: "0=1&search=*" }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    expect(fake.requests()).toHaveLength(0);
  });
});

describe("the API key", () => {
  test("is sent as HTTP Basic and never in the URL", async () => {
    const result = await fetchTotal(client(), "drug/event", "_exists_:safetyreportid");
    const request = fake.requests()[0];
    expect(request?.basicAuthUser).toBe(API_KEY);
    expect(request?.apiKey).toBeNull();
    expect(JSON.stringify(result)).not.toContain(API_KEY);
  });
});

describe("faults", () => {
  test("429 waits for Retry-After, then retries", async () => {
    fake.addFault({ match: "count=serious", status: 429, headers: { "Retry-After": "1" }, times: 1 });
    const waits: number[] = [];
    const c = client({ sleep: async (ms) => void waits.push(ms) });
    const result = await fetchTermCounts(c, "drug/event", "_exists_:safetyreportid", "serious");
    expect(result.data.length).toBeGreaterThan(0);
    expect(waits).toEqual([1000]);
    expect(fake.requests()).toHaveLength(2);
  });

  test("a Retry-After longer than we may wait fails as 502 with Retry-After", async () => {
    fake.addFault({ status: 429, headers: { "Retry-After": "120" } });
    const error = await fetchTotal(client(), "drug/event", "_exists_:safetyreportid").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(502);
    expect((error as AppError).retryAfterSeconds).toBe(120);
    expect(fake.requests()).toHaveLength(1);
  });

  test("500s retry with backoff, then succeed", async () => {
    fake.addFault({ status: 500, times: 2 });
    const waits: number[] = [];
    const c = client({ sleep: async (ms) => void waits.push(ms), random: () => 1 });
    expect((await fetchTotal(c, "drug/event", "_exists_:safetyreportid")).data).toBe(rawRecords.length);
    expect(waits).toEqual([250, 500]);
  });

  test("persistent 500s fail as 502 upstream_unavailable after the bounded attempts", async () => {
    fake.addFault({ status: 503 });
    await expect(fetchTotal(client(), "drug/event", "_exists_:safetyreportid")).rejects.toMatchObject({
      code: "upstream_unavailable",
      status: 502,
    });
    expect(fake.requests()).toHaveLength(3);
  });

  test("a slow answer times out per attempt and is retried", async () => {
    fake.addFault({ delayMs: 2000, times: 1 });
    const started = performance.now();
    const result = await fetchTotal(client({ timeoutMs: 300 }), "drug/event", "_exists_:safetyreportid");
    expect(result.data).toBe(rawRecords.length);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  test("connection resets retry, then fail as 502", async () => {
    fake.addFault({ reset: true });
    await expect(fetchTotal(client(), "drug/event", "_exists_:safetyreportid")).rejects.toMatchObject({ code: "upstream_unavailable" });
    expect(fake.requests()).toHaveLength(3);
  });

  test("malformed JSON is retried, and a good answer after it is used", async () => {
    fake.addFault({ status: 200, body: '{"meta": {"results": ', times: 1 });
    expect((await fetchTotal(client(), "drug/event", "_exists_:safetyreportid")).data).toBe(rawRecords.length);
    fake.addFault({ status: 200, body: "<html>gateway</html>" });
    await expect(fetchTotal(client(), "drug/event", "_exists_:safetyreportid")).rejects.toMatchObject({ code: "upstream_unavailable" });
  });

  test("a 400 from openFDA is not retried", async () => {
    fake.addFault({ status: 400, body: '{"error":{"code":"BAD_REQUEST","message":"Invalid parameter"}}' });
    await expect(fetchTotal(client(), "drug/event", "_exists_:safetyreportid")).rejects.toMatchObject({ status: 502 });
    expect(fake.requests()).toHaveLength(1);
  });
});
