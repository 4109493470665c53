import { readFileSync } from "node:fs";
import { expect } from "@playwright/test";
import { sharedDataPath } from "../support/shared-data";
import type { ApiRouteKey } from "@/lib/auth/route-permissions";
import { apiTest as test, reportsNaming } from "./fixtures";
import { expectMatchesDocument } from "./openapi-contract";

type ErrorBody = { error: { code: string; message: string } };

// Generated (not real data): a monthly series with a yearly cycle, for shape checks only.
const seasonal = Array.from({ length: 60 }, (_, i) => 100 + 20 * Math.sin((2 * Math.PI * i) / 12) + (i % 5));

test("POST /api/analytics/forecast returns nested, non-negative intervals for every step", async ({ request }) => {
  const response = await request.post("/api/analytics/forecast", { data: { series: seasonal, frequency: 12, horizon: 12 } });
  expect(response.status()).toBe(200);
  await expectMatchesDocument(response, "POST /api/analytics/forecast");
  const body = (await response.json()) as { model: string; forecast: { step: number; mean: number; lower: Record<string, number>; upper: Record<string, number> }[] };
  expect(body.model).toMatch(/^[AMN]/);
  expect(body.forecast).toHaveLength(12);
  for (const f of body.forecast) {
    expect(f.lower["95"]!).toBeGreaterThanOrEqual(0);
    expect(f.lower["95"]!).toBeLessThanOrEqual(f.lower["80"]!);
    expect(f.lower["80"]!).toBeLessThanOrEqual(f.mean);
    expect(f.mean).toBeLessThanOrEqual(f.upper["80"]!);
    expect(f.upper["80"]!).toBeLessThanOrEqual(f.upper["95"]!);
  }
});

test("POST /api/analytics/anomalies flags an injected spike and names the period", async ({ request }) => {
  const series = Array.from({ length: 40 }, (_, i) => ({ period: `w${i}`, count: i === 35 ? 60 : 10 + (i % 3) }));
  const response = await request.post("/api/analytics/anomalies", { data: { series, frequency: 52, method: "ears_c2" } });
  expect(response.status()).toBe(200);
  await expectMatchesDocument(response, "POST /api/analytics/anomalies");
  const body = (await response.json()) as { method: string; anomalies: { index: number; period: string; observed: number }[] };
  expect(body.method).toBe("ears_c2");
  expect(body.anomalies.map((a) => a.period)).toContain("w35");
});

test("POST /api/analytics/disproportionality: closed-form measures match the hand formulas", async ({ request }) => {
  const response = await request.post("/api/analytics/disproportionality", { data: { tables: [{ a: 20, b: 80, c: 100, d: 9800 }, { a: 5, b: 0, c: 10, d: 100 }] } });
  expect(response.status()).toBe(200);
  await expectMatchesDocument(response, "POST /api/analytics/disproportionality");
  const body = (await response.json()) as { results: { prr: { value: number } | null; ror: { value: number } | null; nullReasons: Record<string, string>; flags: Record<string, boolean> }[] };
  // PRR = (20/100)/(100/9900) = 19.8; ROR = 20·9800/(80·100) = 24.5.
  expect(body.results[0]?.prr?.value).toBeCloseTo(19.8, 10);
  expect(body.results[0]?.ror?.value).toBeCloseTo(24.5, 10);
  expect(body.results[0]?.flags.evans).toBe(true);
  expect(body.results[1]?.ror).toBeNull();
  expect(body.results[1]?.nullReasons.ror).toBe("b_is_zero");
});

test("POST /api/analytics/disproportionality with report rows fits the EBGM prior", async ({ request }) => {
  const reports = Array.from({ length: 400 }, (_, i) => ({ id: `r${i}`, drug: `D${i % 7}`, event: `E${(i * 3) % 11}` }));
  const response = await request.post("/api/analytics/disproportionality", { data: { reports } });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { prior: Record<string, number>; pairs: { n: number; e: number; ebgm: number; eb05: number; eb95: number }[] };
  expect(Object.keys(body.prior)).toEqual(expect.arrayContaining(["alpha1", "beta1", "alpha2", "beta2", "p", "logLikelihood"]));
  expect(body.pairs.length).toBeGreaterThan(0);
  for (const pair of body.pairs) {
    expect(pair.eb05).toBeLessThanOrEqual(pair.ebgm);
    expect(pair.ebgm).toBeLessThanOrEqual(pair.eb95);
  }
});

