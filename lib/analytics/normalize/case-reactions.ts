import type { CaseReaction } from "@/lib/schemas/case-report";
import { toCleanUpperText } from "./clean-text";
import type { DrugEventRuleId } from "./drug-event-rules";
import type { QualityTally } from "./quality-tally";
import { pickMoreSevereOutcome, toReactionOutcome } from "./reaction-outcome";
import type { RawReaction } from "./raw-drug-event-schema";

/**
 * Normalizes `patient.reaction[]` of one report.
 * - pt: `reactionmeddrapt` upper-cased and trimmed (openFDA's `.exact` index upper-cases too, and
 *   older records are in mixed case); empty PTs are dropped.
 * - outcome from `reactionoutcome` (1 recovered … 5 fatal; 6 or missing → unknown).
 * - a PT listed twice is one reaction with the most severe outcome (see REACTION_OUTCOME_SEVERITY).
 * Output keeps first-seen order.
 */
export function toCaseReactions(
  rawReactions: readonly RawReaction[],
  tally: QualityTally<DrugEventRuleId>,
): CaseReaction[] {
  const reactions = new Map<string, CaseReaction>();
  for (const rawReaction of rawReactions) {
    const pt = toCleanUpperText(rawReaction.reactionmeddrapt);
    if (pt === "") {
      tally.drop("reaction.empty_pt_dropped");
      continue;
    }
    const outcome = toReactionOutcome(rawReaction.reactionoutcome);
    if (outcome.unrecognized) tally.change("code.unrecognized_value");
    const existing = reactions.get(pt);
    if (existing) {
      existing.outcome = pickMoreSevereOutcome(existing.outcome, outcome.value);
      tally.drop("reaction.duplicate_merged");
      continue;
    }
    reactions.set(pt, { pt, outcome: outcome.value });
  }
  return [...reactions.values()];
}
