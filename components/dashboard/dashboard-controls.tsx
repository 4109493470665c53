"use client";
import { useState, type FormEvent } from "react";

export type DashboardControlsValue = { from: string; to: string; interval: "week" | "month" | "quarter" | "year" };

/** Date range and interval; applied on submit so each change is one set of requests. */
export function DashboardControls({ value, onApply }: { value: DashboardControlsValue; onApply: (next: DashboardControlsValue) => void }) {
  const [draft, setDraft] = useState(value);

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(draft);
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3 text-sm" aria-label="Date range and interval">
      <label className="flex flex-col">
        <span className="mb-1 text-slate-600">From (received)</span>
        <input type="date" className="rounded border border-slate-300 px-2 py-1" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
      </label>
      <label className="flex flex-col">
        <span className="mb-1 text-slate-600">To (received)</span>
        <input type="date" className="rounded border border-slate-300 px-2 py-1" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
      </label>
      <label className="flex flex-col">
        <span className="mb-1 text-slate-600">Interval</span>
        <select
          aria-label="Interval"
          className="rounded border border-slate-300 bg-white px-2 py-1"
          value={draft.interval}
          onChange={(e) => setDraft({ ...draft, interval: e.target.value as DashboardControlsValue["interval"] })}
        >
          <option value="week">Week</option>
          <option value="month">Month</option>
          <option value="quarter">Quarter</option>
          <option value="year">Year</option>
        </select>
      </label>
      <button type="submit" className="rounded bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-700">
        Apply
      </button>
    </form>
  );
}
