import { Text, View } from "@react-pdf/renderer";
import type { ReportSnapshot } from "@/lib/reports/snapshot";
import type { SignalRow } from "@/lib/schemas/signals-response";
import { FOIA_PATTERN, fmtCount, fmtFixed, fmtParam, fmtRatio } from "./format";
import { Bullets, H2, KeyValues, P, Table } from "./primitives";
import { styles } from "./styles";
import { TrendChart } from "./trend-chart";

type Props = { s: ReportSnapshot };

export function TrendSection({ s }: Props) {
  const sp = s.spikes;
  const first = s.trend.series[0]?.period ?? s.trend.from;
  const last = s.trend.series.at(-1)?.period ?? s.trend.to;
  const params = Object.keys(sp.parameters).sort();
  const settings = Object.keys(sp.settings).sort();
  return (
    <View>
      <P>
        Trend reporting method (MDR 2017/745 Art. 88 and Annex III): the indicator is the number of reports received per {s.trend.interval}; a period is a statistically significant increase when its count exceeds the alarm bound of the method below.
      </P>
      <KeyValues
        items={[
          ["Indicator", `report counts per ${s.trend.interval} (${s.trend.provenance.endpoint}, date received)`],
          ["Observation period", `${s.trend.from} to ${s.trend.to} (${first} – ${last}, ${fmtCount(s.trend.series.length)} periods)`],
          ["Method", sp.method],
          ["Forecast model", s.forecast ? `${s.forecast.model}, fitted on ${fmtCount(s.forecast.fittedOn.points)} complete periods (${s.forecast.fittedOn.first ?? "—"} – ${s.forecast.fittedOn.last ?? "—"})` : "none"],
        ]}
      />
      <H2>Parameters and their source</H2>
      <Table
        keyPrefix="param"
        columns={[{ title: "Parameter", flex: 1.2 }, { title: "Value", flex: 1 }, { title: "Source", flex: 3 }]}
        rows={[
          ...params.map((k) => [k, fmtParam(sp.parameters[k]), sp.parameterSources[k] ?? "—"]),
          ...settings.map((k) => [k, fmtParam(sp.settings[k]), "setting"]),
          ...(s.forecast ? Object.keys(s.forecast.parameters).sort().map((k) => [`forecast.${k}`, fmtParam(s.forecast!.parameters[k]), "forecast model"]) : []),
        ]}
      />
      <TrendChart s={s} />
      {sp.notes.length || (s.forecast?.notes.length ?? 0) ? <Bullets small items={[...sp.notes, ...(s.forecast?.notes ?? [])]} /> : null}
      <H2>Alarm bound per period</H2>
      <Table
        keyPrefix="assess"
        columns={[{ title: "Period", flex: 1 }, { title: "Observed", flex: 1, align: "right" }, { title: "Expected", flex: 1, align: "right" }, { title: "Alarm bound", flex: 1, align: "right" }, { title: "Score", flex: 1, align: "right" }, { title: "Alarm", flex: 0.6 }]}
        rows={sp.assessments.map((a) => [a.period ?? sp.series[a.index]?.period ?? String(a.index), fmtCount(a.observed), fmtFixed(a.expected, 2), a.upperBound === null ? "—" : fmtFixed(a.upperBound, 2), a.score === null ? "—" : fmtFixed(a.score, 2), a.alarm ? "ALARM" : ""])}
      />
      {s.forecast && s.forecast.forecast.length ? (
        <View>
          <H2>Forecast</H2>
          <Table
            keyPrefix="fc"
            columns={[{ title: "Step", flex: 0.5 }, { title: "Period", flex: 1 }, { title: "Mean", flex: 1, align: "right" }, ...Object.keys(s.forecast.forecast[0]!.lower).sort((a, b) => Number(a) - Number(b)).map((l) => ({ title: `${l} % interval`, flex: 1.4, align: "right" as const }))]}
            rows={s.forecast.forecast.map((f) => [String(f.step), f.period ?? "", fmtFixed(f.mean, 2), ...Object.keys(f.lower).sort((a, b) => Number(a) - Number(b)).map((l) => `${fmtFixed(f.lower[l], 2)}–${fmtFixed(f.upper[l], 2)}`)])}
          />
        </View>
      ) : null}
    </View>
  );
}

const flagText = (r: SignalRow) =>
  [r.flags.evans.signal ? "Evans" : "", r.flags.ror.signal ? "ROR025" : "", r.flags.ic.signal ? "IC025" : "", r.ebgm !== null && r.ebgm.eb05 >= 2 ? "EB05" : ""].filter(Boolean).join(", ");

