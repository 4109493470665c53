// GVP IX's alert states: exactly the moves, over every pair of states; which moves need a
// reason; and when a finding counts as worse.
import { describe, expect, test } from "vitest";
import { isWorsening, SCORE_WORSENING } from "@/lib/alerts/finding";
import { isAllowedMove, moveNeedsReason } from "@/lib/alerts/lifecycle";
import { ALERT_STATES, type AlertState } from "@/lib/schemas/alerts";

const ALLOWED: [AlertState, AlertState][] = [
  ["new", "validated"],
  ["new", "dismissed"],
  ["validated", "under_assessment"],
  ["validated", "dismissed"],
  ["under_assessment", "closed"],
  ["dismissed", "new"],
];
const pairs = ALERT_STATES.flatMap((from) => ALERT_STATES.map((to) => [from, to] as [AlertState, AlertState]));

describe("alert moves", () => {
  test.each(pairs)("%s → %s is allowed exactly when the issue lists it", (from, to) => {
    const listed = ALLOWED.some(([f, t]) => f === from && t === to);
    expect(isAllowedMove(from, to)).toBe(listed);
  });

  test("closed is final", () => {
    for (const to of ALERT_STATES) expect(isAllowedMove("closed", to)).toBe(false);
  });

  test("closing and reopening need a reason; the other moves do not", () => {
    for (const [from, to] of ALLOWED) expect(moveNeedsReason(from, to)).toBe(to === "closed" || (from === "dismissed" && to === "new"));
    expect(moveNeedsReason("under_assessment", "closed")).toBe(true);
    expect(moveNeedsReason("dismissed", "new")).toBe(true);
    expect(moveNeedsReason("new", "validated")).toBe(false);
  });
});

describe("isWorsening", () => {
  test("the same finding is not worse", () => {
    expect(isWorsening({ score: 1.5, rules: ["evans"] }, { score: 1.5, rules: ["evans"] })).toBe(false);
  });

  test("a lower score is not worse", () => {
    expect(isWorsening({ score: 2, rules: [] }, { score: 1, rules: [] })).toBe(false);
  });

  test(`a rise of at most ${SCORE_WORSENING * 100}% is noise; more is worse`, () => {
    expect(isWorsening({ score: 2, rules: [] }, { score: 2.19, rules: [] })).toBe(false);
    expect(isWorsening({ score: 2, rules: [] }, { score: 2.21, rules: [] })).toBe(true);
  });

  test("near zero, the rise must still be more than 0.01", () => {
    expect(isWorsening({ score: 0, rules: [] }, { score: 0.01, rules: [] })).toBe(false);
    expect(isWorsening({ score: 0, rules: [] }, { score: 0.02, rules: [] })).toBe(true);
  });

  test("a negative score uses its magnitude", () => {
    expect(isWorsening({ score: -1, rules: [] }, { score: -0.95, rules: [] })).toBe(false);
    expect(isWorsening({ score: -1, rules: [] }, { score: -0.85, rules: [] })).toBe(true);
  });

  test("a rule not met before is worse, even at a lower score", () => {
    expect(isWorsening({ score: 3, rules: ["evans"] }, { score: 2, rules: ["evans", "eb05"] })).toBe(true);
  });

  test("meeting fewer rules is not worse", () => {
    expect(isWorsening({ score: 3, rules: ["evans", "eb05"] }, { score: 3, rules: ["evans"] })).toBe(false);
  });
});
