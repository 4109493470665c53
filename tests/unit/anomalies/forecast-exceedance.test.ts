import { describe, expect, test } from "vitest";
import { AnomalyInputError, detectForecastExceedances } from "@/lib/analytics/anomalies";

describe("detectForecastExceedances", () => {
  const forecast = [
    { mean: 10, upper: 16 },
    { mean: 11, upper: 17 },
    { mean: 12, upper: 18 },
  ];

  test("flags observed > upper only, with score (observed - mean) / (upper - mean)", () => {
    expect(detectForecastExceedances({ observed: [16, 20, 5], forecast, startIndex: 100 })).toEqual([
      { index: 101, observed: 20, expected: 11, upperBound: 17, alarm: true, score: 1.5, method: "forecast_interval" },
    ]);
  });

  test.each([
    ["length mismatch", { observed: [1, 2], forecast }, /observed has 2 values but forecast has 3 steps/],
    ["non-finite", { observed: [1, Number.NaN, 3], forecast }, /period 1: observed, mean and upper must be finite/],
    ["upper below mean", { observed: [1], forecast: [{ mean: 5, upper: 4 }] }, /upper bound 4 is below the forecast mean 5/],
  ])("%s → AnomalyInputError", (_, input, message) => {
    expect(() => detectForecastExceedances(input)).toThrow(AnomalyInputError);
    expect(() => detectForecastExceedances(input)).toThrow(message);
  });
});
