import { AGE_BANDS } from "@/lib/analytics/age-bands";
import type { Breakdown } from "@/lib/schemas/faers-response";
import type { OpenFdaClient } from "@/lib/sources/openfda/client";
import {
  DEVICE_FIELDS,
  DRUG_FIELDS,
  OUTCOME_CODES,
  REPORTER_CODES,
  SERIOUSNESS_FIELDS,
  SEX_CODES,
  type OpenFdaEndpoint,
} from "@/lib/sources/openfda/fields";
import { ageBandClause } from "@/lib/sources/openfda/query-builder";
import { fetchTermCounts, fetchTotal, type UpstreamCall } from "@/lib/sources/openfda/readers";
import { quotedClause } from "@/lib/sources/openfda/search-value";

type Task = () => Promise<{ breakdown: Breakdown; calls: UpstreamCall[] }>;

const invert = <K extends string>(codes: Record<K, string>) =>
  Object.fromEntries(Object.entries(codes).map(([k, v]) => [v, k])) as Record<string, K>;

const LABELS: Record<string, string> = {
  male: "Male",
  female: "Female",
  unknown: "Unknown / not reported",
  recovered: "Recovered",
  recovering: "Recovering",
  not_recovered: "Not recovered",
  recovered_with_sequelae: "Recovered with sequelae",
  fatal: "Fatal",
  physician: "Physician",
  pharmacist: "Pharmacist",
  other_hcp: "Other health professional",
  lawyer: "Lawyer",
  consumer: "Consumer / non-health professional",
  death: "Death",
  life_threatening: "Life-threatening",
  hospitalization: "Hospitalization",
  disabling: "Disabling",
  congenital_anomaly: "Congenital anomaly",
  other: "Other serious",
  serious: "Serious",
  non_serious: "Not serious",
};
const label = (key: string) => LABELS[key] ?? key;

/** Items from a term count whose terms are codes, plus "unknown" for reports with no listed code. */
function codedItems(counts: { term: string; count: number }[], codes: Record<string, string>, total: number | null) {
  const byCode = invert(codes);
  const items = counts
    .filter((c) => byCode[c.term] !== undefined)
    .map((c) => ({ key: byCode[c.term] as string, label: label(byCode[c.term] as string), count: c.count }));
  if (total !== null) {
    const known = items.filter((i) => i.key !== "unknown").reduce((s, i) => s + i.count, 0);
    const listedUnknown = items.find((i) => i.key === "unknown");
    const rest = Math.max(0, total - known);
    if (listedUnknown) listedUnknown.count = rest;
    else if (rest > 0) items.push({ key: "unknown", label: label("unknown"), count: rest });
  }
  return items;
}

function termItems(counts: { term: string; count: number }[]) {
  return counts.map((c) => ({ key: c.term, label: c.term, count: c.count }));
}

