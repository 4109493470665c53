// The pure parts of `npm run load`: reading Prometheus text and Locust's stats CSV, percentiles, the
// cache hit ratio from counter deltas, and the pass/fail rules. No I/O here (unit-tested).

/** "5m", "60s", "90" (seconds) or "1h" → seconds; throws on anything else. */
export function parseDuration(text) {
  const match = /^(\d+)(s|m|h)?$/.exec(String(text).trim());
  if (!match) throw new Error(`duration must look like 60s, 5m or 1h (got "${text}")`);
  const factor = { s: 1, m: 60, h: 3600 }[match[2] ?? "s"];
  const seconds = Number(match[1]) * factor;
  if (seconds < 10) throw new Error(`duration must be at least 10s (got "${text}")`);
  return seconds;
}

const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
const unescapeLabel = (value) => value.replace(/\\(["\\n])/g, (_, c) => (c === "n" ? "\n" : c));

/**
 * Prometheus text exposition (0.0.4) → samples `{ name, labels, value }`. Comments and blank lines are
 * skipped; `+Inf`, `-Inf` and `NaN` are read as numbers; a trailing timestamp is ignored.
 * @param {string} text
 * @returns {{ name: string; labels: Record<string, string>; value: number }[]}
 */
export function parsePrometheusText(text) {
  /** @type {{ name: string; labels: Record<string, string>; value: number }[]} */
  const samples = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const brace = line.indexOf("{");
    const space = line.indexOf(" ");
    let name;
    let rest;
    /** @type {Record<string, string>} */
    const labels = {};
    if (brace !== -1 && (space === -1 || brace < space)) {
      const close = line.lastIndexOf("}");
      name = line.slice(0, brace);
      for (const [, key, value] of line.slice(brace + 1, close).matchAll(LABEL)) labels[key] = unescapeLabel(value);
      rest = line.slice(close + 1).trim();
    } else {
      name = line.slice(0, space);
      rest = line.slice(space + 1).trim();
    }
    const valueText = rest.split(/\s+/)[0];
    const value = valueText === "+Inf" ? Infinity : valueText === "-Inf" ? -Infinity : Number(valueText);
    samples.push({ name, labels, value });
  }
  return samples;
}

/** Sum of the samples named `name` whose labels include every pair in `where`. */
export function sumOf(samples, name, where = {}) {
  let total = 0;
  for (const s of samples) {
    if (s.name !== name) continue;
    if (Object.entries(where).every(([k, v]) => s.labels[k] === v)) total += s.value;
  }
  return total;
}

/** Largest value among the samples named `name` (0 when none). */
export function maxOf(samples, name) {
  return samples.filter((s) => s.name === name).reduce((m, s) => Math.max(m, s.value), 0);
}

/** One metrics scrape reduced to what the load test prints over time. */
export function scrapeFigures(samples) {
  const cache = (outcome) => sumOf(samples, "cer_cache_requests_total", { outcome });
  return {
    queueDepth: sumOf(samples, "cer_job_queue_depth"),
    oldestQueuedAgeSeconds: maxOf(samples, "cer_job_oldest_queued_age_seconds"),
    cacheHits: cache("hit"),
    cacheMisses: cache("miss"),
    cacheStale: cache("stale"),
    cacheHitRatioGauge: samples.some((s) => s.name === "cer_cache_hit_ratio") ? maxOf(samples, "cer_cache_hit_ratio") : null,
    sseOpen: sumOf(samples, "cer_sse_open_connections"),
    alertsDelivered: sumOf(samples, "cer_alerts_delivered_total"),
    openFdaErrors: sumOf(samples, "cer_openfda_errors_total"),
    openFdaRateLimited: sumOf(samples, "cer_openfda_rate_limited_total"),
    // The server's own count of 5xx answers, to set beside what Locust saw.
    serverErrors: samples
      .filter((s) => s.name === "cer_http_request_duration_seconds_count" && Number(s.labels.status) >= 500)
      .reduce((n, s) => n + s.value, 0),
  };
}

/** Hits ÷ (hits + misses + stale) between two scrapes' counters; null when nothing was looked up. */
export function cacheHitRatioBetween(first, last) {
  const hits = last.cacheHits - first.cacheHits;
  const all = hits + (last.cacheMisses - first.cacheMisses) + (last.cacheStale - first.cacheStale);
  return all > 0 ? hits / all : null;
}

/** Nearest-rank percentile (q in 0–1) of an ascending array; null for an empty one. */
export function percentile(sorted, q) {
  if (sorted.length === 0) return null;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** count, p50, p95, p99 and max of some values (any order). */
export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1] : null,
  };
}

/** Splits one CSV line (Locust quotes fields holding commas). */
function csvFields(line) {
  const fields = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/**
 * Locust's `<prefix>_stats.csv` → one row per (Type, Name) with request and failure counts, the
 * throughput and p50/p95/p99/max in ms. The "Aggregated" row keeps the name "Aggregated".
 */
export function parseLocustStats(csvText) {
  const lines = csvText.split(/\r?\n/).filter((l) => l.trim() !== "");
  if (lines.length === 0) return [];
  const header = csvFields(lines[0]);
  const col = (name) => header.indexOf(name);
  const num = (fields, name) => (col(name) === -1 || fields[col(name)] === "N/A" ? null : Number(fields[col(name)]));
  return lines.slice(1).map((line) => {
    const f = csvFields(line);
    return {
      type: f[col("Type")],
      name: f[col("Name")],
      requests: num(f, "Request Count"),
      failures: num(f, "Failure Count"),
      rps: num(f, "Requests/s"),
      p50: num(f, "50%"),
      p95: num(f, "95%"),
      p99: num(f, "99%"),
      max: num(f, "Max Response Time"),
    };
  });
}

/**
 * The criteria for the run: zero 5xx; p99 of cached reads ≤ 3 × the idle p99; every report
 * requested during the run succeeded. Returns each rule with its figures and whether it passed.
 */
export function verdict({ serverErrors, cachedP99Ms, idleP99Ms, reports }) {
  const failedReports = reports.filter((r) => r.outcome !== "succeeded");
  return [
    { rule: "zero 5xx", pass: serverErrors === 0, detail: `${serverErrors} responses with status ≥ 500` },
    {
      rule: "cached-read p99 ≤ 3 × idle p99",
      pass: cachedP99Ms !== null && idleP99Ms !== null && cachedP99Ms <= 3 * idleP99Ms,
      detail: `${fmtMs(cachedP99Ms)} under load vs ${fmtMs(idleP99Ms)} idle (limit ${fmtMs(idleP99Ms === null ? null : 3 * idleP99Ms)})`,
    },
    {
      rule: "every report requested succeeds",
      pass: reports.length > 0 && failedReports.length === 0,
      detail: reports.length === 0 ? "no report was requested" : `${reports.length - failedReports.length}/${reports.length} succeeded`,
    },
  ];
}

export function fmtMs(ms) {
  return ms === null || ms === undefined ? "—" : `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}
