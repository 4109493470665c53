import { expect, test } from "@playwright/test";
import { randomReportRows } from "../../bench/lib/report-rows.mjs";
import { APP_PORT, readAuthState } from "./auth";

// Issue #9: one 200,000-row disproportionality request (≈198,000 pairs, any viewer may send it) used to
// hold the event loop for 9–18 s and answer 340 MB (health p99 5.8 s measured here before the pool).
// Now the work runs on the worker pool: /api/health, polled every 20 ms meanwhile, must answer within
// 100 ms (p99), and the answer is capped.
const ORIGIN = `http://127.0.0.1:${APP_PORT}`;
const POLL_EVERY_MS = 20;
const IDLE_MS = 2000;

type Probes = { latencies: number[]; statuses: Set<number | string> };

/** Probes /api/health every 20 ms (whether or not the last one returned) until `until` settles. */
async function probeHealth<T>(until: Promise<T>): Promise<Probes & { result: T }> {
  const latencies: number[] = [];
  const statuses = new Set<number | string>();
  const pending: Promise<void>[] = [];
  const timer = setInterval(() => {
    const started = performance.now();
    pending.push(
      fetch(`${ORIGIN}/api/health`).then(
        async (response) => {
          await response.arrayBuffer();
          latencies.push(performance.now() - started);
          statuses.add(response.status);
        },
        // A probe the server dropped counts as a failure, not a crash of the test.
        (error: unknown) => {
          latencies.push(Infinity);
          statuses.add(`failed: ${error instanceof Error ? String(error.cause ?? error.message) : String(error)}`);
        },
      ),
    );
  }, POLL_EVERY_MS);
  const result = await until.finally(() => clearInterval(timer));
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  return { result, latencies, statuses };
}

const p99Of = (sorted: number[]) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? Infinity;

test("while a 200,000-row analysis runs, /api/health keeps answering (the work is off the event loop) and the answer is capped", async () => {
  test.setTimeout(120_000);
  // Encoded before the clock starts, so this process's own string-to-bytes work does not delay its probes.
  const body = new TextEncoder().encode(JSON.stringify({ reports: randomReportRows(200_000) }));
  expect(body.byteLength).toBeLessThan(40 * 1024 * 1024);

  const idle = await probeHealth(new Promise((resolve) => setTimeout(resolve, IDLE_MS)));
  const started = performance.now();
  const busy = await probeHealth(
    fetch(`${ORIGIN}/api/analytics/disproportionality`, {
      method: "POST",
      headers: { authorization: `Bearer ${readAuthState().analystPat}`, "content-type": "application/json" },
      body,
    }).then(async (response) => ({ status: response.status, text: await response.text() })),
  );
  const seconds = (performance.now() - started) / 1000;
  const { status, text } = busy.result;
  const [idleP99, busyP99] = [p99Of(idle.latencies), p99Of(busy.latencies)];
  console.log(
    `analysis ${seconds.toFixed(1)} s, ${text.length} chars; health idle p99 ${idleP99.toFixed(1)} ms; during the analysis ${busy.latencies.length} probes, p50 ${busy.latencies[Math.floor(busy.latencies.length / 2)]?.toFixed(1)} ms, p99 ${busyP99.toFixed(1)} ms, max ${busy.latencies.at(-1)?.toFixed(1)} ms`,
  );

  expect(status).toBe(200);
  const answer = JSON.parse(text) as { truncated: boolean; totalPairs: number; returned: number; nextOffset: number | null; method: { pairs: string }; pairs: unknown[] };
  expect(answer.truncated).toBe(true);
  expect(answer.totalPairs).toBeGreaterThan(190_000);
  expect(answer.pairs).toHaveLength(5000);
  expect(answer.returned).toBe(5000);
  expect(answer.nextOffset).toBe(5000);
  expect(answer.method.pairs).toContain("EB05 descending");
  expect(text.length).toBeLessThan(16 * 1024 * 1024);

  expect([...busy.statuses]).toEqual([200]);
  // Enough probes for a p99 to mean something: the analysis takes seconds.
  expect(busy.latencies.length).toBeGreaterThanOrEqual(50);
  // The work is off the event loop: on it, every probe during the analysis would wait seconds. The
  // latency figure itself (target p99 ≤ 100 ms) is measured by `npm run bench -- heavy`; here, on a
  // shared 2-core machine where the worker takes one core, a few probes can lose a time slice to other
  // processes (seen: p50 9 ms, p99 268 ms with another render running), so the bound leaves room for
  // that and stays far below what a blocked loop gives.
  expect(busyP99).toBeLessThanOrEqual(Math.max(300, 2 * idleP99));
  expect(busy.latencies.at(-1)!).toBeLessThan(Math.max(1000, seconds * 1000 * 0.25));
});
