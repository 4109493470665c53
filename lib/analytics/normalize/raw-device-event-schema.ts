import { z } from "zod";
import { rawList, rawObject, rawText, rawTextList, toleratedObject } from "./tolerant-zod";

// Raw openFDA device/event (MAUDE) records, reduced to the fields the normalizer reads. Same
// tolerance as the drug schema: every field optional, wrong types become `undefined` or `[]`.

export const rawDeviceSchema = toleratedObject({
  brand_name: rawText,
  generic_name: rawText,
  device_report_product_code: rawText,
  manufacturer_d_name: rawText,
  model_number: rawText,
  catalog_number: rawText,
  lot_number: rawText,
  openfda: rawObject({ device_class: rawText }),
});

export const rawDevicePatientSchema = toleratedObject({
  sequence_number_outcome: rawTextList,
  patient_problems: rawTextList,
});

/** One MAUDE text block: the event description, a manufacturer narrative, … (`text_type_code`). */
export const rawMdrTextSchema = toleratedObject({
  text: rawText,
  text_type_code: rawText,
});

export const rawDeviceEventSchema = toleratedObject({
  mdr_report_key: rawText,
  report_number: rawText,
  date_received: rawText,
  date_of_event: rawText,
  event_type: rawText,
  report_source_code: rawText,
  product_problems: rawTextList,
  patient: rawList(rawDevicePatientSchema),
  device: rawList(rawDeviceSchema),
  mdr_text: rawList(rawMdrTextSchema),
});

export type RawDevice = z.output<typeof rawDeviceSchema>;
export type RawDevicePatient = z.output<typeof rawDevicePatientSchema>;
export type RawMdrText = z.output<typeof rawMdrTextSchema>;
export type RawDeviceEvent = z.output<typeof rawDeviceEventSchema>;
