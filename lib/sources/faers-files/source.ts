import { AGE_BANDS, type AgeBandId } from "@/lib/analytics/age-bands";
import { normalizeMedicinalProduct } from "@/lib/analytics/normalize";
import { toCleanUpperText } from "@/lib/analytics/normalize/clean-text";
import { aggregateDailyCounts, type DailyCount } from "@/lib/analytics/series/aggregate-daily-counts";
import type { PeriodInterval } from "@/lib/analytics/series/periods";
import type { DataQuality, ReporterQualification, SeriousnessFlag, Sex } from "@/lib/schemas/case-report";
import type { Breakdown } from "@/lib/schemas/faers-response";
import { toFaersCaseReport, type FaersCaseReport } from "./case-report";
import { outcomeBitsOf, roleMaskOf, type FaersRoleSelection } from "./codes";
import type { FaersDataset, FaersReportRecord } from "./dataset";
import { toIsoFromNumber, toNumberFromIso } from "./dates";
import { createDrugEventCounter, toTwoByTwo, type DrugEventTables, type TwoByTwo } from "./drug-event-tables";
import { FaersQueryError } from "./errors";

// Offline query engine over an imported FaersDataset: the questions the openFDA pipeline answers
// (trend, top reactions, breakdowns, line listing) plus role-aware 2×2 counts that openFDA cannot give.
// Every count is of distinct de-duplicated reports (latest version per case, deleted cases removed).
// Pure: no I/O, no clock; indexes are built once in createFaersFileSource.

/**
 * Which date places a report in time.
 * - "init_fda_dt" (default): first receipt of the case by FDA, the equivalent of openFDA `receivedate`.
 *   A quarter's file holds follow-ups of old cases, so this date reaches back years before the quarter.
 *   Legacy AERS has no init_fda_dt; its reports use fda_dt (rule date.received_from_fda_dt).
 * - "fda_dt": receipt of the version in the file; falls inside the quarter the file covers.
 */
export type FaersDateField = "init_fda_dt" | "fda_dt";

/**
 * How `drug` is matched, after cleaning both sides with normalizeMedicinalProduct (upper case, collapsed
 * whitespace, trailing dose/WHO-Drug code/"(UNKNOWN)"/punctuation removed), then exact equality:
 * "drugname" the verbatim product name, "prod_ai" the active-ingredient text (FAERS 2014Q3 on; a
 * combination such as "ACETAMINOPHEN\HYDROCODONE BITARTRATE" only matches that whole text), "any" either.
 */
export type FaersProductMatch = "any" | "drugname" | "prod_ai";

export interface FaersFileFilter {
  /** Product name; absent = every report. */
  drug?: string;
  match?: FaersProductMatch;
  /**
   * Roles in which `drug` must appear (default "any"). Without `drug`, restricts to reports having a
   * drug in these roles. primary_suspect = PS, suspect = PS or SS, any = PS/SS/C/I/unknown.
   */
  roles?: FaersRoleSelection;
  /** Reports naming this MedDRA PT (case-insensitive, exact). */
  event?: string;
  /** Inclusive ISO dates on `dateField`. */
  from?: string;
  to?: string;
  dateField?: FaersDateField;
  sex?: Sex;
  ageBand?: AgeBandId;
  serious?: boolean;
  seriousness?: SeriousnessFlag;
  /** ISO-2. */
  country?: string;
  reporter?: ReporterQualification;
}

export interface FaersTrendResult {
  interval: PeriodInterval;
  dateField: FaersDateField;
  /** Range used (the filter's, else the dataset's first and last date on dateField); null when no dates. */
  from: string | null;
  to: string | null;
  series: ReturnType<typeof aggregateDailyCounts>;
  /** Daily counts (non-zero days only) the series was summed from. */
  days: DailyCount[];
  total: number;
  /** Latest day with a report in the range. */
  dataThrough: string | null;
  /** Matching reports with no valid date (not in the series). */
  undated: number;
  notes: string[];
}

export interface FaersReactionsResult {
  total: number;
  terms: { term: string; count: number; share: number }[];
  /** Distinct PTs among the matching reports (terms is cut to `top`). */
  distinctTerms: number;
  notes: string[];
}

export interface FaersSummaryResult {
  total: number;
  breakdowns: Breakdown[];
  notes: string[];
}

