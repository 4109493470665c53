// Turns one `npm run load` run's raw outputs (Locust stats CSV, per-request samples, the reports' task
// timelines, stream counts, /api/metrics scrapes) into the summary it prints and writes. Pure.
import { cacheHitRatioBetween, fmtMs, parseLocustStats, parsePrometheusText, scrapeFigures, summarize, sumOf, verdict } from "./figures.mjs";

const CACHED = (name) => name.endsWith("(cached)");
const seconds = (from, to) => (Date.parse(to) - Date.parse(from)) / 1000;

/** Latency figures of the samples whose name passes `keep` (SSE hold times never count). */
export function latencyOf(samples, keep = () => true) {
  return summarize(samples.filter(([name, , , ]) => keep(name) && name !== "alerts stream held").map(([, ms]) => ms));
}

/** 5xx answers, and requests that got no answer at all (connection errors), from the samples. */
export function errorCounts(samples) {
  let serverErrors = 0;
  let noAnswer = 0;
  let clientErrors = 0;
  for (const [name, , status] of samples) {
    if (name === "alerts stream held") continue;
    if (status >= 500) serverErrors++;
    else if (status >= 400) clientErrors++;
    else if (status === 0) noAnswer++;
  }
  return { serverErrors, clientErrors, noAnswer };
}

/** X-Cache answers of the app's read routes: HIT ÷ (HIT + MISS + STALE). */
export function cacheHeaderRatio(samples) {
  const counts = { HIT: 0, MISS: 0, STALE: 0 };
  for (const [, , , cache] of samples) if (cache && cache in counts) counts[cache]++;
  const all = counts.HIT + counts.MISS + counts.STALE;
  return { ...counts, ratio: all > 0 ? counts.HIT / all : null };
}

/**
 * Each report's outcome, queue wait and duration from its task record: the wait runs from the task's
 * creation to its first step's start (exact when the poll saw the first step, "collect"; otherwise an
 * upper bound), the duration from creation to the final update.
 */
export function reportTimings(reports) {
  return reports.map((r) => {
    const total = r.createdAt && r.finishedAt ? seconds(r.createdAt, r.finishedAt) : null;
    const wait = r.createdAt && r.firstStep ? seconds(r.createdAt, r.firstStep.at) : null;
    return {
      serial: r.serial,
      reportId: r.reportId ?? null,
      outcome: r.outcome,
      queueWaitSeconds: wait,
      queueWaitExact: r.firstStep?.step === "collect",
      durationSeconds: total,
      runSeconds: total !== null && wait !== null ? total - wait : null,
      pdfBytes: r.pdfBytes ?? null,
      error: r.error ?? null,
    };
  });
}

/** Per-step job durations (mean of the histogram's sum/count) between the first and last scrape. */
function stepDurations(first, last) {
  // job_id, not job: Prometheus' own scrape label "job" would rename ours (metric-catalog.ts).
  const steps = new Set(last.filter((s) => s.name === "cer_job_step_duration_seconds_count").map((s) => `${s.labels.job_id}|${s.labels.step}`));
  return [...steps].map((key) => {
    const [jobId, step] = key.split("|");
    const d = (name) => sumOf(last, name, { job_id: jobId, step }) - sumOf(first, name, { job_id: jobId, step });
    const count = d("cer_job_step_duration_seconds_count");
    return { job: jobId, step, count, meanSeconds: count > 0 ? d("cer_job_step_duration_seconds_sum") / count : null };
  }).filter((s) => s.count > 0);
}

export function metricsFigures({ samples, notice }) {
  const scraped = samples.filter((s) => s.status === 200);
  if (scraped.length === 0) return { notice: notice ?? `no successful /api/metrics scrape (statuses: ${[...new Set(samples.map((s) => s.status))].join(", ") || "none"})`, overTime: [] };
  const parsed = scraped.map((s) => ({ t: s.t, samples: parsePrometheusText(s.text) }));
  const overTime = parsed.map((p) => ({ t: Math.round(p.t), ...scrapeFigures(p.samples) }));
  const first = parsed[0].samples;
  const last = parsed[parsed.length - 1].samples;
  const waitCount = sumOf(last, "cer_job_queue_wait_seconds_count") - sumOf(first, "cer_job_queue_wait_seconds_count");
  return {
    notice,
    scrapes: scraped.length,
    cacheHitRatio: cacheHitRatioBetween(overTime[0], overTime[overTime.length - 1]),
    cacheHitRatioGauge: overTime[overTime.length - 1].cacheHitRatioGauge,
    deltas: Object.fromEntries(["alertsDelivered", "openFdaErrors", "openFdaRateLimited", "serverErrors"].map((k) => [k, overTime[overTime.length - 1][k] - overTime[0][k]])),
    maxQueueDepth: Math.max(...overTime.map((p) => p.queueDepth)),
    queueWaitMeanSeconds: waitCount > 0 ? (sumOf(last, "cer_job_queue_wait_seconds_sum") - sumOf(first, "cer_job_queue_wait_seconds_sum")) / waitCount : null,
    stepDurations: stepDurations(first, last),
    overTime,
  };
}

