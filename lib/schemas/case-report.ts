import { z } from "zod";
import { AGE_BAND_IDS } from "@/lib/analytics/age-bands";

// Normalized report models shared by the openFDA source, the FAERS file importer, the API and the tests.

export const drugRoleSchema = z.enum(["suspect", "concomitant", "interacting", "unknown"]);
export const sexSchema = z.enum(["male", "female", "unknown"]);
export const reporterQualificationSchema = z.enum([
  "physician",
  "pharmacist",
  "other_hcp",
  "lawyer",
  "consumer",
  "unknown",
]);
export const reactionOutcomeSchema = z.enum([
  "recovered",
  "recovering",
  "not_recovered",
  "recovered_with_sequelae",
  "fatal",
  "unknown",
]);
export const seriousnessFlagSchema = z.enum([
  "death",
  "life_threatening",
  "hospitalization",
  "disabling",
  "congenital_anomaly",
  "other",
]);

export const caseDrugSchema = z.object({
  /** Best available name: first openFDA generic name, else the cleaned `medicinalproduct`. */
  name: z.string(),
  nameSource: z.enum(["openfda", "medicinalproduct"]),
  role: drugRoleSchema,
  genericNames: z.array(z.string()),
  brandNames: z.array(z.string()),
  activeSubstance: z.string().nullable(),
});

export const caseReactionSchema = z.object({
  pt: z.string(),
  outcome: reactionOutcomeSchema,
});

export const caseReportSchema = z.object({
  reportId: z.string(),
  version: z.number().int().nullable(),
  receivedDate: z.string().nullable(),
  serious: z.boolean().nullable(),
  seriousness: z.array(seriousnessFlagSchema),
  ageYears: z.number().nullable(),
  ageBand: z.enum([...AGE_BAND_IDS, "unknown"]),
  sex: sexSchema,
  weightKg: z.number().nullable(),
  country: z.string().length(2).nullable(),
  reporterQualification: reporterQualificationSchema,
  drugs: z.array(caseDrugSchema),
  reactions: z.array(caseReactionSchema),
});

export const deviceEventTypeSchema = z.enum(["death", "injury", "malfunction", "other", "unknown"]);

export const deviceIdentifierSchema = z.object({
  brandName: z.string().nullable(),
  genericName: z.string().nullable(),
  productCode: z.string().nullable(),
  manufacturer: z.string().nullable(),
  modelNumber: z.string().nullable(),
  catalogNumber: z.string().nullable(),
  lotNumber: z.string().nullable(),
  deviceClass: z.string().nullable(),
});

export const deviceReportSchema = z.object({
  reportId: z.string(),
  reportNumber: z.string().nullable(),
  receivedDate: z.string().nullable(),
  eventDate: z.string().nullable(),
  eventType: deviceEventTypeSchema,
  patientOutcomes: z.array(z.string()),
  patientProblems: z.array(z.string()),
  productProblems: z.array(z.string()),
  reportSource: z.string().nullable(),
  devices: z.array(deviceIdentifierSchema),
  /** MAUDE `mdr_text[].text` in the order given, joined by a blank line; null when there is none. */
  narrative: z.string().nullable(),
  /** The narrative holds a FOIA redaction marker, (b)(4) (trade secret) or (b)(6) (personal privacy). */
  narrativeRedacted: z.boolean(),
});

export const dataQualityRuleSchema = z.object({
  rule: z.string(),
  description: z.string(),
  changed: z.number().int().nonnegative(),
  dropped: z.number().int().nonnegative(),
});

export const dataQualitySchema = z.object({
  rulesVersion: z.string(),
  inputRecords: z.number().int().nonnegative(),
  outputRecords: z.number().int().nonnegative(),
  rules: z.array(dataQualityRuleSchema),
});

export type DrugRole = z.infer<typeof drugRoleSchema>;
export type Sex = z.infer<typeof sexSchema>;
export type ReporterQualification = z.infer<typeof reporterQualificationSchema>;
export type ReactionOutcome = z.infer<typeof reactionOutcomeSchema>;
export type SeriousnessFlag = z.infer<typeof seriousnessFlagSchema>;
export type CaseDrug = z.infer<typeof caseDrugSchema>;
export type CaseReaction = z.infer<typeof caseReactionSchema>;
export type CaseReport = z.infer<typeof caseReportSchema>;
export type DeviceEventType = z.infer<typeof deviceEventTypeSchema>;
export type DeviceIdentifier = z.infer<typeof deviceIdentifierSchema>;
export type DeviceReport = z.infer<typeof deviceReportSchema>;
export type DataQualityRule = z.infer<typeof dataQualityRuleSchema>;
export type DataQuality = z.infer<typeof dataQualitySchema>;
