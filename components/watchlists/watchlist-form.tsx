"use client";
import { useState, type FormEvent } from "react";
import { SPIKE_METHODS } from "@/components/dashboard/spike-settings";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ProductKindField, type ProductKind } from "@/components/ui/product-kind-field";
import { InlineMessage } from "@/components/ui/inline-message";
import { splitFieldErrors } from "@/lib/client/field-errors";
import { useCreateWatchlistMutation, type WatchlistFormInput } from "@/lib/client/watchlist-queries";
import { AGE_BANDS } from "@/lib/analytics/age-bands";
import { SIGNAL_RULES, type WatchKind } from "@/lib/schemas/watchlists";

const RULE_LABEL: Record<(typeof SIGNAL_RULES)[number], string> = { evans: "Evans (PRR ≥ 2, χ² ≥ 4)", ror025: "ROR lower 95% > 1", ic025: "IC025 > 0", eb05: "EB05 ≥ 2" };
const WATCH_LABEL: Record<WatchKind, string> = { spike: "Spike in reports", signal: "Disproportionality signal", forecast_exceedance: "Above the forecast", fatal_report: "New fatal report" };

const PRODUCT_FILTERS = ["match", "sex", "ageBand", "serious", "country", "eventType"] as const;
const KNOWN_FIELDS = ["name", "product", "schedule", "sharing", "watch", "watch.0", "watch.1", "watch.2", "watch.3"] as const;

const initial = {
  name: "",
  kind: "drug" as ProductKind,
  product: "",
  match: "",
  sex: "",
  ageBand: "",
  serious: "",
  country: "",
  eventType: "",
  spike: true,
  spikeMethod: "auto" as (typeof SPIKE_METHODS)[number],
  spikeParams: "",
  signal: false,
  signalRule: "evans" as (typeof SIGNAL_RULES)[number],
  minCount: "3",
  forecast: false,
  forecastLevel: "95",
  fatal: false,
  schedule: "daily" as "daily" | "weekly",
  shareEmails: "",
  allAnalysts: false,
};

