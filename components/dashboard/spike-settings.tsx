"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { METHOD_PARAM_NAMES, type SpikeMethodWithParams } from "@/lib/analytics/anomalies/param-names";

export const SPIKE_METHODS = ["auto", "ears_c1", "ears_c2", "ears_c3", "farrington", "shesd"] as const;
export type SpikeMethod = (typeof SPIKE_METHODS)[number];
/** The method and its parameters as typed (strings, as in the URL); empty = the method's default. */
export type SpikeSettingsValue = { method: SpikeMethod; params: Record<string, string> };

const METHOD_LABEL: Record<SpikeMethod, string> = {
  auto: "Automatic (measured default)",
  ears_c1: "EARS C1",
  ears_c2: "EARS C2",
  ears_c3: "EARS C3",
  farrington: "Farrington-flexible",
  shesd: "S-H-ESD",
};

/** What each parameter means, shown under its box (the answer lists the value used and its source). */
const HINT: Record<string, string> = {
  "ears.threshold": "SDs above the baseline mean (CDC: 3; C3: 2 on its sum)",
  baseline: "periods in the baseline (7)",
  guard: "periods between baseline and period (2)",
  minSigma: "floor on the baseline SD (0)",
  "farrington.alpha": "one-sided error rate (0.05)",
  b: "years back (as many as fit, ≤ 5)",
  w: "half-window in periods",
  reweight: "down-weight past outbreaks",
  noPeriods: "levels of the seasonal factor",
  pastPeriodsNotIncluded: "recent periods left out of the fit",
  thresholdMethod: "nbPlugin (Noufaily), muan, delta",
  direction: "pos: rises only (default)",
  "shesd.alpha": "significance (0.05)",
  maxAnoms: "largest share flagged (0.02)",
  period: "points per cycle (the interval's)",
  "shesd.threshold": "keep flags above per-period maxima",
  onlyLast: "flags in the last cycle only",
  longtermPeriod: "points per piecewise window; null = one",
};

const CHOICES: Record<string, readonly string[]> = {
  reweight: ["true", "false"],
  onlyLast: ["true", "false"],
  thresholdMethod: ["nbPlugin", "muan", "delta"],
  direction: ["pos", "neg", "both"],
  "shesd.threshold": ["none", "med_max", "p95", "p99"],
};

const family = (method: SpikeMethodWithParams) => (method.startsWith("ears") ? "ears" : method);
const lookup = <T,>(table: Record<string, T>, method: SpikeMethodWithParams, name: string): T | undefined => table[`${family(method)}.${name}`] ?? table[name];

/** Spike method and its thresholds; applied on submit, kept in the URL with the other filters. */
export function SpikeSettings({ value, onApply }: { value: SpikeSettingsValue; onApply: (next: SpikeSettingsValue) => void }) {
  const [draft, setDraft] = useState(value);
  const names: readonly string[] = draft.method === "auto" ? [] : METHOD_PARAM_NAMES[draft.method];

  function submit(event: FormEvent) {
    event.preventDefault();
    const params = Object.fromEntries(Object.entries(draft.params).filter(([name, v]) => names.includes(name) && v.trim() !== ""));
    onApply({ method: draft.method, params });
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3 text-sm" aria-label="Spike detection settings">
      <Field label="Spike method" size="sm">
        {(control) => (
          <select {...control} value={draft.method} onChange={(e) => setDraft({ method: e.target.value as SpikeMethod, params: {} })}>
            {SPIKE_METHODS.map((m) => (
              <option key={m} value={m}>
                {METHOD_LABEL[m]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {draft.method === "auto"
        ? null
        : names.map((name) => {
            const method = draft.method as SpikeMethodWithParams;
            const choices = lookup(CHOICES, method, name);
            const current = draft.params[name] ?? "";
            const set = (v: string) => setDraft({ ...draft, params: { ...draft.params, [name]: v } });
            return (
              <Field key={name} label={name} hint={lookup(HINT, method, name)} size="sm" className="w-44">
                {(control) =>
                  choices ? (
                    <select {...control} value={current} onChange={(e) => set(e.target.value)}>
                      <option value="">(default)</option>
                      {choices.map((c) => (
                        <option key={c} value={c}>
                          {c}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input {...control} inputMode="decimal" placeholder="default" value={current} onChange={(e) => set(e.target.value)} />
                  )
                }
              </Field>
            );
          })}
      <Button type="submit" variant="primary">
        Run spike detection
      </Button>
    </form>
  );
}
