import "server-only";
import { publishAlertEvent } from "@/lib/alerts/alert-log";
import { getAlertStore } from "@/lib/alerts/alert-store";
import { ALERT_MOVES, isAllowedMove, moveNeedsReason } from "@/lib/alerts/lifecycle";
import { loadVisibleAlert } from "@/lib/alerts/use-cases/read-alerts";
import { recordAudit } from "@/lib/audit/record-audit";
import { auditBy, type ActorContext } from "@/lib/auth/audit-context";
import { roleHasPermission } from "@/lib/auth/permissions";
import { AppError, invalidInput, notFound } from "@/lib/errors/app-error";
import type { AlertMove, AlertRecord, AlertState, AlertTransition } from "@/lib/schemas/alerts";

// PATCH /api/alerts/{id} and the alerts page's action: one move through GVP IX's states
// (lib/alerts/lifecycle.ts). The move is from the state the alert was in when read: if another move
// lands first, this one is a 409 (even when the move would be allowed from the new state), so two
// assessors at once never both act on what they saw.

function allowedText(from: AlertState): string {
  const allowed = ALERT_MOVES[from];
  return allowed.length === 0 ? `none (${from} is final)` : allowed.join(", ");
}

function illegalMove(id: string, from: AlertState, to: AlertState): AppError {
  return new AppError({
    code: "conflict",
    message: `Alert ${id} is ${from}; it cannot move to ${to}. Allowed moves from ${from}: ${allowedText(from)}.`,
    details: { from, to, allowed: [...ALERT_MOVES[from]] },
  });
}

export async function moveAlert(actor: ActorContext, id: string, move: AlertMove): Promise<AlertRecord> {
  const { principal } = actor;
  const current = await loadVisibleAlert(principal, id);
  if (!roleHasPermission(principal.role, "alerts:assess")) {
    throw new AppError({ code: "forbidden", message: "Your role may see this alert but not move it (alerts:assess: analysts and admins)." });
  }
  const from = current.state;
  if (!isAllowedMove(from, move.to)) throw illegalMove(id, from, move.to);
  if (moveNeedsReason(from, move.to) && move.reason === undefined) {
    throw invalidInput(`${move.to === "closed" ? "Closing" : "Reopening"} an alert needs a reason.`, { parameter: "reason" });
  }
  const at = new Date().toISOString();
  const transition: AlertTransition = { from, to: move.to, at, by: principal.userId };
  if (move.reason !== undefined) transition.reason = move.reason;
  if (move.to === "closed" && move.outcome !== undefined) transition.outcome = move.outcome;

  const moved = await getAlertStore().update(id, (record) => {
    if (record.state !== from) {
      throw new AppError({
        code: "conflict",
        message: `Alert ${id} was moved to ${record.state} meanwhile; reload it. Allowed moves from ${record.state}: ${allowedText(record.state)}.`,
        details: { from: record.state, to: move.to, allowed: [...ALERT_MOVES[record.state]] },
      });
    }
    return {
      ...record,
      state: move.to,
      outcome: move.to === "closed" ? (move.outcome ?? null) : record.outcome,
      history: [...record.history, transition],
      updatedAt: at,
    };
  });
  if (!moved) throw notFound(`No alert ${id}.`);

  await publishAlertEvent({ type: "alert.moved", alertId: id, alert: moved });
  await recordAudit({
    action: "alert.moved",
    outcome: "success",
    ...auditBy(actor),
    target: { type: "alert", id, label: moved.finding.title.slice(0, 200) },
    details: { from, to: move.to, outcome: transition.outcome ?? null, reason: move.reason?.slice(0, 500) ?? null, watchlistId: moved.watchlistId },
  });
  return moved;
}