export interface FaersCasesResult {
  total: number;
  data: FaersCaseReport[];
  nextCursor: string | null;
  quality: DataQuality;
  notes: string[];
}

export interface FaersTwoByTwoResult extends TwoByTwo {
  /** Cleaned product and PT that were matched. */
  drug: string;
  event: string;
  roles: FaersRoleSelection;
  /** a + b. */
  drugReports: number;
  /** a + c. */
  eventReports: number;
  notes: string[];
}

export interface FaersSourceDescription {
  kind: "faers-files";
  quarters: FaersDataset["quarters"];
  files: FaersDataset["files"];
  reports: number;
  deletedCaseIds: number;
  defaultDateField: FaersDateField;
  /** First and last valid date per date field, ISO. */
  dateRange: Record<FaersDateField, { from: string | null; to: string | null }>;
  quality: DataQuality;
}

export interface FaersFileSource {
  readonly kind: "faers-files";
  readonly dataset: FaersDataset;
  describe(): FaersSourceDescription;
  /** Distinct reports matching the filter. */
  countReports(filter?: FaersFileFilter): number;
  /** Reports per period on the date field, zero-filled (aggregateDailyCounts). */
  trend(query?: FaersFileFilter & { interval?: PeriodInterval }): FaersTrendResult;
  /** Top PTs by distinct reports. */
  reactions(query?: FaersFileFilter & { top?: number }): FaersReactionsResult;
  /** Breakdowns by seriousness, criteria, sex, age band, country and reporter occupation. */
  summary(query?: FaersFileFilter): FaersSummaryResult;
  /** Line listing of normalized reports in import order, paged by an offset cursor. */
  cases(query?: FaersFileFilter & { limit?: number; cursor?: string }): FaersCasesResult;
  /** The 2×2 table of one drug–event pair among reports passing the other filters. */
  twoByTwo(query: FaersFileFilter & { drug: string; event: string; roles: FaersRoleSelection }): FaersTwoByTwoResult;
  /** The 2×2 tables of one drug against each event, from one scan of the reports. */
  twoByTwoEach(query: FaersFileFilter & { drug: string; events: string[]; roles: FaersRoleSelection }): FaersTwoByTwoResult[];
  /** Report-level counts of every drug–event pair (drugs in the chosen roles, keyed by cleaned drugname or prod_ai). */
  drugEventTables(query: Omit<FaersFileFilter, "drug" | "event" | "roles" | "match"> & { roles: FaersRoleSelection; drugKey?: "drugname" | "prod_ai" }): DrugEventTables;
}

const REPORT_BITS = 5;
const ROLE_BITS_MASK = (1 << REPORT_BITS) - 1;

/** product id → packed entries (report index << 5 | role bits of that product's rows in the report). */
type ProductIndex = Map<number, number[]>;

function addToProductIndex(index: ProductIndex, productId: number, reportIndex: number, bit: number): void {
  let list = index.get(productId);
  if (!list) {
    list = [];
    index.set(productId, list);
  }
  const last = list.length - 1;
  const lastEntry = list[last];
  if (lastEntry !== undefined && lastEntry >>> REPORT_BITS === reportIndex) list[last] = lastEntry | bit;
  else list.push((reportIndex << REPORT_BITS) | bit);
}

const COUNTING_NOTE = "Counts are distinct reports: latest version per CASEID (legacy: latest ISR per CASE), cases on FDA DELETE lists removed.";

const DATE_NOTE: Record<FaersDateField, string> = {
  init_fda_dt: "Dated by init_fda_dt (first FDA receipt of the case, as openFDA receivedate); legacy AERS reports by fda_dt.",
  fda_dt: "Dated by fda_dt (FDA receipt of the version in the file).",
};

const LABELS: Readonly<Record<string, string>> = {
  serious: "Serious (any OUTC code)",
  non_serious: "Not serious (no OUTC code)",
  unknown: "Unknown / not reported",
  male: "Male",
  female: "Female",
  physician: "Physician (MD)",
  pharmacist: "Pharmacist (PH)",
  other_hcp: "Other health professional (OT, HP)",
  lawyer: "Lawyer (LW)",
  consumer: "Consumer (CN)",
  death: "Death (DE)",
  life_threatening: "Life-threatening (LT)",
  hospitalization: "Hospitalization (HO)",
  disabling: "Disability (DS)",
  congenital_anomaly: "Congenital anomaly (CA)",
  other: "Other serious or required intervention (OT, RI)",
};
const labelOf = (key: string): string => LABELS[key] ?? key;

