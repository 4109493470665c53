"use client";
import { useId, useState, type FormEvent } from "react";
import { formatDateTime } from "@/components/ui/format-date-time";
import { InlineMessage } from "@/components/ui/inline-message";
import { StateMessage } from "@/components/ui/state-message";
import { useAuditLogQuery, type AuditFilters } from "@/lib/client/admin-queries";
// Types only: a runtime import of lib/schemas would ship zod to the browser, and zod's eval probe (for its
// JIT object parser) is a CSP violation under our script-src. The server page passes the value lists.
import type { AuditAction, AuditEntry, AuditOutcome } from "@/lib/schemas/audit";

const INPUT = "rounded border border-slate-300 bg-white px-2 py-2";

type Choices = { actions: readonly AuditAction[]; outcomes: readonly AuditOutcome[] };

type Draft = { action: AuditAction | ""; outcome: AuditOutcome | ""; actorEmail: string; sinceDate: string; untilDate: string };
const EMPTY_DRAFT: Draft = { action: "", outcome: "", actorEmail: "", sinceDate: "", untilDate: "" };

/** Date inputs hold local calendar days; the API wants instants: the start of `since`, the end of `until`. */
function toFilters(draft: Draft): AuditFilters {
  const instant = (date: string, time: string) => {
    const value = new Date(`${date}T${time}`);
    return date === "" || Number.isNaN(value.getTime()) ? "" : value.toISOString();
  };
  return {
    action: draft.action,
    outcome: draft.outcome,
    actorEmail: draft.actorEmail.trim(),
    since: instant(draft.sinceDate, "00:00:00"),
    until: instant(draft.untilDate, "23:59:59.999"),
  };
}

const OUTCOME_STYLE: Record<AuditOutcome, string> = {
  success: "text-emerald-700",
  failure: "text-amber-700",
  denied: "text-red-700",
};

function describeDetails(details: AuditEntry["details"]): string {
  if (!details) return "";
  return Object.entries(details)
    .map(([key, value]) => `${key}=${value === null ? "null" : String(value)}`)
    .join(", ");
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  return (
    <tr className="border-b border-slate-100 align-top" data-audit-action={entry.action}>
      <td className="py-2 pr-3 whitespace-nowrap">
        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
      </td>
      <td className="py-2 pr-3 font-mono text-xs">{entry.action}</td>
      <td className={`py-2 pr-3 ${OUTCOME_STYLE[entry.outcome]}`}>{entry.outcome}</td>
      <td className="py-2 pr-3">
        {entry.actor.email ?? entry.actor.userId ?? "—"}
        {entry.actor.via && <span className="block text-xs text-slate-500">via {entry.actor.via}</span>}
      </td>
      <td className="py-2 pr-3">
        {entry.target ? (
          <>
            <span className="text-xs text-slate-500">{entry.target.type}</span> {entry.target.label ?? entry.target.id}
          </>
        ) : (
          "—"
        )}
      </td>
      <td className="py-2 pr-3 font-mono text-xs">{entry.source.ip ?? "—"}</td>
      <td className="py-2 font-mono text-xs break-all">{describeDetails(entry.details)}</td>
    </tr>
  );
}

