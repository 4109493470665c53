"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { TrendChart } from "@/components/charts/trend-chart";
import { BreakdownCard } from "@/components/dashboard/breakdown-card";
import { DashboardControls, type DashboardControlsValue } from "@/components/dashboard/dashboard-controls";
import { FdaCaveat } from "@/components/dashboard/fda-caveat";
import { ProvenancePanel } from "@/components/dashboard/provenance-panel";
import { ReactionsTable } from "@/components/dashboard/reactions-table";
import { StateMessage } from "@/components/ui/state-message";
import { AnalysisSummary } from "@/components/dashboard/analysis-summary";
import { SignalsTable } from "@/components/dashboard/signals-table";
import { SPIKE_METHODS, SpikeSettings, type SpikeSettingsValue } from "@/components/dashboard/spike-settings";
import { useAnomaliesQuery, useForecastQuery, useReactionsQuery, useSignalsQuery, useSummaryQuery, useTrendQuery } from "@/lib/client/faers-queries";
import { PRODUCT_TYPE_LABEL, productParam, type ProductType } from "@/lib/client/product-params";

const INTERVALS = ["week", "month", "quarter", "year"] as const;

function readControls(params: URLSearchParams): DashboardControlsValue {
  const interval = params.get("interval");
  return {
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
    interval: INTERVALS.find((i) => i === interval) ?? "month",
  };
}

function readSpikeSettings(params: URLSearchParams): SpikeSettingsValue {
  const method = SPIKE_METHODS.find((m) => m === params.get("method")) ?? "auto";
  const spikeParams: Record<string, string> = {};
  for (const [key, v] of params) if (key.startsWith("params.")) spikeParams[key.slice("params.".length)] = v;
  return { method, params: method === "auto" ? {} : spikeParams };
}

/** The page's URL query: dates, interval, and the spike method with its `params.<name>` as the API takes them. */
function toQuery(controls: DashboardControlsValue, spike: SpikeSettingsValue): string {
  const params = new URLSearchParams();
  if (controls.from) params.set("from", controls.from);
  if (controls.to) params.set("to", controls.to);
  if (controls.interval !== "month") params.set("interval", controls.interval);
  if (spike.method !== "auto") params.set("method", spike.method);
  for (const [name, v] of Object.entries(spike.params)) params.set(`params.${name}`, v);
  return params.toString();
}

/** The report form's prefill: this product, the page's period (else the last 12 months) and spike settings. */
function generateCerQuery(type: ProductType, name: string, controls: DashboardControlsValue, spike: SpikeSettingsValue): string {
  const params = new URLSearchParams(toQuery(controls, spike));
  params.delete("interval");
  for (const [key, value] of Object.entries(productParam(type, name))) params.set(key, value);
  const today = new Date().toISOString().slice(0, 10);
  if (!params.has("to")) params.set("to", today);
  if (!params.has("from")) params.set("from", `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`);
  return params.toString();
}

