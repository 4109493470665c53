"use client";
// Browser-safe: the live alert feed, with ONE EventSource per browser however many tabs are open.
//
// The tabs elect a leader. With the Web Locks API the holder of the "cer-alert-stream" lock leads: it
// opens EventSource('/api/alerts/stream') and rebroadcasts every event on BroadcastChannel("cer-alerts");
// the others only listen there. When the leader's tab closes the browser hands the lock to a waiting
// tab, which opens the stream with `?lastEventId=` (the last event id it saw), so nothing is missed
// (EventSource sends Last-Event-ID by itself on its own reconnects). Without Web Locks, a heartbeat
// election on the same channel: the leader beats every second; a tab that hears none for 3 s claims,
// and the lowest tab id among claimants wins.

import { createContext, createElement, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import type { AlertEvent } from "@/lib/schemas/alerts";

export const ALERT_STREAM_URL = "/api/alerts/stream";
export const ALERT_STREAM_LOCK = "cer-alert-stream";
export const ALERT_CHANNEL = "cer-alerts";

export type AlertStreamListener = (event: AlertEvent, eventId: string) => void;
export type AlertStreamRole = "idle" | "follower" | "leader";

type ChannelMessage =
  | { kind: "event"; id: string; event: AlertEvent }
  | { kind: "heartbeat"; from: string }
  | { kind: "claim"; from: string }
  | { kind: "resign"; from: string };

const HEARTBEAT_MS = 1000;
const LEADER_SILENCE_MS = 3000;
const CLAIM_WAIT_MS = 300;
const SEEN_LIMIT = 500;
const RETRY_MS = 5000;

function parseEvent(data: unknown): AlertEvent | null {
  if (typeof data !== "string") return null;
  try {
    const value = JSON.parse(data) as Partial<AlertEvent> | null;
    if (value && (value.type === "alert.raised" || value.type === "alert.moved") && typeof value.alertId === "string" && value.alert) return value as AlertEvent;
  } catch {
    // A malformed event is dropped; the next one still arrives.
  }
  return null;
}

type LockManagerLike = {
  request: (name: string, options: { signal?: AbortSignal }, callback: () => Promise<void>) => Promise<unknown>;
};

export class AlertStreamClient {
  private readonly tabId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  private readonly listeners = new Set<AlertStreamListener>();
  private readonly roleListeners = new Set<(role: AlertStreamRole) => void>();
  private readonly seen: string[] = [];
  private readonly seenSet = new Set<string>();
  private channel: BroadcastChannel | null = null;
  private source: EventSource | null = null;
  private lastEventId: string | null = null;
  private role: AlertStreamRole = "idle";
  private running = false;
  // Web Locks
  private lockAbort: AbortController | null = null;
  private releaseLock: (() => void) | null = null;
  // Heartbeat fallback
  private timers: ReturnType<typeof setTimeout>[] = [];
  private retry: ReturnType<typeof setTimeout> | null = null;
  private lastHeartbeat = 0;
  private claiming: ReturnType<typeof setTimeout> | null = null;
  private lowerClaimSeen = false;
  private readonly onUnload = () => this.stop();
  /** Back from the back-forward cache: join again. */
  private readonly onShow = (event: PageTransitionEvent) => {
    if (event.persisted && this.started) this.start();
  };
  private started = false;

  constructor(private readonly url: string = ALERT_STREAM_URL) {}

  get currentRole(): AlertStreamRole {
    return this.role;
  }

  subscribe(listener: AlertStreamListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  onRoleChange(listener: (role: AlertStreamRole) => void): () => void {
    this.roleListeners.add(listener);
    return () => void this.roleListeners.delete(listener);
  }

  start(): void {
    if (this.running || typeof window === "undefined") return;
    this.running = true;
    if (!this.started) window.addEventListener("pageshow", this.onShow);
    this.started = true;
    this.setRole("follower");
    if (typeof BroadcastChannel !== "undefined") {
      this.channel = new BroadcastChannel(ALERT_CHANNEL);
      this.channel.onmessage = (message: MessageEvent<ChannelMessage>) => this.onChannelMessage(message.data);
    }
    window.addEventListener("pagehide", this.onUnload);
    const locks = typeof navigator === "undefined" ? undefined : (navigator as Navigator & { locks?: LockManagerLike } | undefined)?.locks;
    if (locks && typeof locks.request === "function") this.electWithLock(locks);
    else if (this.channel) this.electWithHeartbeats();
    // No BroadcastChannel and no locks: every tab is its own leader.
    else this.lead();
  }

  /** Leaves for good (the provider unmounts). */
  dispose(): void {
    this.started = false;
    window.removeEventListener("pageshow", this.onShow);
    this.stop();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    window.removeEventListener("pagehide", this.onUnload);
    if (this.role === "leader" && !this.releaseLock) this.post({ kind: "resign", from: this.tabId });
    this.closeSource();
    this.releaseLock?.();
    this.releaseLock = null;
    this.lockAbort?.abort();
    this.lockAbort = null;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    if (this.claiming) clearTimeout(this.claiming);
    this.claiming = null;
    this.channel?.close();
    this.channel = null;
    this.setRole("idle");
  }

  // --- election -----------------------------------------------------------------------------------

  private electWithLock(locks: LockManagerLike): void {
    const abort = new AbortController();
    this.lockAbort = abort;
    locks
      .request(ALERT_STREAM_LOCK, { signal: abort.signal }, () => {
        if (!this.running || abort.signal.aborted) return Promise.resolve();
        this.lead();
        // Held until this tab stops (or closes: the browser releases it).
        return new Promise<void>((resolve) => {
          this.releaseLock = () => {
            this.closeSource();
            resolve();
          };
        });
      })
      .catch(() => {
        // AbortError when this tab stopped while waiting in the lock queue.
      });
  }

  private electWithHeartbeats(): void {
    // No leader heard yet: the first tick (after a heartbeat period, time for a leader to be heard) claims.
    this.lastHeartbeat = 0;
    this.timers.push(
      setInterval(() => {
        if (this.role === "leader") this.post({ kind: "heartbeat", from: this.tabId });
        else if (Date.now() - this.lastHeartbeat > LEADER_SILENCE_MS) this.claim();
      }, HEARTBEAT_MS),
    );
  }

  private claim(): void {
    if (this.claiming || this.role === "leader" || !this.running) return;
    this.lowerClaimSeen = false;
    this.post({ kind: "claim", from: this.tabId });
    this.claiming = setTimeout(() => {
      this.claiming = null;
      if (!this.running || this.lowerClaimSeen || Date.now() - this.lastHeartbeat < LEADER_SILENCE_MS) return;
      this.lead();
      this.post({ kind: "heartbeat", from: this.tabId });
    }, CLAIM_WAIT_MS);
  }

  private onChannelMessage(message: ChannelMessage): void {
    if (!this.running || !message || typeof message !== "object") return;
    switch (message.kind) {
      case "event":
        this.deliver(message.event, message.id);
        return;
      case "heartbeat":
        this.lastHeartbeat = Date.now();
        // Two leaders (a race in the fallback): the higher id steps down.
        if (this.role === "leader" && !this.releaseLock && message.from < this.tabId) {
          this.closeSource();
          this.setRole("follower");
        }
        return;
      case "claim":
        if (message.from < this.tabId) this.lowerClaimSeen = true;
        if (this.role === "leader") this.post({ kind: "heartbeat", from: this.tabId });
        return;
      case "resign":
        this.lastHeartbeat = 0;
        if (!this.releaseLock && !this.lockAbort) this.claim();
        return;
    }
  }

  // --- the leader's stream ------------------------------------------------------------------------

  private lead(): void {
    if (!this.running) return;
    this.setRole("leader");
    const url = this.lastEventId ? `${this.url}?lastEventId=${encodeURIComponent(this.lastEventId)}` : this.url;
    const source = new EventSource(url, { withCredentials: true });
    source.addEventListener("alert", (message: MessageEvent) => {
      const event = parseEvent(message.data);
      const id = message.lastEventId || `${event?.alertId ?? "?"}:${Date.now()}`;
      if (!event) return;
      this.post({ kind: "event", id, event });
      this.deliver(event, id);
    });
    // EventSource reconnects by itself (with Last-Event-ID) after a dropped connection; after a refusal
    // (an error status) it gives up, so the leader tries again later from the last id it saw.
    source.onerror = () => {
      if (source.readyState !== EventSource.CLOSED || this.source !== source) return;
      this.source = null;
      if (this.retry) clearTimeout(this.retry);
      this.retry = setTimeout(() => {
        this.retry = null;
        if (this.running && this.role === "leader" && !this.source) this.lead();
      }, RETRY_MS);
    };
    this.source = source;
  }

  private closeSource(): void {
    this.source?.close();
    this.source = null;
  }

  // --- delivery -----------------------------------------------------------------------------------

  private deliver(event: AlertEvent, id: string): void {
    if (this.seenSet.has(id)) return;
    this.seenSet.add(id);
    this.seen.push(id);
    if (this.seen.length > SEEN_LIMIT) this.seenSet.delete(this.seen.shift() as string);
    this.lastEventId = id;
    for (const listener of [...this.listeners]) {
      try {
        listener(event, id);
      } catch {
        // One listener's failure does not stop the others.
      }
    }
  }

  private post(message: ChannelMessage): void {
    try {
      this.channel?.postMessage(message);
    } catch {
      // Closed channel.
    }
  }

  private setRole(role: AlertStreamRole): void {
    if (this.role === role) return;
    this.role = role;
    for (const listener of [...this.roleListeners]) listener(role);
  }
}

// --- React ----------------------------------------------------------------------------------------

const AlertStreamContext = createContext<AlertStreamClient | null>(null);

/** Starts this tab's part of the feed (leader or follower) for a signed-in user; children subscribe with useAlertStream. */
export function AlertStreamProvider({ children }: { children: ReactNode }) {
  const [client] = useState(() => new AlertStreamClient());
  useEffect(() => {
    client.start();
    return () => client.dispose();
  }, [client]);
  return createElement(AlertStreamContext.Provider, { value: client }, children);
}

/** Calls `onEvent` for every alert event this tab hears (none when signed out: no provider). */
export function useAlertStream(onEvent: AlertStreamListener): void {
  const client = useContext(AlertStreamContext);
  const latest = useRef(onEvent);
  useEffect(() => {
    latest.current = onEvent;
  });
  useEffect(() => {
    if (!client) return;
    return client.subscribe((event, id) => latest.current(event, id));
  }, [client]);
}

/** This tab's role in the election ("leader" holds the one EventSource). */
export function useAlertStreamRole(): AlertStreamRole {
  const client = useContext(AlertStreamContext);
  return useSyncExternalStore(
    (notify) => (client ? client.onRoleChange(notify) : () => {}),
    () => client?.currentRole ?? "idle",
    () => "idle",
  );
}
