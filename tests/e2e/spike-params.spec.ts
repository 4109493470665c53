import { readFileSync } from "node:fs";
import { expect } from "@playwright/test";
import { sharedDataPath } from "../support/shared-data";
import { apiTest, viewerTest } from "./fixtures";

type ErrorBody = { error: { code: string; message: string; details?: { issues?: { path: string; message: string }[]; parameter?: string } } };
type Assessment = { index: number; period?: string; observed: number; expected: number; upperBound: number | null; alarm: boolean; critical?: number | null; step?: number | null };
type SpikeAnswer = {
  method: string;
  parameters: Record<string, unknown>;
  parameterSources: Record<string, string>;
  assessments: Assessment[];
  anomalies: Assessment[];
  series?: { period: string; count: number; partial: boolean }[];
  provenance?: { rules: string[] };
};

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0) / (xs.length - 1));

apiTest("GET /api/faers/anomalies with params.*: every complete month from the baseline on has its bound, computed here from the trend", async ({ request }) => {
  const response = await request.get("/api/faers/anomalies?drug=LETAIRIS&interval=month&method=ears_c1&params.threshold=2&params.baseline=5");
  expect(response.status()).toBe(200);
  const body = (await response.json()) as SpikeAnswer;
  expect(body.parameters).toEqual({ threshold: 2, baseline: 5, minSigma: 0 });
  expect(body.parameterSources).toMatchObject({ threshold: "request", baseline: "request" });
  expect(body.provenance!.rules.join(" ")).toContain("ears_c1 (threshold=2 [request], baseline=5 [request], minSigma=0)");
  const complete = body.series!.filter((p) => !p.partial).map((p) => p.count);
  expect(body.assessments).toHaveLength(complete.length - 5);
  body.assessments.forEach((a, k) => {
    const window = complete.slice(k, k + 5);
    expect(a.expected).toBeCloseTo(mean(window), 9);
    expect(a.upperBound!).toBeCloseTo(mean(window) + 2 * sd(window), 9);
    expect(a.period).toBe(body.series!.filter((p) => !p.partial)[k + 5]!.period);
  });
  expect(body.anomalies.every((a) => a.alarm && a.observed > a.upperBound!)).toBe(true);
});

for (const [path, parameter, fragment] of [
  ["/api/faers/anomalies?drug=LETAIRIS&method=ears_c1&params.alpha=0.01", "params.alpha", "not a parameter of ears_c1 (it is a parameter of farrington, shesd)"],
  ["/api/faers/anomalies?drug=LETAIRIS&method=farrington&params.alpha=2", "params.alpha", "alpha must be below 0.5"],
  ["/api/faers/anomalies?drug=LETAIRIS&params.threshold=2", "params", "params apply to one method"],
  ["/api/faers/anomalies?drug=LETAIRIS&interval=quarter&from=2022-01-01&method=farrington&params.b=5", "params.b", "farrington with b = 5 and w = 0 needs at least 21 periods"],
] as const) {
  apiTest(`400 naming ${parameter} for GET ${path}`, async ({ request }) => {
    const response = await request.get(path);
    expect(response.status()).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.message).toContain(fragment);
    const named = body.error.details?.parameter ?? body.error.details?.issues?.map((i) => i.path).join(",");
    expect(named).toContain(parameter);
  });
}

const BAD_BODIES: [unknown, string, string][] = [
  [{ series: [1, 2, 3], frequency: 12, method: "ears_c2", params: { guard: -1 } }, "params.guard", "guard must be at least 0"],
  [{ series: [1, 2, 3], frequency: 12, method: "shesd", params: { threshold: 3 } }, "params.threshold", 'threshold must be "none", "med_max", "p95" or "p99"'],
  [{ series: [1, 2, 3], frequency: 12, method: "ears_c3", params: { direction: "both" } }, "params.direction", "not a parameter of ears_c3 (it is a parameter of shesd)"],
  [{ series: new Array(5001).fill(1), frequency: 52, method: "ears_c1" }, "series", "ears_c1 takes at most 5000 (shesd takes up to 20000)"],
  [{ series: new Array(20001).fill(1), frequency: 52, method: "shesd" }, "series", "at most 20000 points"],
  [{ series: new Array(100).fill(1), method: "ears_c1" }, "frequency", "frequency is required"],
  [{ series: new Array(100).fill(1), method: "shesd", params: { period: 60 } }, "params.period", "shesd with period 60 needs more than two cycles"],
];