/** The product page: filters live in the URL, so a view can be shared and reloaded. */
export function ProductDashboard({ type, name }: { type: ProductType; name: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const controls = readControls(new URLSearchParams(searchParams.toString()));
  const spike = readSpikeSettings(new URLSearchParams(searchParams.toString()));
  const spikeQuery = Object.fromEntries([
    ...(spike.method === "auto" ? [] : [["method", spike.method]]),
    ...Object.entries(spike.params).map(([name, v]) => [`params.${name}`, v]),
  ]) as Record<string, string>;
  const base = { ...productParam(type, name), from: controls.from || undefined, to: controls.to || undefined };

  const trend = useTrendQuery({ ...base, interval: controls.interval });
  const reactions = useReactionsQuery({ ...base, top: "25" });
  const summary = useSummaryQuery(base);
  const forecast = useForecastQuery({ ...base, interval: controls.interval, horizon: "12" });
  const anomalies = useAnomaliesQuery({ ...base, interval: controls.interval, ...spikeQuery });
  const signals = useSignalsQuery({ ...base, top: "25" }, type === "drug");

  function navigate(nextControls: DashboardControlsValue, nextSpike: SpikeSettingsValue) {
    const query = toQuery(nextControls, nextSpike);
    router.replace(query ? `${pathname}?${query}` : pathname);
  }

  const caveatKind = type === "drug" ? "drug" : "device";

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <p className="text-sm text-slate-500">{PRODUCT_TYPE_LABEL[type]}</p>
        <h1 className="text-2xl font-semibold" data-testid="product-name">
          {name.toUpperCase()}
        </h1>
        {trend.data ? (
          <p className="text-sm text-slate-600">
            <span data-testid="total-reports" className="font-semibold text-slate-900">
              {trend.data.total.toLocaleString("en-US")}
            </span>{" "}
            reports received {trend.data.from} to {trend.data.to}
            {trend.data.dataThrough ? `; latest report received ${trend.data.dataThrough}` : ""}.
          </p>
        ) : null}
      </div>

      <FdaCaveat kind={caveatKind} />

      <p className="text-sm">
        <a className="text-indigo-700 hover:underline" href={`/reports?${generateCerQuery(type, name, controls, spike)}`} data-testid="generate-cer">
          Generate CER for this product and period →
        </a>
      </p>

      <DashboardControls key={`${controls.from}|${controls.to}|${controls.interval}`} value={controls} onApply={(next) => navigate(next, spike)} />

      <section className="space-y-2" aria-labelledby="trend-heading">
        <h2 id="trend-heading" className="text-lg font-semibold">
          Reports per {controls.interval}
        </h2>
        {trend.isPending ? (
          <StateMessage kind="loading">Loading the report counts from openFDA…</StateMessage>
        ) : trend.isError ? (
          <StateMessage kind="error">Could not load the trend: {trend.error.message}</StateMessage>
        ) : trend.data.total === 0 ? (
          <StateMessage kind="empty">
            No reports match {name.toUpperCase()} in this date range. Check the spelling, try the generic or brand name, or widen the dates.
          </StateMessage>
        ) : (
          <>
            <SpikeSettings key={toQuery(controls, spike)} value={spike} onApply={(next) => navigate(controls, next)} />
            <TrendChart
              series={trend.data.series}
              forecast={forecast.data?.forecast}
              anomalies={anomalies.data?.anomalies}
              spikeBounds={anomalies.data?.assessments}
            />
            {forecast.isError ? <StateMessage kind="error">Could not compute the forecast: {forecast.error.message}</StateMessage> : null}
            {anomalies.isError ? <StateMessage kind="error">Could not run spike detection: {anomalies.error.message}</StateMessage> : null}
            <AnalysisSummary forecast={forecast.data} anomalies={anomalies.data} />
            <ProvenancePanel title="trend" provenance={trend.data.provenance} />
          </>
        )}
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section className="space-y-2" aria-labelledby="reactions-heading">
          <h2 id="reactions-heading" className="text-lg font-semibold">
            {type === "drug" ? "Top reactions" : "Top product problems"}
          </h2>
          {reactions.isPending ? (
            <StateMessage kind="loading">Loading reactions…</StateMessage>
          ) : reactions.isError ? (
            <StateMessage kind="error">Could not load reactions: {reactions.error.message}</StateMessage>
          ) : reactions.data.terms.length === 0 ? (
            <StateMessage kind="empty">No reaction terms for these reports.</StateMessage>
          ) : (
            <>
              <ReactionsTable data={reactions.data} />
              <ProvenancePanel title="reactions" provenance={reactions.data.provenance} />
            </>
          )}
        </section>

        {type === "drug" ? (
          <section className="space-y-2 lg:col-span-2" aria-labelledby="signals-heading">
            <h2 id="signals-heading" className="text-lg font-semibold">
              Disproportionality signals
            </h2>
            {signals.isPending ? (
              <StateMessage kind="loading">Computing PRR, ROR and IC…</StateMessage>
            ) : signals.isError ? (
              <StateMessage kind="error">Could not compute signals: {signals.error.message}</StateMessage>
            ) : signals.data.signals.length === 0 ? (
              <StateMessage kind="empty">No reaction terms to score.</StateMessage>
            ) : (
              <>
                <SignalsTable data={signals.data} />
                <ProvenancePanel title="signals" provenance={signals.data.provenance} />
              </>
            )}
          </section>
        ) : null}

        <section className="space-y-2" aria-labelledby="breakdowns-heading">
          <h2 id="breakdowns-heading" className="text-lg font-semibold">
            Breakdowns
          </h2>
          {summary.isPending ? (
            <StateMessage kind="loading">Loading breakdowns…</StateMessage>
          ) : summary.isError ? (
            <StateMessage kind="error">Could not load breakdowns: {summary.error.message}</StateMessage>
          ) : summary.data.total === 0 ? (
            <StateMessage kind="empty">No reports to break down.</StateMessage>
          ) : (
            <>
              <div className="grid gap-3 sm:grid-cols-2">
                {summary.data.breakdowns.map((b) => (
                  <BreakdownCard key={b.id} breakdown={b} total={summary.data.total} />
                ))}
              </div>
              <ProvenancePanel title="breakdowns" provenance={summary.data.provenance} />
            </>
          )}
        </section>
      </div>
    </div>
  );
}
