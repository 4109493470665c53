import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { ForecastInputError, forecastSeries, type ForecastInput, type ForecastResult } from "@/lib/analytics/forecast";
import { SIMULATION_PATHS } from "@/lib/analytics/forecast/ets-intervals";
import { sharedDataPath } from "@/tests/support/shared-data";

const reference = JSON.parse(readFileSync(path.join(__dirname, "../../fixtures/forecast/ets-reference.json"), "utf8")) as {
  series: Record<string, { values: number[]; frequency: number }>;
};
const airPassengers = reference.series.AirPassengers!.values;
const usAccDeaths = reference.series.USAccDeaths!.values;

function weeklySalmonella(): number[] {
  const csv = readFileSync(sharedDataPath("surveillance_weekly", "salmNewport_national_weekly.csv"), "utf8");
  return csv.trim().split("\n").slice(1).map((line) => Number(line.split(",")[1]));
}

function expectWellFormed(result: ForecastResult, horizon: number, levels = ["80", "95"]) {
  expect(result.forecast.map((p) => p.step)).toEqual(Array.from({ length: horizon }, (_, i) => i + 1));
  for (const p of result.forecast) {
    expect(Object.keys(p.lower).sort()).toEqual([...levels].sort());
    for (const level of levels) {
      expect(p.lower[level]).toBeGreaterThanOrEqual(0);
      expect(p.lower[level]).toBeLessThanOrEqual(p.mean);
      expect(p.upper[level]).toBeGreaterThanOrEqual(p.mean);
    }
  }
  expect(result.notes.every((n) => typeof n === "string" && n.length > 0)).toBe(true);
  // JSON-safe: no NaN, Infinity or undefined values that would change in transit.
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
}

describe("input validation", () => {
  const ok: ForecastInput = { values: [3, 4, 5, 6, 5, 4, 3, 4], frequency: 12, horizon: 3 };
  test.each([
    ["values", { ...ok, values: [] }, /non-empty/],
    ["values", { ...ok, values: new Array<number>(5001).fill(1) }, /5001 points; the limit is 5000/],
    ["values", { ...ok, values: [1, Number.NaN, 2] }, /values\[1\] is NaN/],
    ["values", { ...ok, values: [1, Infinity] }, /finite/],
    ["values", { ...ok, values: [1, -2, 3] }, /values\[1\] is -2; counts cannot be negative/],
    ["frequency", { ...ok, frequency: 7 as 12 }, /use 1 \(yearly\), 4 \(quarterly\), 12 \(monthly\) or 52 \(weekly\)/],
    ["horizon", { ...ok, horizon: 0 }, /from 1 to 60/],
    ["horizon", { ...ok, horizon: 61 }, /from 1 to 60/],
    ["horizon", { ...ok, horizon: 2.5 }, /whole number/],
    ["levels", { ...ok, levels: [] }, /1 to 5 interval levels/],
    ["levels", { ...ok, levels: [80, 100] }, /strictly between 0 and 100/],
    ["levels", { ...ok, levels: [0] }, /strictly between 0 and 100/],
    ["levels", { ...ok, levels: [50, 60, 70, 80, 90, 95] }, /1 to 5/],
    ["seed", { ...ok, seed: -1 }, /seed is -1/],
    ["seed", { ...ok, seed: 1.5 }, /whole number/],
  ] as const)("rejects bad %s (%#)", (field, input, message) => {
    let error: unknown;
    try {
      forecastSeries(input as ForecastInput);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ForecastInputError);
    expect(error).toBeInstanceOf(Error);
    expect((error as ForecastInputError).field).toBe(field);
    expect((error as ForecastInputError).code).toBe("invalid_input");
    expect((error as ForecastInputError).message).toMatch(message);
  });

  test("accepts the limits: 1 point, 5000 points, horizon 60, five levels", () => {
    expectWellFormed(forecastSeries({ values: [4], frequency: 1, horizon: 60 }), 60);
    const long = Array.from({ length: 5000 }, (_, t) => 100 + 10 * Math.sin(t / 5) + (t % 7));
    expectWellFormed(forecastSeries({ values: long, frequency: 52, horizon: 2, levels: [50, 60, 70, 80, 99.5] }), 2, ["50", "60", "70", "80", "99.5"]);
  });
});

