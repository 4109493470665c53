import type { QualityRuleDefinition } from "./quality-tally";

// Every rule normalizeDeviceEvents applies. `changed` and `dropped` count the unit named in each
// description (reports, devices, list entries or field values) in the output of one run.

export const DEVICE_EVENT_RULES = [
  {
    rule: "report.missing_id",
    description: "Record is not an object or has no mdr_report_key; the record is dropped.",
  },
  {
    rule: "report.duplicate_dropped",
    description:
      "Another record has the same mdr_report_key; MAUDE has no version field, so the last one in input order is kept and earlier ones are dropped.",
  },
  {
    rule: "date.invalid_date_received",
    description: "date_received is missing or not a valid YYYYMMDD calendar date; receivedDate set to null (reports).",
  },
  {
    rule: "date.invalid_date_of_event",
    description:
      "date_of_event is present and non-blank but not a valid YYYYMMDD calendar date; eventDate set to null (reports). Blank means not reported and is not counted.",
  },
  {
    rule: "event_type.unknown",
    description:
      "event_type is missing, \"No answer provided\" or not Death/Injury/Malfunction/Other; eventType set to unknown (reports).",
  },
  {
    rule: "outcome.code_mapped",
    description:
      "A sequence_number_outcome entry used a MAUDE letter code (D, L, H, S, C, R, O, U, I, A) that was turned into its word (values).",
  },
  {
    rule: "list.placeholder_dropped",
    description:
      "A blank or placeholder entry (\"\", \"*\", \"Invalid Data\", \"N/A\", …) in sequence_number_outcome, patient_problems or product_problems was dropped (list entries).",
  },
  {
    rule: "field.placeholder_to_null",
    description:
      "report_number, report_source_code or a device identifier (brand, generic name, product code, manufacturer, model, catalog, lot, device class) is present but blank, punctuation only (\"*\", \".\") or a placeholder word (\"NI\", \"UNK\", \"N/A\", …); set to null (field values).",
  },
  {
    rule: "device.empty_dropped",
    description: "A device[] entry has no usable identifier at all; the device entry is dropped.",
  },
] as const satisfies readonly QualityRuleDefinition[];

export type DeviceEventRuleId = (typeof DEVICE_EVENT_RULES)[number]["rule"];
