import { describe, expect, test } from "vitest";
import { aggregateDailyCounts } from "@/lib/analytics/series/aggregate-daily-counts";
import { listPeriods, toPeriod } from "@/lib/analytics/series/periods";

describe("periods", () => {
  test.each([
    ["2024-01-15", "month", "2024-01"],
    ["2024-12-31", "month", "2024-12"],
    ["2024-03-31", "quarter", "2024-Q1"],
    ["2024-04-01", "quarter", "2024-Q2"],
    ["2024-10-01", "quarter", "2024-Q4"],
    ["2024-06-30", "year", "2024"],
  ] as const)("toPeriod(%s, %s) = %s", (date, interval, expected) => {
    expect(toPeriod(date, interval)).toBe(expected);
  });

  test("listPeriods spans partial first and last periods and year ends", () => {
    expect(listPeriods("2023-11-20", "2024-02-03", "month")).toEqual(["2023-11", "2023-12", "2024-01", "2024-02"]);
    expect(listPeriods("2023-08-01", "2024-01-01", "quarter")).toEqual(["2023-Q3", "2023-Q4", "2024-Q1"]);
    expect(listPeriods("2019-05-01", "2021-01-01", "year")).toEqual(["2019", "2020", "2021"]);
    expect(listPeriods("2024-02-01", "2024-01-01", "month")).toEqual([]);
  });
});

describe("aggregateDailyCounts", () => {
  test("sums days into months and fills empty months with zero", () => {
    const days = [
      { date: "2024-01-03", count: 2 },
      { date: "2024-01-31", count: 1 },
      { date: "2024-03-01", count: 4 },
    ];
    expect(aggregateDailyCounts(days, { from: "2024-01-01", to: "2024-04-15", interval: "month" })).toEqual([
      { period: "2024-01", count: 3 },
      { period: "2024-02", count: 0 },
      { period: "2024-03", count: 4 },
      { period: "2024-04", count: 0 },
    ]);
  });

  test("ignores days outside the range and keeps the total", () => {
    const days = [
      { date: "2023-12-31", count: 9 },
      { date: "2024-05-05", count: 1 },
      { date: "2024-11-30", count: 2 },
      { date: "2025-01-01", count: 9 },
    ];
    const series = aggregateDailyCounts(days, { from: "2024-01-01", to: "2024-12-31", interval: "quarter" });
    expect(series).toEqual([
      { period: "2024-Q1", count: 0 },
      { period: "2024-Q2", count: 1 },
      { period: "2024-Q3", count: 0 },
      { period: "2024-Q4", count: 2 },
    ]);
  });
});
