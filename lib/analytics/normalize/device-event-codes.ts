import type { DeviceEventType } from "@/lib/schemas/case-report";
// Code tables for MAUDE fields. openFDA already turns most codes into words; raw letter codes
// (from MAUDE bulk files or older pipelines) are mapped with FDA's own table (maude/data/enums.csv).

const EVENT_TYPE_BY_VALUE: Readonly<Record<string, DeviceEventType>> = {
  DEATH: "death",
  INJURY: "injury",
  MALFUNCTION: "malfunction",
  OTHER: "other",
  D: "death",
  IN: "injury",
  IL: "injury",
  IJ: "injury",
  M: "malfunction",
  O: "other",
};

/**
 * `event_type` → death | injury | malfunction | other (case-insensitive; raw codes D, IN/IL/IJ, M, O
 * too). "No answer provided", "*", missing and anything else → unknown, with `recognized: false`.
 */
export function toDeviceEventType(raw: string | undefined): { value: DeviceEventType; recognized: boolean } {
  const key = (raw ?? "").trim().toUpperCase();
  if (Object.hasOwn(EVENT_TYPE_BY_VALUE, key)) {
    return { value: EVENT_TYPE_BY_VALUE[key] as DeviceEventType, recognized: true };
  }
  return { value: "unknown", recognized: false };
}

const REPORT_SOURCE_BY_CODE: Readonly<Record<string, string>> = {
  P: "Voluntary report",
  U: "User Facility report",
  D: "Distributor report",
  M: "Manufacturer report",
};

/** `report_source_code`: raw letters P/U/D/M → openFDA's words; words are kept as given. */
export function toReportSource(cleanText: string): string {
  const code = cleanText.toUpperCase();
  return Object.hasOwn(REPORT_SOURCE_BY_CODE, code) ? (REPORT_SOURCE_BY_CODE[code] as string) : cleanText;
}

/** `patient[].sequence_number_outcome` letter codes, per FDA's MAUDE enums.csv. */
export const PATIENT_OUTCOME_BY_CODE: Readonly<Record<string, string>> = {
  D: "Death",
  L: "Life Threatening",
  H: "Hospitalization",
  S: "Disability",
  C: "Congenital Anomaly",
  R: "Required Intervention",
  O: "Other",
  U: "Unknown",
  I: "No Information",
  A: "Not Applicable",
};

const PATIENT_OUTCOME_BY_WORD = new Map(
  Object.values(PATIENT_OUTCOME_BY_CODE).map((word) => [word.toUpperCase(), word] as const),
);

export interface PatientOutcomeParse {
  outcomes: string[];
  /** Letter codes that were turned into words. */
  mappedCodes: number;
  /** Blank entries and placeholders ("*", "Invalid Data") that were dropped. */
  placeholders: number;
}

// MAUDE's invalid-data code and its spelled-out forms. Narrower than isPlaceholderText because
// "Unknown", "No Information" and "Not Applicable" are real values of this field.
const OUTCOME_PLACEHOLDERS = new Set(["*", "INVALID DATA", "NO ANSWER PROVIDED", "-", "?"]);

// A leading patient sequence number: "1. L", "2) H", "1, Life Threatening" (after the comma split).
const SEQUENCE_PREFIX = /^\d+\s*[.):-]?\s*/;

/**
 * Parses one `sequence_number_outcome` entry. openFDA usually sends words ("Hospitalization"), but
 * entries can carry sequence numbers and several outcomes ("1. L; 2. R" straight from the MAUDE
 * file, "1, Life Threatening, 2, Required Intervention"). The entry is split on ";" and ",", numbers
 * are dropped, letter codes become words, known words get their canonical spelling and unrecognized
 * words are kept as written.
 */
export function parsePatientOutcomeEntry(raw: string): PatientOutcomeParse {
  const result: PatientOutcomeParse = { outcomes: [], mappedCodes: 0, placeholders: 0 };
  if (raw.trim() === "") {
    result.placeholders += 1;
    return result;
  }
  for (const part of raw.split(/[;,]/)) {
    // Empty parts and bare sequence numbers ("1") are structure, not values.
    const token = part.trim().replace(SEQUENCE_PREFIX, "").trim();
    if (token === "") continue;
    const upper = token.toUpperCase();
    if (OUTCOME_PLACEHOLDERS.has(upper)) {
      result.placeholders += 1;
      continue;
    }
    if (Object.hasOwn(PATIENT_OUTCOME_BY_CODE, upper)) {
      result.outcomes.push(PATIENT_OUTCOME_BY_CODE[upper] as string);
      result.mappedCodes += 1;
      continue;
    }
    result.outcomes.push(PATIENT_OUTCOME_BY_WORD.get(upper) ?? token);
  }
  return result;
}
