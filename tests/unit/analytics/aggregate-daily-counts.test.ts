import { describe, expect, test } from "vitest";
import { aggregateDailyCounts, completePeriods } from "@/lib/analytics/series/aggregate-daily-counts";
import { listPeriods, periodBounds, toPeriod } from "@/lib/analytics/series/periods";

describe("periods", () => {
  test.each([
    ["2024-01-15", "month", "2024-01"],
    ["2024-12-31", "month", "2024-12"],
    ["2024-03-31", "quarter", "2024-Q1"],
    ["2024-04-01", "quarter", "2024-Q2"],
    ["2024-10-01", "quarter", "2024-Q4"],
    ["2024-06-30", "year", "2024"],
    // ISO weeks, checked against a calendar: 2024-01-01 is a Monday (W01); 2021-01-03 is a Sunday in 2020-W53;
    // 2026-12-31 is a Thursday in 2026-W53; 2019-12-30 (Monday) starts 2020-W01.
    ["2024-01-01", "week", "2024-W01"],
    ["2021-01-03", "week", "2020-W53"],
    ["2026-12-31", "week", "2026-W53"],
    ["2019-12-30", "week", "2020-W01"],
  ] as const)("toPeriod(%s, %s) = %s", (date, interval, expected) => {
    expect(toPeriod(date, interval)).toBe(expected);
  });

  test("period bounds", () => {
    expect(periodBounds("2024-02-10", "month")).toEqual({ start: "2024-02-01", end: "2024-02-29" });
    expect(periodBounds("2023-11-05", "quarter")).toEqual({ start: "2023-10-01", end: "2023-12-31" });
    expect(periodBounds("2021-01-03", "week")).toEqual({ start: "2020-12-28", end: "2021-01-03" });
  });

  test("listPeriods spans partial first and last periods and year ends", () => {
    expect(listPeriods("2023-11-20", "2024-02-03", "month")).toEqual(["2023-11", "2023-12", "2024-01", "2024-02"]);
    expect(listPeriods("2023-08-01", "2024-01-01", "quarter")).toEqual(["2023-Q3", "2023-Q4", "2024-Q1"]);
    expect(listPeriods("2019-05-01", "2021-01-01", "year")).toEqual(["2019", "2020", "2021"]);
    expect(listPeriods("2020-12-24", "2021-01-12", "week")).toEqual(["2020-W52", "2020-W53", "2021-W01", "2021-W02"]);
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
    const series = aggregateDailyCounts(days, { from: "2024-01-01", to: "2024-04-15", interval: "month" });
    expect(series.map(({ period, count }) => ({ period, count }))).toEqual([
      { period: "2024-01", count: 3 },
      { period: "2024-02", count: 0 },
      { period: "2024-03", count: 4 },
      { period: "2024-04", count: 0 },
    ]);
    // April ends after `to`: it is still filling up.
    expect(series.map((p) => p.partial)).toEqual([false, false, false, true]);
  });

  test("ignores days outside the range and keeps the total", () => {
    const days = [
      { date: "2023-12-31", count: 9 },
      { date: "2024-05-05", count: 1 },
      { date: "2024-11-30", count: 2 },
      { date: "2025-01-01", count: 9 },
    ];
    const series = aggregateDailyCounts(days, { from: "2024-01-01", to: "2024-12-31", interval: "quarter" });
    expect(series.map((p) => p.count)).toEqual([0, 1, 0, 2]);
    expect(series.every((p) => !p.partial)).toBe(true);
  });

  test("periods after the source's data date are partial and left out of fitting", () => {
    const series = aggregateDailyCounts([{ date: "2024-02-10", count: 5 }], {
      from: "2024-01-01",
      to: "2024-06-30",
      interval: "month",
      dataCutoff: "2024-03-15",
    });
    expect(series.filter((p) => p.partial).map((p) => p.period)).toEqual(["2024-03", "2024-04", "2024-05", "2024-06"]);
    expect(completePeriods(series).map((p) => p.period)).toEqual(["2024-01", "2024-02"]);
  });

  test("a first period that starts before `from` is partial", () => {
    const series = aggregateDailyCounts([], { from: "2024-01-15", to: "2024-03-31", interval: "month" });
    expect(series.map((p) => p.partial)).toEqual([true, false, false]);
  });

  test("weekly counts", () => {
    const series = aggregateDailyCounts(
      [
        { date: "2024-01-01", count: 1 },
        { date: "2024-01-07", count: 2 },
        { date: "2024-01-08", count: 4 },
      ],
      { from: "2024-01-01", to: "2024-01-21", interval: "week" },
    );
    expect(series.map(({ period, count }) => [period, count])).toEqual([
      ["2024-W01", 3],
      ["2024-W02", 4],
      ["2024-W03", 0],
    ]);
  });
});
