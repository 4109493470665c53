import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { METRIC_CATALOG } from "@/lib/observability/metric-catalog";
import { markdownAnchors } from "./markdown-anchors";
import { metricNamesIn } from "./promql-metric-names";

// The Grafana dashboard and the Prometheus rules in docs/observability read only metrics the app
// exports (lib/observability/metric-catalog.ts) or that prom-client / Prometheus provide, and every
// rule points at a runbook section that exists.

const ROOT = path.resolve(import.meta.dirname, "../../..");
const read = (rel: string) => readFileSync(path.join(ROOT, rel), "utf8");

const HISTOGRAM_SUFFIXES = ["_bucket", "_sum", "_count"];
const catalogNames = new Set(
  Object.values(METRIC_CATALOG).flatMap((m) => (m.type === "histogram" ? HISTOGRAM_SUFFIXES.map((s) => m.name + s) : [m.name])),
);
// prom-client's collectDefaultMetrics() names (the app may register them with the cer_ prefix).
const PROM_CLIENT_DEFAULTS = [
  "process_cpu_seconds_total", "process_cpu_user_seconds_total", "process_cpu_system_seconds_total",
  "process_resident_memory_bytes", "process_virtual_memory_bytes", "process_heap_bytes", "process_start_time_seconds",
  "process_open_fds", "process_max_fds", "nodejs_eventloop_lag_seconds", "nodejs_eventloop_lag_p99_seconds",
  "nodejs_eventloop_lag_p50_seconds", "nodejs_eventloop_lag_mean_seconds", "nodejs_heap_size_used_bytes",
  "nodejs_heap_size_total_bytes", "nodejs_active_handles_total", "nodejs_active_requests_total", "nodejs_version_info",
];
// Series Prometheus itself writes (up) and the blackbox exporter's probe of /api/ready.
const SCRAPE_SERIES = ["up", "probe_success"];
const known = new Set([...catalogNames, ...PROM_CLIENT_DEFAULTS, ...PROM_CLIENT_DEFAULTS.map((n) => `cer_${n}`), ...SCRAPE_SERIES]);

type Panel = { title?: string; type?: string; targets?: { expr?: string }[]; panels?: Panel[] };
type Dashboard = { schemaVersion: number; panels: Panel[]; templating: { list: { name: string; type: string }[] } };

const dashboard = JSON.parse(read("docs/observability/grafana-dashboard.json")) as Dashboard;
const panels = dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
const dashboardExprs = panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title ?? "?", expr: t.expr ?? "" })));

