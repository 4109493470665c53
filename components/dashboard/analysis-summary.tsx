import type { ProductAnomaliesResponse, ProductForecastResponse } from "@/lib/schemas/analytics-response";

const fmt = (n: number | null) => (n === null ? "—" : n.toLocaleString("en-US", { maximumFractionDigits: 1 }));

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
            <p className="text-slate-600">No period exceeds its threshold.</p>
          ) : (
            <table className="w-full text-xs">
              <thead>
                <tr className="text-left text-slate-500">
                  <th className="font-medium">Period</th>
                  <th className="text-right font-medium">Observed</th>
                  <th className="text-right font-medium">Expected</th>
                  <th className="text-right font-medium">Threshold</th>
                </tr>
              </thead>
              <tbody>
                {anomalies.anomalies.map((a) => (
                  <tr key={`${a.index}-${a.method}`} data-testid="anomaly-row">
                    <td>{a.period ?? a.index}</td>
                    <td className="text-right tabular-nums">{fmt(a.observed)}</td>
                    <td className="text-right tabular-nums">{fmt(a.expected)}</td>
                    <td className="text-right tabular-nums">{fmt(a.threshold)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
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
