import { View } from "@react-pdf/renderer";
import type { ReportSnapshot } from "@/lib/reports/snapshot";
import type { Provenance } from "@/lib/schemas/faers-response";
import { fmtCount, fmtPercent } from "./format";
import { Bullets, H2, KeyValues, P, Placeholder, Query, Table } from "./primitives";

type Props = { s: ReportSnapshot };

const kindLabel = (k: ReportSnapshot["report"]["product"]["kind"]) => (k === "drug" ? "Drug (FAERS)" : k === "device" ? "Device (MAUDE)" : "Device product code (MAUDE)");

const filtersText = (f: Record<string, string | boolean>) => {
  const entries = Object.entries(f).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length ? entries.map(([k, v]) => `${k} = ${String(v)}`).join("; ") : "none";
};

export function SummarySection({ s }: Props) {
  const serious = s.summary.breakdowns.find((b) => b.id === "seriousness" || b.id === "event_type");
  const alarms = s.spikes.assessments.filter((a) => a.alarm).length;
  const flagged = s.signals?.signals.filter((r) => r.flags.evans.signal || r.flags.ror.signal || r.flags.ic.signal || (r.ebgm !== null && r.ebgm.eb05 >= 2)).length;
  const top = s.reactions.terms.slice(0, 5).map((t) => `${t.term} (${fmtCount(t.count)})`).join(", ");
  return (
    <View>
      <P>
        This section of the clinical evaluation summarises the post-market adverse event reports for {s.report.product.name} received by FDA from {s.report.from} to {s.report.to}, as openFDA answered on {s.report.dataDate}.
        It supports, and does not replace, the evaluator&apos;s appraisal: spontaneous reports generate hypotheses and do not establish causation or incidence.
      </P>
      <KeyValues
        items={[
          ["Reports in period", fmtCount(s.trend.total)],
          ["Reports (summary)", fmtCount(s.summary.total)],
          ["Data through", s.trend.dataThrough ?? "—"],
          ...(serious ? ([[serious.label, serious.items.map((i) => `${i.label}: ${fmtCount(i.count)}`).join("; ")]] as Array<[string, string]>) : []),
          ["Most reported terms", top || "—"],
          ["Spike alarms", `${fmtCount(alarms)} of ${fmtCount(s.spikes.assessments.length)} assessed periods (${s.spikes.method})`],
          ["Disproportionality", s.signals ? `${fmtCount(flagged ?? 0)} of ${fmtCount(s.signals.signals.length)} terms flagged by at least one rule` : "not applicable for devices"],
          ["Fatal and serious cases", fmtCount(s.lineListing.total)],
        ]}
      />
      {s.notes.length ? (
        <View>
          <H2>Notes from the data collection</H2>
          <Bullets items={s.notes} />
        </View>
      ) : null}
    </View>
  );
}

export function ScopeSection({ s }: Props) {
  const r = s.report;
  return (
    <View>
      <KeyValues
        items={[
          ["Product (as requested)", r.product.name],
          ["Product (pipeline name)", s.trend.product.name],
          ["Product kind", kindLabel(r.product.kind)],
          ["Filters", filtersText(r.product.filters)],
          ["Reporting period", `${r.from} to ${r.to}`],
          ["Data date", r.dataDate],
          ["Requested by", r.requestedBy],
          ["Report id", r.id],
        ]}
      />
      <H2>Intended purpose, indications, target population</H2>
      {r.intendedPurpose ? <P>{r.intendedPurpose}</P> : <Placeholder what="intended purpose from the IFU, indications, contraindications, target population and users" />}
      <P small>
        Device description, manufacturer, models and market history (MEDDEV 2.7/1 rev 4 A9 §2) are outside the adverse event data and are to be completed by the manufacturer.
      </P>
    </View>
  );
}

export const answersOf = (s: ReportSnapshot): Array<[string, Provenance]> => [
  ["Trend", s.trend.provenance],
  ...(s.forecast ? ([["Forecast", s.forecast.provenance]] as Array<[string, Provenance]>) : []),
  ["Spike detection", s.spikes.provenance],
  ["Reactions", s.reactions.provenance],
  ["Summary", s.summary.provenance],
  ...(s.signals ? ([["Disproportionality", s.signals.provenance]] as Array<[string, Provenance]>) : []),
  ["Line listing", s.lineListing.provenance],
];

