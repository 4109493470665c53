"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ProductKindField, type ProductKind } from "@/components/ui/product-kind-field";
import { InlineMessage } from "@/components/ui/inline-message";
import { useRequestReportMutation } from "@/lib/client/report-queries";
import type { ReportRequestInput } from "@/lib/schemas/reports";

/** What the form starts with: empty, or the product page's product, period and spike settings (from the URL). */
export type ReportFormPrefill = {
  kind: ProductKind;
  name: string;
  from: string;
  to: string;
  spikeMethod?: string;
  spikeParams?: Record<string, unknown>;
};

/** Requests a CER through the `reports.request` server action; the list below shows its progress. */
export function ReportRequestForm({ prefill }: { prefill: ReportFormPrefill }) {
  const request = useRequestReportMutation();
  const [draft, setDraft] = useState({ ...prefill, title: "", evaluator: "", qualifications: "", intendedPurpose: "" });
  const [done, setDone] = useState<string | null>(null);
  const set = (patch: Partial<typeof draft>) => setDraft({ ...draft, ...patch });

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const input = {
      product: { [draft.kind]: draft.name.trim() },
      from: draft.from,
      to: draft.to,
      ...(draft.title.trim() ? { title: draft.title.trim() } : {}),
      ...(draft.evaluator.trim()
        ? { evaluator: { name: draft.evaluator.trim(), ...(draft.qualifications.trim() ? { qualifications: draft.qualifications.trim() } : {}) } }
        : {}),
      ...(draft.intendedPurpose.trim() ? { intendedPurpose: draft.intendedPurpose.trim() } : {}),
      ...(prefill.spikeMethod ? { spikeMethod: prefill.spikeMethod } : {}),
      ...(prefill.spikeParams && Object.keys(prefill.spikeParams).length > 0 ? { spikeParams: prefill.spikeParams } : {}),
    } as ReportRequestInput;
    request.mutate(input, { onSuccess: ({ reportId }) => setDone(`Report ${reportId} requested; it is being built below.`) });
  }

  return (
    <form onSubmit={submit} className="space-y-3 rounded border border-slate-200 bg-white p-4" aria-label="Request a CER">
      <h2 className="text-lg font-semibold">Request a clinical evaluation report</h2>
      {request.isError ? <InlineMessage kind="error">Could not request the report: {request.error.message}</InlineMessage> : null}
      {done ? <InlineMessage kind="done">{done}</InlineMessage> : null}
      <div className="flex flex-wrap items-end gap-3">
        <ProductKindField value={draft.kind} onChange={(kind) => set({ kind })} />
        <Field label="Product" size="sm" className="min-w-56">
          {(control) => <input {...control} required value={draft.name} onChange={(e) => set({ name: e.target.value })} />}
        </Field>
        <Field label="From (received)" size="sm">
          {(control) => <input {...control} type="date" required value={draft.from} onChange={(e) => set({ from: e.target.value })} />}
        </Field>
        <Field label="To (received)" size="sm">
          {(control) => <input {...control} type="date" required value={draft.to} onChange={(e) => set({ to: e.target.value })} />}
        </Field>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <Field label="Title (optional)" size="sm" className="min-w-72 flex-1">
          {(control) => <input {...control} value={draft.title} onChange={(e) => set({ title: e.target.value })} />}
        </Field>
        <Field label="Evaluator (optional)" size="sm">
          {(control) => <input {...control} value={draft.evaluator} onChange={(e) => set({ evaluator: e.target.value })} />}
        </Field>
        <Field label="Qualifications (optional)" size="sm" className="min-w-56">
          {(control) => <input {...control} value={draft.qualifications} onChange={(e) => set({ qualifications: e.target.value })} />}
        </Field>
      </div>
      <Field label="Intended purpose (optional; else marked for the evaluator)" size="sm">
        {(control) => <textarea {...control} rows={2} value={draft.intendedPurpose} onChange={(e) => set({ intendedPurpose: e.target.value })} />}
      </Field>
      {prefill.spikeMethod ? (
        <p className="text-xs text-slate-500" data-testid="report-spike-settings">
          Spike detection: {prefill.spikeMethod}
          {prefill.spikeParams && Object.keys(prefill.spikeParams).length > 0
            ? ` (${Object.entries(prefill.spikeParams).map(([k, v]) => `${k}=${String(v)}`).join(", ")})`
            : ""}
          , from the product page.
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={request.isPending}>
        {request.isPending ? "Requesting…" : "Generate CER"}
      </Button>
    </form>
  );
}
