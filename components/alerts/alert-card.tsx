"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format-date-time";
import { InlineMessage } from "@/components/ui/inline-message";
import { useMoveAlertMutation } from "@/lib/client/alert-queries";
import { splitFieldErrors } from "@/lib/client/field-errors";
import { ALERT_MOVES, moveNeedsReason } from "@/lib/alerts/lifecycle";
import { ALERT_OUTCOMES, type AlertOutcome, type AlertRecord, type AlertState } from "@/lib/schemas/alerts";

export const STATE_LABEL: Record<AlertState, string> = {
  new: "New",
  validated: "Validated",
  under_assessment: "Under assessment",
  dismissed: "Dismissed",
  closed: "Closed",
};

const STATE_STYLE: Record<AlertState, string> = {
  new: "bg-red-50 text-red-800 border-red-200",
  validated: "bg-amber-50 text-amber-900 border-amber-200",
  under_assessment: "bg-indigo-50 text-indigo-800 border-indigo-200",
  dismissed: "bg-slate-100 text-slate-600 border-slate-200",
  closed: "bg-emerald-50 text-emerald-900 border-emerald-200",
};

/** The button that makes a move, by where it goes (and, for "new", where from: only a reopen leads there). */
const MOVE_LABEL: Record<AlertState, string> = {
  new: "Reopen",
  validated: "Validate",
  under_assessment: "Start assessment",
  dismissed: "Dismiss",
  closed: "Close",
};

const OUTCOME_LABEL: Record<AlertOutcome, string> = { confirmed: "Confirmed signal", refuted: "Refuted", no_action: "No action needed" };

export function StateBadge({ state }: { state: AlertState }) {
  return (
    <span className={`rounded border px-1.5 py-0.5 text-xs font-medium ${STATE_STYLE[state]}`} data-testid="alert-state">
      {STATE_LABEL[state]}
    </span>
  );
}

