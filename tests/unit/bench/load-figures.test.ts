import { describe, expect, test } from "vitest";
import {
  cacheHitRatioBetween,
  parseDuration,
  parseLocustStats,
  parsePrometheusText,
  percentile,
  scrapeFigures,
  summarize,
  verdict,
} from "@/bench/load/figures.mjs";
import { cacheHeaderRatio, errorCounts, metricsFigures, reportTimings } from "@/bench/load/report.mjs";

describe("parseDuration", () => {
  test.each([
    ["5m", 300],
    ["60s", 60],
    ["90", 90],
    ["1h", 3600],
  ])("%s is %i s", (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  test.each(["5 minutes", "-1m", "1.5m", "", "5s"])("rejects %j", (text) => {
    expect(() => parseDuration(text)).toThrow(/duration/);
  });
});

describe("parsePrometheusText", () => {
  const text = [
    "# HELP cer_job_queue_depth Runs queued or running and not finished, by job.",
    "# TYPE cer_job_queue_depth gauge",
    'cer_job_queue_depth{job_id="generate-report"} 3',
    'cer_job_queue_depth{job_id="scan-watchlists"} 1',
    'cer_job_oldest_queued_age_seconds{job_id="generate-report"} 12.5',
    'cer_job_oldest_queued_age_seconds{job_id="scan-watchlists"} 40',
    'cer_cache_requests_total{backend="memory",outcome="hit"} 90',
    'cer_cache_requests_total{backend="memory",outcome="miss"} 8',
    'cer_cache_requests_total{backend="memory",outcome="stale"} 2',
    'cer_cache_hit_ratio{backend="memory"} 0.9',
    'cer_http_request_duration_seconds_bucket{route="GET /api/faers/trend",status="200",le="+Inf"} 77',
    'cer_http_request_duration_seconds_count{route="GET /api/faers/trend",status="200"} 77',
    'cer_http_request_duration_seconds_count{route="POST /api/reports",status="503"} 2',
    'cer_http_request_duration_seconds_count{route="GET /api/faers/trend",status="500"} 1',
    "cer_sse_open_connections 2",
    "cer_alerts_delivered_total 5",
    'cer_openfda_errors_total{endpoint="drug/event",kind="rate_limited"} 3',
    'cer_openfda_rate_limited_total{endpoint="drug/event"} 3',
    'odd_label{path="a \\"quoted\\" \\\\ value, with {braces}"} NaN 1700000000000',
    "process_cpu_seconds_total 1.25e2",
    "",
  ].join("\n");
  const samples = parsePrometheusText(text);

  test("reads names, labels and values, skipping comments", () => {
    expect(samples).toHaveLength(18);
    expect(samples[0]).toEqual({ name: "cer_job_queue_depth", labels: { job_id: "generate-report" }, value: 3 });
    expect(samples[8]).toEqual({ name: "cer_http_request_duration_seconds_bucket", labels: { route: "GET /api/faers/trend", status: "200", le: "+Inf" }, value: 77 });
    expect(samples[17]).toEqual({ name: "process_cpu_seconds_total", labels: {}, value: 125 });
  });

  test("unescapes label values and ignores a trailing timestamp", () => {
    const odd = samples.find((s) => s.name === "odd_label");
    expect(odd?.labels.path).toBe('a "quoted" \\ value, with {braces}');
    expect(Number.isNaN(odd?.value)).toBe(true);
  });

  test("scrapeFigures sums queue depth over jobs, takes the oldest age, counts the server's 5xx", () => {
    expect(scrapeFigures(samples)).toEqual({
      queueDepth: 4,
      oldestQueuedAgeSeconds: 40,
      cacheHits: 90,
      cacheMisses: 8,
      cacheStale: 2,
      cacheHitRatioGauge: 0.9,
      sseOpen: 2,
      alertsDelivered: 5,
      openFdaErrors: 3,
      openFdaRateLimited: 3,
      serverErrors: 3,
    });
    expect(scrapeFigures([]).cacheHitRatioGauge).toBeNull();
  });

  test("the hit ratio over the run comes from counter deltas", () => {
    const first = { cacheHits: 90, cacheMisses: 8, cacheStale: 2 };
    const last = { cacheHits: 180, cacheMisses: 15, cacheStale: 5 };
    // 90 new hits out of 90 + 7 + 3 = 100 lookups.
    expect(cacheHitRatioBetween(first, last)).toBeCloseTo(0.9, 12);
    expect(cacheHitRatioBetween(first, first)).toBeNull();
  });
});

describe("percentiles", () => {
  test("nearest rank: p50 of 1..100 is 50, p95 is 95, p99 is 99", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // any order
    expect(summarize(values)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
  });

  test("small samples: p99 of 10 values is the largest, p50 the 5th", () => {
    const sorted = [3, 5, 7, 11, 13, 17, 19, 23, 29, 31];
    expect(percentile(sorted, 0.99)).toBe(31);
    expect(percentile(sorted, 0.5)).toBe(13);
    expect(percentile([], 0.5)).toBeNull();
    expect(summarize([])).toEqual({ count: 0, p50: null, p95: null, p99: null, max: null });
  });
});

describe("parseLocustStats", () => {
  test("reads Locust 2.12's stats CSV, quoted names included", () => {
    const csv = [
      'Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%',
      'GET,"GET /api/faers/trend (cached)",166,0,27,40.1,6.2,263.6,2210,2.7,0.0,27,30,34,38,60,130,200,260,260,260,260',
      "POST,/api/reports,4,1,120,110,80,148.9,50,0.06,0.01,120,120,150,150,150,150,150,150,150,150,150",
      ",Aggregated,170,1,27,41,6.2,263.6,2150,2.8,0.01,27,30,34,38,60,130,200,260,260,260,260",
    ].join("\n");
    const rows = parseLocustStats(csv);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({ type: "GET", name: "GET /api/faers/trend (cached)", requests: 166, failures: 0, rps: 2.7, p50: 27, p95: 130, p99: 260, max: 263.6 });
    expect(rows[1]?.failures).toBe(1);
    expect(rows[2]?.name).toBe("Aggregated");
  });
});

describe("the run's counts", () => {
  const samples: [string, number, number, string | null, number][] = [
    ["GET /api/faers/trend (cached)", 10, 200, "HIT", 1],
    ["GET /api/faers/trend (cached)", 12, 200, "HIT", 2],
    ["GET /api/faers/trend (uncached)", 40, 200, "MISS", 2],
    ["GET /api/faers/summary (uncached)", 40, 200, "STALE", 3],
    ["/api/analytics/forecast", 30, 503, null, 3],
    ["/api/analytics/forecast", 30, 500, null, 4],
    ["/api/reports", 30, 429, null, 4],
    ["/api/tasks/[id]", 30, 0, null, 5],
    ["alerts stream held", 20_000, 0, null, 20],
  ];

  test("5xx, 4xx and unanswered requests; the SSE hold entry is not a request", () => {
    expect(errorCounts(samples)).toEqual({ serverErrors: 2, clientErrors: 1, noAnswer: 1 });
  });

  test("hit ratio from X-Cache: 2 hits of 4 cached-path answers", () => {
    expect(cacheHeaderRatio(samples)).toEqual({ HIT: 2, MISS: 1, STALE: 1, ratio: 0.5 });
  });
});

describe("reportTimings", () => {
  test("queue wait to the first step's start, duration to the last update", () => {
    const [exact, bound, failed] = reportTimings([
      { serial: 1, reportId: "rep_a", outcome: "succeeded", createdAt: "2026-01-01T00:00:00.000Z", firstStep: { step: "collect", at: "2026-01-01T00:00:01.500Z" }, finishedAt: "2026-01-01T00:00:09.000Z", pdfBytes: 1000 },
      { serial: 2, reportId: "rep_b", outcome: "succeeded", createdAt: "2026-01-01T00:01:00.000Z", firstStep: { step: "render", at: "2026-01-01T00:01:00.250Z" }, finishedAt: "2026-01-01T00:01:04.000Z" },
      { serial: 3, outcome: "request answered 503" },
    ]);
    expect(exact).toMatchObject({ queueWaitSeconds: 1.5, queueWaitExact: true, durationSeconds: 9, runSeconds: 7.5, pdfBytes: 1000 });
    expect(bound).toMatchObject({ queueWaitSeconds: 0.25, queueWaitExact: false, durationSeconds: 4, runSeconds: 3.75 });
    expect(failed).toMatchObject({ outcome: "request answered 503", queueWaitSeconds: null, durationSeconds: null, runSeconds: null });
  });
});

describe("verdict", () => {
  const ok = [{ outcome: "succeeded" }, { outcome: "succeeded" }];

  test("passes with no 5xx, cached p99 within 3× idle and every report done", () => {
    const rules = verdict({ serverErrors: 0, cachedP99Ms: 30, idleP99Ms: 10, reports: ok });
    expect(rules.map((r) => r.pass)).toEqual([true, true, true]);
  });

  test("fails each rule on its own", () => {
    expect(verdict({ serverErrors: 1, cachedP99Ms: 30, idleP99Ms: 10, reports: ok }).map((r) => r.pass)).toEqual([false, true, true]);
    expect(verdict({ serverErrors: 0, cachedP99Ms: 30.1, idleP99Ms: 10, reports: ok }).map((r) => r.pass)).toEqual([true, false, true]);
    expect(verdict({ serverErrors: 0, cachedP99Ms: 30, idleP99Ms: 10, reports: [...ok, { outcome: "failed" }] }).map((r) => r.pass)).toEqual([true, true, false]);
  });

  test("no reports or no idle figure is a failure, not a pass", () => {
    const rules = verdict({ serverErrors: 0, cachedP99Ms: null, idleP99Ms: 10, reports: [] });
    expect(rules[1]?.pass).toBe(false);
    expect(rules[2]?.pass).toBe(false);
    expect(rules[2]?.detail).toBe("no report was requested");
  });
});

describe("metricsFigures", () => {
  const scrape = (t: number, renders: number, renderSeconds: number, hits: number, misses: number, depth: number) => ({
    t,
    status: 200,
    text: [
      `cer_job_step_duration_seconds_count{job_id="generate-report",step="render",outcome="ok"} ${renders}`,
      `cer_job_step_duration_seconds_sum{job_id="generate-report",step="render",outcome="ok"} ${renderSeconds}`,
      `cer_job_queue_wait_seconds_count{job_id="generate-report"} ${renders}`,
      `cer_job_queue_wait_seconds_sum{job_id="generate-report"} ${renders * 0.25}`,
      `cer_cache_requests_total{backend="memory",outcome="hit"} ${hits}`,
      `cer_cache_requests_total{backend="memory",outcome="miss"} ${misses}`,
      `cer_job_queue_depth{job_id="generate-report"} ${depth}`,
    ].join("\n"),
  });

  test("step means, queue wait and hit ratio come from the deltas between the first and last scrape", () => {
    // Before the run: 1 render of 10 s, 50 hits, 50 misses. After: 4 more renders taking 12 s, 90 more hits, 10 more misses.
    const figures = metricsFigures({ samples: [scrape(0, 1, 10, 50, 50, 0), { t: 5, status: 503 }, scrape(10, 3, 16, 100, 55, 2), scrape(20, 5, 22, 140, 60, 1)], notice: null });
    expect(figures.scrapes).toBe(3);
    expect(figures.stepDurations).toEqual([{ job: "generate-report", step: "render", count: 4, meanSeconds: 3 }]);
    expect(figures.queueWaitMeanSeconds).toBeCloseTo(0.25, 12);
    expect(figures.cacheHitRatio).toBeCloseTo(0.9, 12);
    expect(figures.maxQueueDepth).toBe(2);
    expect(figures.overTime.map((p: { queueDepth: number }) => p.queueDepth)).toEqual([0, 2, 1]);
  });

  test("a run without the metrics route says so", () => {
    const notice = "GET /api/metrics answered 404";
    expect(metricsFigures({ samples: [], notice })).toEqual({ notice, overTime: [] });
    expect(metricsFigures({ samples: [{ t: 0, status: 401 }], notice: null }).notice).toMatch(/401/);
  });
});
