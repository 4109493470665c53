// Loads the REAL recorded records the fake server computes over (../shared/data, see its READMEs).
// Nothing here is a recorded openFDA answer except the records themselves and the drug/event meta.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { sharedDataPath } from "../shared-data";
import { parseCsv, type CsvCell } from "./csv";
import { isJsonObject, type BaseMeta, type Dataset, type JsonObject } from "./types";

export const DRUG_RESULTS_FILE = "openfda_drug_event/drug_event_limit100_results_2025.json";
export const DRUG_META_FILE = "openfda_drug_event/drug_event_limit100_fullresponse_2025-04.json";
export const BONE_CEMENT_FILE = "mds_maude_bone_cement/maude_bone_cement_2017.csv";
export const WIDE_SAMPLE_FILE = "maude_device_event/fda_openfda_maude_fixtures/wide_sample.json";

/**
 * ASSUMPTION: the bone-cement CSV has no product code column. "LOD" is FDA's product code for
 * PMMA bone cement (21 CFR 888.3027); antibiotic and vertebroplasty cements may carry other codes
 * in real MAUDE data, which this fake does not distinguish.
 */
export const BONE_CEMENT_PRODUCT_CODE = "LOD";

const metaSchema = z.object({
  meta: z.object({
    disclaimer: z.string(),
    terms: z.string(),
    license: z.string(),
    last_updated: z.string(),
  }),
});

export interface Datasets {
  drugEvent: Dataset;
  deviceEvent: Dataset;
}

let cached: Datasets | undefined;

/** Reads and converts the files once per process; records are shared and must not be mutated. */
export function loadDatasets(): Datasets {
  cached ??= buildDatasets();
  return cached;
}

function readJson(relativePath: string): unknown {
  return JSON.parse(readFileSync(sharedDataPath(relativePath), "utf8"));
}

function buildDatasets(): Datasets {
  const drugRaw = readJson(DRUG_RESULTS_FILE);
  if (!Array.isArray(drugRaw) || !drugRaw.every(isJsonObject)) {
    throw new Error(`${DRUG_RESULTS_FILE}: expected a JSON array of records`);
  }
  const { meta: recordedMeta } = metaSchema.parse(readJson(DRUG_META_FILE));
  // Copy only the API-wide fields; results/total of the recording describe the live index, not ours.
  const meta: BaseMeta = {
    disclaimer: recordedMeta.disclaimer,
    terms: recordedMeta.terms,
    license: recordedMeta.license,
    last_updated: recordedMeta.last_updated,
  };

  const wide = readJson(WIDE_SAMPLE_FILE);
  if (!isJsonObject(wide)) throw new Error(`${WIDE_SAMPLE_FILE}: expected one JSON record`);
  const deviceRecords = [...boneCementRecords(readFileSync(sharedDataPath(BONE_CEMENT_FILE), "utf8")), wide];

  return {
    drugEvent: {
      path: "/drug/event.json",
      records: drugRaw,
      idField: "safetyreportid",
      dateFields: new Set(["receivedate", "receiptdate", "transmissiondate"]),
      meta,
      generatedNote:
        "GENERATED: computed by the CER Analytics fake openFDA test server (tests/support/fake-openfda), " +
        `not recorded from api.fda.gov. Source: the ${drugRaw.length} real recorded records in ` +
        `../shared/data/${DRUG_RESULTS_FILE}; disclaimer/terms/license/last_updated copied from ` +
        `../shared/data/${DRUG_META_FILE}. Totals and counts describe only these records.`,
    },
    deviceEvent: {
      path: "/device/event.json",
      records: deviceRecords,
      idField: "mdr_report_key",
      dateFields: new Set(["date_received", "date_of_event", "date_report"]),
      meta,
      generatedNote:
        "GENERATED: computed by the CER Analytics fake openFDA test server (tests/support/fake-openfda), " +
        `not recorded from api.fda.gov. Source: ${deviceRecords.length - 1} real MAUDE reports from ` +
        `../shared/data/${BONE_CEMENT_FILE} converted to device/event shape (synthetic mdr_report_key ` +
        `"BC-<row>", assumed device_report_product_code "${BONE_CEMENT_PRODUCT_CODE}") plus the record in ` +
        `../shared/data/${WIDE_SAMPLE_FILE}; disclaimer/terms/license/last_updated copied from the ` +
        `drug/event recording ../shared/data/${DRUG_META_FILE}. Totals and counts describe only these records.`,
    },
  };
}

const BONE_CEMENT_COLUMNS = [
  "report_number",
  "event_type",
  "date_received",
  "product_problem_flag",
  "adverse_event_flag",
  "report_source_code",
  "lot_number",
  "model_number",
  "manufacturer_d_name",
  "manufacturer_d_country",
  "brand_name",
  "device_name",
  "medical_specialty_description",
  "device_class",
] as const;
type BoneCementColumn = (typeof BONE_CEMENT_COLUMNS)[number];

/** Rebuilds openFDA device/event records from the flattened CSV (device[0].* and device[0].openfda.*). */
export function boneCementRecords(csvText: string): JsonObject[] {
  const [header, ...rows] = parseCsv(csvText);
  if (!header) throw new Error(`${BONE_CEMENT_FILE}: empty file`);
  const columnIndex = new Map(header.map((cell, i) => [cell.value, i]));
  for (const column of BONE_CEMENT_COLUMNS) {
    if (!columnIndex.has(column)) throw new Error(`${BONE_CEMENT_FILE}: missing column ${column}`);
  }

  return rows
    .filter((row) => !(row.length === 1 && row[0]?.value === ""))
    .map((row, rowIndex) => {
      // R writes a missing value as bare NA: leave such fields out, like openFDA omits absent fields.
      const get = (column: BoneCementColumn): string | undefined => {
        const cell: CsvCell | undefined = row[columnIndex.get(column) ?? -1];
        if (!cell || (!cell.quoted && cell.value === "NA")) return undefined;
        return cell.value;
      };
      const pick = (pairs: [string, string | undefined][]): JsonObject => {
        const out: JsonObject = {};
        for (const [key, value] of pairs) if (value !== undefined) out[key] = value;
        return out;
      };
      const device = pick([
        ["lot_number", get("lot_number")],
        ["model_number", get("model_number")],
        ["manufacturer_d_name", get("manufacturer_d_name")],
        ["manufacturer_d_country", get("manufacturer_d_country")],
        ["brand_name", get("brand_name")],
        ["generic_name", get("device_name")],
        ["device_report_product_code", BONE_CEMENT_PRODUCT_CODE],
      ]);
      device.openfda = pick([
        ["device_name", get("device_name")],
        ["medical_specialty_description", get("medical_specialty_description")],
        ["device_class", get("device_class")],
      ]);
      const record = pick([
        ["report_number", get("report_number")],
        ["event_type", get("event_type")],
        ["date_received", get("date_received")],
        ["product_problem_flag", get("product_problem_flag")],
        ["adverse_event_flag", get("adverse_event_flag")],
        ["report_source_code", get("report_source_code")],
      ]);
      record.device = [device];
      // GENERATED key: the CSV has no mdr_report_key; "BC-" + 1-based data row number (header excluded).
      record.mdr_report_key = `BC-${rowIndex + 1}`;
      return record;
    });
}
