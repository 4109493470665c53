import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { normalizeDeviceEvents, normalizeDrugEvents } from "@/lib/analytics/normalize";
import { caseReportSchema, dataQualitySchema, deviceReportSchema, type DataQuality } from "@/lib/schemas/case-report";

// Counts must reconcile: every input record is either output or dropped by exactly one report rule.
function expectReconciled(quality: DataQuality, reportRules: readonly string[]): void {
  const dropped = quality.rules.filter((r) => reportRules.includes(r.rule)).reduce((n, r) => n + r.dropped, 0);
  expect(quality.outputRecords).toBeLessThanOrEqual(quality.inputRecords);
  expect(quality.outputRecords + dropped).toBe(quality.inputRecords);
}

const DRUG_REPORT_RULES = ["report.missing_id", "report.superseded_version"];
const DEVICE_REPORT_RULES = ["report.missing_id", "report.duplicate_dropped"];

// Field values openFDA-like records plausibly carry, plus junk of every JSON type.
const fieldValue = fc.oneof(
  fc.constantFrom("1", "2", "3", "6", "801", "802", "800", "805", "20230229", "20240229", "US", "UNITED STATES", "*", "", " "),
  fc.string({ maxLength: 12 }),
  fc.double(),
  fc.integer(),
  fc.constant(null),
  fc.boolean(),
  fc.anything({ maxDepth: 2 }),
);
const maybeList = <T>(item: fc.Arbitrary<T>) => fc.oneof(fc.array(item, { maxLength: 4 }), item, fieldValue);

const drugLike = fc.record(
  {
    medicinalproduct: fieldValue,
    drugcharacterization: fieldValue,
    activesubstance: fc.oneof(fc.record({ activesubstancename: fieldValue }), fieldValue),
    openfda: fc.oneof(fc.record({ generic_name: maybeList(fieldValue), brand_name: maybeList(fieldValue) }), fieldValue),
  },
  { requiredKeys: [] },
);
const reactionLike = fc.record({ reactionmeddrapt: fieldValue, reactionoutcome: fieldValue }, { requiredKeys: [] });
const drugEventLike = fc.record(
  {
    safetyreportid: fc.oneof(fc.constantFrom("A", "B", "C"), fieldValue),
    safetyreportversion: fieldValue,
    receivedate: fieldValue,
    serious: fieldValue,
    seriousnessdeath: fieldValue,
    occurcountry: fieldValue,
    primarysourcecountry: fieldValue,
    primarysource: fc.oneof(
      fc.record({ reportercountry: fieldValue, qualification: fieldValue }, { requiredKeys: [] }),
      fieldValue,
    ),
    patient: fc.oneof(
      fc.record(
        {
          patientonsetage: fieldValue,
          patientonsetageunit: fieldValue,
          patientsex: fieldValue,
          patientweight: fieldValue,
          drug: maybeList(drugLike),
          reaction: maybeList(reactionLike),
        },
        { requiredKeys: [] },
      ),
      fieldValue,
    ),
  },
  { requiredKeys: [] },
);
const deviceEventLike = fc.record(
  {
    mdr_report_key: fc.oneof(fc.constantFrom("1", "2", "3"), fieldValue),
    report_number: fieldValue,
    date_received: fieldValue,
    date_of_event: fieldValue,
    event_type: fc.oneof(fc.constantFrom("Death", "Injury", "Malfunction", "No answer provided"), fieldValue),
    report_source_code: fieldValue,
    product_problems: maybeList(fieldValue),
    patient: maybeList(
      fc.record(
        { sequence_number_outcome: maybeList(fieldValue), patient_problems: maybeList(fieldValue) },
        { requiredKeys: [] },
      ),
    ),
    device: maybeList(
      fc.record(
        {
          brand_name: fieldValue,
          lot_number: fieldValue,
          model_number: fieldValue,
          openfda: fc.oneof(fc.record({ device_class: fieldValue }), fieldValue),
        },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: [] },
);

describe("normalizeDrugEvents never throws", () => {
  test("property: arbitrary JSON values → no exception, outputRecords ≤ inputRecords, counts reconcile", () => {
    fc.assert(
      fc.property(fc.array(fc.anything(), { maxLength: 20 }), (records) => {
        const { reports, quality } = normalizeDrugEvents(records);
        expect(reports).toHaveLength(quality.outputRecords);
        expect(quality.inputRecords).toBe(records.length);
        expectReconciled(quality, DRUG_REPORT_RULES);
      }),
      { numRuns: 300 },
    );
  });

  test("property: record-shaped junk → valid CaseReports, distinct ids, reconciled counts", () => {
    fc.assert(
      fc.property(fc.array(drugEventLike, { maxLength: 12 }), (records) => {
        const { reports, quality } = normalizeDrugEvents(records);
        caseReportSchema.array().parse(reports);
        dataQualitySchema.parse(quality);
        expect(new Set(reports.map((r) => r.reportId)).size).toBe(reports.length);
        expectReconciled(quality, DRUG_REPORT_RULES);
      }),
      { numRuns: 300 },
    );
  });

  test("property: normalizing is deterministic (same input, same output)", () => {
    fc.assert(
      fc.property(fc.array(drugEventLike, { maxLength: 6 }), (records) => {
        expect(normalizeDrugEvents(records)).toEqual(normalizeDrugEvents(records));
      }),
      { numRuns: 100 },
    );
  });
});

describe("normalizeDeviceEvents never throws", () => {
  test("property: arbitrary JSON values → no exception, outputRecords ≤ inputRecords, counts reconcile", () => {
    fc.assert(
      fc.property(fc.array(fc.anything(), { maxLength: 20 }), (records) => {
        const { reports, quality } = normalizeDeviceEvents(records);
        expect(reports).toHaveLength(quality.outputRecords);
        expectReconciled(quality, DEVICE_REPORT_RULES);
      }),
      { numRuns: 300 },
    );
  });

  test("property: record-shaped junk → valid DeviceReports, distinct ids, reconciled counts", () => {
    fc.assert(
      fc.property(fc.array(deviceEventLike, { maxLength: 12 }), (records) => {
        const { reports, quality } = normalizeDeviceEvents(records);
        deviceReportSchema.array().parse(reports);
        dataQualitySchema.parse(quality);
        expect(new Set(reports.map((r) => r.reportId)).size).toBe(reports.length);
        expectReconciled(quality, DEVICE_REPORT_RULES);
      }),
      { numRuns: 300 },
    );
  });
});

describe("edge inputs", () => {
  test.each([
    ["empty array", []],
    ["null-prototype record", [Object.assign(Object.create(null) as object, { safetyreportid: "N" })]],
    [
      "deeply odd values",
      [{ safetyreportid: "X", patient: { drug: [[], null, 1, "a"], reaction: [[], { reactionmeddrapt: ["RASH"] }] } }],
    ],
  ])("%s does not throw", (_label, records) => {
    expect(() => normalizeDrugEvents(records)).not.toThrow();
    expect(() => normalizeDeviceEvents(records)).not.toThrow();
  });

  test("a null-prototype record is read like a plain one", () => {
    const record = Object.assign(Object.create(null) as object, { safetyreportid: "N", serious: "1" });
    expect(normalizeDrugEvents([record]).reports[0]).toMatchObject({ reportId: "N", serious: true });
  });

  test("a non-array argument (untyped caller) is treated as no records", () => {
    const notAnArray = { length: 3 } as unknown as unknown[];
    expect(normalizeDrugEvents(notAnArray).quality).toMatchObject({ inputRecords: 0, outputRecords: 0 });
  });
});
