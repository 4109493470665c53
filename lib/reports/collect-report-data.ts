import "server-only";
import { NORMALIZATION_RULES_VERSION } from "@/lib/analytics/normalize";
import { AppError } from "@/lib/errors/app-error";
import type { Ask, Caller } from "@/lib/pipeline/ask";
import type { PipelineDeps } from "@/lib/pipeline/deps";
import { NO_SPIKE_RUN } from "@/lib/pipeline/describe-spike-run";
import { getAnomalies } from "@/lib/pipeline/get-anomalies";
import { getForecast } from "@/lib/pipeline/get-forecast";
import { getCases, getReactions, getSignals, getSummary, getTrend } from "@/lib/pipeline/questions";
import type { ProductAnomaliesResponse, ProductForecastResponse } from "@/lib/schemas/analytics-response";
import {
  casesQuerySchema,
  productAnomaliesQuerySchema,
  productForecastQuerySchema,
  reactionsQuerySchema,
  signalsQuerySchema,
  summaryQuerySchema,
  trendQuerySchema,
  type Interval,
} from "@/lib/schemas/faers-query";
import type { CasesResponse, Provenance, ReactionsResponse, SummaryResponse, TrendResponse } from "@/lib/schemas/faers-response";
import { REPORT_SECTIONS, type ReportRequest } from "@/lib/schemas/reports";
import type { SignalsResponse } from "@/lib/schemas/signals-response";
import { computeChanges } from "@/lib/reports/compute-changes";
import { SNAPSHOT_VERSION, type ReportSnapshot } from "@/lib/reports/snapshot";

// Gathers the one data snapshot a CER prints by asking the pipeline the same questions the JSON API
// answers, as of the report's data date, on behalf of the report's owner. Each answer's body goes in
// unchanged, so every printed number can be re-checked against the API. A question refused with a
// 4xx (bad input for this product, e.g. a series too long to score) is noted and its part left empty;
// anything else (openFDA down, a 5xx, a rate limit) throws, so the job step retries. No clock: every
// date is an input.

export type CollectReportDataInput = {
  reportId: string;
  request: ReportRequest;
  owner: string;
  createdAt: string;
  dataDate: string;
  previous: ReportSnapshot | null;
  lineListingCap: number;
};

/** Top terms printed for reactions and signals. */
export const REPORT_TOP_TERMS = 25;
export const REPORT_FORECAST_HORIZON = 12;
export const REPORT_FORECAST_LEVELS = "80,95";
/** Periods up to this many years are trended by month, longer ones by quarter. */
export const MONTHLY_TREND_MAX_YEARS = 5;
const CASES_PAGE = 100;

type ProductFields = ReportRequest["product"];
type Kind = ReportSnapshot["report"]["product"]["kind"];

function productKind(product: ProductFields): Kind {
  return product.drug !== undefined ? "drug" : product.device !== undefined ? "device" : "productCode";
}

function productName(product: ProductFields): string {
  return product.drug ?? product.device ?? product.productCode ?? "";
}

/** The request's filters besides the product name, as strings and booleans (undefined left out). */
export function productFilters(product: ProductFields): Record<string, string | boolean> {
  const filters: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(product)) {
    if (key === "drug" || key === "device" || key === "productCode" || value === undefined) continue;
    if (typeof value === "string" || typeof value === "boolean") filters[key] = value;
  }
  return filters;
}

/** `from` plus `years` calendar years (ISO); 29 February rolls to 1 March. */
function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/**
 * Month when the report period (request from..to) spans at most five calendar years, i.e. `to` is
 * before `from` + 5 years (2020-01-01..2024-12-31 is monthly, ..2025-01-01 quarterly); else quarter.
 */
export function reportInterval(from: string, to: string): Interval {
  return to < addYears(from, MONTHLY_TREND_MAX_YEARS) ? "month" : "quarter";
}

/** A refusal that says something about the question (4xx), not about the service: noted, not retried. */
function isRefusal(error: unknown): error is AppError {
  return error instanceof AppError && error.status >= 400 && error.status < 500 && error.status !== 429;
}

/** The answer's body, or null with a note when the pipeline refused the question; other errors throw. */
async function answerOrNote<T>(label: string, notes: string[], ask: () => Promise<{ body: T }>): Promise<T | null> {
  try {
    return (await ask()).body;
  } catch (error) {
    if (!isRefusal(error)) throw error;
    notes.push(`${label}: not answered (${error.code}): ${error.message}`);
    return null;
  }
}