/** Creates a watchlist through the `watchlists.create` server action; its validation errors sit next to their fields. */
export function WatchlistForm() {
  const create = useCreateWatchlistMutation();
  const [draft, setDraft] = useState(initial);
  const [localError, setLocalError] = useState<{ field: string; message: string } | null>(null);
  const [order, setOrder] = useState<WatchKind[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const set = (patch: Partial<typeof draft>) => setDraft({ ...draft, ...patch });

  const errors = create.isError ? splitFieldErrors(create.error.message, KNOWN_FIELDS) : null;
  const productError = localError?.field === "product" ? localError.message : errors?.fields.product;
  /** An error at watch.N belongs to the N-th rule sent. */
  const watchError = (kind: WatchKind) => {
    if (localError?.field === kind) return localError.message;
    const i = order.indexOf(kind);
    return i >= 0 ? errors?.fields[`watch.${i}`] : undefined;
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    setLocalError(null);
    let params: Record<string, unknown> | undefined;
    if (draft.spike && draft.spikeParams.trim()) {
      try {
        const parsed = JSON.parse(draft.spikeParams) as unknown;
        if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
        params = parsed as Record<string, unknown>;
      } catch {
        setLocalError({ field: "spike", message: 'parameters must be a JSON object, e.g. {"threshold": 2.5}' });
        return;
      }
    }
    const watch: WatchlistFormInput["watch"] = [];
    if (draft.spike) watch.push({ kind: "spike", method: draft.spikeMethod, ...(params ? { params } : {}) });
    if (draft.signal) watch.push({ kind: "signal", rule: draft.signalRule, minCount: Number(draft.minCount) });
    if (draft.forecast) watch.push({ kind: "forecast_exceedance", level: draft.forecastLevel === "80" ? 80 : 95 });
    if (draft.fatal) watch.push({ kind: "fatal_report" });
    setOrder(watch.map((w) => w.kind));
    const filters = Object.fromEntries(PRODUCT_FILTERS.filter((k) => draft[k].trim() !== "").map((k) => [k, draft[k].trim()]));
    const input = {
      name: draft.name.trim(),
      product: { [draft.kind]: draft.product.trim(), ...filters },
      watch,
      schedule: draft.schedule,
      sharing: {
        users: draft.shareEmails
          .split(/[\s,;]+/)
          .map((e) => e.trim())
          .filter(Boolean),
        allAnalysts: draft.allAnalysts,
      },
    } as WatchlistFormInput;
    create.mutate(input, {
      onSuccess: () => {
        setDone(`Watchlist “${draft.name.trim()}” created.`);
        setDraft(initial);
        setOrder([]);
      },
    });
  }

  const drugOnly = draft.kind === "drug";
  return (
    <form onSubmit={submit} className="space-y-3 rounded border border-slate-200 bg-white p-4" aria-label="Create a watchlist">
      <h2 className="text-lg font-semibold">New watchlist</h2>
      {errors && errors.other.length > 0 ? <InlineMessage kind="error">Could not create the watchlist: {errors.other.join("; ")}</InlineMessage> : null}
      {errors && errors.other.length === 0 ? <InlineMessage kind="error">Could not create the watchlist: see the fields below.</InlineMessage> : null}
      {done ? <InlineMessage kind="done">{done}</InlineMessage> : null}
      <div className="flex flex-wrap items-end gap-3">
        <Field label="Name" size="sm" className="min-w-64" error={errors?.fields.name}>
          {(control) => <input {...control} name="name" required value={draft.name} onChange={(e) => set({ name: e.target.value })} />}
        </Field>
        <ProductKindField name="productType" value={draft.kind} onChange={(kind) => set({ kind })} />
        <Field label="Product" size="sm" className="min-w-56" error={productError}>
          {(control) => <input {...control} name="product" required value={draft.product} onChange={(e) => set({ product: e.target.value })} />}
        </Field>
      </div>
      <fieldset className="flex flex-wrap items-end gap-3">
        <legend className="mb-1 text-sm text-slate-600">Filters (optional)</legend>
        {drugOnly ? (
          <>
            <Field label="Name match" size="sm">
              {(control) => (
                <select {...control} value={draft.match} onChange={(e) => set({ match: e.target.value })}>
                  <option value="">Any name</option>
                  <option value="generic">Generic</option>
                  <option value="brand">Brand</option>
                  <option value="substance">Substance</option>
                </select>
              )}
            </Field>
            <Field label="Sex" size="sm">
              {(control) => (
                <select {...control} value={draft.sex} onChange={(e) => set({ sex: e.target.value })}>
                  <option value="">All</option>
                  <option value="female">Female</option>
                  <option value="male">Male</option>
                  <option value="unknown">Unknown</option>
                </select>
              )}
            </Field>
            <Field label="Age band" size="sm">
              {(control) => (
                <select {...control} value={draft.ageBand} onChange={(e) => set({ ageBand: e.target.value })}>
                  <option value="">All</option>
                  {AGE_BANDS.map((b) => (
                    <option key={b.id} value={b.id}>
                      {b.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Serious" size="sm">
              {(control) => (
                <select {...control} value={draft.serious} onChange={(e) => set({ serious: e.target.value })}>
                  <option value="">All</option>
                  <option value="true">Serious only</option>
                  <option value="false">Non-serious only</option>
                </select>
              )}
            </Field>
            <Field label="Country (2 letters)" size="sm" className="w-36">
              {(control) => <input {...control} maxLength={2} value={draft.country} onChange={(e) => set({ country: e.target.value })} />}
            </Field>
          </>
        ) : (
          <Field label="Event type" size="sm">
            {(control) => (
              <select {...control} value={draft.eventType} onChange={(e) => set({ eventType: e.target.value })}>
                <option value="">All</option>
                <option value="death">Death</option>
                <option value="injury">Injury</option>
                <option value="malfunction">Malfunction</option>
                <option value="other">Other</option>
              </select>
            )}
          </Field>
        )}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm text-slate-600">Watch for</legend>
        {errors?.fields.watch ? <p className="text-xs text-red-700">{errors.fields.watch}</p> : null}
        <div className="flex flex-wrap items-end gap-3">
          <label className="flex items-center gap-1 text-sm">
            <input type="checkbox" checked={draft.spike} onChange={(e) => set({ spike: e.target.checked })} /> {WATCH_LABEL.spike}
          </label>
          <Field label="Spike method" size="sm">
            {(control) => (
              <select {...control} disabled={!draft.spike} value={draft.spikeMethod} onChange={(e) => set({ spikeMethod: e.target.value as typeof draft.spikeMethod })}>
                {SPIKE_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Spike parameters (JSON, optional)" size="sm" className="min-w-72 flex-1" error={watchError("spike")} hint='e.g. {"threshold": 2.5, "baseline": 7}'>
            {(control) => <input {...control} disabled={!draft.spike || draft.spikeMethod === "auto"} value={draft.spikeParams} onChange={(e) => set({ spikeParams: e.target.value })} />}
          </Field>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <label className="flex items-center gap-1 text-sm">
            <input type="checkbox" checked={draft.signal} onChange={(e) => set({ signal: e.target.checked })} /> {WATCH_LABEL.signal}
          </label>
          <Field label="Signal rule" size="sm">
            {(control) => (
              <select {...control} disabled={!draft.signal} value={draft.signalRule} onChange={(e) => set({ signalRule: e.target.value as typeof draft.signalRule })}>
                {SIGNAL_RULES.map((r) => (
                  <option key={r} value={r}>
                    {RULE_LABEL[r]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Minimum cases" size="sm" className="w-32" error={watchError("signal")}>
            {(control) => <input {...control} disabled={!draft.signal} type="number" min={1} max={10000} value={draft.minCount} onChange={(e) => set({ minCount: e.target.value })} />}
          </Field>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <label className="flex items-center gap-1 text-sm">
            <input type="checkbox" checked={draft.forecast} onChange={(e) => set({ forecast: e.target.checked })} /> {WATCH_LABEL.forecast_exceedance}
          </label>
          <Field label="Upper bound level" size="sm" error={watchError("forecast_exceedance")}>
            {(control) => (
              <select {...control} disabled={!draft.forecast} value={draft.forecastLevel} onChange={(e) => set({ forecastLevel: e.target.value })}>
                <option value="80">80%</option>
                <option value="95">95%</option>
              </select>
            )}
          </Field>
          <label className="flex items-center gap-1 text-sm">
            <input type="checkbox" checked={draft.fatal} onChange={(e) => set({ fatal: e.target.checked })} /> {WATCH_LABEL.fatal_report}
          </label>
        </div>
      </fieldset>
      <div className="flex flex-wrap items-end gap-3">
        <Field label="Schedule" size="sm" error={errors?.fields.schedule}>
          {(control) => (
            <select {...control} value={draft.schedule} onChange={(e) => set({ schedule: e.target.value as "daily" | "weekly" })}>
              <option value="daily">Daily</option>
              <option value="weekly">Weekly</option>
            </select>
          )}
        </Field>
        <Field label="Share with (emails, optional)" size="sm" className="min-w-72 flex-1" error={errors?.fields.sharing}>
          {(control) => <input {...control} value={draft.shareEmails} onChange={(e) => set({ shareEmails: e.target.value })} placeholder="a@example.com, b@example.com" />}
        </Field>
        <label className="flex items-center gap-1 text-sm">
          <input type="checkbox" checked={draft.allAnalysts} onChange={(e) => set({ allAnalysts: e.target.checked })} /> Share with all analysts
        </label>
      </div>
      <Button type="submit" variant="primary" disabled={create.isPending}>
        {create.isPending ? "Creating…" : "Create watchlist"}
      </Button>
    </form>
  );
}
