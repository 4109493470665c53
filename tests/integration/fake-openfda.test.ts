// Integration tests of the fake openFDA server over real HTTP. Expected values are computed here
// independently from the raw files in ../shared/data, never by calling the server's evaluator.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { z } from "zod";
import { sharedDataPath } from "../support/shared-data";
import { GENERATED_HEADER_VALUE, startFakeOpenFda, type FakeOpenFda } from "../support/fake-openfda";

interface RawDrugRecord {
  safetyreportid: string;
  receivedate: string;
  serious: string;
  patient: {
    patientsex?: string;
    patientonsetage?: string;
    reaction?: { reactionmeddrapt?: string }[];
    drug?: { openfda?: { brand_name?: string[] } }[];
  };
}

// A typed view of the raw recording; the file is the ground truth these tests compare against.
const rawDrug = JSON.parse(
  readFileSync(sharedDataPath("openfda_drug_event/drug_event_limit100_results_2025.json"), "utf8"),
) as RawDrugRecord[];
const rawWide = z
  .object({ event_type: z.string(), mdr_report_key: z.string() })
  .parse(JSON.parse(readFileSync(sharedDataPath("maude_device_event/fda_openfda_maude_fixtures/wide_sample.json"), "utf8")));

const metaSchema = z.strictObject({
  disclaimer: z.string(),
  terms: z.string(),
  license: z.string(),
  last_updated: z.string(),
  generated: z.string(),
  results: z.object({ skip: z.number(), limit: z.number(), total: z.number() }).optional(),
});
const termCountSchema = z.object({ meta: metaSchema, results: z.array(z.object({ term: z.string(), count: z.number() })) });
const timeCountSchema = z.object({ meta: metaSchema, results: z.array(z.object({ time: z.string(), count: z.number() })) });
const drugSearchSchema = z.object({
  meta: metaSchema,
  results: z.array(z.looseObject({ safetyreportid: z.string(), receivedate: z.string() })),
});
const errorSchema = z.object({
  error: z.strictObject({ code: z.string(), message: z.string(), details: z.string().optional() }),
});

let fake: FakeOpenFda;

beforeAll(async () => {
  fake = await startFakeOpenFda();
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  fake.clearFaults();
  fake.clearRequests();
});

function apiUrl(path: string, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  return `${fake.url}${path}${query ? `?${query}` : ""}`;
}

async function getJson(url: string, init?: RequestInit): Promise<{ status: number; headers: Headers; body: unknown }> {
  const res = await fetch(url, init);
  return { status: res.status, headers: res.headers, body: await res.json() };
}

async function drugIds(search: string): Promise<string[]> {
  const { status, body } = await getJson(apiUrl("/drug/event.json", { search, limit: "1000" }));
  if (status === 404) return [];
  expect(status).toBe(200);
  return drugSearchSchema.parse(body).results.map((r) => r.safetyreportid);
}

const rawIds = (keep: (r: RawDrugRecord) => boolean): string[] => rawDrug.filter(keep).map((r) => r.safetyreportid);

