import "server-only";
import { getAlertHub, type AlertHub } from "@/lib/alerts/alert-hub";
import { canSeeAlert } from "@/lib/alerts/visibility";
import { getWatchlistStore } from "@/lib/alerts/watchlist-store";
import { resolvePrincipal, type UserPrincipal } from "@/lib/auth/principal";
import { EVENT_ID_PATTERN, type LoggedEvent } from "@/lib/cache/event-log";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/observability/logger";
import { appMetrics, safely } from "@/lib/observability/metrics";
import { alertEventSchema, type AlertEvent } from "@/lib/schemas/alerts";
import type { WatchlistRecord } from "@/lib/schemas/watchlists";

// GET /api/alerts/stream's body: Server-Sent Events from the process's alert hub, filtered to what the
// caller may see. Resumes after Last-Event-ID (or ?lastEventId=); a heartbeat comment every
// ALERT_STREAM_HEARTBEAT_MS, at which the caller's credential is checked again (revoked → closed).
// Backpressure reaches the hub: an event is taken from the subscription only when the response stream
// asks for more, so a client that stops reading fills its hub queue and is dropped (stack.md §4.7).

const RETRY_MS = 3000;
const WATCHLIST_TTL_MS = 5000;
const WATCHLIST_CACHE_MAX = 1000;

// On globalThis: route bundles may each get their own copy of this module (the stream's and /api/health's).
const gauge = globalThis as unknown as { cerOpenAlertStreams?: number };
/** Alert streams open in this process (the bench and /api/health read it). */
export function openAlertStreamCount(): number {
  return gauge.cerOpenAlertStreams ?? 0;
}

// Watchlist lookups for visibility, briefly cached per process: one alert fans out to every stream.
const watchlists = new Map<string, { at: number; value: Promise<WatchlistRecord | null> }>();
function watchlistFor(id: string): Promise<WatchlistRecord | null> {
  const now = Date.now();
  const hit = watchlists.get(id);
  if (hit && now - hit.at < WATCHLIST_TTL_MS) return hit.value;
  if (watchlists.size >= WATCHLIST_CACHE_MAX) watchlists.clear();
  const value = getWatchlistStore().get(id);
  value.catch(() => watchlists.delete(id));
  watchlists.set(id, { at: now, value });
  return value;
}

/** For tests: forget cached watchlists. */
export function clearAlertStreamCachesForTests(): void {
  watchlists.clear();
}

async function visibleTo(viewer: UserPrincipal, event: AlertEvent): Promise<boolean> {
  const { alert } = event;
  // Owner and admins see it without its watchlist: read that only when sharing decides.
  if (canSeeAlert(viewer, alert, null)) return true;
  return alert.watchlistId !== null && canSeeAlert(viewer, alert, await watchlistFor(alert.watchlistId));
}

/** The id to resume after: Last-Event-ID, else ?lastEventId=; anything not a stream id counts as none. */
export function resumeIdOf(req: Request): string | null {
  const raw = req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("lastEventId");
  const id = raw?.trim() ?? "";
  return EVENT_ID_PATTERN.test(id) ? id : null;
}

function frame(id: string, data: string): string {
  return `id: ${id}\nevent: alert\n${data.split(/\r\n|\r|\n/).map((line) => `data: ${line}`).join("\n")}\n\n`;
}

// The hub hands every stream the same entry object: parse and encode it once, not once per stream.
const parsedEvents = new WeakMap<LoggedEvent, AlertEvent | null>();
const encodedFrames = new WeakMap<LoggedEvent, Uint8Array>();
const encoder = new TextEncoder();

function parsedOf(event: LoggedEvent): AlertEvent | null {
  let parsed = parsedEvents.get(event);
  if (parsed === undefined) {
    try {
      parsed = alertEventSchema.parse(JSON.parse(event.data));
    } catch {
      parsed = null; // not an alert event: nothing to send
    }
    parsedEvents.set(event, parsed);
  }
  return parsed;
}

function frameOf(event: LoggedEvent): Uint8Array {
  let bytes = encodedFrames.get(event);
  if (!bytes) encodedFrames.set(event, (bytes = encoder.encode(frame(event.id, event.data))));
  return bytes;
}

/** Whether the request's credential still stands for this user; the principal to filter with if so. */
async function recheck(req: Request, principal: UserPrincipal): Promise<UserPrincipal | null | "unknown"> {
  try {
    const now = await resolvePrincipal(req);
    return now.kind === "user" && now.userId === principal.userId ? now : null;
  } catch (error) {
    if (error instanceof AppError && error.code === "unauthorized") return null;
    // A store outage is not a revocation: keep the stream, check again at the next heartbeat.
    return "unknown";
  }
}

export function alertStreamResponse(req: Request, caller: UserPrincipal, options: { hub?: AlertHub; heartbeatMs?: number } = {}): Response {
  const hub = options.hub ?? getAlertHub();
  const heartbeatMs = options.heartbeatMs ?? getEnv().ALERT_STREAM_HEARTBEAT_MS;
  const subscription = hub.subscribe(resumeIdOf(req));
  let principal = caller;
  let closed = false;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | undefined;
  gauge.cerOpenAlertStreams = openAlertStreamCount() + 1;

  const cleanup = (why: string) => {
    if (closed) return;
    closed = true;
    gauge.cerOpenAlertStreams = openAlertStreamCount() - 1;
    clearInterval(heartbeat);
    req.signal.removeEventListener("abort", onAbort);
    subscription.close();
    try {
      controllerRef?.close();
    } catch {
      // already closed or errored
    }
    logger.debug("alerts.stream_closed", { why });
  };
  const onAbort = () => cleanup("aborted");
  // Dropped by the hub (this client stopped reading): close now, not at the next read that never comes.
  subscription.onEnd((why) => cleanup(why === "dropped" ? "dropped" : "ended"));
  req.signal.addEventListener("abort", onAbort, { once: true });

  const write = (text: string | Uint8Array): boolean => {
    if (closed || !controllerRef) return false;
    try {
      controllerRef.enqueue(typeof text === "string" ? encoder.encode(text) : text);
      return true;
    } catch {
      cleanup("write_failed");
      return false;
    }
  };

  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controllerRef = controller;
        if (req.signal.aborted) return cleanup("aborted");
        write(`retry: ${RETRY_MS}\n: connected\n\n`);
        heartbeat = setInterval(() => {
          if (!write(": heartbeat\n\n")) return;
          void recheck(req, principal).then((now) => {
            if (now === null) cleanup("credential_revoked");
            else if (now !== "unknown") principal = now;
          });
        }, heartbeatMs);
      },
      async pull() {
        // One visible event per pull: the response asks again only when the client has read it.
        while (!closed) {
          const event = await subscription.next();
          if (event === null) return cleanup(subscription.ended === "dropped" ? "dropped" : "ended");
          if (closed) return;
          const parsed = parsedOf(event);
          if (parsed === null) continue;
          let visible = false;
          try {
            visible = await visibleTo(principal, parsed);
          } catch {
            visible = false; // the watchlist could not be read: do not guess
          }
          if (visible) {
            if (write(frameOf(event))) safely(() => appMetrics().alertsDelivered.inc());
            return;
          }
        }
      },
      cancel() {
        cleanup("cancelled");
      },
    },
    { highWaterMark: 1 },
  );

  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // "private" keeps withApi from replacing it; no-transform keeps proxies from compressing/buffering.
      "cache-control": "private, no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
}
