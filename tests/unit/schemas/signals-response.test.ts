import { describe, expect, test } from "vitest";
import { computeMeasures, measuresWithoutTable } from "@/lib/analytics/disproportionality";
import { signalRowSchema } from "@/lib/schemas/signals-response";

const extra = { ebgm: null, ebgmReason: "n/a" };
const margins = { a: 9, drugReports: 61, eventReports: 4, allReports: 100 };
const reasons = [{ code: "a_exceeds_event_reports" as const, message: "9 > 4" }];

describe("signalRowSchema", () => {
  test("accepts a computed row and a row without a table that says why", () => {
    expect(signalRowSchema.safeParse({ event: "X", ...computeMeasures({ a: 10, b: 20, c: 30, d: 400 }), ...extra }).success).toBe(true);
    expect(signalRowSchema.safeParse({ event: "X", ...measuresWithoutTable(margins, reasons), ...extra }).success).toBe(true);
  });

  test("rejects a missing table without the inconsistency, and an inconsistency beside a table", () => {
    const { inconsistent, ...noReason } = measuresWithoutTable(margins, reasons);
    expect(signalRowSchema.safeParse({ event: "X", ...noReason, ...extra }).success).toBe(false);
    expect(signalRowSchema.safeParse({ event: "X", ...computeMeasures({ a: 1, b: 1, c: 1, d: 1 }), inconsistent, ...extra }).success).toBe(false);
  });
});