describe("drug/event counts", () => {
  test("count=receivedate matches a plain per-day count of the raw records", async () => {
    const expected = new Map<string, number>();
    for (const r of rawDrug) expected.set(r.receivedate, (expected.get(r.receivedate) ?? 0) + 1);

    const { status, headers, body } = await getJson(apiUrl("/drug/event.json", { count: "receivedate", limit: "1" }));
    expect(status).toBe(200);
    expect(headers.get("x-fake-openfda")).toBe(GENERATED_HEADER_VALUE);
    const parsed = timeCountSchema.parse(body);
    expect(parsed.meta.results).toBeUndefined();
    expect(parsed.meta.generated).toContain("drug_event_limit100_results_2025.json");
    expect(parsed.meta.last_updated).toBe("2025-04-28");
    // Not truncated by limit, ascending by day.
    expect(parsed.results).toEqual([...expected.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([time, count]) => ({ time, count })));
    expect(parsed.results.reduce((sum, r) => sum + r.count, 0)).toBe(rawDrug.length);
  });

  test("count=brand_name.exact counts distinct reports per term (LETAIRIS = 61)", async () => {
    const expected = new Map<string, number>();
    for (const r of rawDrug) {
      const brands = new Set((r.patient.drug ?? []).flatMap((d) => d.openfda?.brand_name ?? []));
      for (const b of brands) expected.set(b, (expected.get(b) ?? 0) + 1);
    }
    expect(expected.get("LETAIRIS")).toBe(61);

    // More than 1000 distinct brands exist, so the answer is the top 1000 by count desc, term asc.
    const expectedTop = [...expected.entries()]
      .sort(([ta, a], [tb, b]) => b - a || (ta < tb ? -1 : ta > tb ? 1 : 0))
      .slice(0, 1000)
      .map(([term, count]) => ({ term, count }));

    const { body } = await getJson(apiUrl("/drug/event.json", { count: "patient.drug.openfda.brand_name.exact", limit: "1000" }));
    const results = termCountSchema.parse(body).results;
    expect(results).toEqual(expectedTop);
    expect(results[0]).toEqual({ term: "LETAIRIS", count: 61 });

    const defaulted = termCountSchema.parse(
      (await getJson(apiUrl("/drug/event.json", { count: "patient.drug.openfda.brand_name.exact" }))).body,
    );
    expect(defaulted.results).toHaveLength(Math.min(100, expected.size));
  });
});

describe("drug/event search", () => {
  test("quoted phrase: analysed field is case-insensitive and ordered, .exact is case-sensitive (MedDRA terms upper-cased)", async () => {
    const expected = rawIds((r) => (r.patient.reaction ?? []).some((x) => x.reactionmeddrapt?.toLowerCase() === "fluid retention"));
    expect(expected.length).toBeGreaterThan(0);
    expect(await drugIds('patient.reaction.reactionmeddrapt:"fluid retention"')).toEqual(expected);
    // openFDA's .exact keyword for reactionmeddrapt is upper-case (domain.md §4.5).
    expect(await drugIds('patient.reaction.reactionmeddrapt.exact:"FLUID RETENTION"')).toEqual(expected);
    expect(await drugIds('patient.reaction.reactionmeddrapt.exact:"Fluid retention"')).toEqual([]);
    expect(await drugIds('patient.drug.openfda.brand_name.exact:"letairis"')).toEqual([]);
    expect(await drugIds('patient.reaction.reactionmeddrapt:"retention fluid"')).toEqual([]);
  });

  test("range search on dates and numbers is inclusive", async () => {
    const inDates = rawIds((r) => Number(r.receivedate) >= 20080707 && Number(r.receivedate) <= 20140306);
    expect(await drugIds("receivedate:[20080707 TO 20140306]")).toEqual(inDates);
    expect(await drugIds("receivedate:[2008-07-07 TO 2014-03-06]")).toEqual(inDates);

    const inAge = rawIds((r) => {
      const age = parseFloat(r.patient.patientonsetage ?? "");
      return age >= 60 && age <= 80;
    });
    expect(inAge.length).toBeGreaterThan(0);
    expect(await drugIds("patient.patientonsetage:[60 TO 80]")).toEqual(inAge);
  });

  test("AND / OR / NOT / parentheses with NOT > AND > OR precedence", async () => {
    expect(await drugIds("(serious:1 AND NOT patient.patientsex:2) OR receivedate:[20080101 TO 20140301]")).toEqual(
      rawIds((r) => (r.serious === "1" && r.patient.patientsex !== "2") || Number(r.receivedate) <= 20140301),
    );
    expect(await drugIds("serious:2 OR serious:1 AND patient.patientsex:1")).toEqual(
      rawIds((r) => r.serious === "2" || (r.serious === "1" && r.patient.patientsex === "1")),
    );
    expect(await drugIds("(serious:2 OR serious:1) AND patient.patientsex:1")).toEqual(
      rawIds((r) => r.patient.patientsex === "1"),
    );
    expect(await drugIds("NOT serious:1")).toEqual(rawIds((r) => r.serious !== "1"));
    expect(await drugIds("patient.drug.openfda.brand_name.exact:LETAIRIS AND _exists_:patient.patientonsetage")).toEqual(
      rawIds(
        (r) =>
          r.patient.patientonsetage !== undefined &&
          (r.patient.drug ?? []).some((d) => d.openfda?.brand_name?.includes("LETAIRIS")),
      ),
    );
  });

  test("paging via Link/search_after walks all 100 records exactly once", async () => {
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let next: string | undefined = apiUrl("/drug/event.json", { limit: "30" });
    while (next) {
      const res: Response = await fetch(next);
      expect(res.status).toBe(200);
      const parsed = drugSearchSchema.parse(await res.json());
      expect(parsed.meta.results?.total).toBe(100);
      pageSizes.push(parsed.results.length);
      seen.push(...parsed.results.map((r) => r.safetyreportid));
      const link: string | null = res.headers.get("link");
      next = link ? /^<([^>]+)>; rel="next"$/.exec(link)?.[1] : undefined;
      if (link) {
        expect(next?.startsWith(`${fake.url}/drug/event.json?`)).toBe(true);
        expect(next).toMatch(/search_after=0=\d+;1=/);
      }
    }
    expect(pageSizes).toEqual([30, 30, 30, 10]);
    expect(seen).toEqual(rawDrug.map((r) => r.safetyreportid));
    expect(new Set(seen).size).toBe(100);
  });

  test("paging with sort=receivedate:desc is ordered and complete", async () => {
    const seen: { id: string; date: number }[] = [];
    let next: string | undefined = apiUrl("/drug/event.json", { limit: "30", sort: "receivedate:desc" });
    while (next) {
      const res: Response = await fetch(next);
      const parsed = drugSearchSchema.parse(await res.json());
      seen.push(...parsed.results.map((r) => ({ id: r.safetyreportid, date: Number(r.receivedate) })));
      next = /^<([^>]+)>; rel="next"$/.exec(res.headers.get("link") ?? "")?.[1];
    }
    expect(new Set(seen.map((s) => s.id)).size).toBe(100);
    expect(seen.every((s, i) => i === 0 || (seen[i - 1]?.date ?? Infinity) >= s.date)).toBe(true);
  });
});

