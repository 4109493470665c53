import { describe, expect, test } from "vitest";
import { assertCron, latestDueSlot, slotGapMs } from "@/lib/jobs/cron";

const at = (iso: string) => new Date(iso);
const slot = (cron: string, iso: string) => latestDueSlot(cron, at(iso))?.toISOString();

describe("latest due cron slot (UTC)", () => {
  test("a daily 06:00 slot: just before it, yesterday's; at it and after, today's", () => {
    expect(slot("0 6 * * *", "2026-12-03T05:59:00Z")).toBe("2026-12-02T06:00:00.000Z");
    expect(slot("0 6 * * *", "2026-12-03T05:59:59.999Z")).toBe("2026-12-02T06:00:00.000Z");
    expect(slot("0 6 * * *", "2026-12-03T06:00:00Z")).toBe("2026-12-03T06:00:00.000Z");
    expect(slot("0 6 * * *", "2026-12-03T06:00:30Z")).toBe("2026-12-03T06:00:00.000Z");
    expect(slot("0 6 * * *", "2026-12-03T23:59:59Z")).toBe("2026-12-03T06:00:00.000Z");
  });

  test("only the latest slot is due, however many were missed", () => {
    // Every 5 minutes; the last slot before 10:07:30 is 10:05, not 10:00 or any earlier one.
    expect(slot("*/5 * * * *", "2026-12-03T10:07:30Z")).toBe("2026-12-03T10:05:00.000Z");
    // Weekly on Monday 06:00 (2026-11-30 is a Monday), seen on Thursday 2026-12-03.
    expect(slot("0 6 * * 1", "2026-12-03T12:00:00Z")).toBe("2026-11-30T06:00:00.000Z");
  });

  test("is UTC whatever the process's time zone", () => {
    expect(slot("30 0 1 * *", "2026-12-01T00:29:59Z")).toBe("2026-11-01T00:30:00.000Z");
    expect(slot("30 0 1 * *", "2026-12-01T00:30:00Z")).toBe("2026-12-01T00:30:00.000Z");
  });

  test("the gap between the latest two slots", () => {
    expect(slotGapMs("0 6 * * *", at("2026-12-03T07:00:00Z"))).toBe(86_400_000);
    expect(slotGapMs("*/5 * * * *", at("2026-12-03T10:07:30Z"))).toBe(300_000);
  });

  test("a bad expression is refused with its text", () => {
    expect(() => assertCron("61 * * * *")).toThrow(/"61 \* \* \* \*" is not a cron expression/);
    expect(() => assertCron("0 6 * * *")).not.toThrow();
  });
});