test("POST /api/analytics/normalize takes a whole openFDA response", async ({ request }) => {
  const json = readFileSync(sharedDataPath("openfda_drug_event", "drug_event_limit100_fullresponse_2025-04.json"), "utf8");
  const response = await request.post("/api/analytics/normalize", { data: Buffer.from(json), headers: { "content-type": "application/json" } });
  expect(response.status()).toBe(200);
  await expectMatchesDocument(response, "POST /api/analytics/normalize");
  const body = (await response.json()) as { kind: string; reports: unknown[]; quality: { inputRecords: number } };
  expect(body.kind).toBe("drug");
  expect(body.quality.inputRecords).toBe(100);
  expect(body.reports).toHaveLength(100);
});

test("GET /api/faers/signals scores the drug's top reactions", async ({ request }) => {
  const response = await request.get("/api/faers/signals?drug=LETAIRIS&top=3");
  expect(response.status()).toBe(200);
  await expectMatchesDocument(response, "GET /api/faers/signals");
  const body = (await response.json()) as { totals: { drugReports: number }; signals: { event: string; table: { a: number } }[] };
  expect(body.totals.drugReports).toBe(reportsNaming("LETAIRIS").length);
  expect(body.signals).toHaveLength(3);
});

test("GET /api/faers/forecast and /anomalies answer with provenance", async ({ request }) => {
  for (const path of ["/api/faers/forecast?drug=LETAIRIS&horizon=3&levels=90", "/api/faers/anomalies?drug=LETAIRIS&interval=quarter"]) {
    const response = await request.get(path);
    expect(response.status()).toBe(200);
    await expectMatchesDocument(response, `GET ${path.split("?")[0]}` as ApiRouteKey);
    const body = (await response.json()) as { provenance: { queries: string[] } };
    expect(body.provenance.queries.length).toBeGreaterThan(0);
  }
});

const BAD_POSTS: [string, unknown, string][] = [
  ["/api/analytics/forecast", { series: [1, 2, 3], frequency: 12, horizon: 0 }, "horizon must be at least 1"],
  ["/api/analytics/forecast", { series: [1, 2, 3], frequency: 12, horizon: 61 }, "at most 60"],
  ["/api/analytics/forecast", { series: [1, -2, 3], frequency: 12, horizon: 3 }, "cannot be negative"],
  ["/api/analytics/forecast", { series: [1, null, 3], frequency: 12, horizon: 3 }, "series"],
  ["/api/analytics/forecast", { series: Array.from({ length: 5001 }, () => 1), frequency: 12, horizon: 3 }, "at most 5000"],
  ["/api/analytics/forecast", { series: [1, 2], frequency: 7, horizon: 3 }, "frequency must be"],
  ["/api/analytics/forecast", { series: [1, 2], frequency: 12, horizon: 3, extra: 1 }, "extra"],
  ["/api/analytics/anomalies", { series: [1, 2, 3], frequency: 12, method: "magic" }, "method"],
  ["/api/analytics/disproportionality", { tables: [{ a: -1, b: 2, c: 3, d: 4 }] }, "negative"],
  ["/api/analytics/disproportionality", { tables: [{ a: 1.5, b: 2, c: 3, d: 4 }] }, "whole numbers"],
  ["/api/analytics/disproportionality", { something: [] }, "send either"],
  ["/api/analytics/disproportionality", { tables: [{ a: 1, b: 1, c: 1, d: 1 }], reports: [{ id: 1, drug: "x", event: "y" }] }, "not both"],
  ["/api/analytics/normalize", 42, "openFDA"],
];

for (const [path, data, fragment] of BAD_POSTS) {
  test(`400 for POST ${path} ${JSON.stringify(data).slice(0, 60)}`, async ({ request }) => {
    const response = await request.post(path, { data });
    expect(response.status()).toBe(400);
    await expectMatchesDocument(response, `POST ${path}` as ApiRouteKey);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.message).toContain(fragment);
  });
}

