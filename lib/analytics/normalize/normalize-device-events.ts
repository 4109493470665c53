import type { DataQuality, DeviceIdentifier, DeviceReport } from "@/lib/schemas/case-report";
import { toCleanText } from "./clean-text";
import { DEVICE_EVENT_RULES, type DeviceEventRuleId } from "./device-event-rules";
import { parsePatientOutcomeEntry, toDeviceEventType, toReportSource } from "./device-event-codes";
import { toIsoDate } from "./iso-date";
import { isPlaceholderText } from "./placeholder";
import { createQualityTally, type QualityTally } from "./quality-tally";
import { rawDeviceEventSchema, type RawDevice, type RawDeviceEvent, type RawMdrText } from "./raw-device-event-schema";
import { NORMALIZATION_RULES_VERSION } from "./rules-version";
import { selectLatestByKey } from "./select-latest";

type DeviceTally = QualityTally<DeviceEventRuleId>;

interface Candidate {
  reportId: string;
  raw: RawDeviceEvent;
}

function toCandidate(record: unknown): Candidate | null {
  const parsed = rawDeviceEventSchema.safeParse(record);
  if (!parsed.success) return null;
  const reportId = parsed.data.mdr_report_key?.trim() ?? "";
  return reportId === "" ? null : { reportId, raw: parsed.data };
}

/**
 * Text of an identifier field, or null when absent; a present but blank/placeholder value is null and
 * counted. Names get their whitespace collapsed; codes (numbers, lots, models) are only trimmed,
 * because inner spacing can be part of an identifier ("A644A   1910").
 */
function toIdentifierText(
  raw: string | undefined,
  tally: DeviceTally,
  kind: "name" | "code" = "code",
): string | null {
  if (raw === undefined) return null;
  const text = kind === "name" ? toCleanText(raw) : raw.normalize("NFKC").trim();
  if (isPlaceholderText(text)) {
    tally.change("field.placeholder_to_null");
    return null;
  }
  return text;
}

/** Distinct cleaned entries, sorted; blank and placeholder entries are dropped and counted. */
function toDistinctList(rawEntries: readonly string[], tally: DeviceTally): string[] {
  const values = new Set<string>();
  for (const raw of rawEntries) {
    const text = toCleanText(raw);
    if (isPlaceholderText(text)) tally.drop("list.placeholder_dropped");
    else values.add(text);
  }
  return [...values].sort();
}

function toPatientOutcomes(raw: RawDeviceEvent, tally: DeviceTally): string[] {
  const outcomes = new Set<string>();
  for (const patient of raw.patient) {
    for (const entry of patient.sequence_number_outcome) {
      const parsed = parsePatientOutcomeEntry(toCleanText(entry));
      tally.change("outcome.code_mapped", parsed.mappedCodes);
      tally.drop("list.placeholder_dropped", parsed.placeholders);
      for (const outcome of parsed.outcomes) outcomes.add(outcome);
    }
  }
  return [...outcomes].sort();
}

function toDeviceIdentifier(rawDevice: RawDevice, tally: DeviceTally): DeviceIdentifier | null {
  const device: DeviceIdentifier = {
    brandName: toIdentifierText(rawDevice.brand_name, tally, "name"),
    genericName: toIdentifierText(rawDevice.generic_name, tally, "name"),
    productCode: toIdentifierText(rawDevice.device_report_product_code, tally),
    manufacturer: toIdentifierText(rawDevice.manufacturer_d_name, tally, "name"),
    modelNumber: toIdentifierText(rawDevice.model_number, tally),
    catalogNumber: toIdentifierText(rawDevice.catalog_number, tally),
    lotNumber: toIdentifierText(rawDevice.lot_number, tally),
    deviceClass: toIdentifierText(rawDevice.openfda?.device_class, tally),
  };
  return Object.values(device).some((value) => value !== null) ? device : null;
}

/** FOIA exemption markers MAUDE puts where text was withheld: (b)(4) trade secrets, (b)(6) personal privacy. */
const REDACTION_MARKER = /\(\s*b\s*\)\s*\(\s*[46]\s*\)/i;

/**
 * The narrative: every non-blank `mdr_text[].text` (trimmed, inner line breaks kept), in the order
 * MAUDE gives them, joined by a blank line; null when there is none. `redacted` when any block
 * carries a (b)(4) or (b)(6) marker (in any case, e.g. "(B)(4)").
 */
