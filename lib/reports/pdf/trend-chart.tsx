import { Circle, Line, Path, Polygon, Polyline, Svg, Text, View } from "@react-pdf/renderer";
import type { ReportSnapshot } from "@/lib/reports/snapshot";
import { fmtCount } from "./format";
import { styles } from "./styles";

const W = 500;
const H = 170;
const PAD_L = 4;
const PAD_B = 4;

/** The highest interval level a forecast point has (e.g. "95"), for the shaded band. */
function widestLevel(upper: Record<string, number>): string | null {
  const keys = Object.keys(upper).sort((a, b) => Number(a) - Number(b));
  return keys.at(-1) ?? null;
}

/**
 * Vector chart of the trend: bars of report counts, the spike band expected→upper bound, alarm markers,
 * and the forecast mean with its widest interval after the last period.
 */
export function TrendChart({ s }: { s: ReportSnapshot }) {
  const series = s.trend.series;
  const forecast = s.forecast?.forecast ?? [];
  const n = series.length + forecast.length;
  if (series.length === 0) return <Text style={styles.p}>No periods in the trend: no chart.</Text>;
  const byPeriod = new Map<string, number>(series.map((p, i) => [p.period, i]));
  const assessed = s.spikes.assessments.flatMap((a) => {
    const period = a.period ?? s.spikes.series[a.index]?.period;
    const i = period === undefined ? undefined : byPeriod.get(period);
    return i === undefined ? [] : [{ i, a }];
  });
  const level = forecast[0] ? widestLevel(forecast[0].upper) : null;
  const maxY = Math.max(
    1,
    ...series.map((p) => p.count),
    ...assessed.map(({ a }) => Math.max(a.expected, a.upperBound ?? 0)),
    ...forecast.map((f) => Math.max(f.mean, level ? (f.upper[level] ?? 0) : 0)),
  );
  const slot = (W - PAD_L) / n;
  const x = (i: number) => PAD_L + i * slot;
  const y = (v: number) => H - PAD_B - (Math.max(0, v) / maxY) * (H - PAD_B - 6);
  const r2 = (v: number) => Math.round(v * 100) / 100;
  const fx = (k: number) => r2(x(series.length + k) + slot / 2);
  const mean = forecast.map((f, k) => `${fx(k)},${r2(y(f.mean))}`).join(" ");
  const band =
    level === null
      ? ""
      : [...forecast.map((f, k) => `${fx(k)},${r2(y(f.upper[level] ?? f.mean))}`), ...forecast.map((f, k) => `${fx(k)},${r2(y(f.lower[level] ?? f.mean))}`).reverse()].join(" ");
  const rect = (x0: number, y0: number, w: number, h: number) => `M${r2(x0)} ${r2(y0)}h${r2(w)}v${r2(h)}h${r2(-w)}Z`;
  const bandPath = assessed
    .flatMap(({ i, a }) => (a.upperBound === null ? [] : [rect(x(i), y(a.upperBound), slot, Math.max(0.3, y(a.expected) - y(a.upperBound)))]))
    .join("");
  const barPath = (partial: boolean) =>
    series
      .flatMap((p, i) => (p.partial === partial ? [rect(x(i) + slot * 0.15, y(p.count), slot * 0.7, H - PAD_B - y(p.count))] : []))
      .join("");
  // A circle of radius 2.5 as two arcs.
  const alarmPath = assessed
    .filter(({ a }) => a.alarm)
    .map(({ i, a }) => {
      const cx = r2(x(i) + slot / 2);
      const cy = r2(Math.max(4, y(a.observed) - 4));
      return `M${r2(cx - 2.5)} ${cy}a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0 -5 0Z`;
    })
    .join("");
  return (
    <View wrap={false} style={{ marginVertical: 6 }}>
      <Svg width={W} height={H} viewBox={`0 0 ${W} ${H}`}>
        <Line x1={PAD_L} y1={H - PAD_B} x2={W} y2={H - PAD_B} stroke="#333" strokeWidth={0.5} />
        <Line x1={PAD_L} y1={6} x2={PAD_L} y2={H - PAD_B} stroke="#333" strokeWidth={0.5} />
        {/* One path per series (bands, full and partial bars, alarm dots), not one node per period. */}
        {bandPath ? <Path d={bandPath} fill="#f6d58e" /> : null}
        {barPath(false) ? <Path d={barPath(false)} fill="#3b6ea5" /> : null}
        {barPath(true) ? <Path d={barPath(true)} fill="#9bb7d4" /> : null}
        {alarmPath ? <Path d={alarmPath} fill="#c00" /> : null}
        {band ? <Polygon points={band} fill="#c9e4c5" /> : null}
        {forecast.length > 1 ? <Polyline points={mean} stroke="#2a7d2a" strokeWidth={1} fill="none" strokeDasharray="3,2" /> : null}
        {forecast.length === 1 ? <Circle cx={fx(0)} cy={r2(y(forecast[0]!.mean))} r={2} fill="#2a7d2a" /> : null}
      </Svg>
      <View style={{ flexDirection: "row", justifyContent: "space-between", width: W }}>
        <Text style={styles.small}>{series[0]!.period}</Text>
        <Text style={styles.small}>y max {fmtCount(Math.ceil(maxY))} reports</Text>
        <Text style={styles.small}>{forecast.length ? `${series.at(-1)!.period} + ${forecast.length} forecast` : series.at(-1)!.period}</Text>
      </View>
      <Text style={styles.small}>
        Bars: reports per {s.trend.interval} (light: partial period). Amber band: expected to alarm bound ({s.spikes.method}). Red dots: alarms.
        {forecast.length ? ` Green: forecast mean (${s.forecast?.model ?? ""})${level ? ` and ${level} % interval` : ""}.` : ""}
      </Text>
    </View>
  );
}
