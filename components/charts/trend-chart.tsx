"use client";
import { Area, Bar, CartesianGrid, Cell, ComposedChart, Legend, Line, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from "recharts";

export type TrendPoint = { period: string; count: number; partial?: boolean };
export type ForecastBandPoint = { period?: string; mean: number; lower: Record<string, number>; upper: Record<string, number> };
export type AnomalyMarker = { period?: string; observed: number };
/** A spike method's view of one period: its expected count and the count above which it alarms. */
export type SpikeBoundPoint = { period?: string; expected: number; upperBound: number | null };

type Row = {
  period: string;
  count?: number;
  partial?: boolean;
  mean?: number;
  band80?: [number, number];
  band95?: [number, number];
  spike?: number;
  /** Spike method's band: expected to the alarm bound. */
  spikeBand?: [number, number];
  spikeUpper?: number;
};

/** Merges history, forecast steps and anomaly flags into one row per period, in time order. */
function toRows(series: TrendPoint[], forecast: ForecastBandPoint[], anomalies: AnomalyMarker[], bounds: SpikeBoundPoint[]): Row[] {
  const rows = new Map<string, Row>(series.map((p) => [p.period, { period: p.period, count: p.count, partial: p.partial }]));
  for (const f of forecast) {
    if (!f.period) continue;
    const row = rows.get(f.period) ?? { period: f.period };
    row.mean = f.mean;
    const [lo80, hi80, lo95, hi95] = [f.lower["80"], f.upper["80"], f.lower["95"], f.upper["95"]];
    if (lo80 !== undefined && hi80 !== undefined) row.band80 = [lo80, hi80];
    if (lo95 !== undefined && hi95 !== undefined) row.band95 = [lo95, hi95];
    rows.set(f.period, row);
  }
  for (const a of anomalies) {
    const row = a.period ? rows.get(a.period) : undefined;
    if (row) row.spike = a.observed;
  }
  for (const b of bounds) {
    const row = b.period ? rows.get(b.period) : undefined;
    if (!row || b.upperBound === null) continue;
    row.spikeUpper = b.upperBound;
    row.spikeBand = [Math.min(b.expected, b.upperBound), Math.max(b.expected, b.upperBound)];
  }
  return [...rows.values()].sort((x, y) => (x.period < y.period ? -1 : x.period > y.period ? 1 : 0));
}

/**
 * Reports per period (bars; partial periods pale), the forecast mean with its 80% and 95% intervals
 * (bands), the spike method's band from expected count to alarm bound (red, dashed bound), and
 * flagged spikes (red dots). Props in, SVG out, no fetching.
 */
export function TrendChart({
  series,
  forecast = [],
  anomalies = [],
  spikeBounds = [],
}: {
  series: TrendPoint[];
  forecast?: ForecastBandPoint[];
  anomalies?: AnomalyMarker[];
  spikeBounds?: SpikeBoundPoint[];
}) {
  const rows = toRows(series, forecast, anomalies, spikeBounds);
  return (
    <div className="h-80 w-full" data-testid="trend-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="period" tick={{ fontSize: 11 }} minTickGap={24} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={48} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Area dataKey="band95" name="95% interval" fill="#c7d2fe" stroke="none" isAnimationActive={false} connectNulls={false} />
          <Area dataKey="band80" name="80% interval" fill="#a5b4fc" stroke="none" isAnimationActive={false} connectNulls={false} />
          <Bar dataKey="count" name="Reports" isAnimationActive={false}>
            {rows.map((row) => (
              <Cell key={row.period} fill={row.partial ? "#cbd5e1" : "#4f46e5"} />
            ))}
          </Bar>
          <Area dataKey="spikeBand" name="Spike band (expected to alarm bound)" fill="#fecaca" fillOpacity={0.5} stroke="none" isAnimationActive={false} connectNulls={false} />
          <Line dataKey="spikeUpper" name="Alarm bound" stroke="#dc2626" strokeDasharray="2 2" dot={false} isAnimationActive={false} connectNulls={false} />
          <Line dataKey="mean" name="Forecast" stroke="#312e81" strokeDasharray="4 3" dot={false} isAnimationActive={false} connectNulls={false} />
          <Scatter dataKey="spike" name="Spike" fill="#dc2626" isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
