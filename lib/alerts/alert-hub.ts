import "server-only";
import { compareEventIds, type EventLog, type LoggedEvent } from "@/lib/cache/event-log";
import { getEventLog } from "@/lib/cache/get-event-log";
import { ALERT_STREAM } from "@/lib/alerts/alert-log";
import { logger } from "@/lib/observability/logger";

// The SSE fan-out (issue #12): one reader loop per process (waitAfter on the alert stream) feeds every
// in-process subscriber, so 1,000 open streams cost one blocked read, not 1,000. A subscriber starts
// after an id (its Last-Event-ID) and gets the backlog (readAfter, paged) then live events, in id order,
// never twice: it registers before reading the backlog, live events arriving meanwhile wait in its
// queue, and everything at or below what it already has is skipped. Each subscriber has a bounded
// queue; one that overflows (a consumer that stopped reading) is dropped, so a slow client never holds
// up the others. The browser then reconnects with Last-Event-ID and loses nothing the log still keeps.

export type SubscriptionEnd = "closed" | "dropped";

export type Subscription = {
  /** The next event, oldest first; null once the subscription ended (`ended` says why). */
  next(): Promise<LoggedEvent | null>;
  close(): void;
  readonly ended: SubscriptionEnd | null;
  /** Called once when it ends, also while nobody is waiting in next() (a stalled consumer is dropped). */
  onEnd(listener: (why: SubscriptionEnd) => void): void;
};

export type AlertHub = {
  /** `after`: the last id the client has (null: only events from now on). */
  subscribe(after: string | null): Subscription;
  subscriberCount(): number;
  /** Whether the reader loop runs (it runs while anyone subscribes). */
  running(): boolean;
  /** Ends every subscription and the loop. */
  stop(): Promise<void>;
};

export type AlertHubOptions = {
  log: EventLog;
  stream?: string;
  /** Events a subscriber may have waiting before it is dropped. */
  queueLimit?: number;
  pageSize?: number;
  /** One waitAfter's block (the loop re-arms at once; this only bounds how long a stop may take on Upstash). */
  blockMs?: number;
  /** Pause after a failed read (an outage), so the loop does not spin. */
  retryMs?: number;
};

type Subscriber = {
  queue: LoggedEvent[];
  /** The newest id queued (or known to the client): anything at or below it is skipped. */
  cursor: string | null;
  /** Live events are held here until the backlog is read. */
  catchingUp: boolean;
  held: LoggedEvent[];
  ended: SubscriptionEnd | null;
  wake: (() => void) | null;
  roomWake: (() => void) | null;
  onEnd: ((why: SubscriptionEnd) => void) | null;
};