export function buildSummary({ options, mainSeconds, appCpuSeconds = null, floor, idle, main, metrics, openFdaCalls }) {
  const routes = parseLocustStats(main.stats).filter((r) => r.name !== "alerts stream held");
  const reports = reportTimings(main.reports);
  const errors = errorCounts(main.samples);
  const cachedUnderLoad = latencyOf(main.samples, CACHED);
  const idleCached = latencyOf(idle.samples, CACHED);
  const floorLatency = latencyOf(floor.samples);
  const answered = main.samples.filter(([name]) => name !== "alerts stream held").length;
  const finished = reports.filter((r) => r.durationSeconds !== null);
  const metricsSummary = metricsFigures(metrics);
  // Locust's count, or the server's own when it saw more (it also counts answers Locust timed out on).
  const serverErrors = Math.max(errors.serverErrors, metricsSummary.deltas?.serverErrors ?? 0);
  const pick = (key) => summarize(finished.map((r) => r[key]).filter((v) => v !== null));
  return {
    options,
    mainSeconds,
    appCpuCores: appCpuSeconds === null ? null : appCpuSeconds / mainSeconds,
    throughput: { requests: answered, perSecond: answered / mainSeconds },
    routes,
    floor: floorLatency,
    idle: idleCached,
    cachedUnderLoad,
    errors,
    locustFailures: routes.find((r) => r.name === "Aggregated")?.failures ?? null,
    cacheHeaders: cacheHeaderRatio(main.samples),
    metrics: metricsSummary,
    reports,
    reportFigures: { queueWaitSeconds: pick("queueWaitSeconds"), durationSeconds: pick("durationSeconds"), runSeconds: pick("runSeconds") },
    streams: main.streams,
    openFdaCalls,
    verdict: verdict({ serverErrors, cachedP99Ms: cachedUnderLoad.p99, idleP99Ms: idleCached.p99, reports }),
  };
}

const pad = (value, width) => String(value).padStart(width);
const s = (v) => (v === null || v === undefined ? "—" : `${v.toFixed(v < 10 ? 2 : 1)} s`);
const pct = (v) => (v === null || v === undefined ? "—" : `${(100 * v).toFixed(1)}%`);
const median = (fig) => fig.p50;

