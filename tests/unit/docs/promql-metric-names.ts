// The metric names a PromQL expression reads. Not a full parser: it removes what cannot be a metric
// name (strings, label matchers, ranges, grouping clauses, function calls, keywords, numbers, Grafana
// variables) and keeps the identifiers left, plus names given as {__name__=~"(cer_)?name"}.

const KEYWORDS = new Set([
  "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset",
  "sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "group",
  "inf", "nan",
]);

export function metricNamesIn(expr: string): string[] {
  const names = new Set<string>();
  // Names selected by __name__: the optional-prefix form the dashboard uses for process metrics.
  for (const m of expr.matchAll(/__name__\s*=~?\s*"([^"]*)"/g)) {
    const pattern = m[1] ?? "";
    const plain = /^(?:\(cer_\)\?)?([a-zA-Z_:][a-zA-Z0-9_:]*)$/.exec(pattern);
    names.add(plain ? (plain[1] ?? pattern) : `unparsed:${pattern}`);
  }
  const stripped = expr
    .replace(/\{[^{}]*\}/g, " ") // label matchers (their strings included)
    .replace(/"(?:[^"\\]|\\.)*"/g, " ") // any other string
    .replace(/\[[^\]]*\]/g, " ") // ranges and subqueries
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ") // grouping label lists
    .replace(/\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/g, " "); // Grafana variables
  for (const m of stripped.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)) {
    const [, ident = "", call] = m;
    const start = m.index ?? 0;
    // Part of a number such as 1e-9 (the "e" is not a metric).
    if (start > 0 && /[0-9.]/.test(stripped[start - 1] ?? "")) continue;
    if (call !== undefined || KEYWORDS.has(ident.toLowerCase())) continue;
    names.add(ident);
  }
  return [...names];
}
