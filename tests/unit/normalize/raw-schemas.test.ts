import { describe, expect, test } from "vitest";
import { rawDeviceEventSchema, rawDrugEventSchema } from "@/lib/analytics/normalize";

describe("rawDrugEventSchema", () => {
  test("accepts a record with every field missing", () => {
    const parsed = rawDrugEventSchema.parse({});
    expect(parsed.safetyreportid).toBeUndefined();
    expect(parsed.patient).toBeUndefined();
  });

  test("reads numbers as text and strips unknown keys", () => {
    const parsed = rawDrugEventSchema.parse({ safetyreportid: 10003633, safetyreportversion: 2, "@epoch": 1.5, extra: { a: 1 } });
    expect(parsed).toMatchObject({ safetyreportid: "10003633", safetyreportversion: "2" });
    expect(parsed).not.toHaveProperty("extra");
  });

  test("wrong types become undefined or empty lists instead of failing", () => {
    const parsed = rawDrugEventSchema.parse({
      safetyreportid: "A",
      serious: { code: 1 },
      primarysource: ["US"],
      patient: {
        patientonsetage: [26],
        drug: [null, { medicinalproduct: 5, openfda: { generic_name: "ASPIRIN", brand_name: [1, null, "BAYER"] } }],
        reaction: "RASH",
      },
    });
    expect(parsed.serious).toBeUndefined();
    expect(parsed.primarysource).toBeUndefined();
    expect(parsed.patient?.patientonsetage).toBeUndefined();
    expect(parsed.patient?.reaction).toEqual([]);
    expect(parsed.patient?.drug).toHaveLength(2);
    expect(parsed.patient?.drug[0]?.medicinalproduct).toBeUndefined();
    expect(parsed.patient?.drug[1]).toMatchObject({
      medicinalproduct: "5",
      openfda: { generic_name: ["ASPIRIN"], brand_name: ["1", "BAYER"] },
    });
  });

  test.each([null, undefined, 42, "record", [], [{}], true])("rejects a non-object record: %j", (value) => {
    expect(rawDrugEventSchema.safeParse(value).success).toBe(false);
  });
});

describe("rawDeviceEventSchema", () => {
  test("accepts a record with every field missing, with empty lists", () => {
    expect(rawDeviceEventSchema.parse({})).toMatchObject({ product_problems: [], patient: [], device: [] });
  });

  test("a lone device object counts as a one-item list; a string outcome as a one-item list", () => {
    const parsed = rawDeviceEventSchema.parse({
      mdr_report_key: 538836,
      device: { brand_name: "X", openfda: "not an object" },
      patient: [{ sequence_number_outcome: "Death", patient_problems: 7 }],
    });
    expect(parsed.mdr_report_key).toBe("538836");
    expect(parsed.device).toEqual([{ brand_name: "X", openfda: undefined }]);
    expect(parsed.patient[0]).toMatchObject({ sequence_number_outcome: ["Death"], patient_problems: ["7"] });
  });

  test.each([null, 1, "x", [{ mdr_report_key: "1" }]])("rejects a non-object record: %j", (value) => {
    expect(rawDeviceEventSchema.safeParse(value).success).toBe(false);
  });
});