function FiltersForm({ actions, outcomes, onApply }: Choices & { onApply: (draft: Draft) => void }) {
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const id = useId();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(draft);
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
      {/* Sibling labels for the selects: inside a <label>, a select's option texts join the label's text. */}
      <div className="flex flex-col text-sm">
        <label htmlFor={`${id}-action`} className="mb-1 text-slate-600">
          Action
        </label>
        <select id={`${id}-action`} className={INPUT} value={draft.action} onChange={(e) => set("action", e.target.value as Draft["action"])}>
          <option value="">any action</option>
          {actions.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col text-sm">
        <label htmlFor={`${id}-outcome`} className="mb-1 text-slate-600">
          Outcome
        </label>
        <select id={`${id}-outcome`} className={INPUT} value={draft.outcome} onChange={(e) => set("outcome", e.target.value as Draft["outcome"])}>
          <option value="">any outcome</option>
          {outcomes.map((outcome) => (
            <option key={outcome} value={outcome}>
              {outcome}
            </option>
          ))}
        </select>
      </div>
      <label className="flex min-w-48 flex-col text-sm">
        <span className="mb-1 text-slate-600">Actor email</span>
        <input className={INPUT} type="search" value={draft.actorEmail} onChange={(e) => set("actorEmail", e.target.value)} maxLength={320} />
      </label>
      <label className="flex flex-col text-sm">
        <span className="mb-1 text-slate-600">Since</span>
        <input className={INPUT} type="date" value={draft.sinceDate} onChange={(e) => set("sinceDate", e.target.value)} />
      </label>
      <label className="flex flex-col text-sm">
        <span className="mb-1 text-slate-600">Until</span>
        <input className={INPUT} type="date" value={draft.untilDate} onChange={(e) => set("untilDate", e.target.value)} />
      </label>
      <button type="submit" className="rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700">
        Apply filters
      </button>
      <button
        type="button"
        onClick={() => {
          setDraft(EMPTY_DRAFT);
          onApply(EMPTY_DRAFT);
        }}
        className="rounded border border-slate-300 bg-white px-4 py-2 text-slate-700 hover:bg-slate-50"
      >
        Clear
      </button>
    </form>
  );
}

/** The audit log, newest first, with filters and "Load more" paging. */
export function AuditLog({ actions, outcomes }: Choices) {
  const [filters, setFilters] = useState<AuditFilters>(() => toFilters(EMPTY_DRAFT));
  const log = useAuditLogQuery(filters);
  const entries = log.data?.pages.flatMap((page) => page.entries) ?? [];

  return (
    <section className="space-y-4" aria-labelledby="audit-heading">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="audit-heading" className="text-lg font-semibold">
          Audit log
        </h2>
        <button
          type="button"
          onClick={() => void log.refetch()}
          disabled={log.isFetching}
          className="rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-700 hover:bg-slate-50 disabled:opacity-60"
        >
          Refresh
        </button>
      </div>
      <FiltersForm actions={actions} outcomes={outcomes} onApply={(draft) => setFilters(toFilters(draft))} />
      {log.isPending ? (
        <StateMessage kind="loading">Loading the audit log…</StateMessage>
      ) : log.isError && entries.length === 0 ? (
        <StateMessage kind="error">Could not load the audit log: {log.error.message}</StateMessage>
      ) : (
        <div className="space-y-3">
          {log.isError && (
            <InlineMessage kind="error">Could not load more entries: {log.error.message}</InlineMessage>
          )}
          {entries.length === 0 ? (
            <StateMessage kind="empty">No audit entries match these filters{log.hasNextPage ? " so far" : ""}.</StateMessage>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full border-collapse text-left text-sm" data-testid="audit-table">
                <caption className="sr-only">Audit log entries, newest first</caption>
                <thead>
                  <tr className="border-b border-slate-200 text-slate-500">
                    <th scope="col" className="py-2 pr-3 font-medium">Time</th>
                    <th scope="col" className="py-2 pr-3 font-medium">Action</th>
                    <th scope="col" className="py-2 pr-3 font-medium">Outcome</th>
                    <th scope="col" className="py-2 pr-3 font-medium">Actor</th>
                    <th scope="col" className="py-2 pr-3 font-medium">Target</th>
                    <th scope="col" className="py-2 pr-3 font-medium">Source IP</th>
                    <th scope="col" className="py-2 font-medium">Details</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry) => (
                    <AuditRow key={entry.id} entry={entry} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {log.hasNextPage && (
            <button
              type="button"
              onClick={() => void log.fetchNextPage()}
              disabled={log.isFetchingNextPage}
              className="rounded border border-slate-300 bg-white px-4 py-2 text-sm text-slate-700 hover:bg-slate-50 disabled:opacity-60"
            >
              {log.isFetchingNextPage ? "Loading…" : "Load more"}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