export function DisproportionalitySection({ s }: Props) {
  if (s.signals === null) return <P>Disproportionality analysis is not applicable for devices: openFDA&apos;s disproportionality measures are computed per drug.</P>;
  const sg = s.signals;
  return (
    <View>
      <KeyValues
        items={[
          ["Comparator", `all other reports in the database: ${fmtCount(sg.totals.drugReports)} reports of the drug among ${fmtCount(sg.totals.allReports)} reports in all (c and d are the other drugs' reports)`],
          ["Measures", "PRR and ROR with 95 % CI; IC (BCPNN) with IC025; EBGM (MGPS) with EB05"],
          ["Thresholds", "Evans: PRR ≥ 2, Yates χ² ≥ 4, a ≥ 3; ROR: lower 95 % CI > 1; IC: IC025 > 0; MGPS: EB05 ≥ 2"],
          ["Drug role", sg.roleCaveat],
        ]}
      />
      <Table
        keyPrefix="sig"
        columns={[{ title: "Event", flex: 2.2 }, { title: "a", flex: 0.6, align: "right" }, { title: "PRR (95 % CI)", flex: 1.6, align: "right" }, { title: "χ²", flex: 0.7, align: "right" }, { title: "ROR (95 % CI)", flex: 1.6, align: "right" }, { title: "IC025", flex: 0.7, align: "right" }, { title: "EBGM / EB05", flex: 1.2, align: "right" }, { title: "Flags", flex: 1.3 }]}
        rows={sg.signals.map((r) => [
          r.event,
          r.table ? fmtCount(r.table.a) : r.inconsistent ? fmtCount(r.inconsistent.margins.a) : "—",
          fmtRatio(r.prr),
          r.chiSquare ? fmtFixed(r.chiSquare.yates, 2) : "—",
          fmtRatio(r.ror),
          r.ic ? fmtFixed(r.ic.ic025, 2) : "—",
          r.ebgm ? `${fmtFixed(r.ebgm.value, 2)} / ${fmtFixed(r.ebgm.eb05, 2)}` : "—",
          r.inconsistent ? "inconsistent margins" : flagText(r),
        ])}
      />
      <P small>Disproportionality is hypothesis-generating (READUS-PV): a flag is a statistical association in spontaneous reports, not a causal finding.</P>
    </View>
  );
}

type AnyCase = ReportSnapshot["lineListing"]["cases"][number];
type NarrativeValue = string | Array<{ text?: unknown; text_type_code?: unknown; textTypeCode?: unknown }> | null | undefined;

/** The device report's narrative if the snapshot has one (`narrative`: a string or MAUDE mdr_text-like items). */
function narrativeOf(c: AnyCase): string[] {
  const n = (c as { narrative?: NarrativeValue }).narrative;
  if (typeof n === "string") return n.trim() ? [n] : [];
  if (Array.isArray(n)) {
    return n.flatMap((t) => {
      if (typeof t?.text !== "string") return [];
      const kind = typeof t.text_type_code === "string" ? t.text_type_code : typeof t.textTypeCode === "string" ? t.textTypeCode : null;
      return [kind ? `${kind}: ${t.text}` : t.text];
    });
  }
  return [];
}

function foiaNote(texts: string[]): string | null {
  const codes = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(new RegExp(FOIA_PATTERN, "g"))) codes.add(`(b)(${m[1]})`);
  return codes.size ? `FOIA-redacted: ${[...codes].sort().join(", ")}` : null;
}