export function SourcesSection({ s }: Props) {
  const p = s.trend.provenance;
  const queries = [...new Set(answersOf(s).flatMap(([, pr]) => pr.queries))];
  return (
    <View>
      <KeyValues
        items={[
          ["Database", p.endpoint === "drug/event" ? "FDA Adverse Event Reporting System (FAERS), custodian: U.S. FDA" : "Manufacturer and User Facility Device Experience (MAUDE), custodian: U.S. FDA"],
          ["Source kind", p.source],
          ["Endpoint", `openFDA ${p.endpoint}`],
          ["Search expression", p.search],
          ["Period searched", `${s.trend.from} to ${s.trend.to} (${s.trend.interval}s)`],
          ["openFDA last_updated", p.lastUpdated ?? "not reported"],
          ["Retrieved at", p.retrievedAt],
        ]}
      />
      <H2>Search protocol: the exact queries</H2>
      <P small>Every request below was sent as written (the API key is never part of a query); repeating them reproduces the data, subject to openFDA updates after last_updated.</P>
      {queries.map((q) => (
        <Query key={q} text={q} />
      ))}
    </View>
  );
}

type QualityRule = { rule: string; description: string; changed: number; dropped: number };
type Quality = { rulesVersion: string; inputRecords: number; outputRecords: number; rules: QualityRule[] };

export function PreprocessingSection({ s }: Props) {
  const versions = [...new Set(answersOf(s).map(([, p]) => p.normalizationRulesVersion))];
  const rules = [...new Set(answersOf(s).flatMap(([, p]) => p.rules))];
  // The line listing may carry the cases answer's data-quality counts (not in every snapshot version).
  const quality = (s.lineListing as { quality?: Quality }).quality;
  return (
    <View>
      <KeyValues items={[["Normalization rules version", versions.join(", ")]]} />
      <H2>Rules applied</H2>
      <Bullets items={rules.length ? rules : ["none reported"]} />
      <H2>Data-quality counts per rule</H2>
      {quality ? (
        <View>
          <P>
            Input records {fmtCount(quality.inputRecords)}, output records {fmtCount(quality.outputRecords)} (rules {quality.rulesVersion}).
          </P>
          <Table
            keyPrefix="q"
            columns={[{ title: "Rule", flex: 1.2 }, { title: "Description", flex: 3 }, { title: "Changed", flex: 0.7, align: "right" }, { title: "Dropped", flex: 0.7, align: "right" }]}
            rows={quality.rules.map((r) => [r.rule, r.description, fmtCount(r.changed), fmtCount(r.dropped)])}
          />
        </View>
      ) : (
        <P>Per-rule counts were not part of this data snapshot.</P>
      )}
    </View>
  );
}

export function DescriptiveSection({ s }: Props) {
  return (
    <View>
      <H2>Reports per {s.trend.interval}</H2>
      <Table
        keyPrefix="per"
        columns={[{ title: "Period", flex: 1 }, { title: "Start", flex: 1 }, { title: "End", flex: 1 }, { title: "Reports", flex: 1, align: "right" }, { title: "Partial", flex: 0.6 }]}
        rows={[...s.trend.series.map((p) => [p.period, p.start, p.end, fmtCount(p.count), p.partial ? "yes" : ""]), ["Total", "", "", fmtCount(s.trend.total), ""]]}
      />
      {s.summary.breakdowns.map((b) => (
        <View key={b.id} wrap={false}>
          <H2>{b.label}</H2>
          <Table
            keyPrefix={b.id}
            columns={[{ title: b.label, flex: 3 }, { title: "Reports", flex: 1, align: "right" }, { title: "Share of reports", flex: 1, align: "right" }]}
            rows={b.items.map((i) => [i.label, fmtCount(i.count), s.summary.total > 0 ? fmtPercent(i.count / s.summary.total) : "—"])}
          />
          <P small>
            Field {b.field}; counts are distinct reports{b.multiValued ? "; a report can fall in several rows, so rows do not add up to the total" : ""}.{b.note ? ` ${b.note}` : ""}
          </P>
        </View>
      ))}
      <H2>Most reported {s.reactions.termKind}</H2>
      <Table
        keyPrefix="terms"
        columns={[{ title: "Term", flex: 3 }, { title: "Reports", flex: 1, align: "right" }, { title: "Share", flex: 1, align: "right" }]}
        rows={s.reactions.terms.map((t) => [t.term, fmtCount(t.count), fmtPercent(t.share)])}
      />
      <P small>
        Field {s.reactions.field}; {fmtCount(s.reactions.total)} reports.
      </P>
    </View>
  );
}