describe("errors", () => {
  test("404 for no matches (search and count) and unknown paths", async () => {
    const search = 'patient.drug.openfda.brand_name.exact:"NO SUCH BRAND"';
    const variants: Record<string, string>[] = [{ search }, { search, count: "receivedate" }];
    for (const params of variants) {
      const { status, headers, body } = await getJson(apiUrl("/drug/event.json", params));
      expect(status).toBe(404);
      expect(headers.get("x-fake-openfda")).toBe(GENERATED_HEADER_VALUE);
      expect(errorSchema.parse(body).error).toEqual({ code: "NOT_FOUND", message: "No matches found!" });
    }
    const unknown = await getJson(apiUrl("/drug/label.json"));
    expect(unknown.status).toBe(404);
    expect(errorSchema.parse(unknown.body).error.code).toBe("NOT_FOUND");
  });

  test("400 for limit > 1000, skip > 25000, bad characters, unknown params, skip with count", async () => {
    const cases: [Record<string, string>, string][] = [
      [
        { limit: "1001" },
        "Limit cannot exceed 1000 results for search requests. Use the skip or search_after param to get additional results.",
      ],
      [{ skip: "25001" }, "Skip value must 25000 or less."],
      [{ search: "serious:1;" }, "Search not supported: serious:1;"],
      [{ search: "medicinalproduct:ASPIRIN#" }, "Search not supported: medicinalproduct:ASPIRIN#"],
      [{ frobnicate: "1" }, "Invalid parameter: frobnicate"],
      [{ count: "receivedate", skip: "10" }, "Should not use skip param when using count."],
      [{ sort: "patient.reaction.reactionmeddrapt:asc" }, "Sorting allowed by non-analyzed fields only: patient.reaction.reactionmeddrapt"],
    ];
    for (const [params, message] of cases) {
      const { status, body } = await getJson(apiUrl("/drug/event.json", params));
      expect(status, JSON.stringify(params)).toBe(400);
      expect(errorSchema.parse(body).error).toEqual({ code: "BAD_REQUEST", message });
    }
  });

  test("500 SERVER_ERROR for broken query syntax", async () => {
    for (const search of ['patient.drug.medicinalproduct:"LETAIRIS', "(serious:1 AND receivedate:20140312", "serious:1 AND", "serious:1)"]) {
      const { status, body } = await getJson(apiUrl("/drug/event.json", { search }));
      expect(status, search).toBe(500);
      const { error } = errorSchema.parse(body);
      expect(error.code).toBe("SERVER_ERROR");
      expect(error.message).toBe("Check your request and try again");
      expect(error.details).toBeTruthy();
    }
  });
});

