import type { DataQuality, DataQualityRule } from "@/lib/schemas/case-report";

export interface QualityRuleDefinition<RuleId extends string = string> {
  rule: RuleId;
  description: string;
}

/** Mutable counters for one normalization run. */
export interface QualityTally<RuleId extends string> {
  /** A value was derived, converted or replaced (e.g. set to null) by `rule`. */
  change(rule: RuleId, count?: number): void;
  /** Items (reports, drugs, reactions, devices) were removed by `rule`. */
  drop(rule: RuleId, count?: number): void;
  /** Every defined rule in definition order, including rules that never fired. */
  toRules(): DataQualityRule[];
  /** The data-quality summary of the run: record counts plus every rule with its counts. */
  toDataQuality(counts: { rulesVersion: string; inputRecords: number; outputRecords: number }): DataQuality;
}

/** Creates counters for the given rules, all starting at zero. */
export function createQualityTally<RuleId extends string>(
  definitions: readonly QualityRuleDefinition<RuleId>[],
): QualityTally<RuleId> {
  const counts = new Map<RuleId, { changed: number; dropped: number }>(
    definitions.map((definition) => [definition.rule, { changed: 0, dropped: 0 }]),
  );
  const countsFor = (rule: RuleId) => {
    const entry = counts.get(rule);
    // Rule ids are typed, so this only fires if a caller casts around the types.
    if (!entry) throw new Error(`Unknown data-quality rule: ${rule}`);
    return entry;
  };
  const toRules = () => definitions.map(({ rule, description }) => ({ rule, description, ...countsFor(rule) }));
  return {
    change(rule, count = 1) {
      countsFor(rule).changed += count;
    },
    drop(rule, count = 1) {
      countsFor(rule).dropped += count;
    },
    toRules,
    toDataQuality: (recordCounts) => ({ ...recordCounts, rules: toRules() }),
  };
}
