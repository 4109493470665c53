import { AGE_UNIT_PER_YEAR } from "@/lib/analytics/age-bands";
import { toStrictNumber } from "./strict-number";

/** Ages above this many years are treated as data-entry errors. */
export const MAX_PLAUSIBLE_AGE_YEARS = 130;

export type AgeStatus =
  | "missing" // no age given
  | "years" // unit 801, taken as is
  | "converted" // another known unit, converted to years
  | "unknown_unit" // age given but the unit is missing or not an 800–805 code
  | "not_numeric" // age text is not a number
  | "implausible"; // negative or above MAX_PLAUSIBLE_AGE_YEARS after conversion

export interface AgeResult {
  ageYears: number | null;
  status: AgeStatus;
}

/**
 * Age in years from `patient.patientonsetage` and `patient.patientonsetageunit`
 * (800 decade ×10, 801 year, 802 month /12, 803 week /52.1775, 804 day /365.25, 805 hour /8766,
 * per AGE_UNIT_PER_YEAR). A value without a known unit is not guessed: it becomes null, because
 * "26" could be years, months or days. Negative or > 130 years after conversion is also null.
 */
export function computeAgeYears(rawAge: string | undefined, rawUnit: string | undefined): AgeResult {
  if (rawAge === undefined || rawAge.trim() === "") return { ageYears: null, status: "missing" };
  const value = toStrictNumber(rawAge);
  if (value === null) return { ageYears: null, status: "not_numeric" };
  const unit = (rawUnit ?? "").trim();
  // hasOwn so that "constructor" or "toString" never resolve to Object.prototype members.
  const unitsPerYear = Object.hasOwn(AGE_UNIT_PER_YEAR, unit) ? AGE_UNIT_PER_YEAR[unit] : undefined;
  if (unitsPerYear === undefined) return { ageYears: null, status: "unknown_unit" };
  // Multiplying by 10 for decades keeps 2.6 decades at exactly 26 (2.6 / 0.1 is 26.000000000000004).
  const ageYears = unitsPerYear < 1 ? value * (1 / unitsPerYear) : value / unitsPerYear;
  if (ageYears < 0 || ageYears > MAX_PLAUSIBLE_AGE_YEARS) return { ageYears: null, status: "implausible" };
  return { ageYears, status: unit === "801" ? "years" : "converted" };
}