describe("device/event", () => {
  test("count=event_type.exact equals the bone-cement README totals plus the wide_sample record", async () => {
    const expected = new Map<string, number>([
      ["Malfunction", 341],
      ["Injury", 182],
      ["Death", 11],
      ["No answer provided", 1],
    ]);
    expected.set(rawWide.event_type, (expected.get(rawWide.event_type) ?? 0) + 1);

    const { status, headers, body } = await getJson(apiUrl("/device/event.json", { count: "event_type.exact" }));
    expect(status).toBe(200);
    expect(headers.get("x-fake-openfda")).toBe(GENERATED_HEADER_VALUE);
    const parsed = termCountSchema.parse(body);
    expect(parsed.meta.generated).toContain("maude_bone_cement_2017.csv");
    expect(parsed.meta.generated).toContain("wide_sample.json");
    expect(new Map(parsed.results.map((r) => [r.term, r.count]))).toEqual(expected);
  });

  test("converted records carry the device/event shape and the wide sample is searchable", async () => {
    const { body } = await getJson(apiUrl("/device/event.json", { search: 'device.openfda.device_name:"bone cement"', limit: "1" }));
    const record = z
      .object({
        meta: metaSchema,
        results: z.tuple([
          z.looseObject({
            mdr_report_key: z.string(),
            device: z.tuple([z.looseObject({ device_report_product_code: z.literal("LOD"), generic_name: z.string() })]),
          }),
        ]),
      })
      .parse(body);
    expect(record.results[0].mdr_report_key).toBe("BC-1");

    const wide = await getJson(apiUrl("/device/event.json", { search: `mdr_report_key:${rawWide.mdr_report_key}` }));
    expect(wide.status).toBe(200);
    expect(z.object({ meta: metaSchema }).parse(wide.body).meta.results?.total).toBe(1);
  });

  test("device_name.exact is case-sensitive (stored title case), the analysed device_name is not", async () => {
    // The CSV stores device_name "Bone Cement" on 253 rows and "Bone Cement, Antibiotic" on 243 (of 535),
    // counted with Python's csv module; the phrase "bone cement" is in both.
    const total = async (search: string): Promise<number> => {
      const { status, body } = await getJson(apiUrl("/device/event.json", { search, limit: "0" }));
      if (status === 404) return 0;
      return z.object({ meta: metaSchema }).parse(body).meta.results?.total ?? -1;
    };
    expect(await total('device.openfda.device_name.exact:"Bone Cement"')).toBe(253);
    expect(await total('device.openfda.device_name.exact:"BONE CEMENT"')).toBe(0);
    expect(await total('device.openfda.device_name.exact:"bone cement"')).toBe(0);
    expect(await total('device.openfda.device_name:"BONE CEMENT"')).toBe(253 + 243);
  });
});

