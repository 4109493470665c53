// Shared types of the fake openFDA test server. Records are plain JSON as served by api.fda.gov.

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The `meta` fields openFDA sends on every response (results are added for searches). */
export interface BaseMeta {
  disclaimer: string;
  terms: string;
  license: string;
  last_updated: string;
}

export interface Dataset {
  /** URL path served, e.g. "/drug/event.json". */
  path: string;
  records: readonly JsonObject[];
  /** Field whose value identifies a record in search_after cursors. */
  idField: string;
  /** Fields that count as a daily time series and may be sorted on. */
  dateFields: ReadonlySet<string>;
  meta: BaseMeta;
  /** Value of meta.generated: says the answer is computed here, not recorded. */
  generatedNote: string;
}

/** A fault injected by a test (in process via addFault, or POST /__control/faults). */
export interface FaultRule {
  /** Substring of the raw request URL (path + query as sent); absent = every request. */
  match?: string;
  /** How many matching requests it applies to; default Infinity. */
  times?: number;
  status?: number;
  /** Raw response body; may be deliberately malformed JSON. */
  body?: string;
  headers?: Record<string, string>;
  /** Wait before answering (or before resetting), to simulate slowness/timeouts. */
  delayMs?: number;
  /** Destroy the socket without any response. */
  reset?: boolean;
}

export interface RecordedRequest {
  method: string;
  /** Raw request URL as received (path + query). */
  url: string;
  path: string;
  query: Record<string, string>;
  authorization: string | null;
  /** Username of an HTTP Basic Authorization header (openFDA accepts the API key there). */
  basicAuthUser: string | null;
  /** The `api_key` query parameter. */
  apiKey: string | null;
  /** Whether an injected fault answered (or delayed) this request. */
  faulted: boolean;
  /** ISO timestamp of arrival. */
  time: string;
}

export interface FakeResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}
