// Idle SSE connections on the built app (issue #12, reliability.md R11): 1,000 open GET /api/alerts/stream
// connections on `next start` with Redis. Figures: RSS per connection (the app's process tree after
// opening minus before, ÷ N; target ≤ 150 kB), delivery p99 across all connections of alerts published
// by this (separate) process with XADD to the app's Redis stream (target ≤ 50 ms), and the time until the
// app's open-stream gauge (/api/health sse.open) is back to 0 after every client leaves (target ≤ 2 s).
// Baseline in the same run: the same connections on bench/sse-floor-server.mjs (node:http, one XREAD
// loop on the same stream). 127.0.0.1 only. BENCH_SSE_CONNECTIONS overrides N.
import { spawn } from "node:child_process";
import http from "node:http";
import { Redis } from "ioredis";
import { startAppUnderLoad } from "./lib/app-under-load.mjs";
import { freePort, treeRssBytes, waitFor } from "./lib/proc.mjs";

const N = Number(process.env.BENCH_SSE_CONNECTIONS ?? 1000);
const EVENTS = 5;
const STREAM = "cer:alerts:log"; // lib/alerts/alert-log.ts ALERT_STREAM
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const { app, auth, appPid, redisUrl, root } = await startAppUnderLoad({ ALERT_STREAM_HEARTBEAT_MS: "15000" });
const floorPort = await freePort();
const floor = spawn(process.execPath, ["bench/sse-floor-server.mjs", String(floorPort), redisUrl, STREAM], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
process.on("exit", () => floor.kill("SIGKILL"));
await waitFor(`http://127.0.0.1:${floorPort}/count`);
const redis = new Redis(redisUrl);

let serial = 0;
/** A valid AlertEvent (lib/schemas/alerts.ts) the bench admin may see; its alertId carries a serial. */
function alertEvent() {
  serial += 1;
  const at = new Date().toISOString();
  const id = `alr_bench${String(serial).padStart(6, "0")}`;
  const finding = {
    fingerprint: `bench:${serial}`, kind: "spike", subject: "2024-03", title: "bench", summary: "bench", score: 2, rules: [],
    provenance: { source: "bench", queries: [], dataDate: null, retrievedAt: at, method: "ears_c2", parameters: {}, threshold: "bench" },
  };
  const alert = {
    id, kind: "spike", watchlistId: null, owner: "bench", reportId: null, product: { type: "drug", name: "LETAIRIS", filters: {} },
    links: { product: "/drugs/LETAIRIS", report: null }, finding, state: "new", outcome: null, history: [], follows: null, createdAt: at, updatedAt: at, eventId: null,
  };
  return { serial, data: JSON.stringify({ type: "alert.raised", alertId: id, alert }) };
}

/** One SSE client: resolves once the stream opened; records when each bench alert arrived. */
function openClient(url, headers, received) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { accept: "text/event-stream", ...headers }, agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
      res.setEncoding("utf8");
      let buffer = "";
      let opened = false;
      res.on("data", (chunk) => {
        const now = performance.now();
        buffer += chunk;
        let at;
        while ((at = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          if (!opened) {
            opened = true;
            resolve(req);
          }
          const match = /"alertId":"alr_bench(\d+)"/.exec(frame);
          if (match) received.push({ serial: Number(match[1]), at: now });
        }
      });
      res.on("error", () => undefined);
    });
    req.on("error", (error) => (error.code === "ECONNRESET" ? undefined : reject(error)));
  });
}

async function openMany(url, headers) {
  const clients = [];
  const received = [];
  for (let i = 0; i < N; i += 50) {
    const batch = [];
    for (let j = i; j < Math.min(N, i + 50); j++) batch.push(openClient(url, headers, received));
    clients.push(...(await Promise.all(batch)));
  }
  return { clients, received };
}

function percentile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)];
}

/** Publishes EVENTS alerts 500 ms apart; per alert and connection, the time from XADD to arrival. */
async function deliveryLags(received) {
  const published = new Map();
  const before = received.length;
  for (let i = 0; i < EVENTS; i++) {
    const event = alertEvent();
    published.set(event.serial, performance.now());
    await redis.xadd(STREAM, "MAXLEN", "~", "10000", "*", "data", event.data);
    await sleep(500);
  }
  const deadline = Date.now() + 10_000;
  while (received.length - before < EVENTS * N && Date.now() < deadline) await sleep(50);
  const lags = received.slice(before).filter((r) => published.has(r.serial)).map((r) => r.at - published.get(r.serial));
  return { lags, missing: EVENTS * N - lags.length };
}

async function drainTime(clients, openCount) {
  const started = performance.now();
  for (const req of clients) req.destroy();
  for (;;) {
    const open = await openCount();
    if (open === 0) return performance.now() - started;
    if (performance.now() - started > 30_000) return Infinity;
    await sleep(25);
  }
}


async function run(name, url, headers, pid, openCount) {
  const warmReceived = [];
  const warm = await openClient(url, headers, warmReceived);
  await deliveryLags(warmReceived).catch(() => undefined);
  warm.destroy();
  await sleep(1500);
  const rssBefore = treeRssBytes(pid);
  const started = performance.now();
  const { clients, received } = await openMany(url, headers);
  const openMs = performance.now() - started;
  await sleep(2000);
  const rssAfter = treeRssBytes(pid);
  const openNow = await openCount();
  const { lags, missing } = await deliveryLags(received);
  const drainMs = await drainTime(clients, openCount);
  return { name, rssBefore, rssAfter, perConnection: (rssAfter - rssBefore) / N, openMs, openNow, p50: percentile(lags, 0.5), p99: percentile(lags, 0.99), max: Math.max(...lags), missing, drainMs };
}

const appResult = await run("next start /api/alerts/stream", `${app}/api/alerts/stream`, auth, appPid, async () => {
  const health = await (await fetch(`${app}/api/health`)).json();
  return health.sse.open;
});
const floorResult = await run("node:http SSE floor", `http://127.0.0.1:${floorPort}/stream`, {}, floor.pid, async () => (await (await fetch(`http://127.0.0.1:${floorPort}/count`)).json()).open);

const kb = (b) => (b / 1024).toFixed(1);
console.log(`\n${N} idle SSE connections, ${EVENTS} alerts published with XADD from the bench process:`);
for (const r of [appResult, floorResult]) {
  console.log(`  ${r.name}`);
  console.log(`    RSS ${(r.rssBefore / 2 ** 20).toFixed(1)} → ${(r.rssAfter / 2 ** 20).toFixed(1)} MiB: ${kb(r.perConnection)} kB per connection; opened in ${(r.openMs / 1000).toFixed(1)} s; open count ${r.openNow}`);
  console.log(`    delivery p50 ${r.p50?.toFixed(1)} ms, p99 ${r.p99?.toFixed(1)} ms, max ${r.max.toFixed(1)} ms, missing ${r.missing} of ${EVENTS * N}`);
  console.log(`    open count back to 0 ${(r.drainMs / 1000).toFixed(2)} s after the clients left`);
}
console.log(`  targets (reliability.md R11): ≤ 150 kB per connection, p99 ≤ 50 ms, back to 0 ≤ 2 s`);
console.log(`  app ÷ floor: RSS per connection ${(appResult.perConnection / floorResult.perConnection).toFixed(1)}×, p99 ${(appResult.p99 / floorResult.p99).toFixed(1)}×`);
redis.disconnect();
process.exit(0);
