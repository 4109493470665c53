// Watchlists, findings and reports for the alert tests, and the state store each backend runs them on.
import { afterAll, beforeAll, beforeEach, afterEach } from "vitest";
import { AUDIT_LIST_KEY } from "@/lib/audit/audit-store";
import { setEventLogForTests } from "@/lib/cache/get-event-log";
import { setStateStoreForTests } from "@/lib/cache/get-state-store";
import { createMemoryEventLog } from "@/lib/cache/memory-event-log";
import { createMemoryStateStore } from "@/lib/cache/memory-state-store";
import { connectRedis } from "@/lib/cache/redis-connection";
import { createRedisStateStore } from "@/lib/cache/redis-state-store";
import type { StateStore } from "@/lib/cache/state-store";
import type { EventLog } from "@/lib/cache/event-log";
import { ALERT_STREAM } from "@/lib/alerts/alert-log";
import { newId } from "@/lib/auth/ids";
import type { UserPrincipal } from "@/lib/auth/principal";
import type { Role } from "@/lib/auth/roles";
import { actorFromHeaders, type ActorContext } from "@/lib/auth/audit-context";
import type { Finding } from "@/lib/schemas/alerts";
import { auditEntrySchema, type AuditEntry } from "@/lib/schemas/audit";
import type { ReportRecord } from "@/lib/schemas/reports";
import type { WatchlistRecord } from "@/lib/schemas/watchlists";
import { prefixedStateStore } from "@/tests/support/prefixed-state-store";
import { REDIS_URL, testPrefix } from "@/tests/support/redis";

export type Backend = "memory" | "redis";

/**
 * A fresh state store (in memory, or on the real Redis under a unique prefix, deleted afterwards) and a
 * fresh alert log per test, installed as the process's.
 */
export function alertBackendPerTest(backend: Backend): { store: () => StateStore; log: () => EventLog; auditLog: () => Promise<AuditEntry[]> } {
  let redis: ReturnType<typeof connectRedis> | undefined;
  let store: StateStore & { keysWritten?: Set<string> };
  let log: EventLog;
  beforeAll(() => {
    if (backend === "redis") redis = connectRedis(REDIS_URL, 2000);
  });
  afterAll(() => redis?.client.disconnect());
  beforeEach(() => {
    store = redis ? prefixedStateStore(createRedisStateStore(redis.client, redis.whenReady), testPrefix("alerts")) : createMemoryStateStore();
    log = createMemoryEventLog({ maxLength: 10_000 });
    setStateStoreForTests(store);
    setEventLogForTests(log);
  });
  afterEach(async () => {
    if (redis && store.keysWritten && store.keysWritten.size > 0) await redis.client.del(...store.keysWritten);
    setStateStoreForTests(undefined);
    setEventLogForTests(undefined);
  });
  return {
    store: () => store,
    log: () => log,
    auditLog: async () => (await store.listRange(AUDIT_LIST_KEY, 0, -1)).map((line) => auditEntrySchema.parse(JSON.parse(line))),
  };
}

export async function loggedEvents(log: EventLog): Promise<{ id: string; type: string; alertId: string }[]> {
  return (await log.readAfter(ALERT_STREAM, null, 10_000)).map((e) => ({ id: e.id, ...(JSON.parse(e.data) as { type: string; alertId: string }) }));
}

export function watchlistFixture(over: Partial<WatchlistRecord> = {}): WatchlistRecord {
  const at = new Date().toISOString();
  return {
    id: `wl_${newId()}`,
    owner: "usr_owner",
    name: "Aspirin watch",
    product: { drug: "ASPIRIN", country: "US" },
    watch: [{ kind: "spike", method: "ears_c2" }],
    schedule: "daily",
    sharing: { userIds: [], allAnalysts: false },
    createdAt: at,
    updatedAt: at,
    lastScan: null,
    ...over,
  };
}

export function findingFixture(over: Partial<Finding> = {}): Finding {
  return {
    fingerprint: "wl:spike:2024-03",
    kind: "spike",
    subject: "2024-03",
    title: "Spike in 2024-03",
    summary: "48 reports against an upper bound of 41.3",
    score: 1.16,
    rules: [],
    provenance: {
      source: "openfda",
      queries: ["https://api.fda.gov/drug/event.json?search=patient.drug.openfda.generic_name:%22ASPIRIN%22&count=receivedate"],
      dataDate: "2024-04-01",
      retrievedAt: new Date().toISOString(),
      method: "ears_c2",
      parameters: { baseline: 7 },
      threshold: "count 48 > upperBound 41.3",
    },
    ...over,
  };
}

export function reportFixture(over: Partial<ReportRecord> = {}): ReportRecord {
  const at = new Date().toISOString();
  return {
    id: `rep_${newId()}`,
    taskId: `task_${newId()}`,
    owner: "usr_owner",
    status: "succeeded",
    request: { product: { drug: "ASPIRIN" }, from: "2023-01-01", to: "2023-12-31" },
    title: "CER: aspirin 2023",
    createdAt: at,
    updatedAt: at,
    dataDate: "2023-12-31",
    comparedWith: null,
    snapshot: { sha256: "a".repeat(64), bytes: 100 },
    pdf: { sha256: "b".repeat(64), bytes: 2000, pages: 31 },
    ...over,
  };
}

export function principalFor(role: Role, userId: string = `usr_${role}`): UserPrincipal {
  return { kind: "user", userId, email: `${userId}@example.org`, role, via: "session", credentialId: "cred-1" };
}

export function actorFor(role: Role, userId?: string): ActorContext {
  return actorFromHeaders(principalFor(role, userId), new Headers({ "user-agent": "alerts-test/1.0" }));
}