describe("fallbacks for short, constant and small-count series", () => {
  test.each([
    [[7], /Only 1 point .*Poisson-like/],
    [[7, 9], /Only 2 points .*Poisson-like/],
    [[7, 9, 4, 8, 6], /Only 5 points .*spread of the 4 period-to-period changes/],
  ])("%j → naive forecast, said so", (values, note) => {
    const result = forecastSeries({ values, frequency: 12, horizon: 4 });
    expect(result.method).toBe("naive");
    expect(result.model).toBe("naive");
    expect(result.forecast.every((p) => p.mean === values[values.length - 1])).toBe(true);
    expect(result.notes.join(" ")).toMatch(note);
    expectWellFormed(result, 4);
    // Random-walk intervals widen with √h.
    const widths = result.forecast.map((p) => p.upper["95"]! - p.mean);
    expect(widths[3]! / widths[0]!).toBeCloseTo(2, 6);
  });

  test("a constant series gets a flat forecast and zero-width intervals", () => {
    const result = forecastSeries({ values: new Array(30).fill(0), frequency: 12, horizon: 3 });
    expect(result.method).toBe("naive");
    expect(result.notes[0]).toMatch(/constant/);
    expect(result.forecast.every((p) => p.mean === 0 && p.upper["95"] === 0 && p.lower["95"] === 0)).toBe(true);
  });

  test("small counts with zeros are fitted on log1p, additive models only, and said so", () => {
    const values = [0, 1, 0, 2, 3, 0, 1, 4, 2, 0, 1, 3, 2, 5, 1, 0, 2, 3, 1, 2];
    const result = forecastSeries({ values, frequency: 1, horizon: 5 });
    expect(result.method).toBe("ets");
    expect(result.transform).toBe("log1p");
    expect(result.model).toMatch(/^A/);
    expect(result.notes.join(" ")).toMatch(/log\(1 \+ y\).*median/);
    expectWellFormed(result, 5);
  });

  test("small but not whole-number values (rates, log data) are not transformed", () => {
    const values = Array.from({ length: 40 }, (_, t) => 2 + 0.5 * Math.sin(t) + t / 100);
    expect(forecastSeries({ values, frequency: 1, horizon: 3 }).transform).toBe("none");
  });

  test("zeros rule out multiplicative models, with a note", () => {
    const values = Array.from({ length: 48 }, (_, t) => (t === 5 ? 0 : 200 + 50 * Math.sin((2 * Math.PI * t) / 12) + t));
    const result = forecastSeries({ values, frequency: 12, horizon: 6 });
    expect(result.transform).toBe("none");
    expect(result.model).toMatch(/^A/);
    expect(result.candidates.every((c) => c.model.startsWith("A"))).toBe(true);
    expect(result.notes.join(" ")).toMatch(/multiplicative models were not considered/);
  });

  test("a monthly series shorter than 2 seasons + 4 gets non-seasonal models, with a note", () => {
    const result = forecastSeries({ values: usAccDeaths.slice(0, 27), frequency: 12, horizon: 6 });
    expect(result.seasonalPeriod).toBe(1);
    expect(result.model).toMatch(/N$/);
    expect(result.notes.join(" ")).toMatch(/Seasonal models need at least 28 points/);
    expect(forecastSeries({ values: usAccDeaths.slice(0, 28), frequency: 12, horizon: 6 }).candidates.some((c) => c.model.endsWith("A"))).toBe(true);
  });
});

