import { describe, expect, test } from "vitest";
import { decomposeStl } from "@/lib/analytics/anomalies/stl";
import { readFixture, type StlFixture } from "./reference-fixtures";

const fixture = readFixture<StlFixture>("stl-reference.json");

describe("decomposeStl against R stats::stl", () => {
  test.each([
    ["periodic, robust (S-H-ESD's call)", fixture.periodicRobust, { seasonalWindow: "periodic" as const, robust: true }],
    ["s.window = 7, not robust", fixture.window7, { seasonalWindow: 7, robust: false }],
  ])("%s: seasonal and trend within 1e-9", (_, ref, options) => {
    const ours = decomposeStl(ref.values, { period: ref.period, ...options });
    ref.seasonal.forEach((s, i) => expect(ours.seasonal[i]).toBeCloseTo(s, 9));
    ref.trend.forEach((t, i) => expect(ours.trend[i]).toBeCloseTo(t, 9));
    ours.remainder.forEach((r, i) => expect(r).toBeCloseTo(ref.values[i]! - ours.seasonal[i]! - ours.trend[i]!, 12));
  });

  test("periodic seasonal repeats exactly and a pure seasonal pattern is recovered", () => {
    const pattern = [5, 9, 2, 7];
    const y = Array.from({ length: 40 }, (_, i) => 100 + pattern[i % 4]!);
    const { seasonal, trend } = decomposeStl(y, { period: 4, seasonalWindow: "periodic", robust: true });
    seasonal.forEach((s, i) => expect(s).toBeCloseTo(pattern[i % 4]! - 5.75, 9));
    trend.forEach((t) => expect(t).toBeCloseTo(105.75, 9));
  });

  test("needs more than two periods", () => {
    expect(() => decomposeStl([1, 2, 3, 4, 5, 6, 7, 8], { period: 4, seasonalWindow: "periodic" })).toThrow(RangeError);
  });
});
