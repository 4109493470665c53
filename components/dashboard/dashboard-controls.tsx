"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

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
      <Field label="From (received)" size="sm">
        {(control) => <input {...control} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />}
      </Field>
      <Field label="To (received)" size="sm">
        {(control) => <input {...control} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />}
      </Field>
      <Field label="Interval" size="sm">
        {(control) => (
          <select {...control} value={draft.interval} onChange={(e) => setDraft({ ...draft, interval: e.target.value as DashboardControlsValue["interval"] })}>
            <option value="week">Week</option>
            <option value="month">Month</option>
            <option value="quarter">Quarter</option>
            <option value="year">Year</option>
          </select>
        )}
      </Field>
      <Button type="submit" variant="primary">
        Apply
      </Button>
    </form>
  );
}