/** The breakdown queries for drug reports (FAERS). `total` is the number of reports matching `search`. */
export function drugBreakdownTasks(client: OpenFdaClient, search: string, total: number): Task[] {
  const endpoint: OpenFdaEndpoint = "drug/event";
  const and = (clause: string) => `${search} AND ${clause}`;
  return [
    async () => {
      const r = await fetchTermCounts(client, endpoint, search, DRUG_FIELDS.serious);
      const serious = r.data.find((c) => c.term === "1")?.count ?? 0;
      const nonSerious = r.data.find((c) => c.term === "2")?.count ?? 0;
      const items = [
        { key: "serious", label: label("serious"), count: serious },
        { key: "non_serious", label: label("non_serious"), count: nonSerious },
      ];
      const rest = total - serious - nonSerious;
      if (rest > 0) items.push({ key: "unknown", label: label("unknown"), count: rest });
      return { breakdown: { id: "serious", label: "Seriousness", field: DRUG_FIELDS.serious, basis: "reports", multiValued: false, items }, calls: r.calls };
    },
    async () => {
      const entries = Object.entries(SERIOUSNESS_FIELDS);
      // Six totals at once: the client's in-flight limit, not this task, bounds the calls.
      const reads = await Promise.all(entries.map(([, field]) => fetchTotal(client, endpoint, and(quotedClause(field, "1")))));
      return {
        breakdown: {
          id: "seriousness",
          label: "Seriousness criteria",
          field: entries.map(([, f]) => f).join(", "),
          basis: "reports",
          multiValued: true,
          items: entries.map(([key], i) => ({ key, label: label(key), count: reads[i]?.data ?? 0 })),
          note: "A serious report can meet several criteria.",
        },
        calls: reads.flatMap((r) => r.calls),
      };
    },
    async () => {
      const r = await fetchTermCounts(client, endpoint, search, DRUG_FIELDS.outcome);
      return {
        breakdown: {
          id: "outcome",
          label: "Reaction outcome",
          field: DRUG_FIELDS.outcome,
          basis: "reports",
          multiValued: true,
          items: codedItems(r.data, OUTCOME_CODES, null),
          note: "A report with several reactions counts once for each distinct outcome.",
        },
        calls: r.calls,
      };
    },
    async () => {
      const r = await fetchTermCounts(client, endpoint, search, DRUG_FIELDS.sex);
      return {
        breakdown: { id: "sex", label: "Sex", field: DRUG_FIELDS.sex, basis: "reports", multiValued: false, items: codedItems(r.data, SEX_CODES, total) },
        calls: r.calls,
      };
    },
    async () => {
      // One total per band at once, bounded by the client's in-flight limit like every call.
      const reads = await Promise.all(AGE_BANDS.map((band) => fetchTotal(client, endpoint, and(ageBandClause(band.id)))));
      const items: Breakdown["items"] = AGE_BANDS.map((band, i) => ({ key: band.id, label: band.label, count: reads[i]?.data ?? 0 }));
      const rest = Math.max(0, total - items.reduce((s, i) => s + i.count, 0));
      items.push({ key: "unknown", label: "Unknown / not reported", count: rest });
      return {
        breakdown: {
          id: "age_band",
          label: "Age at onset",
          field: `${DRUG_FIELDS.age} with ${DRUG_FIELDS.ageUnit}`,
          basis: "reports",
          multiValued: false,
          items,
          note: "Ages are converted to years from their unit (decade, year, month, week, day, hour) before banding.",
        },
        calls: reads.flatMap((r) => r.calls),
      };
    },
    async () => {
      const r = await fetchTermCounts(client, endpoint, search, DRUG_FIELDS.country);
      const items = termItems(r.data);
      const rest = Math.max(0, total - items.reduce((s, i) => s + i.count, 0));
      if (rest > 0) items.push({ key: "unknown", label: "Not reported", count: rest });
      return {
        breakdown: { id: "country", label: "Country of occurrence", field: DRUG_FIELDS.country, basis: "reports", multiValued: false, items },
        calls: r.calls,
      };
    },
    async () => {
      const r = await fetchTermCounts(client, endpoint, search, DRUG_FIELDS.reporter);
      return {
        breakdown: {
          id: "reporter",
          label: "Reporter qualification",
          field: DRUG_FIELDS.reporter,
          basis: "reports",
          multiValued: false,
          items: codedItems(r.data, REPORTER_CODES, total),
        },
        calls: r.calls,
      };
    },
  ];
}

/** The breakdown queries for device reports (MAUDE). */
export function deviceBreakdownTasks(client: OpenFdaClient, search: string, total: number): Task[] {
  const endpoint: OpenFdaEndpoint = "device/event";
  const termBreakdown = (id: string, title: string, field: string, multiValued: boolean, note?: string): Task => async () => {
    const r = await fetchTermCounts(client, endpoint, search, field);
    const items = termItems(r.data);
    if (!multiValued) {
      const rest = Math.max(0, total - items.reduce((s, i) => s + i.count, 0));
      if (rest > 0) items.push({ key: "unknown", label: "Not reported", count: rest });
    }
    return { breakdown: { id, label: title, field, basis: "reports", multiValued, items, ...(note ? { note } : {}) }, calls: r.calls };
  };
  return [
    termBreakdown("event_type", "Event type", DEVICE_FIELDS.eventType, false),
    termBreakdown("patient_outcome", "Patient outcome", DEVICE_FIELDS.patientOutcome, true, "A report can list several outcomes, for several patients."),
    termBreakdown("report_source", "Report source", DEVICE_FIELDS.reportSource, false),
    termBreakdown("device_class", "Device class", DEVICE_FIELDS.deviceClass, true, "A report can list several devices."),
  ];
}
