import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sendScanDigest } from "@/lib/alerts/send-digest";
import { createAlertStore } from "@/lib/alerts/alert-store";
import { startSmtpCapture, type CapturedMail, type SmtpCapture } from "@/tests/support/smtp-capture";
import { createWatchlistStore } from "@/lib/alerts/watchlist-store";
import type { StoredUser } from "@/lib/auth/users";
import { connectRedis } from "@/lib/cache/redis-connection";
import { createRedisStateStore } from "@/lib/cache/redis-state-store";
import type { StateStore } from "@/lib/cache/state-store";
import { createScanWatchlistsJob } from "@/lib/jobs/definitions/scan-watchlists";
import { createLocalJobProvider, type LocalJobProvider } from "@/lib/jobs/local-provider";
import { createTaskStore } from "@/lib/jobs/task-store";
import { alertRecord, scanResult, watchlistRecord } from "@/tests/support/alerts/fixtures";
import { deleteKeysUnder } from "@/tests/support/jobs/three-step-job";
import { REDIS_URL, testPrefix } from "@/tests/support/redis";

// The scheduled scan end to end on the local provider over a real Redis: two instances tick over the
// 06:00 slot, one run scans the due watchlists (a scan that fails once is retried, one that always
// fails is recorded on its last try), and the digest goes out once per recipient over real SMTP.
// scanWatchlist is implemented on another branch: a fake scan stands in.

const prefix = testPrefix("scheduled-scan");
const connections: ReturnType<typeof connectRedis>[] = [];
let smtp: SmtpCapture;
let mails: CapturedMail[] = [];
let smtpUrl: string;

function redisStore(): StateStore {
  const connection = connectRedis(REDIS_URL, 2000);
  connections.push(connection);
  return createRedisStateStore(connection.client, connection.whenReady);
}

const user = (id: string, role: StoredUser["role"]) => ({ id, email: `${id}@example.org`, role, disabled: false });
const USERS = [user("owner", "analyst"), user("viewer", "viewer")];

beforeAll(async () => {
  smtp = await startSmtpCapture();
  smtpUrl = smtp.url;
  mails = smtp.mails;
});

afterAll(async () => {
  await deleteKeysUnder(REDIS_URL, prefix);
  for (const connection of connections) connection.client.disconnect();
  await smtp.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("scheduled scan on the local provider", () => {
  test("two instances, one run: due watchlists scanned (with retries), one digest email per recipient", async () => {
    const clock = { now: Date.parse("2026-12-03T06:00:04Z") };
    const setupStore = redisStore();
    const watchlists = createWatchlistStore(setupStore, prefix);
    await watchlists.create(watchlistRecord({ id: "wl_raises01", owner: "owner" }));
    await watchlists.create(watchlistRecord({ id: "wl_flaky001", owner: "owner" }));
    await watchlists.create(watchlistRecord({ id: "wl_broken01", owner: "owner" }));
    await watchlists.create(watchlistRecord({ id: "wl_fresh001", owner: "owner", lastScan: { at: "2026-12-03T05:00:00.000Z", findings: 0, alertsRaised: 0 } }));
    const scans: string[] = [];

    const instances = ["a", "b"].map((name) => {
      const store = redisStore();
      const own = createWatchlistStore(store, prefix);
      const alerts = createAlertStore(store, prefix);
      const definition = {
        ...createScanWatchlistsJob({
          cron: () => "0 6 * * *",
          watchlists: () => own,
          alerts: () => alerts,
          now: () => new Date(clock.now),
          scan: async (_by, id) => {
            scans.push(id);
            if (id === "wl_broken01") throw new Error("always broken");
            if (id === "wl_flaky001" && scans.filter((s) => s === id).length === 1) throw new Error("flaky once");
            const watchlist = (await own.get(id))!;
            await own.update(id, (w) => ({ ...w, lastScan: { at: new Date(clock.now).toISOString(), findings: 1, alertsRaised: 1 } }));
            const raised = id === "wl_raises01" ? [alertRecord({ id: "alr_raised01", owner: "owner", watchlistId: id }, "Spike of hepatitis in 2026-10")] : [];
            // As scanWatchlist does: what a scan raises is in the alert store.
            for (const alert of raised) await alerts.put(alert);
            return scanResult(watchlist, raised);
          },
          sendDigest: (input) =>
            sendScanDigest(input, {
              smtpUrl, from: "alerts@localhost", baseUrl: "http://localhost:3000", store, keyPrefix: prefix,
              getWatchlist: (id) => own.get(id),
              getUser: async (id) => USERS.find((u) => u.id === id) ?? null,
              listUsers: async () => USERS,
            }),
        }),
        backoff: { initialMs: 5, factor: 1, maxMs: 5 },
      };
      const tasks = createTaskStore(store, undefined, { keyPrefix: prefix });
      const provider = createLocalJobProvider({ store, tasks, definitions: [definition], keyPrefix: prefix, instanceId: `instance-${name}`, pollMs: 10, leaseMs: 2000, cronTickMs: 5, now: () => clock.now });
      return { provider, tasks };
    });
    const providers: LocalJobProvider[] = instances.map((i) => i.provider);
    for (const provider of providers) provider.start();
    try {
      const taskId = "scan:2026-12-03T06:00:00.000Z";
      const deadline = Date.now() + 15_000;
      for (;;) {
        const task = await instances[0]!.tasks.get(taskId);
        if (task?.status === "succeeded" || task?.status === "failed") break;
        if (Date.now() > deadline) throw new Error(`the scan did not finish: ${JSON.stringify(task)}`);
        await sleep(20);
        // The providers' clock drives retry times too: let it run (still within the 06:00 slot).
        clock.now += 20;
      }
      await sleep(200);
      expect(await instances[1]!.tasks.get(taskId)).toMatchObject({ status: "succeeded", owner: "system", job: "scan-watchlists" });
      // Due: the three never scanned (not the one scanned an hour ago). Flaky: retried once; broken: all 3 tries.
      expect(scans.filter((s) => s === "wl_raises01")).toHaveLength(1);
      expect(scans.filter((s) => s === "wl_flaky001")).toHaveLength(2);
      expect(scans.filter((s) => s === "wl_broken01")).toHaveLength(3);
      expect(scans).not.toContain("wl_fresh001");
      // One email, to the owner (the viewer is not shared with), with the raised alert.
      expect(mails.map((m) => m.to)).toEqual([["owner@example.org"]]);
      expect(mails[0]?.raw).toContain("Spike of hepatitis in 2026-10");
    } finally {
      await Promise.all(providers.map((p) => p.stop()));
    }
  });
});
