// Answers one openFDA API request (/drug/event.json, /device/event.json) from the loaded datasets.
// Pure: URL in, status/headers/body out, so the HTTP layer only adds faults and logging.
import { countField } from "./count";
import { fieldRef, leafValues, matchesQuery } from "./query-evaluator";
import { hasOnlyAllowedCharacters, parseSearch, QuerySyntaxError, type QueryNode } from "./query-parser";
import type { Dataset, FakeResponse, JsonObject } from "./types";

export const GENERATED_HEADER_VALUE = "generated (computed from recorded records)";

const ALLOWED_PARAMS = new Set(["search", "count", "limit", "skip", "search_after", "sort", "api_key"]);
const MAX_LIMIT = 1000;
const MAX_SKIP = 25000;
const DEFAULT_SEARCH_LIMIT = 1;
// openFDA's code uses 100 although its docs say 1000 (FDA/openfda#6).
const DEFAULT_COUNT_LIMIT = 100;

interface Entry {
  record: JsonObject;
  index: number;
}

interface SortSpec {
  path: string[];
  direction: 1 | -1;
}

function json(status: number, payload: unknown, extraHeaders: Record<string, string> = {}): FakeResponse {
  return {
    status,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "X-Fake-OpenFDA": GENERATED_HEADER_VALUE,
      ...extraHeaders,
    },
    body: JSON.stringify(payload),
  };
}

export function errorResponse(status: number, code: string, message: string, details?: string): FakeResponse {
  return json(status, { error: details === undefined ? { code, message } : { code, message, details } });
}

const badRequest = (message: string): FakeResponse => errorResponse(400, "BAD_REQUEST", message);
const noMatches = (): FakeResponse => errorResponse(404, "NOT_FOUND", "No matches found!");

/** Non-negative integer parameter; NaN marks a malformed value. */
function intParam(raw: string | null): number | undefined {
  if (raw === null) return undefined;
  return /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
}