test("malformed JSON and a wrong content type are 4xx with the error body", async ({ request }) => {
  const broken = await request.post("/api/analytics/forecast", { data: Buffer.from('{"series": [1,2'), headers: { "content-type": "application/json" } });
  expect(broken.status()).toBe(400);
  expect(((await broken.json()) as ErrorBody).error.message).toContain("not valid JSON");
  const text = await request.post("/api/analytics/forecast", { data: Buffer.from("series=1"), headers: { "content-type": "text/plain" } });
  expect(text.status()).toBe(415);
  await expectMatchesDocument(text, "POST /api/analytics/forecast");
  expect(((await text.json()) as ErrorBody).error.code).toBe("unsupported_media_type");
});

for (const [path, fragment] of [
  ["/api/faers/forecast?drug=x&horizon=0", "horizon must be at least 1"],
  ["/api/faers/forecast?drug=x&levels=abc", "levels must be"],
  ["/api/faers/anomalies?drug=x&method=magic", "method"],
  ["/api/faers/signals?device=pump", "signals are computed for drugs"],
  ["/api/faers/signals?drug=x&top=500", "at most 100"],
  // Issue #9: these were 500s (the analysis's own series-length error was not mapped).
  ["/api/faers/forecast?drug=LETAIRIS&interval=week&from=1900-01-02&to=2999-12-31", "interval=week&from=1900-01-02&to=2999-12-31"],
  ["/api/faers/anomalies?drug=LETAIRIS&interval=week&from=1900-01-02&to=2999-12-31", "at most 5000"],
] as const) {
  test(`400 for GET ${path}`, async ({ request }) => {
    const response = await request.get(path);
    expect(response.status()).toBe(400);
    await expectMatchesDocument(response, `GET ${path.split("?")[0]}` as ApiRouteKey);
    expect(((await response.json()) as ErrorBody).error.message).toContain(fragment);
  });
}

test("POST /api/analytics/normalize takes FAERS ASCII files and names the line of a malformed one", async ({ request }) => {
  const dir = sharedDataPath("faers_ascii");
  const { readdirSync, statSync } = await import("node:fs");
  const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(`${d}/${n}`).isDirectory() ? walk(`${d}/${n}`) : [`${d}/${n}`]));
  const quarter = walk(dir).filter((p) => /17Q2\.txt$/i.test(p));
  expect(quarter.length).toBeGreaterThan(2);
  const multipart = Object.fromEntries(quarter.map((p) => [p.split("/").pop() as string, { name: p.split("/").pop() as string, mimeType: "text/plain", buffer: readFileSync(p) }]));
  const ok = await request.post("/api/analytics/normalize", { multipart });
  expect(ok.status()).toBe(200);
  await expectMatchesDocument(ok, "POST /api/analytics/normalize");
  const body = (await ok.json()) as { totalReports: number; reports: { reportId: string }[]; quality: { rules: unknown[] } };
  // The 2017Q2 sample holds 100 complete cases (see ../shared/data/faers_ascii/README.md).
  expect(body.totalReports).toBe(100);
  expect(body.quality.rules.length).toBeGreaterThan(0);

  const demo = quarter.find((p) => /DEMO/i.test(p)) as string;
  const lines = readFileSync(demo, "latin1").split("\n");
  lines.splice(3, 0, "1$2$3"); // generated: a line with too few fields, as line 4
  const bad = await request.post("/api/analytics/normalize", {
    multipart: { demo: { name: demo.split("/").pop() as string, mimeType: "text/plain", buffer: Buffer.from(lines.join("\n"), "latin1") } },
  });
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as ErrorBody).error.message).toMatch(/DEMO17Q2\.txt:4: /i);
});

test("a long series steps auto down from Farrington and says so; an explicit farrington request is refused", async ({ request }) => {
  const series = Array.from({ length: 1200 }, (_, i) => 10 + (i % 4));
  const auto = await request.post("/api/analytics/anomalies", { data: { series, frequency: 52 } });
  expect(auto.status()).toBe(200);
  const body = (await auto.json()) as { method: string; notes: string[] };
  expect(body.method).toBe("ears_c3");
  expect(body.notes.join(" ")).toContain("more than farrington's 1000");
  const explicit = await request.post("/api/analytics/anomalies", { data: { series, frequency: 52, method: "farrington" } });
  expect(explicit.status()).toBe(400);
});
