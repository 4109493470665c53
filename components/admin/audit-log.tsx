"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { Field } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format-date-time";
import { InlineMessage } from "@/components/ui/inline-message";
import { StateMessage } from "@/components/ui/state-message";
import { useAuditLogQuery, type AuditFilters } from "@/lib/client/admin-queries";
// Types only: a runtime import of lib/schemas would ship zod to the browser, and zod's eval probe (for its
// JIT object parser) is a CSP violation under our script-src. The server page passes the value lists.
import type { AuditAction, AuditEntry, AuditOutcome } from "@/lib/schemas/audit";

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
  refused: "text-red-700",
};

function describeDetails(details: AuditEntry["details"]): string {
  if (!details) return "";
  return Object.entries(details)
    .map(([key, value]) => `${key}=${value === null ? "null" : String(value)}`)
    .join(", ");
}

const AUDIT_COLUMNS: DataTableColumn<AuditEntry>[] = [
  { key: "time", header: "Time", className: "whitespace-nowrap", cell: (entry) => <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> },
  { key: "action", header: "Action", className: "font-mono text-xs", cell: (entry) => entry.action },
  { key: "outcome", header: "Outcome", cell: (entry) => <span className={OUTCOME_STYLE[entry.outcome]}>{entry.outcome}</span> },
  {
    key: "actor",
    header: "Actor",
    cell: (entry) => (
      <>
        {entry.actor.email ?? entry.actor.userId ?? "—"}
        {entry.actor.via && <span className="block text-xs text-slate-500">via {entry.actor.via}</span>}
      </>
    ),
  },
  {
    key: "target",
    header: "Target",
    cell: (entry) =>
      entry.target ? (
        <>
          <span className="text-xs text-slate-500">{entry.target.type}</span> {entry.target.label ?? entry.target.id}
        </>
      ) : (
        "—"
      ),
  },
  { key: "ip", header: "Source IP", className: "font-mono text-xs", cell: (entry) => entry.source.ip ?? "—" },
  { key: "details", header: "Details", className: "font-mono text-xs break-all", cell: (entry) => describeDetails(entry.details) },
];

/** A filter select: one of `options`, or "" for any. */
function AnyOfSelect<T extends string>({ label, anyLabel, options, value, onChange }: { label: string; anyLabel: string; options: readonly T[]; value: T | ""; onChange: (value: T | "") => void }) {
  return (
    <Field label={label}>
      {(control) => (
        <select {...control} value={value} onChange={(e) => onChange(e.target.value as T | "")}>
          <option value="">{anyLabel}</option>
          {options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function FiltersForm({ actions, outcomes, onApply }: Choices & { onApply: (draft: Draft) => void }) {
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(draft);
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
      <AnyOfSelect label="Action" anyLabel="any action" options={actions} value={draft.action} onChange={(value) => set("action", value)} />
      <AnyOfSelect label="Outcome" anyLabel="any outcome" options={outcomes} value={draft.outcome} onChange={(value) => set("outcome", value)} />
      <Field label="Actor email" className="min-w-48">
        {(control) => <input {...control} type="search" value={draft.actorEmail} onChange={(e) => set("actorEmail", e.target.value)} maxLength={320} />}
      </Field>
      <Field label="Since">
        {(control) => <input {...control} type="date" value={draft.sinceDate} onChange={(e) => set("sinceDate", e.target.value)} />}
      </Field>
      <Field label="Until">
        {(control) => <input {...control} type="date" value={draft.untilDate} onChange={(e) => set("untilDate", e.target.value)} />}
      </Field>
      <Button type="submit" variant="primary" size="lg">
        Apply filters
      </Button>
      <Button
        size="lg"
        onClick={() => {
          setDraft(EMPTY_DRAFT);
          onApply(EMPTY_DRAFT);
        }}
      >
        Clear
      </Button>
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
        <Button size="sm" onClick={() => void log.refetch()} disabled={log.isFetching}>
          Refresh
        </Button>
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
          <div className="overflow-x-auto">
            <DataTable
              caption="Audit log entries, newest first"
              columns={AUDIT_COLUMNS}
              rows={entries}
              rowKey={(entry) => entry.id}
              rowProps={(entry) => ({ "data-audit-action": entry.action })}
              empty={<StateMessage kind="empty">No audit entries match these filters{log.hasNextPage ? " so far" : ""}.</StateMessage>}
              testId="audit-table"
            />
          </div>
          {log.hasNextPage && (
            <Button onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
              {log.isFetchingNextPage ? "Loading…" : "Load more"}
            </Button>
          )}
        </div>
      )}
    </section>
  );
}
