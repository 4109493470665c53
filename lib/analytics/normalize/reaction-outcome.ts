import type { ReactionOutcome } from "@/lib/schemas/case-report";
import { lookupCode, type CodeLookup } from "./code-lookup";

const REACTION_OUTCOME_BY_CODE: Readonly<Record<string, ReactionOutcome>> = {
  "1": "recovered",
  "2": "recovering",
  "3": "not_recovered",
  "4": "recovered_with_sequelae",
  "5": "fatal",
  "6": "unknown",
};

/**
 * Severity rank used when the same PT appears twice in one report and the entries disagree.
 * The merged reaction keeps the worst known state, so merging can never hide a death or an ongoing
 * harm: fatal > not_recovered (harm ongoing) > recovered_with_sequelae (resolved, lasting damage) >
 * recovering > recovered. "unknown" ranks lowest because any known outcome says more than none.
 */
export const REACTION_OUTCOME_SEVERITY: Readonly<Record<ReactionOutcome, number>> = {
  unknown: 0,
  recovered: 1,
  recovering: 2,
  recovered_with_sequelae: 3,
  not_recovered: 4,
  fatal: 5,
};

/** Reaction outcome from `patient.reaction[].reactionoutcome` (1–6); 6 and missing are "unknown". */
export function toReactionOutcome(raw: string | undefined): CodeLookup<ReactionOutcome> {
  return lookupCode(REACTION_OUTCOME_BY_CODE, raw, "unknown");
}

/** The more severe of two outcomes per {@link REACTION_OUTCOME_SEVERITY}. */
export function pickMoreSevereOutcome(a: ReactionOutcome, b: ReactionOutcome): ReactionOutcome {
  return REACTION_OUTCOME_SEVERITY[b] > REACTION_OUTCOME_SEVERITY[a] ? b : a;
}