export function CasesSection({ s }: Props) {
  const ll = s.lineListing;
  const shown = ll.cases.length;
  const count = `Showing ${fmtCount(shown)} of ${fmtCount(ll.total)} (cap ${fmtCount(ll.cap)})`;
  const drugCases = ll.cases.filter((c): c is Extract<AnyCase, { drugs: unknown }> => "drugs" in c);
  const deviceCases = ll.cases.filter((c): c is Exclude<AnyCase, { drugs: unknown }> => !("drugs" in c));
  return (
    <View>
      <P>
        Fatal and serious cases, most recent first. {count}
        {ll.capped ? "; the rest are in the API answer (cases endpoint) for the same query." : "."}
      </P>
      {drugCases.length ? (
        <Table
          keyPrefix="case"
          columns={[{ title: "Report", width: 60 }, { title: "Received", width: 52 }, { title: "Seriousness", width: 70 }, { title: "Age / sex", width: 51 }, { title: "Country", width: 38 }, { title: "Reporter", width: 45 }, { title: "Suspect drugs", width: 54 }, { title: "Reactions (outcome)", flex: 1 }]}
          rows={drugCases.map((c) => [
            c.version === null ? c.reportId : `${c.reportId} v${c.version}`,
            c.receivedDate ?? "—",
            c.seriousness.join(", ") || (c.serious ? "serious" : "—"),
            `${c.ageYears === null ? "—" : fmtFixed(c.ageYears, c.ageYears % 1 === 0 ? 0 : 1)} / ${c.sex}`,
            c.country ?? "—",
            c.reporterQualification,
            c.drugs.filter((d) => d.role === "suspect" || d.role === "interacting").map((d) => d.name).join(", ") || "—",
            c.reactions.map((r) => `${r.pt} (${r.outcome})`).join("; "),
          ])}
        />
      ) : null}
      {deviceCases.map((c) => {
        const narrative = narrativeOf(c);
        const texts = [...narrative, ...c.patientProblems, ...c.productProblems, ...c.devices.flatMap((d) => [d.brandName ?? "", d.modelNumber ?? "", d.lotNumber ?? ""])];
        const foia = foiaNote(texts);
        return (
          <View key={c.reportId} style={{ borderBottomWidth: 0.5, borderBottomColor: "#ccc", paddingVertical: 3 }} wrap={false}>
            <Text style={{ fontWeight: "bold", fontSize: 8 }}>
              {c.reportId}
              {c.reportNumber ? ` · ${c.reportNumber}` : ""} · {c.eventType} · received {c.receivedDate ?? "—"} · event {c.eventDate ?? "—"}
              {foia ? ` · ${foia}` : ""}
            </Text>
            <Text style={styles.small}>
              Outcomes: {c.patientOutcomes.join(", ") || "—"}. Patient problems: {c.patientProblems.join(", ") || "—"}. Product problems: {c.productProblems.join(", ") || "—"}. Source: {c.reportSource ?? "—"}.
            </Text>
            <Text style={styles.small}>
              Device: {c.devices.map((d) => [d.brandName, d.genericName, d.productCode, d.manufacturer, d.modelNumber ? `model ${d.modelNumber}` : null, d.lotNumber ? `lot ${d.lotNumber}` : null].filter(Boolean).join(", ")).join(" | ") || "—"}
            </Text>
            {narrative.length ? narrative.map((t, i) => <Text key={i} style={{ fontSize: 7.5, marginTop: 1 }}>Narrative: {t}</Text>) : <Text style={styles.small}>Narrative: not in this data snapshot.</Text>}
          </View>
        );
      })}
      {shown === 0 ? <P>No fatal or serious cases in the period.</P> : null}
    </View>
  );
}

export function ChangesSection({ s }: Props) {
  const c = s.changes;
  if (c === null) return <P>No earlier report of this product: nothing to compare with.</P>;
  const list = (xs: Array<{ term: string; count: number }>) => (xs.length ? xs.map((x) => `${x.term} (${fmtCount(x.count)})`).join(", ") : "none");
  const rules = (xs: Array<{ rule: string; term: string }>) => (xs.length ? xs.map((x) => `${x.term} [${x.rule}]`).join(", ") : "none");
  return (
    <KeyValues
      items={[
        ["Compared with", `${c.previous.title} (${c.previous.reportId}), ${c.previous.from} to ${c.previous.to}, data date ${c.previous.dataDate}`],
        ["Overlapping window", c.overlap ? `${c.overlap.from} to ${c.overlap.to}` : "none"],
        ["Reports in overlap", c.reportsInOverlap ? `then ${fmtCount(c.reportsInOverlap.before)}, now ${fmtCount(c.reportsInOverlap.now)} (difference ${c.reportsInOverlap.difference >= 0 ? "+" : "−"}${fmtCount(Math.abs(c.reportsInOverlap.difference))})` : "—"],
        ["Trend total", `then ${fmtCount(c.trend.totalBefore)} (last period ${c.trend.lastPeriodBefore ?? "—"}), now ${fmtCount(c.trend.totalNow)} (last period ${c.trend.lastPeriodNow ?? "—"})`],
        ["Terms entering the top list", list(c.termsEntered)],
        ["Terms leaving the top list", list(c.termsLeft)],
        ["Signals opened", rules(c.signalsOpened)],
        ["Signals closed", rules(c.signalsClosed)],
        ["Forecast", `then ${c.forecast.modelBefore ?? "—"} (next mean ${fmtFixed(c.forecast.nextMeanBefore, 2)}), now ${c.forecast.modelNow ?? "—"} (next mean ${fmtFixed(c.forecast.nextMeanNow, 2)})`],
        ["Spike alarms", `then ${fmtCount(c.spikes.alarmsBefore)}, now ${fmtCount(c.spikes.alarmsNow)}; new alarm periods: ${c.spikes.newAlarmPeriods.join(", ") || "none"}`],
      ]}
    />
  );
}