type Rule = { alert?: string; expr?: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
const rulesFile = parseYaml(read("docs/observability/prometheus-rules.yml")) as { groups: { name: string; rules: Rule[] }[] };
const rules = rulesFile.groups.flatMap((g) => g.rules);
const runbook = read("docs/runbook.md");

test("the metric-name reader finds names and skips functions, labels, ranges and numbers", () => {
  expect(
    metricNamesIn('histogram_quantile(0.99, sum by (le, route) (rate(cer_x_bucket{route!="GET /a"}[5m]))) > 1e-9 and on (job) up == 0').sort(),
  ).toEqual(["cer_x_bucket", "up"]);
  expect(metricNamesIn('rate({__name__=~"(cer_)?process_cpu_seconds_total", job=~"$job"}[$__rate_interval])')).toEqual(["process_cpu_seconds_total"]);
});

test("the dashboard is a Grafana dashboard with a Prometheus data-source variable", () => {
  expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
  expect(dashboard.templating.list).toContainEqual(expect.objectContaining({ name: "DS_PROMETHEUS", type: "datasource" }));
  const datasources = panels.filter((p) => p.type !== "row").map((p) => JSON.stringify((p as { datasource?: unknown }).datasource));
  expect(new Set(datasources)).toEqual(new Set([JSON.stringify({ type: "prometheus", uid: "${DS_PROMETHEUS}" })]));
  expect(dashboardExprs.length).toBeGreaterThan(20);
});

test("every metric in the dashboard's queries is exported by the app or is a prom-client/Prometheus series", () => {
  const unknown = dashboardExprs.flatMap(({ panel, expr }) => metricNamesIn(expr).filter((n) => !known.has(n)).map((n) => `${panel}: ${n}`));
  expect(unknown).toEqual([]);
});

test("every metric of the catalog has a panel", () => {
  const used = new Set(dashboardExprs.flatMap(({ expr }) => metricNamesIn(expr)));
  const base = (n: string) => HISTOGRAM_SUFFIXES.reduce((name, s) => (name.endsWith(s) ? name.slice(0, -s.length) : name), n);
  const usedBases = new Set([...used].map(base));
  const missing = Object.values(METRIC_CATALOG).map((m) => m.name).filter((n) => !usedBases.has(n));
  expect(missing).toEqual([]);
});

test("every alert rule is complete and its expression names only known metrics", () => {
  expect(rules.length).toBeGreaterThanOrEqual(10);
  const problems = rules.flatMap((r) => {
    const name = r.alert ?? "(no alert name)";
    const out: string[] = [];
    if (!r.alert || !/^[A-Z][A-Za-z0-9]+$/.test(r.alert)) out.push(`${name}: alert name`);
    if (!r.expr) out.push(`${name}: no expr`);
    if (r.for !== undefined && !/^\d+[smh]$/.test(r.for)) out.push(`${name}: for "${r.for}"`);
    if (!["critical", "warning"].includes(r.labels?.severity ?? "")) out.push(`${name}: severity`);
    if (!r.annotations?.summary || !r.annotations.description) out.push(`${name}: summary/description`);
    const names = metricNamesIn(r.expr ?? "");
    if (names.length === 0) out.push(`${name}: reads no metric`);
    for (const n of names) if (!known.has(n)) out.push(`${name}: unknown metric ${n}`);
    return out;
  });
  expect(problems).toEqual([]);
  expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
});

test("every rule's runbook_url points at a section of docs/runbook.md that names the alert", () => {
  const anchors = markdownAnchors(runbook);
  const problems = rules.flatMap((r) => {
    const url = r.annotations?.runbook_url ?? "";
    const match = /(?:^|\/)docs\/runbook\.md#([a-z0-9_-]+)$/.exec(url);
    if (!match) return [`${r.alert}: runbook_url "${url}" is not docs/runbook.md#<anchor>`];
    const anchor = match[1] ?? "";
    if (!anchors.has(anchor)) return [`${r.alert}: no section #${anchor} in docs/runbook.md`];
    return runbook.includes(`\`${r.alert}\``) ? [] : [`${r.alert}: docs/runbook.md never names it`];
  });
  expect(problems).toEqual([]);
});

test("the runbook covers every case the issue names, each with where to look", () => {
  const anchors = markdownAnchors(runbook);
  for (const anchor of ["redis-or-upstash-down", "openfda-down", "openfda-rate-limiting-429", "inngest-failing-or-backlogged", "a-stuck-report", "rotating-secrets"]) {
    expect(anchors, anchor).toContain(anchor);
  }
});

test("every cer_ metric the docs pages name is in the catalog", () => {
  const pages = ["runbook.md", "architecture.md", "configuration.md", "api-usage.md", "user-guide.md"];
  const named = pages.flatMap((page) => [...read(`docs/${page}`).matchAll(/\b(cer_[a-z_]+?)(?:\{|`|\b)/g)].map((m) => ({ page, name: m[1] ?? "" })));
  expect(named.length).toBeGreaterThan(5);
  // cer_pat_ is the personal-token prefix; cer_ alone the metric prefix.
  const families = new Set<string>(Object.values(METRIC_CATALOG).map((m) => m.name));
  const unknown = named.filter(({ name }) => !known.has(name) && !families.has(name) && name !== "cer_pat_" && name !== "cer_");
  expect(unknown.map(({ page, name }) => `${page}: ${name}`)).toEqual([]);
});
