import { describe, expect, test } from "vitest";
import { AnomalyInputError, detectAnomalies, type DetectableMethod } from "@/lib/analytics/anomalies";

const weekly = (n: number, spikeAt?: number) =>
  Array.from({ length: n }, (_, i) => (i === spikeAt ? 80 : 10 + ((i * 7) % 5) + (i % 52 < 4 ? 3 : 0)));

describe("detectAnomalies input validation", () => {
  test.each([
    ["not an array", { values: "1,2,3", frequency: 52 }, /values must be an array/],
    ["too long", { values: new Array(5001).fill(1), frequency: 52 }, /at most 5000/],
    ["bad frequency", { values: [1, 2, 3], frequency: 7 }, /frequency must be 1 \(yearly\), 4/],
    ["NaN", { values: [1, Number.NaN, 3], frequency: 12 }, /values\[1\] is NaN/],
    ["Infinity", { values: [1, 2, Infinity], frequency: 12 }, /values\[2\] is Infinity/],
    ["a string", { values: [1, "2"], frequency: 12 }, /values\[1\] is 2; every value must be a finite number/],
    ["negative count", { values: [1, -2, 3], frequency: 4, method: "ears_c1" }, /values\[1\] is -2; counts must be non-negative/],
    ["negative count for farrington", { values: [1, -2, 3], frequency: 4, method: "farrington" }, /use method "shesd"/],
  ])("%s → AnomalyInputError", (_, input, message) => {
    expect(() => detectAnomalies(input as never)).toThrow(AnomalyInputError);
    expect(() => detectAnomalies(input as never)).toThrow(message);
  });

  test("negative values are fine for shesd, and auto switches to shesd for them", () => {
    const values = Array.from({ length: 40 }, (_, i) => Math.sin(i) - 0.5);
    expect(detectAnomalies({ values, frequency: 1, method: "shesd" }).method).toBe("shesd");
    const auto = detectAnomalies({ values, frequency: 1 });
    expect(auto.method).toBe("shesd");
    expect(auto.notes.join(" ")).toMatch(/negative values/);
  });
});

describe("detectAnomalies methods and fallbacks", () => {
  test.each(["ears_c1", "ears_c2", "ears_c3", "farrington", "shesd"] as const)("%s flags an 8x spike in 5 years of weekly counts", (method: DetectableMethod) => {
    const values = weekly(260, 250);
    const result = detectAnomalies({ values, frequency: 52, method });
    expect(result.method).toBe(method);
    const spike = result.anomalies.find((a) => a.index === 250);
    expect(spike).toMatchObject({ observed: 80, method });
    expect(spike!.observed).toBeGreaterThan(spike!.upperBound!);
    expect(spike!.upperBound!).toBeGreaterThanOrEqual(spike!.expected);
  });

  test("farrington on too short a series falls back to EARS C3 and says so", () => {
    const result = detectAnomalies({ values: weekly(40), frequency: 52, method: "farrington" });
    expect(result.method).toBe("ears_c3");
    expect(result.notes.join(" ")).toMatch(/farrington needs a longer series than 40 periods; fell back to ears_c3/);
    expect(result.assessedFrom).toBe(11);
  });

  test("farrington shortens b to the history available and records it", () => {
    const result = detectAnomalies({ values: weekly(120), frequency: 52, method: "farrington" });
    expect(result.parameters).toMatchObject({ b: 2, w: 3, noPeriods: 10, pastPeriodsNotIncluded: 26, thresholdMethod: "nbPlugin", alpha: 0.05 });
    expect(result.assessedFrom).toBe(107);
    expect(result.notes.join(" ")).toMatch(/2 year\(s\) of history instead of 5/);
  });

  test.each([
    [12, 26, 2],
    [4, 13, 3],
    [1, 4, 3],
  ] as const)("farrington at frequency %i needs %i periods (b = %i)", (frequency, n, b) => {
    const values = Array.from({ length: n }, (_, i) => 20 + (i % 3));
    expect(detectAnomalies({ values, frequency, method: "farrington" }).parameters).toMatchObject({ b });
    expect(detectAnomalies({ values: values.slice(1), frequency, method: "farrington" }).method).not.toBe("farrington");
  });

  test("a series too short for anything returns method none with a note", () => {
    const result = detectAnomalies({ values: [1, 2, 3], frequency: 12, method: "ears_c3" });
    expect(result).toMatchObject({ method: "none", anomalies: [], assessedFrom: null });
    expect(result.notes.at(-1)).toMatch(/too short/);
    expect(detectAnomalies({ values: [], frequency: 52 }).method).toBe("none");
  });

  test("shesd without enough cycles skips the decomposition and says so", () => {
    const result = detectAnomalies({ values: weekly(60, 30), frequency: 52, method: "shesd" });
    expect(result.notes.join(" ")).toMatch(/no seasonal decomposition/);
    expect(result.anomalies.map((a) => a.index)).toContain(30);
  });

  test("auto reports which method it chose and why", () => {
    const result = detectAnomalies({ values: weekly(260, 250), frequency: 52 });
    expect(result.method).not.toBe("none");
    expect(result.notes[0]).toMatch(/^auto: /);
  });
});