describe("seasonal and weekly series", () => {
  test("AirPassengers: multiplicative seasonality, simulated intervals with the seed in the notes", () => {
    const result = forecastSeries({ values: airPassengers, frequency: 12, horizon: 24, seed: 7 });
    expect(result.method).toBe("ets");
    expect(result.model).toMatch(/^M.*M$/);
    expect(result.seasonalPeriod).toBe(12);
    expect(result.intervalMethod).toBe("simulation");
    expect(result.notes.join(" ")).toMatch(new RegExp(`simulated from ${SIMULATION_PATHS} sample paths \\(seed 7\\)`));
    expect(result.parameters!.initial.seasonal).toHaveLength(12);
    expect(result.candidates[0]!.model).toBe(result.model);
    expect(result.aicc).toBe(result.candidates[0]!.aicc);
    expectWellFormed(result, 24);
    // The seasonal peak (July) stays the peak.
    const means = result.forecast.map((p) => p.mean);
    expect(means.indexOf(Math.max(...means.slice(0, 12)))).toBe(6);
  });

  test("USAccDeaths: ETS(A,N,A) with analytic intervals; R's pick", () => {
    const result = forecastSeries({ values: usAccDeaths, frequency: 12, horizon: 12 });
    expect(result.model).toBe("ANA");
    expect(result.intervalMethod).toBe("analytic");
    expect(result.parameters).toMatchObject({ alpha: expect.any(Number), gamma: expect.any(Number) });
    expect(result.parameters!.beta).toBeUndefined();
    expectWellFormed(result, 12);
  });

  test("weekly counts with an annual cycle: seasonally adjusted by a period-52 figure, said so", () => {
    // Four years of weekly counts peaking every winter (deterministic "noise" so the test is stable).
    const values = Array.from({ length: 208 }, (_, t) => Math.round(40 + 25 * Math.cos((2 * Math.PI * t) / 52) + 6 * Math.sin(t * 1.7)));
    const result = forecastSeries({ values, frequency: 52, horizon: 26 });
    expect(result.seasonalAdjustment).toEqual({ method: "classical-smoothed", period: 52 });
    expect(result.seasonalPeriod).toBe(1);
    expect(result.notes.join(" ")).toMatch(/52-week season.*figure added back/);
    expectWellFormed(result, 26);
    // The forecast follows the cycle: next winter (week 0 of year 5 = step 1) above next summer (step 26).
    expect(result.forecast[0]!.mean).toBeGreaterThan(result.forecast[25]!.mean + 30);
  });

  test("weekly Salmonella counts: no significant lag-52 autocorrelation, so no adjustment, said so", () => {
    const result = forecastSeries({ values: weeklySalmonella(), frequency: 52, horizon: 13 });
    expect(result.seasonalAdjustment).toBeNull();
    expect(result.transform).toBe("log1p");
    expect(result.notes.join(" ")).toMatch(/lag-52 autocorrelation is not significant/);
    expectWellFormed(result, 13);
  });

  test("weekly series shorter than three years: non-seasonal, said so", () => {
    const result = forecastSeries({ values: weeklySalmonella().slice(0, 150), frequency: 52, horizon: 4 });
    expect(result.seasonalAdjustment).toBeNull();
    expect(result.notes.join(" ")).toMatch(/with 150 weeks \(< 156\)/);
  });

  test("baselines come with every forecast", () => {
    const result = forecastSeries({ values: usAccDeaths, frequency: 12, horizon: 3 });
    expect(result.baselines!.seasonalNaive.map((p) => p.mean)).toEqual(usAccDeaths.slice(-12, -9));
    expect(result.baselines!.naive2).toHaveLength(3);
  });

  test("negative forecasts are floored at 0 and the floor is reported", () => {
    const falling = Array.from({ length: 30 }, (_, t) => 300 - 10 * t + (t % 3));
    const result = forecastSeries({ values: falling, frequency: 1, horizon: 20 });
    expect(result.forecast.at(-1)!.mean).toBe(0);
    expect(result.notes.join(" ")).toMatch(/below 0 and raised to 0/);
  });
});

describe("determinism", () => {
  test("same input and seed, same output; another seed moves only simulated bounds", () => {
    const input = { values: airPassengers, frequency: 12 as const, horizon: 6 };
    const a = forecastSeries({ ...input, seed: 3 });
    expect(forecastSeries({ ...input, seed: 3 })).toEqual(a);
    const b = forecastSeries({ ...input, seed: 4 });
    expect(b.forecast.map((p) => p.mean)).toEqual(a.forecast.map((p) => p.mean));
    expect(b.forecast[5]!.upper["95"]).not.toBe(a.forecast[5]!.upper["95"]);
  });
});