export function handleApiRequest(url: URL, origin: string, datasets: readonly Dataset[]): FakeResponse {
  const dataset = datasets.find((d) => d.path === url.pathname);
  if (!dataset) {
    return errorResponse(
      404,
      "NOT_FOUND",
      "No matches found!",
      `fake-openfda serves only ${datasets.map((d) => d.path).join(", ")}`,
    );
  }

  const params = url.searchParams;
  for (const key of params.keys()) {
    if (!ALLOWED_PARAMS.has(key)) return badRequest(`Invalid parameter: ${key}`);
  }
  const search = params.get("search") ?? "";
  const count = params.get("count");
  const limit = intParam(params.get("limit"));
  const skip = intParam(params.get("skip"));
  const searchAfter = params.get("search_after");
  const sortParam = params.get("sort");

  if (!hasOnlyAllowedCharacters(search)) return badRequest(`Search not supported: ${search}`);
  // Messages for malformed numbers are this fake's own (no recording of openFDA's wording).
  if (Number.isNaN(limit)) return badRequest(`Invalid limit parameter: ${params.get("limit") ?? ""}`);
  if (Number.isNaN(skip)) return badRequest(`Invalid skip parameter: ${params.get("skip") ?? ""}`);

  let sort: SortSpec | undefined;
  if (sortParam !== null) {
    const m = /^([A-Za-z0-9_.]+)(?::(asc|desc))?$/.exec(sortParam);
    const field = m?.[1] ?? sortParam.split(":")[0] ?? sortParam;
    if (!m || !dataset.dateFields.has(field)) {
      return badRequest(`Sorting allowed by non-analyzed fields only: ${field}`);
    }
    sort = { path: fieldRef(field).path, direction: m[2] === "desc" ? -1 : 1 };
  }

  if (count !== null) {
    if (skip !== undefined) return badRequest("Should not use skip param when using count.");
    if (searchAfter !== null) return badRequest("Should not use search_after param when using count.");
    if (limit !== undefined && limit > MAX_LIMIT) {
      return badRequest(`Limit cannot exceed ${MAX_LIMIT} results for count requests.`);
    }
  } else {
    if (limit !== undefined && limit > MAX_LIMIT) {
      return badRequest(
        `Limit cannot exceed ${MAX_LIMIT} results for search requests. Use the skip or search_after param to get additional results.`,
      );
    }
    if (skip !== undefined && skip > MAX_SKIP) return badRequest(`Skip value must ${MAX_SKIP} or less.`);
    if (skip !== undefined && searchAfter !== null) {
      return badRequest("Should not use skip param when using search_after.");
    }
  }

  let query: QueryNode;
  try {
    query = parseSearch(search);
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
    // Real openFDA lets Elasticsearch fail on broken Lucene and answers 500.
    return errorResponse(
      500,
      "SERVER_ERROR",
      "Check your request and try again",
      `[query_parsing_exception] fake-openfda: ${error.message}`,
    );
  }

  const matched: Entry[] = [];
  dataset.records.forEach((record, index) => {
    if (matchesQuery(query, record)) matched.push({ record, index });
  });

  const metaBase = { ...dataset.meta, generated: dataset.generatedNote };

  if (count !== null) {
    if (matched.length === 0) return noMatches();
    const counted = countField(
      matched.map((e) => e.record),
      count,
      dataset.dateFields,
      limit ?? DEFAULT_COUNT_LIMIT,
    );
    // openFDA says "Nothing to count" in some count cases; the brief fixes one message for both.
    if (counted.results.length === 0) return noMatches();
    return json(200, { meta: metaBase, results: counted.results });
  }

  if (matched.length === 0) return noMatches();
  const effectiveLimit = limit ?? DEFAULT_SEARCH_LIMIT;
  const effectiveSkip = skip ?? 0;

  let ordered = sort ? [...matched].sort(comparator(sort)) : matched;
  if (searchAfter !== null) {
    const cursor = parseCursor(searchAfter, dataset);
    if (!cursor) return badRequest(`Invalid search_after value: ${searchAfter}`);
    const compare = comparator(sort);
    ordered = ordered.filter((entry) => compare(entry, cursor) > 0);
  }

  const page = ordered.slice(effectiveSkip, effectiveSkip + effectiveLimit);
  // Like openFDA, paging past the end is "no matches"; limit=0 is a cheap way to read the total.
  if (page.length === 0 && effectiveLimit > 0) return noMatches();

  const headers: Record<string, string> = {};
  const last = page[page.length - 1];
  if (last && effectiveSkip + effectiveLimit < ordered.length) {
    headers.Link = `<${nextLink(url, origin, dataset, last)}>; rel="next"`;
  }
  return json(
    200,
    {
      meta: { ...metaBase, results: { skip: effectiveSkip, limit: effectiveLimit, total: matched.length } },
      results: page.map((e) => e.record),
    },
    headers,
  );
}

function recordId(record: JsonObject, dataset: Dataset): string {
  return leafValues(record, [dataset.idField])[0] ?? "";
}

/** Cursor like openFDA's `0=<sort value>;1=<id>`; here the sort value is the dataset index. */
function nextLink(url: URL, origin: string, dataset: Dataset, last: Entry): string {
  const params = new URLSearchParams(url.searchParams);
  params.delete("skip");
  params.delete("search_after");
  const rest = params.toString();
  const cursor = `search_after=0=${last.index};1=${encodeURIComponent(recordId(last.record, dataset))}`;
  return `${origin}${url.pathname}?${rest === "" ? "" : `${rest}&`}${cursor}`;
}

function parseCursor(value: string, dataset: Dataset): Entry | undefined {
  const m = /^0=(\d+);1=(.*)$/.exec(value);
  if (!m) return undefined;
  const index = Number(m[1]);
  const record = dataset.records[index];
  if (!record || recordId(record, dataset) !== m[2]) return undefined;
  return { record, index };
}

/** Dataset order, or by a date field with missing values last (as ES does) and index as tie-break. */
function comparator(sort: SortSpec | undefined): (a: Entry, b: Entry) => number {
  if (!sort) return (a, b) => a.index - b.index;
  const key = (e: Entry): number | undefined => {
    const value = leafValues(e.record, sort.path).find((v) => /^\d+$/.test(v));
    return value === undefined ? undefined : Number(value);
  };
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) {
      if (ka === undefined) return 1;
      if (kb === undefined) return -1;
      return sort.direction * (ka - kb);
    }
    return a.index - b.index;
  };
}
