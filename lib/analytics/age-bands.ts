/**
 * Age bands used for breakdowns and filters, in years, lower bound inclusive and upper bound exclusive.
 * FAERS stores age as a number plus a unit code (800 decade … 805 hour); these bands are applied after
 * conversion to years, so a band filter must constrain the unit as well as the value.
 */
export const AGE_BANDS = [
  { id: "0-17", label: "0–17 y", minYears: 0, maxYears: 18 },
  { id: "18-44", label: "18–44 y", minYears: 18, maxYears: 45 },
  { id: "45-64", label: "45–64 y", minYears: 45, maxYears: 65 },
  { id: "65-74", label: "65–74 y", minYears: 65, maxYears: 75 },
  { id: "75+", label: "75 y and over", minYears: 75, maxYears: 200 },
] as const;

export type AgeBandId = (typeof AGE_BANDS)[number]["id"];
export const AGE_BAND_IDS = AGE_BANDS.map((band) => band.id) as [AgeBandId, ...AgeBandId[]];

/** FAERS age unit codes and how many of each unit make one year (E2B: 800 decade … 805 hour). */
export const AGE_UNIT_PER_YEAR: Readonly<Record<string, number>> = {
  "800": 0.1,
  "801": 1,
  "802": 12,
  "803": 52.1775,
  "804": 365.25,
  "805": 8766,
};

export function toAgeBand(ageYears: number | null): AgeBandId | "unknown" {
  if (ageYears === null || !Number.isFinite(ageYears) || ageYears < 0) return "unknown";
  const band = AGE_BANDS.find((b) => ageYears >= b.minYears && ageYears < b.maxYears);
  return band ? band.id : "unknown";
}