function MoveForm({ alert, to, onDone }: { alert: AlertRecord; to: AlertState; onDone: () => void }) {
  const move = useMoveAlertMutation();
  const [reason, setReason] = useState("");
  const [outcome, setOutcome] = useState<AlertOutcome | "">("");
  const needsReason = moveNeedsReason(alert.state, to);
  const errors = move.isError ? splitFieldErrors(move.error.message, ["reason", "outcome"]) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    move.mutate(
      { id: alert.id, to, ...(reason.trim() ? { reason: reason.trim() } : {}), ...(to === "closed" && outcome ? { outcome } : {}) },
      { onSuccess: onDone },
    );
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-slate-50 p-2" aria-label={`${MOVE_LABEL[to]} ${alert.id}`}>
      <Field label={needsReason ? "Reason (required)" : "Reason (optional)"} size="sm" className="min-w-72 flex-1" error={errors?.fields.reason}>
        {(control) => <input {...control} required={needsReason} value={reason} onChange={(e) => setReason(e.target.value)} name="reason" />}
      </Field>
      {to === "closed" ? (
        <Field label="Outcome" size="sm" error={errors?.fields.outcome}>
          {(control) => (
            <select {...control} required value={outcome} onChange={(e) => setOutcome(e.target.value as AlertOutcome | "")} name="outcome">
              <option value="">Choose…</option>
              {ALERT_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {OUTCOME_LABEL[o]}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <Button type="submit" variant="primary" size="sm" disabled={move.isPending}>
        {move.isPending ? "Saving…" : `Confirm: ${MOVE_LABEL[to].toLowerCase()}`}
      </Button>
      <Button size="sm" onClick={onDone}>
        Cancel
      </Button>
      {errors && errors.other.length > 0 ? <InlineMessage kind="error">{errors.other.join("; ")}</InlineMessage> : null}
    </form>
  );
}

function Provenance({ alert }: { alert: AlertRecord }) {
  const p = alert.finding.provenance;
  return (
    <details className="text-xs text-slate-700" data-testid="alert-provenance">
      <summary className="cursor-pointer text-slate-600">Provenance</summary>
      <dl className="mt-1 grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1">
        <dt className="text-slate-500">Source</dt>
        <dd>{p.source}</dd>
        <dt className="text-slate-500">Data as of</dt>
        <dd>{p.dataDate ?? "unknown"}</dd>
        <dt className="text-slate-500">Retrieved</dt>
        <dd>{formatDateTime(p.retrievedAt)}</dd>
        <dt className="text-slate-500">Method</dt>
        <dd>{p.method}</dd>
        <dt className="text-slate-500">Parameters</dt>
        <dd className="font-mono break-all">{Object.keys(p.parameters).length > 0 ? JSON.stringify(p.parameters) : "defaults"}</dd>
        <dt className="text-slate-500">Threshold</dt>
        <dd>{p.threshold}</dd>
        <dt className="text-slate-500">Queries</dt>
        <dd>
          <ul className="space-y-0.5">
            {p.queries.map((q) => (
              <li key={q} className="font-mono break-all">
                {q}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
    </details>
  );
}

function History({ alert, userLabel }: { alert: AlertRecord; userLabel: (id: string) => string }) {
  if (alert.history.length === 0) return null;
  return (
    <details className="text-xs text-slate-700" data-testid="alert-history">
      <summary className="cursor-pointer text-slate-600">History ({alert.history.length})</summary>
      <ol className="mt-1 space-y-1">
        {alert.history.map((t, i) => (
          <li key={`${t.at}-${i}`}>
            {formatDateTime(t.at)} · {userLabel(t.by)}: {STATE_LABEL[t.from]} → {STATE_LABEL[t.to]}
            {t.outcome ? ` (${OUTCOME_LABEL[t.outcome]})` : ""}
            {t.reason ? ` — “${t.reason}”` : ""}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** One alert: what was found, where it came from, its state and history, and the moves allowed from here. */
export function AlertCard({ alert, canAssess, userId, fresh }: { alert: AlertRecord; canAssess: boolean; userId: string; fresh?: boolean }) {
  const [moving, setMoving] = useState<AlertState | null>(null);
  const moves = ALERT_MOVES[alert.state];
  const userLabel = (id: string) => (id === userId ? "you" : id === "schedule" ? "schedule" : id);
  return (
    <li
      id={alert.id}
      className={`space-y-2 rounded border bg-white p-3 ${fresh ? "border-amber-400" : "border-slate-200"}`}
      data-testid="alert-row"
      data-alert-id={alert.id}
      data-alert-state={alert.state}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div className="space-y-0.5">
          <p className="font-medium">
            <StateBadge state={alert.state} /> <span data-testid="alert-title">{alert.finding.title}</span>
          </p>
          <p className="text-xs text-slate-500">
            <span data-testid="alert-kind">{alert.kind.replace(/_/g, " ")}</span> ·{" "}
            <Link href={alert.links.product} className="text-indigo-700 hover:underline" data-testid="alert-product">
              {alert.product.name}
            </Link>{" "}
            ({alert.product.type}) · score {Number.isFinite(alert.finding.score) ? alert.finding.score.toFixed(2) : String(alert.finding.score)} · raised {formatDateTime(alert.createdAt)}
            {alert.outcome ? ` · outcome: ${OUTCOME_LABEL[alert.outcome]}` : ""}
            {alert.follows ? (
              <>
                {" "}
                · follows{" "}
                <a href={`#${alert.follows}`} className="text-indigo-700 hover:underline">
                  {alert.follows}
                </a>
              </>
            ) : null}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {alert.links.report ? (
            <Link href={alert.links.report} className="rounded border border-slate-300 px-2 py-1 text-sm text-indigo-700 hover:bg-slate-50">
              Report
            </Link>
          ) : null}
          {canAssess
            ? moves.map((to) => (
                <Button key={to} size="sm" variant={moving === to ? "primary" : "secondary"} onClick={() => setMoving(moving === to ? null : to)} data-move={to}>
                  {MOVE_LABEL[to]}
                </Button>
              ))
            : null}
        </div>
      </div>
      <p className="text-sm text-slate-700" data-testid="alert-summary">
        {alert.finding.summary}
      </p>
      {moving && moves.includes(moving) ? <MoveForm key={moving} alert={alert} to={moving} onDone={() => setMoving(null)} /> : null}
      <Provenance alert={alert} />
      <History alert={alert} userLabel={userLabel} />
    </li>
  );
}
