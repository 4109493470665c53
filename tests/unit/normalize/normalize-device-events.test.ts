import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import {
  DEVICE_EVENT_RULES,
  normalizeDeviceEvents,
  parsePatientOutcomeEntry,
  toDeviceEventType,
} from "@/lib/analytics/normalize";
import { dataQualitySchema, deviceReportSchema, type DataQuality } from "@/lib/schemas/case-report";
import { sharedDataPath } from "@/tests/support/shared-data";

function readJson(...parts: string[]): unknown {
  return JSON.parse(readFileSync(sharedDataPath(...parts), "utf8"));
}

function ruleCounts(quality: DataQuality, rule: string): { changed: number; dropped: number } {
  const found = quality.rules.find((entry) => entry.rule === rule);
  if (!found) throw new Error(`rule ${rule} missing from quality`);
  return { changed: found.changed, dropped: found.dropped };
}

/** RFC 4180 CSV (quoted fields, "" escapes, commas inside quotes); enough for the mds export. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe("normalizeDeviceEvents on FDA's wide_sample.json (hand-checked)", () => {
  const raw = readJson("maude_device_event/fda_openfda_maude_fixtures/wide_sample.json");
  const { reports, quality } = normalizeDeviceEvents([raw]);

  test("the one record, field by field", () => {
    expect(reports).toEqual([
      {
        reportId: "538836",
        reportNumber: "2248721-2004-00001",
        receivedDate: "2004-08-01",
        eventDate: null, // date_of_event is ""
        eventType: "injury",
        // ["1, Life Threatening", "1, Life Threatening, 2, Required Intervention"]
        patientOutcomes: ["Life Threatening", "Required Intervention"],
        patientProblems: [],
        productProblems: [],
        reportSource: "Manufacturer report",
        devices: [
          {
            brandName: "HEMOCHRON COAGULATION SYSTEM",
            genericName: "K-ACT CLOTTING TIME TEST",
            productCode: "JPA",
            manufacturer: "INTERNATIONAL TECHNIDYNE CORP.",
            modelNumber: "401 / K-ACT",
            catalogNumber: "FTK-ACT",
            lotNumber: null, // "UNK"
            deviceClass: null, // no openfda block
          },
        ],
        // Two mdr_text blocks (event description, then manufacturer narrative), no (b)(4)/(b)(6).
        narrative: (raw as { mdr_text: { text: string }[] }).mdr_text.map((t) => t.text.trim()).join("\n\n"),
        narrativeRedacted: false,
      },
    ]);
    expect(() => deviceReportSchema.array().parse(reports)).not.toThrow();
    expect(() => dataQualitySchema.parse(quality)).not.toThrow();
  });

  test("quality lists every device rule; the UNK lot is the only placeholder; blank date_of_event is not counted", () => {
    expect(quality.rules.map((r) => r.rule)).toEqual(DEVICE_EVENT_RULES.map((r) => r.rule));
    expect(ruleCounts(quality, "field.placeholder_to_null")).toEqual({ changed: 1, dropped: 0 });
    expect(ruleCounts(quality, "date.invalid_date_of_event")).toEqual({ changed: 0, dropped: 0 });
    expect(quality).toMatchObject({ inputRecords: 1, outputRecords: 1 });
  });
});

describe("normalizeDeviceEvents on the open.fda.gov documentation example", () => {
  // The docs split one real report into header/device/mdr_text/patient sections; put it back together.
  const example = readJson("maude_device_event/openfda_docs_example/device_event_example.json") as {
    header: Record<string, unknown>;
    device: unknown[];
    mdr_text: unknown[];
    patient: unknown[];
  };
  const record = { ...example.header, device: example.device, mdr_text: example.mdr_text, patient: example.patient };
  const { reports, quality } = normalizeDeviceEvents([record]);

  test("report 2549344, hand-checked", () => {
    expect(reports).toEqual([
      {
        reportId: "2549344",
        reportNumber: "2024168-2012-02668",
        receivedDate: "2012-04-26",
        eventDate: "2012-04-02",
        eventType: "malfunction",
        patientOutcomes: [],
        patientProblems: [],
        productProblems: [],
        reportSource: "Manufacturer report",
        devices: [
          {
            brandName: "XIENCE V EVEROLIMUS ELUTING CORONARY STENT SYSTEM",
            genericName: "DRUG ELUTING CORONARY STENT SYSTEM",
            productCode: "NIQ",
            manufacturer: "AV-TEMECULA-CT",
            modelNumber: null, // ""
            catalogNumber: "1009541-28",
            lotNumber: "1050441",
            deviceClass: "3",
          },
        ],
        // Three mdr_text blocks in the order given; the two manufacturer narratives open with "(B)(4)".
        narrative: (example.mdr_text as { text: string }[]).map((t) => t.text.trim()).join("\n\n"),
        narrativeRedacted: true,
      },
    ]);
    expect(ruleCounts(quality, "field.placeholder_to_null").changed).toBe(1);
  });
});

describe("normalizeDeviceEvents on 535 real 2017 bone-cement reports (mds package, flattened device[0])", () => {
  const rows = parseCsv(readFileSync(sharedDataPath("mds_maude_bone_cement/maude_bone_cement_2017.csv"), "utf8"));
  const [header = [], ...body] = rows;
  const objects = body.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ""])));
  // The export has no mdr_report_key; report_number is unique in it (535 of 535), so it stands in.
  const records = objects.map((o) => ({
    mdr_report_key: o.report_number,
    report_number: o.report_number,
    event_type: o.event_type,
    date_received: o.date_received,
    report_source_code: o.report_source_code,
    device: [
      {
        brand_name: o.brand_name,
        manufacturer_d_name: o.manufacturer_d_name,
        model_number: o.model_number,
        lot_number: o.lot_number,
        openfda: { device_class: o.device_class },
      },
    ],
  }));
  const { reports, quality } = normalizeDeviceEvents(records);

  test("535 rows in, 535 distinct reports out, all valid", () => {
    expect(objects).toHaveLength(535);
    expect(new Set(objects.map((o) => o.report_number)).size).toBe(535);
    expect(quality).toMatchObject({ inputRecords: 535, outputRecords: 535 });
    expect(() => deviceReportSchema.array().parse(reports)).not.toThrow();
  });

  test("event types: 341 malfunction, 182 injury, 11 death, 1 'No answer provided' → unknown (README)", () => {
    const counts: Record<string, number> = {};
    for (const r of reports) counts[r.eventType] = (counts[r.eventType] ?? 0) + 1;
    expect(counts).toEqual({ malfunction: 341, injury: 182, death: 11, unknown: 1 });
    expect(ruleCounts(quality, "event_type.unknown").changed).toBe(1);
  });

  test("received dates stay within 2017-01-03 … 2017-12-29 (README) and none is invalid", () => {
    const dates = reports.map((r) => r.receivedDate ?? "").sort();
    expect([dates[0], dates[dates.length - 1]]).toEqual(["2017-01-03", "2017-12-29"]);
    expect(ruleCounts(quality, "date.invalid_date_received").changed).toBe(0);
  });

  test("lot numbers written as '', NI, UNK, UNKNOWN or N/A become null; real lots are kept as written (inner spaces too)", () => {
    const placeholderLots = new Set(["", "NI", "UNK", "UNKNOWN", "N/A"]);
    const expectedNulls = objects.filter((o) => placeholderLots.has((o.lot_number ?? "").trim())).length;
    expect(expectedNulls).toBe(89); // 35 blank, 32 NI, 10 UNK, 9 UNKNOWN, 3 N/A
    expect(reports.filter((r) => r.devices[0]?.lotNumber === null)).toHaveLength(expectedNulls);
    const kept = objects.filter((o) => !placeholderLots.has((o.lot_number ?? "").trim()));
    expect(reports.filter((r) => r.devices[0]?.lotNumber !== null).map((r) => r.devices[0]?.lotNumber)).toEqual(
      kept.map((o) => o.lot_number),
    );
  });

  test("model numbers: 311 'N/A' and 214 blank become null, the 10 real ones are kept", () => {
    const placeholderModels = new Set(["", "N/A"]);
    const realModels = objects.filter((o) => !placeholderModels.has(o.model_number ?? "")).map((o) => o.model_number);
    expect(realModels).toHaveLength(10);
    expect(reports.map((r) => r.devices[0]?.modelNumber).filter((m) => m !== null)).toEqual(realModels);
  });

  test("manufacturer names '.' (3) and 'NA' (2) become null; all others are kept", () => {
    expect(reports.filter((r) => r.devices[0]?.manufacturer === null)).toHaveLength(5);
    expect(reports.filter((r) => r.devices[0]?.manufacturer === "BIOMET FRANCE S.A.R.L.")).toHaveLength(223);
  });

  test("placeholder count adds up over the fields read (lot 89 + model 525 + manufacturer 5 + brand 4 blank)", () => {
    expect(ruleCounts(quality, "field.placeholder_to_null").changed).toBe(89 + 525 + 5 + 4);
  });
});

describe("normalizeDeviceEvents: distinct reports by mdr_report_key", () => {
  test("the last record with a key wins; output keeps first-seen key order; missing keys are dropped", () => {
    const { reports, quality } = normalizeDeviceEvents([
      { mdr_report_key: "1", event_type: "Injury" },
      { mdr_report_key: "2", event_type: "Death" },
      { mdr_report_key: "1", event_type: "Malfunction" },
      { event_type: "Death" },
      "not a record",
      { mdr_report_key: 2, event_type: "Other" },
    ]);
    expect(reports.map((r) => [r.reportId, r.eventType])).toEqual([
      ["1", "malfunction"],
      ["2", "other"],
    ]);
    expect(ruleCounts(quality, "report.duplicate_dropped").dropped).toBe(2);
    expect(ruleCounts(quality, "report.missing_id").dropped).toBe(2);
    expect(quality).toMatchObject({ inputRecords: 6, outputRecords: 2 });
  });
});

describe("normalizeDeviceEvents: lists, placeholders and devices", () => {
  test("outcomes from several patients are distinct and sorted; codes are mapped; problems deduplicated", () => {
    const { reports, quality } = normalizeDeviceEvents([
      {
        mdr_report_key: "9",
        date_of_event: "20231340",
        product_problems: ["Break", "Break", "*", "", "Material Deformation"],
        patient: [
          { sequence_number_outcome: ["1. L; 2. R"], patient_problems: ["Pain", "No Known Impact Or Consequence To Patient"] },
          { sequence_number_outcome: ["Hospitalization", "*", "D"], patient_problems: ["Pain", " "] },
        ],
        device: [{}, { brand_name: "*", lot_number: "NI" }, { brand_name: "  ACME   STENT " }],
      },
    ]);
    expect(reports[0]).toMatchObject({
      eventDate: null,
      eventType: "unknown",
      patientOutcomes: ["Death", "Hospitalization", "Life Threatening", "Required Intervention"],
      patientProblems: ["No Known Impact Or Consequence To Patient", "Pain"],
      productProblems: ["Break", "Material Deformation"],
      devices: [
        {
          brandName: "ACME STENT",
          genericName: null,
          productCode: null,
          manufacturer: null,
          modelNumber: null,
          catalogNumber: null,
          lotNumber: null,
          deviceClass: null,
        },
      ],
    });
    const counts = Object.fromEntries(quality.rules.map((r) => [r.rule, r.changed + r.dropped]));
    expect(counts).toMatchObject({
      "date.invalid_date_of_event": 1,
      "event_type.unknown": 1,
      "outcome.code_mapped": 3, // L, R, D
      "list.placeholder_dropped": 4, // "*", "" in product_problems; "*" outcome; " " patient problem
      "field.placeholder_to_null": 2, // "*" brand, "NI" lot
      "device.empty_dropped": 2, // {} and the all-placeholder device
    });
  });

  test("raw report_source_code letters become openFDA's words", () => {
    const { reports } = normalizeDeviceEvents([
      { mdr_report_key: "1", report_source_code: "M" },
      { mdr_report_key: "2", report_source_code: "P" },
      { mdr_report_key: "3", report_source_code: "User Facility report" },
      { mdr_report_key: "4", report_source_code: "*" },
    ]);
    expect(reports.map((r) => r.reportSource)).toEqual(["Manufacturer report", "Voluntary report", "User Facility report", null]);
  });
});

describe("toDeviceEventType", () => {
  test.each([
    ["Death", "death", true],
    ["Injury", "injury", true],
    ["Malfunction", "malfunction", true],
    ["Other", "other", true],
    ["MALFUNCTION", "malfunction", true],
    ["IN", "injury", true],
    ["M", "malfunction", true],
    ["No answer provided", "unknown", false],
    ["*", "unknown", false],
    ["", "unknown", false],
    [undefined, "unknown", false],
    ["constructor", "unknown", false],
  ] as const)("%j → %s", (raw, value, recognized) => {
    expect(toDeviceEventType(raw)).toEqual({ value, recognized });
  });
});

describe("parsePatientOutcomeEntry", () => {
  test.each([
    { raw: "Hospitalization", outcomes: ["Hospitalization"], mappedCodes: 0, placeholders: 0 },
    { raw: "hospitalization", outcomes: ["Hospitalization"], mappedCodes: 0, placeholders: 0 },
    { raw: "Required Intervention", outcomes: ["Required Intervention"], mappedCodes: 0, placeholders: 0 },
    { raw: "1, Life Threatening", outcomes: ["Life Threatening"], mappedCodes: 0, placeholders: 0 },
    {
      raw: "1, Life Threatening, 2, Required Intervention",
      outcomes: ["Life Threatening", "Required Intervention"],
      mappedCodes: 0,
      placeholders: 0,
    },
    { raw: "1. L; 2. R", outcomes: ["Life Threatening", "Required Intervention"], mappedCodes: 2, placeholders: 0 },
    { raw: "1. H", outcomes: ["Hospitalization"], mappedCodes: 1, placeholders: 0 },
    { raw: "D", outcomes: ["Death"], mappedCodes: 1, placeholders: 0 },
    { raw: "S", outcomes: ["Disability"], mappedCodes: 1, placeholders: 0 },
    { raw: "C", outcomes: ["Congenital Anomaly"], mappedCodes: 1, placeholders: 0 },
    { raw: "O", outcomes: ["Other"], mappedCodes: 1, placeholders: 0 },
    { raw: "U", outcomes: ["Unknown"], mappedCodes: 1, placeholders: 0 },
    { raw: "I", outcomes: ["No Information"], mappedCodes: 1, placeholders: 0 },
    { raw: "A", outcomes: ["Not Applicable"], mappedCodes: 1, placeholders: 0 },
    { raw: "Unknown", outcomes: ["Unknown"], mappedCodes: 0, placeholders: 0 },
    { raw: "*", outcomes: [], mappedCodes: 0, placeholders: 1 },
    { raw: "Invalid Data", outcomes: [], mappedCodes: 0, placeholders: 1 },
    { raw: "", outcomes: [], mappedCodes: 0, placeholders: 1 },
    { raw: "Permanent Damage", outcomes: ["Permanent Damage"], mappedCodes: 0, placeholders: 0 },
  ])("$raw → $outcomes", ({ raw, ...expected }) => {
    expect(parsePatientOutcomeEntry(raw)).toEqual(expected);
  });
});