/** A stand-in provenance for a part the pipeline refused: it says so and names no query. */
function refusedProvenance(kind: Kind, dataDate: string, what: string): Provenance {
  return {
    source: "none",
    endpoint: kind === "drug" ? "drug/event" : "device/event",
    queries: [],
    search: "",
    lastUpdated: null,
    retrievedAt: dataDate,
    cache: "MISS",
    normalizationRulesVersion: NORMALIZATION_RULES_VERSION,
    rules: [`${what} was not answered; see the report's notes.`],
  };
}

type CasesPage = CasesResponse;

/** Pages of one cases query until `limit` reports are held or the pages run out. */
async function pageCases(
  base: Record<string, unknown>,
  limit: number,
  ask: Ask,
  deps: PipelineDeps | undefined,
): Promise<{ first: CasesPage; data: CasesPage["data"][number][]; queries: string[] }> {
  const data: CasesPage["data"][number][] = [];
  const queries: string[] = [];
  let cursor: string | undefined;
  let first: CasesPage | undefined;
  for (;;) {
    const want = Math.max(1, Math.min(CASES_PAGE, limit - data.length));
    const query = casesQuerySchema.parse({ ...base, limit: String(want), ...(cursor ? { cursor } : {}) });
    const { body } = await getCases(query, ask, deps);
    first ??= body;
    queries.push(...body.provenance.queries);
    for (const report of body.data) if (data.length < limit) data.push(report);
    if (data.length >= limit || !body.nextCursor || body.data.length === 0) break;
    cursor = body.nextCursor;
  }
  return { first, data, queries };
}

type LineListing = ReportSnapshot["lineListing"];

/**
 * Fatal and serious cases: drugs by `serious=true` (openFDA's serious flag covers death and the other
 * seriousness criteria); devices by event type death, then injury (one MDR has one event type, so
 * the two totals add up). Cases are held up to `cap`; `total` is how many the answers say exist.
 */
async function collectLineListing(
  product: ProductFields,
  period: { from: string; to: string },
  cap: number,
  ask: Ask,
  deps: PipelineDeps | undefined,
  notes: string[],
  dataDate: string,
): Promise<LineListing> {
  const kind = productKind(product);
  const { eventType, serious, ...rest } = product;
  const base = { ...rest, from: period.from, to: period.to };
  const queries: Record<string, unknown>[] = [];
  if (kind === "drug") {
    if (serious === false) notes.push("Line listing: the request filters on non-serious reports, so the listing of serious and fatal cases is empty.");
    else queries.push({ ...base, serious: "true" });
  } else {
    const types = (["death", "injury"] as const).filter((t) => eventType === undefined || eventType === t);
    if (types.length === 0) notes.push(`Line listing: the request filters on event type ${eventType ?? ""}, so the listing of deaths and injuries is empty.`);
    for (const t of types) queries.push({ ...base, eventType: t });
  }

  const data: CasesPage["data"][number][] = [];
  const allQueries: string[] = [];
  const searches: string[] = [];
  let total = 0;
  let provenance: Provenance | undefined;
  for (const query of queries) {
    const page = await answerOrNote(`Line listing (${String(query.serious === "true" ? "serious" : query.eventType)})`, notes, () =>
      pageCases(query, Math.max(0, cap - data.length), ask, deps).then((body) => ({ body })),
    );
    if (!page) continue;
    provenance ??= page.first.provenance;
    searches.push(page.first.provenance.search);
    total += page.first.total;
    if (cap - data.length > 0) data.push(...page.data);
    allQueries.push(...page.queries);
  }
  const kept = data.slice(0, cap);
  return {
    cases: kept as CasesResponse["data"],
    total,
    cap,
    capped: total > cap,
    provenance: provenance
      ? // One provenance for the listing: every URL called, and the searches after the first as rules.
        { ...provenance, queries: [...new Set(allQueries)], rules: [...provenance.rules, ...searches.slice(1).map((search) => `Also listed: ${search}`)] }
      : refusedProvenance(kind, dataDate, "The line listing"),
  };
}

