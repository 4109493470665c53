import type { AlertState } from "@/lib/schemas/alerts";

// GVP Module IX's signal-management states, with exactly these moves; any other is a 409 (the use
// case's job). Pure: no I/O, no clock.

export const ALERT_MOVES: Readonly<Record<AlertState, readonly AlertState[]>> = {
  new: ["validated", "dismissed"],
  validated: ["under_assessment", "dismissed"],
  under_assessment: ["closed"],
  /** Reopen, with a reason. */
  dismissed: ["new"],
  /** Final: a worsening finding raises a new alert that `follows` the closed one. */
  closed: [],
};

export function isAllowedMove(from: AlertState, to: AlertState): boolean {
  return ALERT_MOVES[from].includes(to);
}

/** Moves that must carry a reason: reopening and closing (closing also needs an outcome). */
export function moveNeedsReason(from: AlertState, to: AlertState): boolean {
  return to === "closed" || (from === "dismissed" && to === "new");
}
