import { Text, View } from "@react-pdf/renderer";
import { fdaCaveatsFor } from "@/lib/reports/fda-caveats";
import type { ReportSnapshot } from "@/lib/reports/snapshot";
import { Bullets, H2, KeyValues, P, Placeholder, Query } from "./primitives";
import { answersOf } from "./sections-front";
import { styles } from "./styles";

type Props = { s: ReportSnapshot };

export function LimitationsSection({ s }: Props) {
  const caveats = fdaCaveatsFor(s.report.product.kind);
  return (
    <View>
      <H2>Interpretation limits</H2>
      <Bullets
        items={[
          "Spontaneous reports are hypothesis-generating: they cannot establish causation, incidence or a change in risk (READUS-PV).",
          "Counts are distinct reports received in the period; report counts depend on exposure, publicity, time on the market and reporting practice, none of which is in the data.",
          "Spike alarms and disproportionality flags are screening statistics: each needs clinical assessment before any conclusion (MEDDEV 2.7/1 rev 4 §4.6).",
          ...(s.signals ? [s.signals.roleCaveat] : []),
        ]}
      />
      <H2>FDA&apos;s caveats (verbatim)</H2>
      {caveats.map((c) => (
        <View key={c.text} style={styles.caveat} wrap={false}>
          <Text>{c.text}</Text>
          <Text style={styles.small}>Source: {c.source}</Text>
        </View>
      ))}
    </View>
  );
}

export function ConclusionsSection({ s }: Props) {
  const r = s.report;
  const e = r.evaluator;
  return (
    <View>
      <H2>Conclusions</H2>
      {r.conclusions ? <P>{r.conclusions}</P> : <Placeholder what="conclusions on safety and the benefit-risk determination" />}
      <H2>Evaluator</H2>
      <View style={styles.p}>
        <View style={styles.kvRow}>
          <Text style={styles.kvKey}>Name</Text>
          {e ? <Text style={styles.kvValue}>{e.name}</Text> : <Placeholder what="evaluator name" />}
        </View>
        <View style={styles.kvRow}>
          <Text style={styles.kvKey}>Qualifications</Text>
          {e?.qualifications ? <Text style={styles.kvValue}>{e.qualifications}</Text> : <Placeholder what="qualifications, CV and declaration of interests" />}
        </View>
        <View style={styles.kvRow}>
          <Text style={styles.kvKey}>Signed on</Text>
          {e?.signedOn ? <Text style={styles.kvValue}>{e.signedOn}</Text> : <Placeholder what="date of signature" />}
        </View>
        <View style={styles.kvRow}>
          <Text style={styles.kvKey}>Next review date</Text>
          {r.nextReviewDate ? <Text style={styles.kvValue}>{r.nextReviewDate}</Text> : <Placeholder what="date of the next clinical evaluation" />}
        </View>
      </View>
      <KeyValues items={[["Report created", r.createdAt], ["Data date", r.dataDate]]} />
      <View style={{ flexDirection: "row", marginTop: 28 }} wrap={false}>
        {["Evaluator signature and date", "Reviewer signature and date"].map((label) => (
          <View key={label} style={{ flex: 1, marginRight: 20 }}>
            <View style={{ borderBottomWidth: 0.75, borderBottomColor: "#000", height: 24 }} />
            <Text style={styles.small}>{label}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

export const REFERENCES = [
  "European Commission. MEDDEV 2.7/1 revision 4: Clinical evaluation: a guide for manufacturers and notified bodies under directives 93/42/EEC and 90/385/EEC. 2016 (Appendix A9, CER structure).",
  "Regulation (EU) 2017/745 on medical devices (MDR): Art. 61 (clinical evaluation), Art. 88 (trend reporting), Annex III (post-market surveillance plan), Annex XIV (clinical evaluation and PMCF).",
  "Hutwagner L, Thompson W, Seeman GM, Treadwell T. The bioterrorism preparedness and response Early Aberration Reporting System (EARS). J Urban Health. 2003;80(2 Suppl 1):i89–96.",
  "Noufaily A, Enki DG, Farrington P, Garthwaite P, Andrews N, Charlett A. An improved algorithm for outbreak detection in multiple surveillance systems. Stat Med. 2013;32(7):1206–22.",
  "Hochenbaum J, Vallis OS, Kejariwal A. Automatic anomaly detection in the cloud via statistical learning. arXiv:1704.07706. 2017.",
  "Evans SJW, Waller PC, Davis S. Use of proportional reporting ratios (PRRs) for signal generation from spontaneous adverse drug reaction reports. Pharmacoepidemiol Drug Saf. 2001;10(6):483–6.",
  "Norén GN, Bate A, Orre R, Edwards IR. Extending the methods used to screen the WHO drug safety database towards analysis of complex associations and improved accuracy for rare events. Stat Med. 2006;25(21):3740–57.",
  "DuMouchel W. Bayesian data mining in large frequency tables, with an application to the FDA spontaneous reporting system. Am Stat. 1999;53(3):177–90.",
  "U.S. Food and Drug Administration. openFDA: drug/event and device/event APIs. https://open.fda.gov/apis/",
];

export function ReferencesSection() {
  return (
    <View>
      {REFERENCES.map((r, i) => (
        <View key={i} style={styles.bullet} wrap={false}>
          <Text style={{ width: 18 }}>[{i + 1}]</Text>
          <Text style={{ flex: 1 }}>{r}</Text>
        </View>
      ))}
    </View>
  );
}

export function ProvenanceSection({ s, hash }: Props & { hash: string }) {
  return (
    <View>
      <P>Each figure in this report comes from one of the pipeline&apos;s answers below; the same query to the JSON API returns the same body.</P>
      {answersOf(s).map(([name, p]) => (
        <View key={name} style={{ marginBottom: 6 }}>
          <H2>{name}</H2>
          <KeyValues
            items={[
              ["Source", `${p.source} (openFDA ${p.endpoint})`],
              ["last_updated", p.lastUpdated ?? "not reported"],
              ["Retrieved at", p.retrievedAt],
              ["Cache", p.cache],
              ["Rules", `${p.normalizationRulesVersion}: ${p.rules.join("; ") || "none"}`],
            ]}
          />
          {p.queries.map((q) => (
            <Query key={q} text={q} />
          ))}
        </View>
      ))}
      <H2>Snapshot</H2>
      <P>
        Snapshot version {s.version}, canonical JSON (sorted keys), SHA-256:
      </P>
      <Text style={{ fontSize: 8 }}>{hash}</Text>
    </View>
  );
}
