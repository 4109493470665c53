import { productForecastResponseSchema, productAnomaliesResponseSchema } from "@/lib/schemas/analytics-response";
import {
  casesQuerySchema,
  productAnomaliesQuerySchema,
  productForecastQuerySchema,
  reactionsQuerySchema,
  signalsQuerySchema,
  summaryQuerySchema,
  trendQuerySchema,
} from "@/lib/schemas/faers-query";
import { casesResponseSchema, reactionsResponseSchema, summaryResponseSchema, trendResponseSchema } from "@/lib/schemas/faers-response";
import { signalsResponseSchema } from "@/lib/schemas/signals-response";
import { json, type OperationSpec } from "@/lib/openapi/operation-spec";

const TAG = "Product analytics";
const CACHED =
  "Answers from the cache when it can (`x-cache: HIT`, `MISS` or `STALE`); browsers may reuse an answer for 60 s. " +
  "Give exactly one of `drug`, `device` or `productCode`; unknown parameters are refused.";
const UPSTREAM = ["upstream_unavailable", "service_unavailable"] as const;
const xCache = { "x-cache": { description: "HIT, MISS or STALE: whether the answer came from the cache.", schema: { type: "string", enum: ["HIT", "MISS", "STALE"] } } };

const provenanceExample = {
  source: "openFDA",
  endpoint: "drug/event",
  queries: ["https://api.fda.gov/drug/event.json?search=…&count=receivedate"],
  search: 'patient.drug.openfda.generic_name.exact:"AMBRISENTAN"',
  lastUpdated: "2026-11-25",
  retrievedAt: "2026-12-04T10:00:00.000Z",
  cache: "MISS",
  normalizationRulesVersion: "1",
  rules: [],
};

export const FAERS_OPERATIONS: OperationSpec[] = [
  {
    route: "GET /api/faers/trend",
    tag: TAG,
    summary: "Reports per week, month, quarter or year for one product",
    description: CACHED,
    query: trendQuerySchema,
    responses: {
      200: {
        description: "The series, its total and where the data came from.",
        headers: xCache,
        body: json(trendResponseSchema, {
          product: { kind: "drug", name: "letairis" },
          interval: "year",
          from: "2008-01-01",
          to: "2009-12-31",
          series: [
            { period: "2008", start: "2008-01-01", end: "2008-12-31", count: 12, partial: false },
            { period: "2009", start: "2009-01-01", end: "2009-12-31", count: 30, partial: false },
          ],
          total: 42,
          dataThrough: "2009-12-28",
          provenance: provenanceExample,
        }),
      },
    },
    errors: [...UPSTREAM],
  },
  {
    route: "GET /api/faers/reactions",
    tag: TAG,
    summary: "Top reaction terms reported with a product",
    description: CACHED,
    query: reactionsQuerySchema,
    responses: {
      200: {
        description: "Terms with counts and shares.",
        headers: xCache,
        body: json(reactionsResponseSchema, {
          product: { kind: "drug", name: "letairis" },
          termKind: "MedDRA preferred term",
          field: "patient.reaction.reactionmeddrapt.exact",
          total: 120,
          terms: [{ term: "DYSPNOEA", count: 14, share: 0.1167 }],
          provenance: provenanceExample,
        }),
      },
    },
    errors: [...UPSTREAM],
  },
  {
    route: "GET /api/faers/summary",
    tag: TAG,
    summary: "Breakdowns by seriousness, outcome, sex, age band, country and reporter",
    description: CACHED,
    query: summaryQuerySchema,
    responses: { 200: { description: "One breakdown per dimension.", headers: xCache, body: json(summaryResponseSchema) } },
    errors: [...UPSTREAM],
  },
  {
    route: "GET /api/faers/cases",
    tag: TAG,
    summary: "Normalized case reports, paged by cursor",
    description: `${CACHED} Pass \`nextCursor\` back as \`cursor\` for the next page.`,
    query: casesQuerySchema,
    responses: { 200: { description: "One page of reports with the data-quality rules applied.", headers: xCache, body: json(casesResponseSchema) } },
    errors: [...UPSTREAM],
  },
  {
    route: "GET /api/faers/forecast",
    tag: TAG,
    summary: "ETS forecast of a product's report counts, with prediction intervals",
    description: CACHED,
    query: productForecastQuerySchema,
    responses: { 200: { description: "The fitted series and the forecast.", headers: xCache, body: json(productForecastResponseSchema) } },
    errors: [...UPSTREAM],
  },
  {
    route: "GET /api/faers/anomalies",
    tag: TAG,
    summary: "Spike detection on a product's report counts (EARS, Farrington-flexible, S-H-ESD)",
    description: `${CACHED} A method's parameters are given as \`params.<name>=<value>\` (e.g. \`params.alpha=0.01\`).`,
    // The schema gathers params.* keys before checking (a preprocess step): document the object it checks.
    query: productAnomaliesQuerySchema.out,
    responses: { 200: { description: "Each period's assessment and the spikes found.", headers: xCache, body: json(productAnomaliesResponseSchema) } },
    errors: [...UPSTREAM],
  },
  {
    route: "GET /api/faers/signals",
    tag: TAG,
    summary: "Disproportionality (PRR, ROR, IC, EBGM) of a drug's top reaction terms",
    description: CACHED,
    query: signalsQuerySchema,
    responses: { 200: { description: "One row per reaction term with its 2×2 table and measures.", headers: xCache, body: json(signalsResponseSchema) } },
    errors: [...UPSTREAM],
  },
];