export function formatSummary(sum) {
  const lines = [];
  const o = sum.options;
  lines.push(`npm run load — ${o.rate} req/s target, ${o.users} users (${o.apiUsers} API, 1 report, 1 stream), ${Math.round(sum.mainSeconds)} s main phase, ${o.store} store`);
  lines.push(`throughput: ${sum.throughput.requests} requests, ${sum.throughput.perSecond.toFixed(1)} req/s (polling and downloads included)${sum.appCpuCores === null ? "" : `; the app (with its workers) used ${sum.appCpuCores.toFixed(2)} of the 2 cores`}`);
  lines.push("");
  lines.push(`${"route".padEnd(44)} ${pad("reqs", 6)} ${pad("fail", 5)} ${pad("p50", 7)} ${pad("p95", 7)} ${pad("p99", 7)} ${pad("max", 7)}`);
  for (const r of sum.routes) {
    const ms = (v) => (v === null ? "—" : `${Math.round(v)}`);
    const label = r.name.startsWith(`${r.type} `) || r.name === "Aggregated" ? r.name : `${r.type} ${r.name}`;
    lines.push(`${label.slice(0, 44).padEnd(44)} ${pad(r.requests, 6)} ${pad(r.failures, 5)} ${pad(ms(r.p50), 7)} ${pad(ms(r.p95), 7)} ${pad(ms(r.p99), 7)} ${pad(ms(r.max), 7)}`);
  }
  lines.push("(ms, from Locust's stats CSV, which rounds; the figures below are exact, from every request)");
  lines.push("");
  const row = (label, f) => `${label.padEnd(44)} ${pad(f.count, 6)} ${pad(fmtMs(f.p50), 9)} ${pad(fmtMs(f.p95), 9)} ${pad(fmtMs(f.p99), 9)} ${pad(fmtMs(f.max), 9)}`;
  lines.push(`${"".padEnd(44)} ${pad("n", 6)} ${pad("p50", 9)} ${pad("p95", 9)} ${pad("p99", 9)} ${pad("max", 9)}`);
  lines.push(row(`floor: node:http + Redis GET, ${o.rate} req/s`, sum.floor));
  lines.push(row(`idle: cached reads at ${o.idleRate} req/s`, sum.idle));
  lines.push(row("cached reads under load", sum.cachedUnderLoad));
  lines.push("");
  lines.push(`errors: ${sum.errors.serverErrors} × 5xx, ${sum.errors.clientErrors} × 4xx, ${sum.errors.noAnswer} without an answer; Locust failures ${sum.locustFailures ?? "—"}`);
  const h = sum.cacheHeaders;
  lines.push(`cache hit ratio: ${pct(sum.metrics.cacheHitRatio)} from cer_cache_requests_total over the run; ${pct(h.ratio)} from X-Cache (${h.HIT} HIT, ${h.MISS} MISS, ${h.STALE} STALE)`);
  if (sum.openFdaCalls !== null) lines.push(`openFDA (local server) calls during the run: ${sum.openFdaCalls}`);
  if (sum.metrics.notice) lines.push(`metrics: ${sum.metrics.notice}`);
  if (sum.metrics.overTime.length > 0) {
    lines.push("");
    lines.push("job queue over time (cer_job_queue_depth, cer_job_oldest_queued_age_seconds)");
    lines.push(`${pad("t", 6)} ${pad("depth", 6)} ${pad("oldest", 8)} ${pad("hit ratio", 10)} ${pad("streams", 8)}`);
    const every = Math.max(1, Math.ceil(sum.metrics.overTime.length / 15));
    sum.metrics.overTime.forEach((p, i) => {
      if (i % every !== 0 && i !== sum.metrics.overTime.length - 1) return;
      lines.push(`${pad(`${p.t}s`, 6)} ${pad(p.queueDepth, 6)} ${pad(s(p.oldestQueuedAgeSeconds), 8)} ${pad(pct(p.cacheHitRatioGauge), 10)} ${pad(p.sseOpen, 8)}`);
    });
    if (sum.metrics.stepDurations.length > 0) {
      lines.push(`job steps (mean, cer_job_step_duration_seconds): ${sum.metrics.stepDurations.map((d) => `${d.step} ${s(d.meanSeconds)} ×${d.count}`).join(", ")}`);
    }
    const d = sum.metrics.deltas;
    lines.push(`server side during the run: ${d.serverErrors} × 5xx (cer_http_request_duration_seconds), ${d.alertsDelivered} alerts delivered, ${d.openFdaErrors} openFDA errors of which ${d.openFdaRateLimited} × 429; queue depth at most ${sum.metrics.maxQueueDepth}`);
    if (sum.metrics.queueWaitMeanSeconds !== null) lines.push(`queue wait (mean, cer_job_queue_wait_seconds): ${s(sum.metrics.queueWaitMeanSeconds)}`);
  }
  lines.push("");
  const rf = sum.reportFigures;
  const fig = (f) => `median ${s(median(f))}, p95 ${s(f.p95)}, max ${s(f.max)}`;
  lines.push(`reports: ${sum.reports.length} requested; queue wait ${fig(rf.queueWaitSeconds)}; duration ${fig(rf.durationSeconds)}; running ${fig(rf.runSeconds)}`);
  for (const r of sum.reports) {
    lines.push(`  #${pad(r.serial, 3)} ${(r.reportId ?? "—").padEnd(28)} ${r.outcome.padEnd(10)} wait ${pad(s(r.queueWaitSeconds), 7)}${r.queueWaitExact ? " " : "≤"} total ${pad(s(r.durationSeconds), 7)}${r.pdfBytes ? `  ${r.pdfBytes} B PDF` : ""}${r.error ? `  ${r.error}` : ""}`);
  }
  const events = sum.streams.reduce((n, x) => n + x.events, 0);
  const beats = sum.streams.reduce((n, x) => n + x.heartbeats, 0);
  lines.push(`alert streams: ${sum.streams.length} held (${sum.streams.map((x) => `${x.seconds} s`).join(", ") || "none"}), ${events} events, ${beats} heartbeats`);
  lines.push("");
  for (const v of sum.verdict) lines.push(`${v.pass ? "PASS" : "FAIL"}  ${v.rule}: ${v.detail}`);
  return lines.join("\n");
}
