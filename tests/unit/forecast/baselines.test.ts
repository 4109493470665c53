// Baselines and their building blocks against R (tests/fixtures/forecast/make-baselines-reference.R):
// stats::decompose, stats::acf, forecast::snaive / naive and the M4 Naive2. Same formulas, so 1e-9.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { naive2, seasonalNaive } from "@/lib/analytics/forecast/baselines";
import { classicalDecomposition } from "@/lib/analytics/forecast/classical-decomposition";
import { autocorrelations, isSeasonalByAcf } from "@/lib/analytics/forecast/seasonality-test";
import { smoothedSeasonalFigure } from "@/lib/analytics/forecast/weekly-seasonal-figure";

interface Reference {
  frequency: number;
  values: number[];
  h: number;
  figureAdditive?: number[];
  figureMultiplicative?: number[];
  acf?: number[];
  naive2: { seasonal: boolean; mean: number[] };
  snaive: { mean: number[]; lower80: number[]; upper80: number[]; lower95: number[]; upper95: number[] };
  naive: { mean: number[]; lower95: number[]; upper95: number[] };
}

const fixture = JSON.parse(readFileSync(path.join(__dirname, "../../fixtures/forecast/baselines-reference.json"), "utf8")) as {
  series: Record<string, Reference>;
};
const series = Object.entries(fixture.series).map(([name, s]) => ({ name, s, train: s.values.slice(0, s.values.length - s.h) }));
const seasonal = series.filter((x) => x.s.frequency > 1);

function expectClose(ours: readonly number[], theirs: readonly number[], tolerance = 1e-9) {
  expect(ours).toHaveLength(theirs.length);
  ours.forEach((v, i) => expect(Math.abs(v - theirs[i]!)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(theirs[i]!))));
}

describe("building blocks", () => {
  test.each(seasonal.map((x) => [x.name, x] as const))("%s: classical decomposition figures equal R's decompose()", (_n, { s, train }) => {
    expectClose(classicalDecomposition(train, s.frequency, "additive").figure, s.figureAdditive!);
    expectClose(classicalDecomposition(train, s.frequency, "multiplicative").figure, s.figureMultiplicative!);
  });

  test.each(seasonal.map((x) => [x.name, x] as const))("%s: autocorrelations equal R's acf()", (_n, { s, train }) => {
    expectClose(autocorrelations(train, s.frequency), s.acf!);
  });

  test("the M4 seasonality test needs three seasons and a significant lag-m autocorrelation", () => {
    const sine = Array.from({ length: 48 }, (_, t) => 100 + 10 * Math.sin((2 * Math.PI * t) / 12));
    expect(isSeasonalByAcf(sine, 12)).toBe(true);
    expect(isSeasonalByAcf(sine.slice(0, 35), 12)).toBe(false); // n < 3m
    // A pure trend has a large r_12, but r_1…r_11 are as large and inflate Bartlett's bound with it.
    expect(isSeasonalByAcf(Array.from({ length: 48 }, (_, t) => t), 12)).toBe(false);
  });

  test("the weekly seasonal figure sums to zero and recovers a clean annual cycle", () => {
    const cycle = (t: number) => 5 * Math.sin((2 * Math.PI * t) / 52);
    const values = Array.from({ length: 208 }, (_, t) => 50 + 0.05 * t + cycle(t));
    const figure = smoothedSeasonalFigure(values, 52);
    expect(Math.abs(figure.reduce((a, b) => a + b, 0))).toBeLessThan(1e-9);
    // The 1-2-3-2-1 smoothing shrinks a 52-week sine by under 2%.
    figure.forEach((f, p) => expect(Math.abs(f - cycle(p))).toBeLessThan(0.1));
  });
});

describe("seasonal naive", () => {
  test.each(series.map((x) => [x.name, x] as const))("%s: means and 80/95%% bounds equal R's snaive()", (_n, { s, train }) => {
    const fc = seasonalNaive(train, s.frequency, s.h).forecast;
    expect(fc.map((p) => p.step)).toEqual(Array.from({ length: s.h }, (_, i) => i + 1));
    expectClose(fc.map((p) => p.mean), s.snaive.mean);
    expectClose(fc.map((p) => p.lower["80"]!), s.snaive.lower80.map((v) => Math.max(0, v)));
    expectClose(fc.map((p) => p.upper["80"]!), s.snaive.upper80);
    expectClose(fc.map((p) => p.lower["95"]!), s.snaive.lower95.map((v) => Math.max(0, v)));
    expectClose(fc.map((p) => p.upper["95"]!), s.snaive.upper95);
  });

  test("repeats the last season and falls back to the naive random walk when n ≤ m", () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(seasonalNaive(values, 4, 6).forecast.map((p) => p.mean)).toEqual([5, 6, 7, 8, 5, 6]);
    const short = seasonalNaive([3, 5], 12, 3);
    expect(short.period).toBe(1);
    expect(short.forecast.map((p) => p.mean)).toEqual([5, 5, 5]);
  });

  test("floors bounds at zero for counts", () => {
    const fc = seasonalNaive([0, 9, 0, 9, 0, 9], 1, 2).forecast;
    expect(fc.every((p) => p.lower["80"]! >= 0 && p.lower["95"]! === 0)).toBe(true);
  });
});

describe("Naive2 (M4)", () => {
  test.each(series.map((x) => [x.name, x] as const))("%s: seasonality decision and forecast equal the M4 R code", (_n, { s, train }) => {
    const fc = naive2(train, s.frequency, s.h);
    expect(fc.seasonallyAdjusted).toBe(s.naive2.seasonal);
    expectClose(fc.forecast.map((p) => p.mean), s.naive2.mean);
  });

  test("Nile (yearly): Naive2 is the naive forecast with R's naive() intervals", () => {
    const { s, train } = series.find((x) => x.name === "Nile")!;
    const fc = naive2(train, 1, s.h).forecast;
    expectClose(fc.map((p) => p.mean), s.naive.mean);
    expectClose(fc.map((p) => p.lower["95"]!), s.naive.lower95);
    expectClose(fc.map((p) => p.upper["95"]!), s.naive.upper95);
  });

  test("series with zeros are not adjusted (a multiplicative decomposition of zeros is undefined)", () => {
    const values = Array.from({ length: 48 }, (_, t) => (t % 12 === 0 ? 0 : 10 + 8 * Math.sin((2 * Math.PI * t) / 12)));
    expect(naive2(values, 12, 3).seasonallyAdjusted).toBe(false);
  });
});
