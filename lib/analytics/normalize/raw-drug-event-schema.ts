import { z } from "zod";
import { rawList, rawObject, rawText, rawTextList, toleratedObject } from "./tolerant-zod";

// Raw openFDA drug/event (FAERS) records, reduced to the fields the normalizer reads. Every field is
// optional and wrongly typed values become `undefined`, so one bad field never drops a report.
// openFDA serves numbers as strings ("patientonsetage": "26"); numeric parsing happens later.

export const rawDrugSchema = toleratedObject({
  medicinalproduct: rawText,
  drugcharacterization: rawText,
  activesubstance: rawObject({ activesubstancename: rawText }),
  openfda: rawObject({ generic_name: rawTextList, brand_name: rawTextList }),
});

export const rawReactionSchema = toleratedObject({
  reactionmeddrapt: rawText,
  reactionoutcome: rawText,
});

export const rawPatientSchema = toleratedObject({
  patientonsetage: rawText,
  patientonsetageunit: rawText,
  patientsex: rawText,
  patientweight: rawText,
  drug: rawList(rawDrugSchema),
  reaction: rawList(rawReactionSchema),
});

export const rawDrugEventSchema = toleratedObject({
  safetyreportid: rawText,
  safetyreportversion: rawText,
  receivedate: rawText,
  serious: rawText,
  seriousnessdeath: rawText,
  seriousnesslifethreatening: rawText,
  seriousnesshospitalization: rawText,
  seriousnessdisabling: rawText,
  seriousnesscongenitalanomali: rawText,
  seriousnessother: rawText,
  occurcountry: rawText,
  primarysourcecountry: rawText,
  primarysource: rawObject({ reportercountry: rawText, qualification: rawText }),
  patient: rawPatientSchema.optional().catch(undefined),
});

export type RawDrug = z.output<typeof rawDrugSchema>;
export type RawReaction = z.output<typeof rawReactionSchema>;
export type RawDrugEvent = z.output<typeof rawDrugEventSchema>;