export function toNarrative(blocks: readonly RawMdrText[]): { narrative: string | null; redacted: boolean } {
  const texts = blocks.map((block) => (block.text ?? "").normalize("NFKC").trim()).filter((text) => text !== "");
  return { narrative: texts.length > 0 ? texts.join("\n\n") : null, redacted: texts.some((text) => REDACTION_MARKER.test(text)) };
}

function toDeviceReport(candidate: Candidate, tally: DeviceTally): DeviceReport {
  const { raw } = candidate;

  const receivedDate = toIsoDate(raw.date_received);
  if (receivedDate === null) tally.change("date.invalid_date_received");

  const eventDateText = toCleanText(raw.date_of_event);
  const eventDate = toIsoDate(eventDateText);
  if (eventDateText !== "" && eventDate === null) tally.change("date.invalid_date_of_event");

  const eventType = toDeviceEventType(raw.event_type);
  if (!eventType.recognized) tally.change("event_type.unknown");

  const reportSourceText = toIdentifierText(raw.report_source_code, tally, "name");

  const devices: DeviceIdentifier[] = [];
  for (const rawDevice of raw.device) {
    const device = toDeviceIdentifier(rawDevice, tally);
    if (device) devices.push(device);
    else tally.drop("device.empty_dropped");
  }

  const { narrative, redacted } = toNarrative(raw.mdr_text);

  return {
    reportId: candidate.reportId,
    reportNumber: toIdentifierText(raw.report_number, tally),
    receivedDate,
    eventDate,
    eventType: eventType.value,
    patientOutcomes: toPatientOutcomes(raw, tally),
    patientProblems: toDistinctList(raw.patient.flatMap((patient) => patient.patient_problems), tally),
    productProblems: toDistinctList(raw.product_problems, tally),
    reportSource: reportSourceText === null ? null : toReportSource(reportSourceText),
    devices,
    narrative,
    narrativeRedacted: redacted,
  };
}

/**
 * Normalizes raw openFDA device/event (MAUDE) records into distinct DeviceReports plus a DataQuality
 * summary listing every rule in DEVICE_EVENT_RULES with its counts (zero included).
 *
 * - reportId = `mdr_report_key` (records without one, or not objects, are dropped: "report.missing_id");
 *   reportNumber = `report_number`; receivedDate/eventDate from `date_received`/`date_of_event`
 *   (YYYYMMDD → ISO); eventType from `event_type`; patientOutcomes = distinct words from
 *   `patient[].sequence_number_outcome[]` (letter codes mapped); patientProblems from
 *   `patient[].patient_problems[]`; productProblems from `product_problems[]`; reportSource from
 *   `report_source_code`; devices from `device[]`; narrative from `mdr_text[].text` joined by a blank
 *   line in the given order, narrativeRedacted when it holds (b)(4) or (b)(6). Lists are distinct and sorted.
 * - Blank and placeholder values ("*", "NI", "UNK", …) become null or leave their list.
 * - Distinct reports: MAUDE has no version field, so for a repeated `mdr_report_key` the last record
 *   in input order wins ("report.duplicate_dropped"); output is in first-seen order of each key.
 * Pure: no I/O, no clock.
 */
export function normalizeDeviceEvents(records: readonly unknown[]): { reports: DeviceReport[]; quality: DataQuality } {
  const tally = createQualityTally(DEVICE_EVENT_RULES);
  const input: readonly unknown[] = Array.isArray(records) ? records : [];
  const candidates: Candidate[] = [];
  for (const record of input) {
    const candidate = toCandidate(record);
    if (candidate) candidates.push(candidate);
    else tally.drop("report.missing_id");
  }

  // Equal ranks: selectLatestByKey keeps the later record.
  const { kept, superseded } = selectLatestByKey(candidates, (candidate) => candidate.reportId, () => 0);
  tally.drop("report.duplicate_dropped", superseded);

  const reports = kept.map((candidate) => toDeviceReport(candidate, tally));
  return {
    reports,
    quality: tally.toDataQuality({ rulesVersion: NORMALIZATION_RULES_VERSION, inputRecords: input.length, outputRecords: reports.length }),
  };
}
