import { describe, expect, test } from "vitest";
import { toIsoDate, toWeightKg } from "@/lib/analytics/normalize";

describe("toIsoDate", () => {
  test.each([
    ["20080707", "2008-07-07"],
    ["20000229", "2000-02-29"],
    ["20240229", "2024-02-29"],
    ["19991231", "1999-12-31"],
    [" 20140312 ", "2014-03-12"],
  ])("%j → %s", (raw, iso) => {
    expect(toIsoDate(raw)).toBe(iso);
  });

  test.each([
    undefined,
    "",
    "2008-07-07",
    "2008077",
    "200807070",
    "20081301",
    "20080001",
    "20080700",
    "20230229",
    "19000229",
    "20080431",
    "abcdefgh",
    "06/10/2004",
  ])("%j → null", (raw) => {
    expect(toIsoDate(raw)).toBeNull();
  });
});

describe("toWeightKg", () => {
  test.each([
    ["55.39", 55.39, "ok"],
    ["120", 120, "ok"],
    ["0.8", 0.8, "ok"],
    ["699.9", 699.9, "ok"],
  ] as const)("%j → %d", (raw, kg, status) => {
    expect(toWeightKg(raw)).toEqual({ weightKg: kg, status });
  });

  test.each([
    [undefined, "missing"],
    ["", "missing"],
    ["0", "implausible"],
    ["-3", "implausible"],
    ["700", "implausible"],
    ["1500", "implausible"],
    ["heavy", "implausible"],
  ] as const)("%j → null (%s)", (raw, status) => {
    expect(toWeightKg(raw)).toEqual({ weightKg: null, status });
  });
});
