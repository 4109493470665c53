import { describe, expect, test } from "vitest";
import { pickMoreSevereOutcome, toReactionOutcome } from "@/lib/analytics/normalize";
import type { ReactionOutcome } from "@/lib/schemas/case-report";

describe("toReactionOutcome", () => {
  test.each([
    ["1", "recovered", false],
    ["2", "recovering", false],
    ["3", "not_recovered", false],
    ["4", "recovered_with_sequelae", false],
    ["5", "fatal", false],
    ["6", "unknown", false],
    [undefined, "unknown", false],
    ["", "unknown", false],
    ["7", "unknown", true],
    ["fatal", "unknown", true],
  ] as const)("%j → %s (unrecognized: %s)", (raw, outcome, unrecognized) => {
    expect(toReactionOutcome(raw)).toEqual({ value: outcome, unrecognized });
  });
});

describe("pickMoreSevereOutcome", () => {
  // Severity, worst first, as specified: fatal > not_recovered > recovered_with_sequelae > recovering > recovered > unknown.
  const worstFirst: ReactionOutcome[] = [
    "fatal",
    "not_recovered",
    "recovered_with_sequelae",
    "recovering",
    "recovered",
    "unknown",
  ];
  const pairs = worstFirst.flatMap((worse, i) => worstFirst.slice(i).map((other) => [worse, other] as const));

  test.each(pairs)("%s vs %s → %s", (worse, other) => {
    expect(pickMoreSevereOutcome(worse, other)).toBe(worse);
    expect(pickMoreSevereOutcome(other, worse)).toBe(worse);
  });
});
