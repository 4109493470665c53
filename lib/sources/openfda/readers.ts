import { AppError } from "@/lib/errors/app-error";
import type { OpenFdaClient, OpenFdaResult } from "@/lib/sources/openfda/client";
import { DATE_FIELD, type OpenFdaEndpoint } from "@/lib/sources/openfda/fields";
import { isValidSearchAfter, parseNextSearchAfter } from "@/lib/sources/openfda/link-header";
import {
  openFdaMetaSchema,
  searchResponseSchema,
  termCountResponseSchema,
  timeCountResponseSchema,
} from "@/lib/sources/openfda/response-schemas";

/** One upstream call, for provenance: the URL (never carries the key) and openFDA's `meta.last_updated`. */
export type UpstreamCall = { url: string; lastUpdated: string | null; retrievedAt: string; empty: boolean };

export type Read<T> = { data: T; calls: UpstreamCall[] };

/** openFDA returns at most this many rows for a count; also sent as `limit` on every count. */
export const COUNT_LIMIT = 1000;

function callOf(result: OpenFdaResult): UpstreamCall {
  if (result.kind === "empty") return { url: result.url, lastUpdated: null, retrievedAt: result.retrievedAt, empty: true };
  const meta = openFdaMetaSchema.safeParse((result.body as { meta?: unknown } | null)?.meta);
  return {
    url: result.url,
    lastUpdated: meta.success ? (meta.data.last_updated ?? null) : null,
    retrievedAt: result.retrievedAt,
    empty: false,
  };
}

function malformed(what: string): AppError {
  return new AppError({
    code: "upstream_unavailable",
    message: `openFDA returned an unexpected ${what} response`,
    details: { upstream: "openFDA" },
  });
}

const compact = (iso: string) => iso.replaceAll("-", "");
const toIso = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

function midpoint(fromIso: string, toIso_: string): [string, string] {
  const a = Date.parse(`${fromIso}T00:00:00Z`);
  const b = Date.parse(`${toIso_}T00:00:00Z`);
  const mid = new Date(a + Math.floor((b - a) / 86_400_000 / 2) * 86_400_000);
  const next = new Date(mid.getTime() + 86_400_000);
  return [mid.toISOString().slice(0, 10), next.toISOString().slice(0, 10)];
}

/**
 * Reports per day (`count=<date field>`), for `search` restricted to [from, to] by the caller's query
 * builder. openFDA caps count rows at 1000; if a range comes back full, it is split in two and each half
 * is asked again, so long ranges are never silently truncated.
 */
export async function fetchDailyCounts(
  client: OpenFdaClient,
  endpoint: OpenFdaEndpoint,
  buildSearchForRange: (from: string, to: string) => string,
  from: string,
  to: string,
): Promise<Read<{ date: string; count: number }[]>> {
  const result = await client.request(endpoint, {
    search: buildSearchForRange(from, to),
    count: DATE_FIELD[endpoint],
    limit: String(COUNT_LIMIT),
  });
  const call = callOf(result);
  if (result.kind === "empty") return { data: [], calls: [call] };
  const parsed = timeCountResponseSchema.safeParse(result.body);
  if (!parsed.success) throw malformed("date count");
  const rows = parsed.data.results;
  if (rows.length >= COUNT_LIMIT && from < to) {
    const [leftEnd, rightStart] = midpoint(from, to);
    const left = await fetchDailyCounts(client, endpoint, buildSearchForRange, from, leftEnd);
    const right = await fetchDailyCounts(client, endpoint, buildSearchForRange, rightStart, to);
    return { data: [...left.data, ...right.data], calls: [call, ...left.calls, ...right.calls] };
  }
  const fromC = compact(from);
  const toC = compact(to);
  return {
    data: rows.filter((r) => r.time >= fromC && r.time <= toC).map((r) => ({ date: toIso(r.time), count: r.count })),
    calls: [call],
  };
}

/** Reports per term (`count=<field>&limit=…`): distinct reports per value, top `limit` only. */
export async function fetchTermCounts(
  client: OpenFdaClient,
  endpoint: OpenFdaEndpoint,
  search: string,
  field: string,
  limit = COUNT_LIMIT,
): Promise<Read<{ term: string; count: number }[]>> {
  const result = await client.request(endpoint, { search, count: field, limit: String(limit) });
  const call = callOf(result);
  if (result.kind === "empty") return { data: [], calls: [call] };
  const parsed = termCountResponseSchema.safeParse(result.body);
  if (!parsed.success) throw malformed("term count");
  return { data: parsed.data.results.map((r) => ({ term: String(r.term), count: r.count })), calls: [call] };
}

/** Number of reports matching `search`, from `meta.results.total` of a one-row search. */
export async function fetchTotal(client: OpenFdaClient, endpoint: OpenFdaEndpoint, search: string): Promise<Read<number>> {
  const result = await client.request(endpoint, { search, limit: "1" });
  const call = callOf(result);
  if (result.kind === "empty") return { data: 0, calls: [call] };
  const parsed = searchResponseSchema.safeParse(result.body);
  const total = parsed.success ? parsed.data.meta?.results?.total : undefined;
  if (typeof total !== "number") throw malformed("search");
  return { data: total, calls: [call] };
}

export type RecordsPage = { records: unknown[]; total: number; nextSearchAfter: string | null };

/**
 * One page of raw records. Pages are chained with openFDA's `search_after` cursor (from the Link header),
 * never `skip`, so paging works past openFDA's 25,000-record skip limit.
 */
export async function fetchRecordsPage(
  client: OpenFdaClient,
  endpoint: OpenFdaEndpoint,
  search: string,
  options: { limit: number; searchAfter?: string },
): Promise<Read<RecordsPage>> {
  if (options.searchAfter !== undefined && !isValidSearchAfter(options.searchAfter)) {
    throw new AppError({ code: "invalid_input", message: "cursor is not valid; use the nextCursor value from the previous page" });
  }
  const params: Record<string, string> = { search, limit: String(options.limit) };
  if (options.searchAfter) params.search_after = options.searchAfter;
  const result = await client.request(endpoint, params);
  const call = callOf(result);
  if (result.kind === "empty") return { data: { records: [], total: 0, nextSearchAfter: null }, calls: [call] };
  const parsed = searchResponseSchema.safeParse(result.body);
  if (!parsed.success) throw malformed("search");
  const next = parseNextSearchAfter(result.linkHeader);
  return {
    data: {
      records: parsed.data.results,
      total: parsed.data.meta?.results?.total ?? parsed.data.results.length,
      nextSearchAfter: next !== null && isValidSearchAfter(next) ? next : null,
    },
    calls: [call],
  };
}

/** Every record matching `search`, page by page through `search_after`; bounded by `maxRecords`. */
export async function* iterateRecords(
  client: OpenFdaClient,
  endpoint: OpenFdaEndpoint,
  search: string,
  options: { pageSize?: number; maxRecords: number },
): AsyncGenerator<Read<unknown[]>> {
  let searchAfter: string | undefined;
  let seen = 0;
  while (seen < options.maxRecords) {
    const page = await fetchRecordsPage(client, endpoint, search, {
      limit: Math.min(options.pageSize ?? COUNT_LIMIT, options.maxRecords - seen),
      searchAfter,
    });
    seen += page.data.records.length;
    yield { data: page.data.records, calls: page.calls };
    if (!page.data.nextSearchAfter || page.data.records.length === 0) return;
    searchAfter = page.data.nextSearchAfter;
  }
}