describe("faults and request log", () => {
  const drugUrl = (): string => apiUrl("/drug/event.json", { search: "serious:1" });

  test("429 with Retry-After applies once, then normal answers resume", async () => {
    fake.addFault({ match: "/drug/event.json", times: 1, status: 429, headers: { "Retry-After": "1" } });
    const first = await getJson(drugUrl());
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("1");
    expect(errorSchema.parse(first.body).error.code).toBe("OVER_RATE_LIMIT");
    expect((await fetch(drugUrl())).status).toBe(200);
    expect(fake.requests().map((r) => r.faulted)).toEqual([true, false]);
  });

  test("times decrements per matching request; match only hits matching URLs", async () => {
    fake.addFault({ match: "count=", times: 2, status: 503 });
    expect((await fetch(drugUrl())).status).toBe(200);
    const countUrl = apiUrl("/drug/event.json", { count: "receivedate" });
    expect((await fetch(countUrl)).status).toBe(503);
    expect((await fetch(countUrl)).status).toBe(503);
    expect((await fetch(countUrl)).status).toBe(200);
  });

  test("malformed body is served raw", async () => {
    fake.addFault({ times: 1, body: '{"meta": {"results": ' });
    const res = await fetch(drugUrl());
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow();
  });

  test("reset destroys the socket without a response", async () => {
    fake.addFault({ times: 1, reset: true });
    await expect(fetch(drugUrl())).rejects.toThrow();
    expect((await fetch(drugUrl())).status).toBe(200);
  });

  test("delay slows answers and lets a client time out", async () => {
    fake.addFault({ times: 1, delayMs: 150 });
    const started = Date.now();
    expect((await fetch(drugUrl())).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    fake.addFault({ times: 1, delayMs: 10_000 });
    const t0 = Date.now();
    await expect(fetch(drugUrl(), { signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect((await fetch(drugUrl())).status).toBe(200);
  });

  test("close() returns promptly while a delayed request is pending", async () => {
    const other = await startFakeOpenFda();
    other.addFault({ delayMs: 60_000 });
    const pending = fetch(`${other.url}/drug/event.json`).then(
      () => "answered",
      () => "failed",
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const t0 = Date.now();
    await other.close();
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(await pending).toBe("failed");
  });

  test("HTTP control surface: faults and request log", async () => {
    const post = await fetch(`${fake.url}/__control/faults`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ match: "/device/", times: 1, status: 500 }),
    });
    expect(post.status).toBe(201);
    const bad = await fetch(`${fake.url}/__control/faults`, { method: "POST", body: JSON.stringify({ status: "x" }) });
    expect(bad.status).toBe(400);

    expect((await fetch(apiUrl("/device/event.json"))).status).toBe(500);
    expect((await fetch(apiUrl("/device/event.json"))).status).toBe(200);

    const log = z
      .array(z.looseObject({ path: z.string(), faulted: z.boolean() }))
      .parse(await (await fetch(`${fake.url}/__control/requests`)).json());
    expect(log.map((r) => [r.path, r.faulted])).toEqual([
      ["/device/event.json", true],
      ["/device/event.json", false],
    ]);

    await fetch(`${fake.url}/__control/faults`, { method: "POST", body: JSON.stringify({ status: 502 }) });
    await fetch(`${fake.url}/__control/faults`, { method: "DELETE" });
    expect((await fetch(drugUrl())).status).toBe(200);
    await fetch(`${fake.url}/__control/requests`, { method: "DELETE" });
    expect(fake.requests()).toEqual([]);
  });

  test("peak concurrency counts API requests answered at once (control routes excluded), in process and over HTTP", async () => {
    fake.resetPeakConcurrency();
    fake.addFault({ delayMs: 100 });
    await Promise.all([1, 2, 3].map(() => fetch(drugUrl()).then((r) => r.text())));
    expect(fake.concurrency()).toEqual({ inFlight: 0, peak: 3 });
    await fetch(`${fake.url}/__control/concurrency`, { method: "DELETE" });
    await fetch(drugUrl()).then((r) => r.text());
    await fetch(drugUrl()).then((r) => r.text());
    const overHttp = await (await fetch(`${fake.url}/__control/concurrency`)).json();
    expect(overHttp).toEqual({ inFlight: 0, peak: 1 });
  });

  test("requests() records the Basic auth username and the api_key param", async () => {
    const authorization = `Basic ${Buffer.from("basic-key-123:").toString("base64")}`;
    await fetch(drugUrl(), { headers: { Authorization: authorization } });
    await fetch(apiUrl("/drug/event.json", { search: "serious:2", api_key: "param-key-456" }));

    const [viaBasic, viaParam] = fake.requests();
    expect(viaBasic).toMatchObject({
      method: "GET",
      path: "/drug/event.json",
      query: { search: "serious:1" },
      authorization,
      basicAuthUser: "basic-key-123",
      apiKey: null,
    });
    expect(viaParam).toMatchObject({ basicAuthUser: null, apiKey: "param-key-456", query: { api_key: "param-key-456" } });
    expect(Number.isNaN(Date.parse(viaParam?.time ?? ""))).toBe(false);
  });
});