/** The report's snapshot: the pipeline's answers for the request's product and period, as of dataDate. */
export async function collectReportData(input: CollectReportDataInput, deps?: PipelineDeps): Promise<ReportSnapshot> {
  const { request, dataDate } = input;
  const product = request.product;
  const kind = productKind(product);
  const caller: Caller = `job:${input.owner}`;
  const ask: Ask = { caller, asOf: dataDate };
  const interval = reportInterval(request.from, request.to);
  const notes: string[] = [
    `Trend by ${interval}: periods of up to ${MONTHLY_TREND_MAX_YEARS} years are trended by month, longer ones by quarter.`,
  ];
  // Queries are built by parsing, so the API's defaults apply exactly as for an API request.
  const filter = { ...product, from: request.from, to: request.to };
  const stringFilter = Object.fromEntries(
    Object.entries(filter).flatMap(([k, v]) => (v === undefined ? [] : [[k, typeof v === "boolean" ? String(v) : v]])),
  ) as Record<string, string>;

  const trend = await answerOrNote<TrendResponse>("Trend", notes, () => getTrend(trendQuerySchema.parse({ ...stringFilter, interval }), ask, deps));

  let forecast: ProductForecastResponse | null = await answerOrNote("Forecast", notes, () =>
    getForecast(
      productForecastQuerySchema.parse({ ...stringFilter, interval, horizon: String(REPORT_FORECAST_HORIZON), levels: REPORT_FORECAST_LEVELS }),
      ask,
      deps,
    ),
  );
  if (forecast && forecast.model === "none") {
    notes.push(`Forecast: left out; ${forecast.notes.join(" ")}`);
    forecast = null;
  }

  const spikeQuery = {
    ...stringFilter,
    interval,
    method: request.spikeMethod ?? "auto",
    ...(request.spikeParams !== undefined ? { params: request.spikeParams } : {}),
  };
  const spikes = await answerOrNote<ProductAnomaliesResponse>("Spikes", notes, () => getAnomalies(productAnomaliesQuerySchema.parse(spikeQuery), ask, deps));
  const reactions = await answerOrNote<ReactionsResponse>("Reactions", notes, () =>
    getReactions(reactionsQuerySchema.parse({ ...stringFilter, top: String(REPORT_TOP_TERMS) }), ask, deps),
  );
  const summary = await answerOrNote<SummaryResponse>("Summary", notes, () => getSummary(summaryQuerySchema.parse(stringFilter), ask, deps));
  let signals: SignalsResponse | null = null;
  if (kind === "drug") {
    signals = await answerOrNote<SignalsResponse>("Signals", notes, () =>
      getSignals(signalsQuerySchema.parse({ ...stringFilter, top: String(REPORT_TOP_TERMS) }), ask, deps),
    );
  } else {
    notes.push("Disproportionality: left out; openFDA disproportionality is computed per drug, not for devices.");
  }
  const lineListing = await collectLineListing(product, { from: request.from, to: request.to }, input.lineListingCap, ask, deps, notes, dataDate);

  const named = trend?.product ?? summary?.product ?? reactions?.product ?? { kind, name: productName(product) };
  const empty = { kind, name: named.name };
  const to = trend?.to ?? (request.to < dataDate ? request.to : dataDate);
  const emptyTrend = (): TrendResponse => ({
    product: empty,
    interval,
    from: request.from,
    to,
    series: [],
    total: 0,
    dataThrough: null,
    provenance: refusedProvenance(kind, dataDate, "The trend"),
  });

  const current: Omit<ReportSnapshot, "changes"> = {
    version: SNAPSHOT_VERSION,
    report: {
      id: input.reportId,
      title: request.title ?? `${named.name}: clinical evaluation data ${request.from} to ${request.to}`,
      product: { kind, name: named.name, filters: productFilters(product) },
      from: request.from,
      to: request.to,
      dataDate,
      createdAt: input.createdAt,
      requestedBy: input.owner,
      evaluator: request.evaluator
        ? { name: request.evaluator.name, qualifications: request.evaluator.qualifications ?? null, signedOn: request.evaluator.signedOn ?? null }
        : null,
      intendedPurpose: request.intendedPurpose ?? null,
      conclusions: request.conclusions ?? null,
      nextReviewDate: request.nextReviewDate ?? null,
      sections: request.sections ?? [...REPORT_SECTIONS],
    },
    trend: trend ?? emptyTrend(),
    forecast,
    spikes: spikes ?? {
      product: empty,
      interval,
      series: trend?.series ?? [],
      ...NO_SPIKE_RUN,
      notes: ["Not answered; see the report's notes."],
      provenance: refusedProvenance(kind, dataDate, "Spike detection"),
    },
    reactions: reactions ?? {
      product: empty,
      termKind: kind === "drug" ? "reaction" : "product problem",
      field: "",
      total: 0,
      terms: [],
      provenance: refusedProvenance(kind, dataDate, "Top terms"),
    },
    summary: summary ?? { product: empty, from: request.from, to, total: 0, breakdowns: [], provenance: refusedProvenance(kind, dataDate, "The summary") },
    signals,
    lineListing,
    notes,
  };
  return { ...current, changes: input.previous ? computeChanges(input.previous, current) : null };
}
