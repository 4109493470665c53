import { toStrictNumber } from "./strict-number";

/** Weights at or above this many kilograms are treated as data-entry errors. */
export const MAX_PLAUSIBLE_WEIGHT_KG = 700;

export interface WeightResult {
  weightKg: number | null;
  status: "missing" | "ok" | "implausible";
}

/**
 * Patient weight in kg from `patient.patientweight` (openFDA sends it as text, already in kg).
 * Kept only when it is a number greater than 0 and less than 700; anything else is null and reported
 * as "implausible" (which includes non-numeric text).
 */
export function toWeightKg(raw: string | undefined): WeightResult {
  if (raw === undefined || raw.trim() === "") return { weightKg: null, status: "missing" };
  const value = toStrictNumber(raw);
  if (value === null || value <= 0 || value >= MAX_PLAUSIBLE_WEIGHT_KG) {
    return { weightKg: null, status: "implausible" };
  }
  return { weightKg: value, status: "ok" };
}