for (const [data, parameter, fragment] of BAD_BODIES) {
  apiTest(`400 naming ${parameter} for POST /api/analytics/anomalies: ${fragment}`, async ({ request }) => {
    const response = await request.post("/api/analytics/anomalies", { data });
    expect(response.status()).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.message).toContain(fragment);
    const named = body.error.details?.parameter ?? body.error.details?.issues?.map((i) => i.path).join(",");
    expect(named).toContain(parameter);
  });
}

apiTest("POST: Twitter's raw_data (14,398 minute points, period 1440) gives the published counts over HTTP", async ({ request }) => {
  const counts = readFileSync(sharedDataPath("twitter_anomalydetection", "raw_data.csv"), "utf8").trim().split("\n").slice(1).map((l) => Number(l.split(",")[1]));
  // AnomalyDetection's tests/testthat/test-vec.R: 131 both ways, 25 in the last day, 6 above the median daily maximum.
  for (const [params, published] of [
    [{ direction: "both", period: 1440 }, 131],
    [{ direction: "both", period: 1440, onlyLast: true }, 25],
    [{ direction: "both", period: 1440, threshold: "med_max" }, 6],
  ] as const) {
    const response = await request.post("/api/analytics/anomalies", { data: { series: counts, method: "shesd", params }, timeout: 60_000 });
    expect(response.status()).toBe(200);
    const body = (await response.json()) as SpikeAnswer;
    expect(body.anomalies).toHaveLength(published);
    expect(body.assessments).toHaveLength(counts.length);
    expect(body.parameters).toMatchObject({ ...params, maxAnoms: 0.02, alpha: 0.05 });
    const tested = body.assessments.filter((a) => a.step !== null);
    expect(tested).toHaveLength(287); // trunc(14398 · 0.02) ESD steps, each with its critical value
    expect(body.assessments.filter((a) => a.step === null).every((a) => a.critical === null && a.upperBound === null)).toBe(true);
  }
});

viewerTest("the product page sets the spike method and threshold, draws the band, and lists each parameter's source", async ({ page }) => {
  await page.goto("/products/drug/LETAIRIS");
  await expect(page.getByTestId("anomalies-summary")).toBeVisible();
  await page.getByLabel("Spike method").selectOption("ears_c1");
  await page.getByLabel("threshold").fill("1.5");
  await page.getByRole("button", { name: "Run spike detection" }).click();
  await expect(page).toHaveURL(/method=ears_c1/);
  await expect(page).toHaveURL(/params\.threshold=1\.5/);
  const rows = page.getByTestId("spike-parameter-row");
  await expect(rows.filter({ hasText: "threshold" })).toContainText("request");
  await expect(rows.filter({ hasText: "baseline" })).toContainText("default: 7 periods");
  await expect(page.getByTestId("anomalies-summary")).toContainText("Spikes (ears_c1)");
  // The band (expected to alarm bound) and the dashed alarm bound are drawn.
  await expect(page.locator('[data-testid="trend-chart"] .recharts-area-area').first()).toBeVisible();
  await expect(page.locator('[data-testid="trend-chart"]')).toContainText("Alarm bound");

  // A reload keeps the settings (they live in the URL); a bad value shows the API's message.
  await page.reload();
  await expect(page.getByLabel("threshold")).toHaveValue("1.5");
  await page.getByLabel("threshold").fill("0");
  await page.getByRole("button", { name: "Run spike detection" }).click();
  await expect(page.getByText("Could not run spike detection")).toContainText("threshold must be");
});