export function createAlertHub(options: AlertHubOptions): AlertHub {
  const { log } = options;
  const stream = options.stream ?? ALERT_STREAM;
  const queueLimit = options.queueLimit ?? 500;
  const pageSize = options.pageSize ?? 100;
  const blockMs = options.blockMs ?? 5000;
  const retryMs = options.retryMs ?? 1000;
  const subscribers = new Set<Subscriber>();
  let loop: { controller: AbortController; ready: Promise<void>; done: Promise<void> } | null = null;

  const end = (sub: Subscriber, why: SubscriptionEnd) => {
    if (sub.ended) return;
    sub.ended = why;
    sub.queue.length = 0;
    sub.held.length = 0;
    subscribers.delete(sub);
    sub.wake?.();
    sub.roomWake?.();
    if (subscribers.size === 0) stopLoop();
    sub.onEnd?.(why);
  };

  /** Queues one event unless already had; false when the queue overflowed (the subscriber is dropped). */
  const offer = (sub: Subscriber, event: LoggedEvent): boolean => {
    if (sub.cursor !== null && compareEventIds(event.id, sub.cursor) <= 0) return true;
    if (sub.queue.length >= queueLimit) {
      end(sub, "dropped");
      return false;
    }
    sub.queue.push(event);
    sub.cursor = event.id;
    sub.wake?.();
    return true;
  };

  const deliver = (event: LoggedEvent) => {
    for (const sub of subscribers) {
      if (sub.catchingUp) {
        if (sub.held.length >= queueLimit) end(sub, "dropped");
        else sub.held.push(event);
      } else {
        offer(sub, event);
      }
    }
  };

  function startLoop() {
    const controller = new AbortController();
    let position: string | null = null;
    let markReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    const pause = () => new Promise<void>((r) => {
      const t = setTimeout(r, retryMs);
      controller.signal.addEventListener("abort", () => (clearTimeout(t), r()), { once: true });
    });
    const done = (async () => {
      // Where live delivery starts: anything up to here, a subscriber reads from the log itself.
      while (!controller.signal.aborted) {
        try {
          position = (await log.lastId(stream)) ?? "0-0";
          break;
        } catch (error) {
          logger.warn("alerts.hub_read_failed", { error: error instanceof Error ? error.message : String(error) });
          await pause();
        }
      }
      markReady();
      while (!controller.signal.aborted) {
        try {
          const events = await log.waitAfter(stream, position, pageSize, blockMs, controller.signal);
          if (controller.signal.aborted) break;
          for (const event of events) {
            if (position !== null && compareEventIds(event.id, position) <= 0) continue;
            position = event.id;
            deliver(event);
          }
        } catch (error) {
          if (controller.signal.aborted) break;
          logger.warn("alerts.hub_read_failed", { error: error instanceof Error ? error.message : String(error) });
          await pause();
        }
      }
    })();
    loop = { controller, ready, done };
  }

  function stopLoop() {
    loop?.controller.abort();
    loop = null;
  }

  async function catchUp(sub: Subscriber, after: string | null) {
    try {
      await loop?.ready;
      if (sub.ended) return;
      sub.cursor = after ?? (await log.lastId(stream));
      for (;;) {
        if (sub.ended) return;
        // Backlog goes no faster than the client reads it: wait for room rather than overflow.
        while (sub.queue.length >= queueLimit / 2 && !sub.ended) await new Promise<void>((r) => (sub.roomWake = r));
        if (sub.ended) return;
        const page = await log.readAfter(stream, sub.cursor, pageSize);
        for (const event of page) if (!offer(sub, event)) return;
        if (page.length < pageSize) break;
      }
      sub.catchingUp = false;
      const held = sub.held.splice(0);
      for (const event of held) if (!offer(sub, event)) return;
    } catch (error) {
      logger.warn("alerts.hub_backlog_failed", { error: error instanceof Error ? error.message : String(error) });
      end(sub, "dropped");
    }
  }

  return {
    subscribe(after) {
      const sub: Subscriber = { queue: [], cursor: null, catchingUp: true, held: [], ended: null, wake: null, roomWake: null, onEnd: null };
      subscribers.add(sub);
      if (!loop) startLoop();
      void catchUp(sub, after);
      return {
        get ended() {
          return sub.ended;
        },
        async next() {
          for (;;) {
            const event = sub.queue.shift();
            if (event) {
              if (sub.queue.length < queueLimit / 2) {
                const room = sub.roomWake;
                sub.roomWake = null;
                room?.();
              }
              return event;
            }
            if (sub.ended) return null;
            await new Promise<void>((r) => (sub.wake = r));
            sub.wake = null;
          }
        },
        close() {
          end(sub, "closed");
        },
        onEnd(listener) {
          if (sub.ended) listener(sub.ended);
          else sub.onEnd = listener;
        },
      };
    },
    subscriberCount: () => subscribers.size,
    running: () => loop !== null,
    async stop() {
      const current = loop;
      for (const sub of [...subscribers]) end(sub, "closed");
      stopLoop();
      await current?.done;
    },
  };
}

const globalForHub = globalThis as unknown as { cerAlertHub?: AlertHub };

/** The process's one fan-out, over the process's alert log. */
export function getAlertHub(): AlertHub {
  globalForHub.cerAlertHub ??= createAlertHub({ log: getEventLog() });
  return globalForHub.cerAlertHub;
}

/** For tests: use this hub for the rest of the process (undefined: build one on next use). */
export function setAlertHubForTests(hub: AlertHub | undefined): void {
  globalForHub.cerAlertHub = hub;
}