const SERIOUSNESS_ORDER: readonly SeriousnessFlag[] = ["death", "life_threatening", "hospitalization", "disabling", "congenital_anomaly", "other"];
const REPORTER_ORDER: readonly ReporterQualification[] = ["physician", "pharmacist", "other_hcp", "lawyer", "consumer"];

function countedItems(counts: Map<string, number>, order: readonly string[]): Breakdown["items"] {
  const items: Breakdown["items"] = order.map((key) => ({ key, label: labelOf(key), count: counts.get(key) ?? 0 }));
  const unknown = counts.get("unknown") ?? 0;
  if (unknown > 0) items.push({ key: "unknown", label: labelOf("unknown"), count: unknown });
  return items;
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/**
 * Builds the query engine over an imported dataset (see importFaersQuarters). Indexes: cleaned
 * drugname → reports, cleaned prod_ai → reports (each with the roles the product has in the report),
 * PT → reports. Memory is a few numbers per DRUG and REAC row.
 */
export function createFaersFileSource(dataset: FaersDataset, options: { dateField?: FaersDateField } = {}): FaersFileSource {
  const defaultDateField = options.dateField ?? "init_fda_dt";
  const reports = dataset.reports;
  const byDrugname: ProductIndex = new Map();
  const byIngredient: ProductIndex = new Map();
  const byTerm = new Map<number, number[]>();
  reports.forEach((report, r) => {
    for (let i = 0; i + 2 < report.drugs.length; i += 3) {
      const bit = 1 << (report.drugs[i + 2] ?? 4);
      addToProductIndex(byDrugname, report.drugs[i] ?? -1, r, bit);
      const ingredient = report.drugs[i + 1] ?? -1;
      if (ingredient >= 0) addToProductIndex(byIngredient, ingredient, r, bit);
    }
    for (const pt of report.pts) {
      let list = byTerm.get(pt);
      if (!list) {
        list = [];
        byTerm.set(pt, list);
      }
      list.push(r);
    }
  });

  const outcKnown = dataset.quarters.map((q) => q.tables.includes("OUTC"));
  const seriousOf = (report: FaersReportRecord): boolean | null => (outcKnown[report.quarter] ? report.outcomeMask !== 0 : null);
  const dateOf = (report: FaersReportRecord, field: FaersDateField): number => (field === "fda_dt" ? report.fdaDate : report.receivedDate);

  const dateRangeOf = (field: FaersDateField): { from: string | null; to: string | null } => {
    let min = 0;
    let max = 0;
    for (const report of reports) {
      const date = dateOf(report, field);
      if (date === 0) continue;
      if (min === 0 || date < min) min = date;
      if (date > max) max = date;
    }
    return { from: toIsoFromNumber(min), to: toIsoFromNumber(max) };
  };
  const dateRanges = { init_fda_dt: dateRangeOf("init_fda_dt"), fda_dt: dateRangeOf("fda_dt") };

  const toDateBound = (value: string | undefined, name: string): number | null => {
    if (value === undefined) return null;
    const date = toNumberFromIso(value);
    if (date === null) throw new FaersQueryError(`${name} must be a date like 2024-01-31, got "${value}"`);
    return date;
  };

  /** Report-level predicate for everything but drug, roles and event. */
  function compilePredicate(filter: FaersFileFilter): (report: FaersReportRecord) => boolean {
    const field = filter.dateField ?? defaultDateField;
    const from = toDateBound(filter.from, "from");
    const to = toDateBound(filter.to, "to");
    const country = filter.country?.trim().toUpperCase();
    const seriousBits = filter.seriousness ? outcomeBitsOf(filter.seriousness) : 0;
    return (report) => {
      if (from !== null || to !== null) {
        const date = dateOf(report, field);
        if (date === 0 || (from !== null && date < from) || (to !== null && date > to)) return false;
      }
      if (filter.sex !== undefined && report.sex !== filter.sex) return false;
      if (filter.ageBand !== undefined && report.ageBand !== filter.ageBand) return false;
      if (filter.serious !== undefined && seriousOf(report) !== filter.serious) return false;
      if (filter.seriousness !== undefined && (report.outcomeMask & seriousBits) === 0) return false;
      if (country !== undefined && report.country !== country) return false;
      if (filter.reporter !== undefined && report.reporter !== filter.reporter) return false;
      return true;
    };
  }

  /** Cleaned product text and the reports naming it in the given roles (marks), per match mode. */
  function markProduct(drug: string, match: FaersProductMatch, roleMask: number): { name: string; marks: Uint8Array } {
    const name = normalizeMedicinalProduct(drug);
    const marks = new Uint8Array(reports.length);
    const id = name === "" ? -1 : dataset.products.find(name);
    if (id < 0) return { name, marks };
    const lists = [match !== "prod_ai" ? byDrugname.get(id) : undefined, match !== "drugname" ? byIngredient.get(id) : undefined];
    for (const list of lists) {
      if (!list) continue;
      for (const entry of list) if ((entry & ROLE_BITS_MASK & roleMask) !== 0) marks[entry >>> REPORT_BITS] = 1;
    }
    return { name, marks };
  }

  function markEvent(event: string): { term: string; marks: Uint8Array } {
    const term = toCleanUpperText(event);
    const marks = new Uint8Array(reports.length);
    const id = term === "" ? -1 : dataset.terms.find(term);
    for (const r of (id < 0 ? undefined : byTerm.get(id)) ?? []) marks[r] = 1;
    return { term, marks };
  }

  /**
   * One drug against several events: which reports count (filters, roles, at least one PT), N and the
   * drug margin are the same for every event, so they take one scan; each event then only walks its
   * own reports (a stamp per event skips a report listed twice under one term).
   */
  function twoByTwoEach(query: FaersFileFilter & { drug: string; events: string[]; roles: FaersRoleSelection }): FaersTwoByTwoResult[] {
    const { drug, events, roles, match = "any", ...rest } = query;
    const predicate = compilePredicate(rest);
    const roleMask = roleMaskOf(roles);
    const product = markProduct(drug, match, roleMask);
    const counted = new Uint8Array(reports.length);
    let n = 0;
    let drugReports = 0;
    for (let r = 0; r < reports.length; r += 1) {
      const report = reports[r] as FaersReportRecord;
      if ((report.roleMask & roleMask) === 0 || report.pts.length === 0 || !predicate(report)) continue;
      counted[r] = 1;
      n += 1;
      if (product.marks[r] === 1) drugReports += 1;
    }
    const stamps = new Uint32Array(reports.length);
    return events.map((event, index) => {
      const term = toCleanUpperText(event);
      const id = term === "" ? -1 : dataset.terms.find(term);
      let a = 0;
      let eventReports = 0;
      for (const r of (id < 0 ? undefined : byTerm.get(id)) ?? []) {
        if (stamps[r] === index + 1 || counted[r] !== 1) continue;
        stamps[r] = index + 1;
        eventReports += 1;
        if (product.marks[r] === 1) a += 1;
      }
      return {
        ...toTwoByTwo(a, drugReports, eventReports, n),
        drug: product.name,
        event: term,
        roles,
        drugReports,
        eventReports,
        notes: [
          COUNTING_NOTE,
          `Drug side: reports naming the product (${match}) in role(s) ${roles === "primary_suspect" ? "PS" : roles === "suspect" ? "PS or SS" : "PS, SS, C, I or unknown"}.`,
          "N = reports passing the filters that name at least one drug in those roles and at least one PT.",
        ],
      };
    });
  }

  /** Indexes (ascending) of the reports matching the whole filter. */
  function select(filter: FaersFileFilter = {}): number[] {
    const predicate = compilePredicate(filter);
    const roleMask = roleMaskOf(filter.roles ?? "any");
    const product = filter.drug === undefined ? null : markProduct(filter.drug, filter.match ?? "any", roleMask);
    const event = filter.event === undefined ? null : markEvent(filter.event);
    const needsRole = filter.drug === undefined && filter.roles !== undefined;
    const out: number[] = [];
    for (let r = 0; r < reports.length; r += 1) {
      if (product && product.marks[r] !== 1) continue;
      if (event && event.marks[r] !== 1) continue;
      const report = reports[r] as FaersReportRecord;
      if (needsRole && (report.roleMask & roleMask) === 0) continue;
      if (predicate(report)) out.push(r);
    }
    return out;
  }

  const source: FaersFileSource = {
    kind: "faers-files",
    dataset,

    describe() {
      return {
        kind: "faers-files",
        quarters: dataset.quarters,
        files: dataset.files,
        reports: reports.length,
        deletedCaseIds: dataset.deletedCaseIds,
        defaultDateField,
        dateRange: dateRanges,
        quality: dataset.quality,
      };
    },

    countReports(filter = {}) {
      return select(filter).length;
    },

    trend(query = {}) {
      const { interval = "month", ...filter } = query;
      const field = filter.dateField ?? defaultDateField;
      const matched = select(filter);
      const perDay = new Map<number, number>();
      let undated = 0;
      for (const r of matched) {
        const date = dateOf(reports[r] as FaersReportRecord, field);
        if (date === 0) undated += 1;
        else perDay.set(date, (perDay.get(date) ?? 0) + 1);
      }
      const days = [...perDay.entries()]
        .sort((x, y) => x[0] - y[0])
        .map(([date, count]) => ({ date: toIsoFromNumber(date) as string, count }));
      const fromBound = toDateBound(filter.from, "from");
      const toBound = toDateBound(filter.to, "to");
      const from = fromBound === null ? dateRanges[field].from : toIsoFromNumber(fromBound);
      const to = toBound === null ? dateRanges[field].to : toIsoFromNumber(toBound);
      const series = from !== null && to !== null ? aggregateDailyCounts(days, { from, to, interval }) : [];
      const total = days.reduce((sum, day) => sum + day.count, 0);
      return {
        interval,
        dateField: field,
        from,
        to,
        series,
        days,
        total,
        dataThrough: days.length > 0 ? (days[days.length - 1]?.date ?? null) : null,
        undated,
        notes: [COUNTING_NOTE, DATE_NOTE[field], "Periods with no reports are 0."],
      };
    },

    reactions(query = {}) {
      const { top = 25, ...filter } = query;
      if (!Number.isInteger(top) || top < 1) throw new FaersQueryError("top must be a whole number of at least 1");
      const matched = select(filter);
      const counts = new Map<number, number>();
      for (const r of matched) for (const pt of (reports[r] as FaersReportRecord).pts) counts.set(pt, (counts.get(pt) ?? 0) + 1);
      const total = matched.length;
      const terms = [...counts.entries()]
        .map(([id, count]) => ({ term: dataset.terms.valueOf(id), count, share: total > 0 ? count / total : 0 }))
        .sort((x, y) => y.count - x.count || (x.term < y.term ? -1 : x.term > y.term ? 1 : 0));
      return {
        total,
        terms: terms.slice(0, top),
        distinctTerms: terms.length,
        notes: [
          COUNTING_NOTE,
          "Terms are REAC.pt upper-cased; a report with several PTs counts once for each, a PT listed twice in a report counts once.",
          "Share = reports with the PT ÷ reports matching the query.",
        ],
      };
    },

    summary(query = {}) {
      const matched = select(query);
      const serious = new Map<string, number>();
      const criteria = new Map<string, number>();
      const sex = new Map<string, number>();
      const ageBand = new Map<string, number>();
      const country = new Map<string, number>();
      const reporter = new Map<string, number>();
      for (const r of matched) {
        const report = reports[r] as FaersReportRecord;
        const isSerious = seriousOf(report);
        increment(serious, isSerious === null ? "unknown" : isSerious ? "serious" : "non_serious");
        for (const flag of SERIOUSNESS_ORDER) if ((report.outcomeMask & outcomeBitsOf(flag)) !== 0) increment(criteria, flag);
        increment(sex, report.sex);
        increment(ageBand, report.ageBand);
        increment(country, report.country ?? "unknown");
        increment(reporter, report.reporter);
      }
      const countryItems: Breakdown["items"] = [...country.entries()]
        .filter(([key]) => key !== "unknown")
        .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
        .map(([key, count]) => ({ key, label: key, count }));
      const unknownCountry = country.get("unknown") ?? 0;
      if (unknownCountry > 0) countryItems.push({ key: "unknown", label: "Not reported", count: unknownCountry });
      const ageItems: Breakdown["items"] = AGE_BANDS.map((band) => ({ key: band.id, label: band.label, count: ageBand.get(band.id) ?? 0 }));
      ageItems.push({ key: "unknown", label: labelOf("unknown"), count: ageBand.get("unknown") ?? 0 });

      const breakdowns: Breakdown[] = [
        {
          id: "serious",
          label: "Seriousness",
          field: "OUTC.outc_cod",
          basis: "reports",
          multiValued: false,
          items: countedItems(serious, ["serious", "non_serious"]),
          note: "FAERS files have no serious flag: a report with any OUTC code is serious, one without is not; unknown when the quarter's OUTC file was not imported.",
        },
        {
          id: "seriousness",
          label: "Seriousness criteria",
          field: "OUTC.outc_cod",
          basis: "reports",
          multiValued: true,
          items: SERIOUSNESS_ORDER.map((flag) => ({ key: flag, label: labelOf(flag), count: criteria.get(flag) ?? 0 })),
          note: "A serious report can meet several criteria. RI (required intervention) is counted as other.",
        },
        { id: "sex", label: "Sex", field: "DEMO.sex (legacy gndr_cod)", basis: "reports", multiValued: false, items: countedItems(sex, ["male", "female"]) },
        {
          id: "age_band",
          label: "Age at onset",
          field: "DEMO.age with age_cod",
          basis: "reports",
          multiValued: false,
          items: ageItems,
          note: "Ages are converted to years from age_cod (DEC, YR, MON, WK, DY, HR) before banding.",
        },
        {
          id: "country",
          label: "Country of occurrence",
          field: "DEMO.occr_country (else reporter_country)",
          basis: "reports",
          multiValued: false,
          items: countryItems,
          note: "Legacy AERS files have no country.",
        },
        {
          id: "reporter",
          label: "Reporter occupation",
          field: "DEMO.occp_cod",
          basis: "reports",
          multiValued: false,
          items: countedItems(reporter, REPORTER_ORDER),
        },
      ];
      return {
        total: matched.length,
        breakdowns,
        notes: [
          COUNTING_NOTE,
          "Each breakdown counts distinct reports per value; 'Unknown / not reported' holds the reports without a usable value.",
          "No reaction-outcome breakdown: FAERS ASCII files have no reaction-level outcome.",
        ],
      };
    },

    cases(query = {}) {
      const { limit = 25, cursor, ...filter } = query;
      if (!Number.isInteger(limit) || limit < 1) throw new FaersQueryError("limit must be a whole number of at least 1");
      let offset = 0;
      if (cursor !== undefined) {
        if (!/^\d{1,9}$/.test(cursor)) throw new FaersQueryError("cursor is not valid; use the nextCursor value from the previous page");
        offset = Number(cursor);
      }
      const matched = select(filter);
      const page = matched.slice(offset, offset + limit);
      return {
        total: matched.length,
        data: page.map((r) => toFaersCaseReport(dataset, reports[r] as FaersReportRecord)),
        nextCursor: offset + limit < matched.length ? String(offset + limit) : null,
        quality: dataset.quality,
        notes: [
          COUNTING_NOTE,
          "Reports are listed in import order (DEMO file order of the winning versions).",
          "quality describes the whole import (rules and counts), not only this page.",
        ],
      };
    },

    twoByTwo(query) {
      const { event, ...rest } = query;
      return twoByTwoEach({ ...rest, events: [event] })[0] as FaersTwoByTwoResult;
    },

    twoByTwoEach: (query) => twoByTwoEach(query),

    drugEventTables(query) {
      const { roles, drugKey = "drugname", ...filter } = query;
      const predicate = compilePredicate(filter);
      const roleMask = roleMaskOf(roles);
      const field = drugKey === "prod_ai" ? 1 : 0;
      const counter = createDrugEventCounter(dataset.products.values, dataset.terms.values);
      const drugIds: number[] = [];
      for (const report of reports) {
        if ((report.roleMask & roleMask) === 0 || report.pts.length === 0 || !predicate(report)) continue;
        drugIds.length = 0;
        for (let i = 0; i + 2 < report.drugs.length; i += 3) {
          if (((1 << (report.drugs[i + 2] ?? 4)) & roleMask) !== 0) drugIds.push(report.drugs[i + field] ?? -1);
        }
        counter.addReport(drugIds, report.pts);
      }
      return counter.build();
    },
  };
  return source;
}
