import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { normalizeDeviceEvents, NORMALIZATION_RULES_VERSION, toNarrative } from "@/lib/analytics/normalize";
import { deviceReportSchema } from "@/lib/schemas/case-report";

// tests/fixtures/maude/generated-mdr-text-redacted.json is GENERATED (see its README), not FDA data.
const record: unknown = JSON.parse(readFileSync(path.join(__dirname, "../../fixtures/maude/generated-mdr-text-redacted.json"), "utf8"));

describe("device narrative from mdr_text", () => {
  const { reports, quality } = normalizeDeviceEvents([record]);

  test("non-blank texts, trimmed, in the order given, joined by a blank line; (B)(6) flags the redaction", () => {
    expect(reports).toHaveLength(1);
    const [report] = reports;
    expect(report?.narrative).toBe(
      "IT WAS REPORTED THAT THE PATIENT, (B)(6), EXPERIENCED PAIN AFTER THE PROCEDURE.\nREVISION SURGERY WAS PERFORMED." +
        "\n\n" +
        "THE DEVICE WAS NOT RETURNED FOR EVALUATION.",
    );
    expect(report?.narrativeRedacted).toBe(true);
    expect(() => deviceReportSchema.parse(report)).not.toThrow();
    expect(quality.rulesVersion).toBe(NORMALIZATION_RULES_VERSION);
  });

  test("no mdr_text, or only blank texts: null and not redacted", () => {
    const { reports: none } = normalizeDeviceEvents([{ mdr_report_key: "9900000002" }, { mdr_report_key: "9900000003", mdr_text: [{ text: " " }, "junk"] }]);
    expect(none.map((r) => [r.narrative, r.narrativeRedacted])).toEqual([
      [null, false],
      [null, false],
    ]);
  });

  test.each([
    ["(b)(4). THE DEVICE WAS RETURNED.", true],
    ["NAME (B)(6) WITHHELD", true],
    ["( b ) ( 6 )", true],
    ["(b)(5) is not a MAUDE redaction marker", false],
    ["section b 6 of the form", false],
    ["(B)(4", false],
  ])("%s → redacted %s", (text, redacted) => {
    expect(toNarrative([{ text, text_type_code: undefined }])).toEqual({ narrative: text, redacted });
  });
});
