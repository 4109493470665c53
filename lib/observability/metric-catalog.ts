// Every metric the app exports at /api/metrics: names, help and labels in one place, so the registry
// (lib/observability/metrics.ts), the Grafana dashboard and the alert rules (docs/) and the load test
// (bench/load) agree. Labels never hold per-user values (user ids, emails, report ids).

export const METRIC_PREFIX = "cer_";

export const METRIC_CATALOG = {
  httpRequestDuration: {
    name: "cer_http_request_duration_seconds",
    type: "histogram",
    help: "API request duration by route (the route-table key, e.g. 'GET /api/faers/trend') and status code.",
    labels: ["route", "status"],
  },
  cacheRequests: {
    name: "cer_cache_requests_total",
    type: "counter",
    help: "Cached-answer lookups by store backend (memory, redis, upstash) and outcome (hit, miss, stale).",
    labels: ["backend", "outcome"],
  },
  cacheHitRatio: {
    name: "cer_cache_hit_ratio",
    type: "gauge",
    help: "Hits / (hits + misses + stale) since the process started, by backend.",
    labels: ["backend"],
  },
  openFdaRequestDuration: {
    name: "cer_openfda_request_duration_seconds",
    type: "histogram",
    help: "openFDA HTTP call duration by endpoint (drug/event, device/event) and status ('timeout', 'network' when no status).",
    labels: ["endpoint", "status"],
  },
  openFdaErrors: {
    name: "cer_openfda_errors_total",
    type: "counter",
    help: "openFDA calls that failed, by endpoint and kind (timeout, network, http_4xx, http_5xx, rate_limited).",
    labels: ["endpoint", "kind"],
  },
  openFdaRateLimited: {
    name: "cer_openfda_rate_limited_total",
    type: "counter",
    help: "openFDA answers with status 429, by endpoint.",
    labels: ["endpoint"],
  },
  jobStepDuration: {
    name: "cer_job_step_duration_seconds",
    type: "histogram",
    help: "Job step duration by job id, step id and outcome (ok, error).",
    labels: ["job_id", "step", "outcome"],
  },
  jobRuns: {
    name: "cer_job_runs_total",
    type: "counter",
    help: "Finished job runs by job id and outcome (succeeded, failed, cancelled).",
    labels: ["job_id", "outcome"],
  },
  jobStepFailures: {
    name: "cer_job_step_failures_total",
    type: "counter",
    help: "Step attempts that threw, by job and step (each retry counts).",
    labels: ["job_id", "step"],
  },
  jobStepRetries: {
    name: "cer_job_step_retries_total",
    type: "counter",
    help: "Step retries scheduled, by job and step.",
    labels: ["job_id", "step"],
  },
  jobQueueWait: {
    name: "cer_job_queue_wait_seconds",
    type: "histogram",
    help: "Time from a job's event to its first step starting, by job.",
    labels: ["job_id"],
  },
  jobQueueDepth: {
    name: "cer_job_queue_depth",
    type: "gauge",
    help: "Runs queued or running and not finished (local provider; read at scrape), by job.",
    labels: ["job_id"],
  },
  jobOldestQueuedAge: {
    name: "cer_job_oldest_queued_age_seconds",
    type: "gauge",
    help: "Age of the oldest run still queued (not started), by job; 0 when none (local provider; read at scrape).",
    labels: ["job_id"],
  },
  sseOpenConnections: {
    name: "cer_sse_open_connections",
    type: "gauge",
    help: "Open GET /api/alerts/stream connections in this process.",
    labels: [],
  },
  alertsDelivered: {
    name: "cer_alerts_delivered_total",
    type: "counter",
    help: "Alert events written to open SSE connections (one per connection it reached).",
    labels: [],
  },
  alertsRaised: {
    name: "cer_alerts_raised_total",
    type: "counter",
    help: "Alerts raised, by kind (spike, signal, forecast_exceedance, fatal_report, report_ready, report_failed, …).",
    labels: ["kind"],
  },
} as const;

export type MetricKey = keyof typeof METRIC_CATALOG;
