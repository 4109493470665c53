// The alert feed's tab election, with several "tabs" in one process sharing one fake browser: a fake
// Web Locks manager, a fake EventSource, and Node's real BroadcastChannel (which, like a browser's,
// delivers to every other instance of the channel).
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { AlertStreamClient } from "@/lib/client/alert-stream";
import type { AlertEvent } from "@/lib/schemas/alerts";

class FakeEventSource {
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readyState = 1;
  onerror: (() => void) | null = null;
  private readonly handlers: ((message: MessageEvent) => void)[] = [];
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(_type: string, handler: (message: MessageEvent) => void) {
    this.handlers.push(handler);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  emit(id: string, event: AlertEvent) {
    for (const handler of this.handlers) handler({ data: JSON.stringify(event), lastEventId: id } as MessageEvent);
  }
  static open() {
    return FakeEventSource.instances.filter((s) => s.readyState !== FakeEventSource.CLOSED);
  }
}

/** One lock name at a time, granted in request order; released when the callback's promise settles. */
class FakeLocks {
  private held = false;
  private readonly queue: { grant: () => void; signal?: AbortSignal }[] = [];
  request(_name: string, options: { signal?: AbortSignal }, callback: () => Promise<void>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const entry = {
        signal: options.signal,
        grant: () => {
          this.held = true;
          void callback().finally(() => {
            this.held = false;
            resolve(undefined);
            this.next();
          });
        },
      };
      options.signal?.addEventListener("abort", () => {
        const i = this.queue.indexOf(entry);
        if (i >= 0) {
          this.queue.splice(i, 1);
          reject(new DOMException("aborted", "AbortError"));
        }
      });
      this.queue.push(entry);
      this.next();
    });
  }
  private next() {
    if (this.held) return;
    this.queue.shift()?.grant();
  }
}

const event = (alertId: string): AlertEvent => ({ type: "alert.raised", alertId, alert: { id: alertId } as AlertEvent["alert"] });
const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

let clients: AlertStreamClient[] = [];

function tabs(n: number) {
  const heard: string[][] = [];
  for (let i = 0; i < n; i++) {
    const client = new AlertStreamClient();
    const log: string[] = [];
    client.subscribe((e, id) => log.push(`${id}:${e.alertId}`));
    heard.push(log);
    clients.push(client);
  }
  return heard;
}

beforeEach(() => {
  FakeEventSource.instances = [];
  clients = [];
  Object.assign(globalThis, { window: { addEventListener() {}, removeEventListener() {} }, EventSource: FakeEventSource });
});

afterEach(() => {
  for (const client of clients) client.dispose();
  Object.defineProperty(globalThis, "navigator", { value: undefined, configurable: true, writable: true });
});

describe("with Web Locks", () => {
  beforeEach(() => {
    Object.defineProperty(globalThis, "navigator", { value: { locks: new FakeLocks() }, configurable: true, writable: true });
  });

  test("three tabs open one EventSource; every event reaches every tab once", async () => {
    const heard = tabs(3);
    for (const client of clients) client.start();
    await tick();
    expect(FakeEventSource.open()).toHaveLength(1);
    expect(FakeEventSource.open()[0]!.url).toBe("/api/alerts/stream");
    expect(clients.map((c) => c.currentRole)).toEqual(["leader", "follower", "follower"]);
    FakeEventSource.open()[0]!.emit("1-0", event("alr_aaaaaaaa"));
    FakeEventSource.open()[0]!.emit("2-0", event("alr_bbbbbbbb"));
    await tick();
    for (const log of heard) expect(log).toEqual(["1-0:alr_aaaaaaaa", "2-0:alr_bbbbbbbb"]);
  });

  test("when the leader's tab goes, the next tab leads and resumes from the last event id it saw", async () => {
    const heard = tabs(2);
    for (const client of clients) client.start();
    await tick();
    FakeEventSource.open()[0]!.emit("7-0", event("alr_cccccccc"));
    await tick();
    clients[0]!.dispose();
    await tick();
    expect(clients[1]!.currentRole).toBe("leader");
    const open = FakeEventSource.open();
    expect(open).toHaveLength(1);
    expect(open[0]!.url).toBe("/api/alerts/stream?lastEventId=7-0");
    // A replayed event is not delivered twice.
    open[0]!.emit("7-0", event("alr_cccccccc"));
    open[0]!.emit("8-0", event("alr_dddddddd"));
    expect(heard[1]).toEqual(["7-0:alr_cccccccc", "8-0:alr_dddddddd"]);
  });
});

describe("without Web Locks: heartbeat election on the channel", () => {
  beforeEach(() => {
    Object.defineProperty(globalThis, "navigator", { value: {}, configurable: true, writable: true });
  });

  test("one leader among three tabs; another takes over when it resigns", async () => {
    const heard = tabs(3);
    for (const client of clients) client.start();
    await tick(2500);
    expect(FakeEventSource.open()).toHaveLength(1);
    expect(clients.filter((c) => c.currentRole === "leader")).toHaveLength(1);
    FakeEventSource.open()[0]!.emit("3-0", event("alr_eeeeeeee"));
    await tick();
    for (const log of heard) expect(log).toEqual(["3-0:alr_eeeeeeee"]);

    const leader = clients.find((c) => c.currentRole === "leader")!;
    leader.dispose();
    await tick(1000);
    const open = FakeEventSource.open();
    expect(open).toHaveLength(1);
    expect(open[0]!.url).toBe("/api/alerts/stream?lastEventId=3-0");
    expect(clients.filter((c) => c !== leader && c.currentRole === "leader")).toHaveLength(1);
  }, 10_000);
});
