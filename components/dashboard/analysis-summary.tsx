import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import type { ProductAnomaliesResponse, ProductForecastResponse } from "@/lib/schemas/analytics-response";

const fmt = (n: number | null) => (n === null ? "—" : n.toLocaleString("en-US", { maximumFractionDigits: 1 }));

type Anomaly = ProductAnomaliesResponse["anomalies"][number];

const ANOMALY_COLUMNS: DataTableColumn<Anomaly>[] = [
  { key: "period", header: "Period", cell: (a) => a.period ?? a.index },
  { key: "observed", header: "Observed", align: "right", cell: (a) => fmt(a.observed) },
  { key: "expected", header: "Expected", align: "right", cell: (a) => fmt(a.expected) },
  { key: "upperBound", header: "Upper bound", align: "right", cell: (a) => fmt(a.upperBound) },
];

type ParameterRow = { name: string; value: string; source: string };

const PARAMETER_COLUMNS: DataTableColumn<ParameterRow>[] = [
  { key: "name", header: "Parameter", cell: (p) => p.name },
  { key: "value", header: "Value", align: "right", cell: (p) => p.value },
  { key: "source", header: "Source", cell: (p) => p.source },
];

function parameterRows(anomalies: ProductAnomaliesResponse): ParameterRow[] {
  return Object.entries(anomalies.parameters).map(([name, value]) => ({ name, value: String(value), source: anomalies.parameterSources[name] ?? "" }));
}

/** What the forecast and the spike detector did, and every flagged period with its numbers. */
export function AnalysisSummary({ forecast, anomalies }: { forecast?: ProductForecastResponse; anomalies?: ProductAnomaliesResponse }) {
  return (
    <div className="grid gap-3 text-sm md:grid-cols-2">
      {forecast ? (
        <section className="rounded border border-slate-200 bg-white p-3" data-testid="forecast-summary">
          <h3 className="mb-1 font-semibold">Forecast</h3>
          <p className="text-slate-600">
            Model {forecast.model}, fitted on {forecast.fittedOn.points} complete periods
            {forecast.fittedOn.first ? ` (${forecast.fittedOn.first} to ${forecast.fittedOn.last})` : ""}.
          </p>
          <ul className="mt-1 list-disc pl-5 text-xs text-slate-500">
            {forecast.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {anomalies ? (
        <section className="rounded border border-slate-200 bg-white p-3" data-testid="anomalies-summary">
          <h3 className="mb-1 font-semibold">Spikes ({anomalies.method})</h3>
          {anomalies.anomalies.length === 0 ? (
            <p className="text-slate-600">No period exceeds its alarm bound ({anomalies.assessments.length} assessed).</p>
          ) : (
            <DataTable
              caption={`Alarms: ${anomalies.anomalies.length} of ${anomalies.assessments.length} assessed periods`}
              columns={ANOMALY_COLUMNS}
              rows={anomalies.anomalies}
              rowKey={(a) => `${a.index}-${a.method}`}
              rowProps={() => ({ "data-testid": "anomaly-row" })}
              density="compact"
            />
          )}
          {Object.keys(anomalies.parameters).length > 0 ? (
            <DataTable
              caption="Parameters as run (send them back as params to repeat)"
              columns={PARAMETER_COLUMNS}
              rows={parameterRows(anomalies)}
              rowKey={(p) => p.name}
              rowProps={() => ({ "data-testid": "spike-parameter-row" })}
              density="compact"
            />
          ) : null}
          <ul className="mt-1 list-disc pl-5 text-xs text-slate-500">
            {anomalies.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
