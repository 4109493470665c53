import { expect, test } from "vitest";
import { scopeAsk } from "@/lib/pipeline/ask";

const caller = "user:u1" as const;

test.each([
  // [query, asOf, today] → [to, ctx.today]
  [{}, undefined, "2026-12-02", undefined, "2026-12-02"],
  [{ to: "2020-01-01" }, undefined, "2026-12-02", "2020-01-01", "2026-12-02"],
  [{}, "2024-06-30", "2026-12-02", "2024-06-30", "2024-06-30"],
  [{ to: "2025-01-01" }, "2024-06-30", "2026-12-02", "2024-06-30", "2024-06-30"],
  [{ to: "2023-01-01" }, "2024-06-30", "2026-12-02", "2023-01-01", "2024-06-30"],
  // An as-of date in the future does not move today forward.
  [{}, "2030-01-01", "2026-12-02", "2030-01-01", "2026-12-02"],
] as const)("query %o as of %s (today %s): to = %s, today = %s", (query, asOf, today, to, ctxToday) => {
  const scoped = scopeAsk(query as { from?: string; to?: string }, asOf === undefined ? { caller } : { caller, asOf }, today);
  expect(scoped.query.to).toBe(to);
  expect(scoped.ctx).toEqual({ caller, today: ctxToday });
});

test("a from after the as-of date is invalid input naming from", () => {
  expect(() => scopeAsk({ from: "2025-01-01" }, { caller, asOf: "2024-12-31" }, "2026-12-02")).toThrow(/from \(2025-01-01\) is after the as-of date/);
});
