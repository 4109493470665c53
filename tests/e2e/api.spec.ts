import { expect } from "@playwright/test";
import { readyResponseSchema } from "../../lib/schemas/operations";
import { apiTest as test, reportsNaming } from "./fixtures";

type ErrorBody = { error: { code: string; message: string; details?: unknown } };

test("GET /api/health says which backends run", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", cache: "memory", jobs: "local", source: "openfda" });
});

test("GET /api/ready is 200 once boot is done: store and job loop up, openFDA reported but not required, no key shown", async ({ request }) => {
  const response = await request.get("/api/ready");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  const text = await response.text();
  expect(text).not.toContain("e2e-key-must-not-leak");
  expect(readyResponseSchema.parse(JSON.parse(text))).toMatchObject({
    status: "ready",
    checks: {
      startup: { ok: true, required: true },
      store: { ok: true, required: true, detail: "memory store answered PING" },
      jobs: { ok: true, required: true, detail: "local job loop running" },
      openfda: { ok: true, required: false },
    },
  });
});

test("GET /api/faers/trend answers JSON with provenance and X-Cache", async ({ request }) => {
  const url = "/api/faers/trend?drug=letairis&interval=year&from=2008-01-01&to=2014-12-31";
  const first = await request.get(url);
  expect(first.status()).toBe(200);
  const body = (await first.json()) as { total: number; series: { period: string; count: number }[]; provenance: { queries: string[] } };
  expect(body.total).toBe(reportsNaming("LETAIRIS").length);
  expect(body.series.map((p) => p.period)).toEqual(["2008", "2009", "2010", "2011", "2012", "2013", "2014"]);
  expect(body.provenance.queries.join(" ")).not.toContain("e2e-key-must-not-leak");
  const second = await request.get(url);
  expect(second.headers()["x-cache"]).toBe("HIT");
});

const BAD_INPUT: [string, string][] = [
  ["/api/faers/trend", "give one product"],
  ["/api/faers/trend?drug=a&device=b", "only one of drug, device and productCode"],
  ["/api/faers/trend?drug=x&from=2024-02-30", "not a calendar date"],
  ["/api/faers/trend?drug=x&from=yesterday", "must be a date like"],
  ["/api/faers/trend?drug=x&from=2024-05-01&to=2024-01-01", "must not be after"],
  ["/api/faers/trend?drug=x&interval=decade", "interval"],
  ["/api/faers/trend?drug=x&sex=robot", "sex"],
  ["/api/faers/trend?drug=x&colour=blue", "unknown parameter(s): colour"],
  ["/api/faers/trend?drug=x&drug=y", "given 2 times"],
  [`/api/faers/trend?drug=${"A".repeat(201)}`, "at most 200"],
  [`/api/faers/trend?drug=${encodeURIComponent('X" OR _exists_:safetyreportid')}`, "double quote"],
  [`/api/faers/trend?drug=${encodeURIComponent("X\\")}`, "backslash"],
  [`/api/faers/trend?drug=${encodeURIComponent("X\u0007")}`, "control"],
  ["/api/faers/trend?productCode=LO", "3-letter"],
  ["/api/faers/trend?device=pump&sex=male", "drug reports only"],
  ["/api/faers/reactions?drug=x&top=0", "top must be at least 1"],
  ["/api/faers/reactions?drug=x&top=5000", "at most 1000"],
  ["/api/faers/cases?drug=x&limit=abc", "limit"],
  ["/api/faers/cases?drug=x&cursor=not*valid", "cursor is not valid"],
  ["/api/faers/summary?drug=x&country=USA", "2-letter ISO"],
];

for (const [url, fragment] of BAD_INPUT) {
  test(`400 invalid_input for ${url.slice(0, 80)}`, async ({ request }) => {
    const response = await request.get(url);
    expect(response.status()).toBe(400);
    expect(response.headers()["content-type"]).toContain("application/json");
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.message).toContain(fragment);
  });
}

test("an unknown API path is a JSON 404", async ({ request }) => {
  const response = await request.get("/api/nope");
  expect(response.status()).toBe(404);
  expect(((await response.json()) as ErrorBody).error.code).toBe("not_found");
});

test("cases page through every LETAIRIS report by cursor", async ({ request }) => {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const response = await request.get(`/api/faers/cases?drug=LETAIRIS&limit=20${cursor ? `&cursor=${cursor}` : ""}`);
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { data: { reportId: string }[]; nextCursor: string | null; quality: { rules: unknown[] } };
    expect(body.quality.rules.length).toBeGreaterThan(0);
    ids.push(...body.data.map((r) => r.reportId));
    cursor = body.nextCursor;
  } while (cursor);
  expect(ids.sort()).toEqual(reportsNaming("LETAIRIS").map((r) => r.safetyreportid).sort());
});
