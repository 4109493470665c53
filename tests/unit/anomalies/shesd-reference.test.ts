import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import { decomposeStl, detectAnomalies, type ShesdParams } from "@/lib/analytics/anomalies";
import { sharedDataPath } from "@/tests/support/shared-data";
import { readFixture } from "./reference-fixtures";

// Anomaly sets that Twitter's own R code (AnomalyDetectionVec, commit 1f5deaa) returned on its raw_data,
// written by tests/fixtures/anomalies/make-param-fixtures.R; the app is called with the API's names.
type RCall = {
  args: { max_anoms: number; direction: "pos" | "neg" | "both"; period: number; longterm_period?: number; only_last?: boolean; threshold?: "med_max" | "p95" | "p99" };
  packageTestCount: number | null;
  count: number;
  index0: number[];
  values: number[];
};
type ShesdFixture = {
  data: { n: number; sha256: string };
  calls: Record<string, RCall>;
  stl: { period: number; seasonalFirstPeriod: number[]; trendIndex0: number[]; trend: number[]; median: number };
};

const fixture = readFixture<ShesdFixture>("shesd-reference.json");
const csv = readFileSync(sharedDataPath("twitter_anomalydetection", "raw_data.csv"));
const counts = csv.toString("utf8").trim().split("\n").slice(1).map((line) => Number(line.split(",")[1]));

/** The R call's arguments in the spike API's parameter names. */
function toParams(args: RCall["args"]): Partial<ShesdParams> {
  return {
    direction: args.direction,
    maxAnoms: args.max_anoms,
    period: args.period,
    longtermPeriod: args.longterm_period ?? null,
    onlyLast: args.only_last ?? false,
    threshold: args.threshold ?? "none",
  };
}

const jaccard = (a: number[], b: number[]) => {
  const sa = new Set(a);
  const inter = b.filter((x) => sa.has(x)).length;
  return inter / (sa.size + new Set(b).size - inter);
};

describe("S-H-ESD against Twitter's AnomalyDetectionVec on raw_data (14,398 minute points, period 1440)", () => {
  test("the series is the one R read", () => {
    expect(counts).toHaveLength(fixture.data.n);
    expect(createHash("sha256").update(csv).digest("hex")).toBe(fixture.data.sha256);
  });

  const results = new Map<string, number[]>();
  beforeAll(() => {
    for (const [name, call] of Object.entries(fixture.calls)) {
      const result = detectAnomalies({ values: counts, method: "shesd", params: toParams(call.args) });
      results.set(name, result.anomalies.map((a) => a.index));
    }
  });

  // The package's own tests (tests/testthat/test-vec.R) assert these counts.
  test.each([
    ["both", 131],
    ["bothOnlyLast", 25],
    ["bothMedMax", 6],
  ])("%s: the published count %i, as R", (name, published) => {
    expect(fixture.calls[name]!.packageTestCount).toBe(published);
    expect(fixture.calls[name]!.count).toBe(published);
    expect(results.get(name)).toHaveLength(published);
  });

  // The bar is a Jaccard index of at least 0.9; every call here gives R's exact set (Jaccard 1).
  test.each(Object.keys(fixture.calls))("%s: the same anomaly set as R's output", (name) => {
    const r = fixture.calls[name]!.index0;
    const ours = results.get(name)!;
    expect(jaccard(ours, r), `${name}: ours ${ours.length}, R ${r.length}`).toBeGreaterThanOrEqual(0.9);
    expect([...ours].sort((x, y) => x - y)).toEqual([...r].sort((x, y) => x - y));
  });

  test("the decomposition S-H-ESD uses agrees with R's stl at period 1440 (seasonal to 1e-6, trend to 1e-6)", () => {
    const { seasonal, trend } = decomposeStl(counts, { period: 1440, seasonalWindow: "periodic", robust: true });
    fixture.stl.seasonalFirstPeriod.forEach((s, i) => expect(Math.abs(seasonal[i]! - s)).toBeLessThan(1e-6));
    fixture.stl.trendIndex0.forEach((at, k) => expect(Math.abs(trend[at]! - fixture.stl.trend[k]!)).toBeLessThan(1e-6));
  });
});
