import type { DrugRole, ReporterQualification, SeriousnessFlag, Sex } from "@/lib/schemas/case-report";

// Code lists of the FAERS/AERS quarterly ASCII files (FDA "ASC_NTS" README of each quarter).

/** DRUG.role_cod, as a small integer so report records can hold it compactly. */
export const ROLE_CODES = ["PS", "SS", "C", "I"] as const;
export type RoleCode = (typeof ROLE_CODES)[number];
/** Index of an unknown or blank role_cod in role arrays. */
export const ROLE_UNKNOWN = 4;
/** One bit per role index (PS 1, SS 2, C 4, I 8, unknown 16). */
export const roleBit = (roleIndex: number): number => 1 << roleIndex;

const ROLE_INDEX: Readonly<Record<string, number>> = { PS: 0, SS: 1, C: 2, I: 3 };

/** role_cod → index into ROLE_CODES, or ROLE_UNKNOWN (with `unrecognized` when it was not blank). */
export function toRoleIndex(raw: string): { index: number; unrecognized: boolean } {
  const code = raw.trim().toUpperCase();
  const index = Object.hasOwn(ROLE_INDEX, code) ? ROLE_INDEX[code] : undefined;
  return index === undefined ? { index: ROLE_UNKNOWN, unrecognized: code !== "" } : { index, unrecognized: false };
}

/** PS and SS are both "suspect" in CaseReport; the primary/secondary split stays in the role index. */
export function toCaseRole(roleIndex: number): DrugRole {
  if (roleIndex === 0 || roleIndex === 1) return "suspect";
  if (roleIndex === 2) return "concomitant";
  if (roleIndex === 3) return "interacting";
  return "unknown";
}

export type FaersRoleSelection = "suspect" | "primary_suspect" | "any";

/** Role bits a selection accepts: primary_suspect = PS; suspect = PS|SS; any = every role incl. unknown. */
export function roleMaskOf(selection: FaersRoleSelection): number {
  if (selection === "primary_suspect") return roleBit(0);
  if (selection === "suspect") return roleBit(0) | roleBit(1);
  return 0b11111;
}

/**
 * FAERS age_cod → the E2B unit code that computeAgeYears understands
 * (DEC 800, YR 801, MON 802, WK 803, DY 804, HR 805).
 */
export const AGE_COD_TO_E2B: Readonly<Record<string, string>> = {
  DEC: "800",
  YR: "801",
  MON: "802",
  WK: "803",
  DY: "804",
  HR: "805",
};

/** Kilograms per unit of DEMO.wt_cod. */
export const KG_PER_WEIGHT_UNIT: Readonly<Record<string, number>> = { KG: 1, LBS: 0.45359237, GMS: 0.001 };

const SEX_BY_CODE: Readonly<Record<string, Sex>> = { M: "male", F: "female", UNK: "unknown", NS: "unknown" };

/** DEMO.sex / legacy gndr_cod: M, F; UNK and NS (not specified) and blank → unknown. */
export function toFaersSex(raw: string): { value: Sex; unrecognized: boolean } {
  const code = raw.trim().toUpperCase();
  if (code === "") return { value: "unknown", unrecognized: false };
  const value = Object.hasOwn(SEX_BY_CODE, code) ? SEX_BY_CODE[code] : undefined;
  return value === undefined ? { value: "unknown", unrecognized: true } : { value, unrecognized: false };
}

const QUALIFICATION_BY_OCCP: Readonly<Record<string, ReporterQualification>> = {
  MD: "physician",
  PH: "pharmacist",
  OT: "other_hcp",
  LW: "lawyer",
  CN: "consumer",
  // "Health professional" (no finer detail): the closest openFDA value is "other health professional".
  HP: "other_hcp",
};

/** DEMO.occp_cod: MD, PH, OT (other health professional), LW, CN, HP (health professional → other_hcp). */
export function toReporterFromOccp(raw: string): { value: ReporterQualification; unrecognized: boolean; fromHp: boolean } {
  const code = raw.trim().toUpperCase();
  if (code === "") return { value: "unknown", unrecognized: false, fromHp: false };
  const value = Object.hasOwn(QUALIFICATION_BY_OCCP, code) ? QUALIFICATION_BY_OCCP[code] : undefined;
  if (value === undefined) return { value: "unknown", unrecognized: true, fromHp: false };
  return { value, unrecognized: false, fromHp: code === "HP" };
}

/** OUTC.outc_cod in bit order. */
export const OUTCOME_CODES = ["DE", "LT", "HO", "DS", "CA", "RI", "OT"] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

/** outc_cod → bit (DE 1 … OT 64), or 0 when not a known code. */
export function toOutcomeBit(raw: string): number {
  const index = (OUTCOME_CODES as readonly string[]).indexOf(raw.trim().toUpperCase());
  return index < 0 ? 0 : 1 << index;
}

// Seriousness criteria in CaseReport order. RI ("required intervention to prevent permanent
// impairment", a device criterion) has no openFDA flag of its own and counts as "other", like OT.
const SERIOUSNESS_BITS: ReadonlyArray<readonly [SeriousnessFlag, number]> = [
  ["death", 1 << 0],
  ["life_threatening", 1 << 1],
  ["hospitalization", 1 << 2],
  ["disabling", 1 << 3],
  ["congenital_anomaly", 1 << 4],
  ["other", (1 << 5) | (1 << 6)],
];

/** Seriousness flags of a report from its OUTC bit mask, in CaseReport order. */
export function toSeriousnessFromOutcomes(mask: number): SeriousnessFlag[] {
  return SERIOUSNESS_BITS.filter(([, bits]) => (mask & bits) !== 0).map(([flag]) => flag);
}

/** The OUTC bits that make a report meet one seriousness criterion. */
export function outcomeBitsOf(flag: SeriousnessFlag): number {
  return SERIOUSNESS_BITS.find(([f]) => f === flag)?.[1] ?? 0;
}

/** OUTC codes set in a mask, in OUTCOME_CODES order. */
export function toOutcomeCodes(mask: number): OutcomeCode[] {
  return OUTCOME_CODES.filter((_, index) => (mask & (1 << index)) !== 0);
}
