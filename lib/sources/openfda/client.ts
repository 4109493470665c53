import { AppError } from "@/lib/errors/app-error";
import { addOpenFdaAttemptEvent, withOpenFdaSpan } from "@/lib/observability/openfda-span";
import { currentCaller } from "@/lib/sources/openfda/caller-context";
import { createConcurrencyLimit, DEFAULT_OPENFDA_MAX_CONCURRENCY } from "@/lib/sources/openfda/concurrency-limit";
import type { OpenFdaEndpoint } from "@/lib/sources/openfda/fields";
import type { RequestBudget } from "@/lib/sources/openfda/fair-budget";
import { openFdaErrorBodySchema } from "@/lib/sources/openfda/response-schemas";
import { backoffMs, parseRetryAfter } from "@/lib/sources/openfda/retry-policy";

export type OpenFdaClientOptions = {
  baseUrl: string;
  apiKey?: string;
  timeoutMs: number;
  maxAttempts: number;
  /** The request budget; each attempt takes a turn for the caller of the running work (see caller-context). */
  rateLimiter: RequestBudget;
  /** Attempts in flight at once through this client (default 4); callers beyond it wait their turn. */
  maxConcurrency?: number;
  /** Longest Retry-After we will wait inside one request before giving up. */
  maxRetryAfterMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onAttempt?: (event: { url: string; endpoint: OpenFdaEndpoint; search?: string; attempt: number; status: number | "network_error" | "timeout"; ms: number }) => void;
};

export type OpenFdaResult =
  | { kind: "ok"; url: string; body: unknown; linkHeader: string | null; retrievedAt: string }
  | { kind: "empty"; url: string; retrievedAt: string };

class RetryableFailure extends Error {
  constructor(message: string, readonly retryAfterMs: number | null = null) {
    super(message);
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The only code that speaks HTTP to openFDA. It owns the base URL, the key (sent as HTTP Basic, so it
 * never appears in a URL, a log or provenance), the per-attempt timeout, retries, the rate limiter and
 * the limit on attempts in flight (so no fan-out above it can burst; waits between retries hold no slot).
 * - 404 NOT_FOUND ("No matches found!") is an empty result, not an error.
 * - 429 waits for Retry-After, then retries (bounded by maxAttempts and maxRetryAfterMs).
 * - 5xx, resets, timeouts and unreadable JSON retry with backoff and jitter, then fail as 502 upstream_unavailable.
 * - Any other status fails at once as 502: retrying cannot help.
 */
export function createOpenFdaClient(options: OpenFdaClientOptions) {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
  const inFlight = createConcurrencyLimit(options.maxConcurrency ?? DEFAULT_OPENFDA_MAX_CONCURRENCY);
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.apiKey) headers.authorization = `Basic ${Buffer.from(`${options.apiKey}:`).toString("base64")}`;

  async function attempt(url: string, attemptNo: number, about: { endpoint: OpenFdaEndpoint; search?: string }): Promise<OpenFdaResult> {
    const started = performance.now();
    const report = (status: number | "network_error" | "timeout") => {
      const ms = Math.round(performance.now() - started);
      addOpenFdaAttemptEvent(attemptNo, status, ms);
      options.onAttempt?.({ url, ...about, attempt: attemptNo, status, ms });
    };
    let response: Response;
    let text: string;
    try {
      // The timeout covers the body too: a server that stalls mid-body is a timeout, not a hang.
      response = await doFetch(url, { headers, signal: AbortSignal.timeout(options.timeoutMs) });
      text = await response.text();
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      report(timedOut ? "timeout" : "network_error");
      throw new RetryableFailure(timedOut ? `openFDA did not answer within ${options.timeoutMs} ms` : "connection to openFDA failed");
    }
    report(response.status);
    const retrievedAt = new Date().toISOString();

    if (response.status === 200) {
      try {
        return { kind: "ok", url, body: JSON.parse(text) as unknown, linkHeader: response.headers.get("link"), retrievedAt };
      } catch {
        throw new RetryableFailure("openFDA returned a response that is not valid JSON");
      }
    }
    if (response.status === 404) {
      const parsed = safeErrorBody(text);
      if (parsed?.error.code === "NOT_FOUND") return { kind: "empty", url, retrievedAt };
      throw upstreamError(`openFDA answered 404 without its NOT_FOUND body; is OPENFDA_BASE_URL right?`);
    }
    if (response.status === 429) {
      throw new RetryableFailure("openFDA rate limit reached", parseRetryAfter(response.headers.get("retry-after"), Date.now()) ?? 1000);
    }
    if (response.status >= 500) throw new RetryableFailure(`openFDA answered ${response.status}`);
    const code = safeErrorBody(text)?.error.code ?? "unknown";
    throw upstreamError(`openFDA refused the request (${response.status} ${code})`);
  }

  return {
    baseUrl,
    /** GET `<base>/<endpoint>.json?<params>`; returns the parsed body or an empty result. */
    request: (endpoint: OpenFdaEndpoint, params: Record<string, string>): Promise<OpenFdaResult> => withOpenFdaSpan(baseUrl, endpoint, async () => {
      const url = `${baseUrl}/${endpoint}.json?${new URLSearchParams(params).toString()}`;
      const caller = currentCaller();
      let lastFailure: RetryableFailure | null = null;
      for (let attemptNo = 0; attemptNo < options.maxAttempts; attemptNo++) {
        if (lastFailure) {
          const wait = lastFailure.retryAfterMs ?? backoffMs(attemptNo - 1, random);
          if (wait > maxRetryAfterMs) break;
          await sleep(wait);
        }
        // The budget's turn first (fair between callers), then a slot in flight: a request waiting for its
        // turn must not hold a slot, or one caller's queue would decide everyone's order.
        await options.rateLimiter.take(caller);
        try {
          return await inFlight.run(() => attempt(url, attemptNo, { endpoint, search: params.search }));
        } catch (error) {
          if (!(error instanceof RetryableFailure)) throw error;
          lastFailure = error;
        }
      }
      const retryAfterSeconds = lastFailure?.retryAfterMs ? Math.ceil(lastFailure.retryAfterMs / 1000) : null;
      throw new AppError({
        code: "upstream_unavailable",
        message: `openFDA is unavailable: ${lastFailure?.message ?? "no answer"}. Try again shortly.`,
        details: { upstream: "openFDA", attempts: options.maxAttempts },
        ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
      });
    }),
  };
}

export type OpenFdaClient = ReturnType<typeof createOpenFdaClient>;

function safeErrorBody(text: string) {
  try {
    const parsed = openFdaErrorBodySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function upstreamError(message: string): AppError {
  return new AppError({ code: "upstream_unavailable", message, details: { upstream: "openFDA" } });
}
