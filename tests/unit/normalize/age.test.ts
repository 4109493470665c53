import { describe, expect, test } from "vitest";
import { toAgeBand } from "@/lib/analytics/age-bands";
import { computeAgeYears, type AgeStatus } from "@/lib/analytics/normalize";

describe("computeAgeYears: every FAERS age unit", () => {
  // Expected values are written out by hand from the E2B unit definitions, not from AGE_UNIT_PER_YEAR.
  test.each([
    { unit: "800", age: "3", years: 30, status: "converted", label: "decades ×10" },
    { unit: "800", age: "2.6", years: 26, status: "converted", label: "fractional decades stay exact" },
    { unit: "801", age: "26", years: 26, status: "years", label: "years as is" },
    { unit: "801", age: "70.946", years: 70.946, status: "years", label: "fractional years" },
    { unit: "802", age: "18", years: 1.5, status: "converted", label: "months /12" },
    { unit: "803", age: "52.1775", years: 1, status: "converted", label: "weeks /52.1775" },
    { unit: "803", age: "26", years: 26 / 52.1775, status: "converted", label: "26 weeks" },
    { unit: "804", age: "365.25", years: 1, status: "converted", label: "days /365.25" },
    { unit: "804", age: "10", years: 10 / 365.25, status: "converted", label: "10 days" },
    { unit: "805", age: "8766", years: 1, status: "converted", label: "hours /8766" },
    { unit: "805", age: "12", years: 12 / 8766, status: "converted", label: "12 hours" },
  ] as const)("$label: $age × unit $unit → $years y", ({ unit, age, years, status }) => {
    const result = computeAgeYears(age, unit);
    expect(result.status).toBe(status);
    expect(result.ageYears).not.toBeNull();
    expect(result.ageYears).toBeCloseTo(years, 12);
  });

  test("decade conversion is exact, not merely close", () => {
    expect(computeAgeYears("2.6", "800").ageYears).toBe(26);
  });
});

describe("computeAgeYears: values that become null", () => {
  test.each<{ age: string | undefined; unit: string | undefined; status: AgeStatus }>([
    { age: undefined, unit: "801", status: "missing" },
    { age: "", unit: "801", status: "missing" },
    { age: "   ", unit: undefined, status: "missing" },
    { age: "26", unit: undefined, status: "unknown_unit" },
    { age: "26", unit: "", status: "unknown_unit" },
    { age: "26", unit: "806", status: "unknown_unit" },
    { age: "26", unit: "YR", status: "unknown_unit" },
    { age: "26", unit: "constructor", status: "unknown_unit" },
    { age: "26", unit: "__proto__", status: "unknown_unit" },
    { age: "twenty", unit: "801", status: "not_numeric" },
    { age: "0x1A", unit: "801", status: "not_numeric" },
    { age: "Infinity", unit: "801", status: "not_numeric" },
    { age: "-1", unit: "801", status: "implausible" },
    { age: "131", unit: "801", status: "implausible" },
    { age: "14", unit: "800", status: "implausible" },
    { age: "1e400", unit: "801", status: "not_numeric" },
  ])("age $age unit $unit → null ($status)", ({ age, unit, status }) => {
    expect(computeAgeYears(age, unit)).toEqual({ ageYears: null, status });
  });

  test.each([
    { age: "0", unit: "801", years: 0 },
    { age: "130", unit: "801", years: 130 },
    { age: "13", unit: "800", years: 130 },
    { age: " 45 ", unit: " 801 ", years: 45 },
  ])("boundary $age × $unit is kept as $years y", ({ age, unit, years }) => {
    expect(computeAgeYears(age, unit).ageYears).toBe(years);
  });
});

describe("age band after conversion", () => {
  test.each([
    { age: "17", unit: "801", band: "0-17" },
    { age: "216", unit: "802", band: "18-44" }, // 216 months = 18 years exactly: lower bound inclusive
    { age: "6.5", unit: "800", band: "65-74" },
    { age: "75", unit: "801", band: "75+" },
    { age: "40", unit: "804", band: "0-17" },
    { age: "26", unit: undefined, band: "unknown" },
  ])("$age × $unit → $band", ({ age, unit, band }) => {
    expect(toAgeBand(computeAgeYears(age, unit).ageYears)).toBe(band);
  });
});
