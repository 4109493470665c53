// Evaluates a parsed search against one record, mimicking openFDA's Elasticsearch mapping closely
// enough for tests: dotted paths fan out over arrays with no nested documents (any element may
// match), `.exact` = whole keyword value (case-sensitive), other fields = analysed lower-case tokens.
import type { QueryNode } from "./query-parser";
import type { JsonValue } from "./types";

export interface FieldRef {
  path: string[];
  exact: boolean;
  /** openFDA's `.exact` analyzer upper-cases MedDRA terms ("Dyspnoea" is served as "DYSPNOEA"). */
  upperCaseExact: boolean;
}

const UPPER_CASE_EXACT_FIELDS = new Set(["patient.reaction.reactionmeddrapt"]);

export function fieldRef(field: string): FieldRef {
  const segments = field === "" ? [] : field.split(".");
  const exact = segments[segments.length - 1] === "exact";
  const path = exact ? segments.slice(0, -1) : segments;
  return { path, exact, upperCaseExact: exact && UPPER_CASE_EXACT_FIELDS.has(path.join(".")) };
}

/** The keyword value an `.exact` field holds for a stored value. */
export function exactValue(ref: FieldRef, leaf: string): string {
  return ref.upperCaseExact ? leaf.toUpperCase() : leaf;
}

/** All primitive values at `path` (objects at the end contribute every leaf below them); null = absent. */
export function leafValues(node: JsonValue | undefined, path: readonly string[]): string[] {
  const out: string[] = [];
  collect(node, path, 0, out);
  return out;
}

function collect(node: JsonValue | undefined, path: readonly string[], depth: number, out: string[]): void {
  if (node === undefined || node === null) return;
  if (Array.isArray(node)) {
    for (const item of node) collect(item, path, depth, out);
    return;
  }
  if (typeof node === "object") {
    const segment = path[depth];
    if (segment === undefined) {
      for (const child of Object.values(node)) collect(child, path, depth, out);
    } else {
      collect(node[segment], path, depth + 1, out);
    }
    return;
  }
  // A primitive reached before the path ended does not have the requested sub-field.
  if (depth === path.length) out.push(String(node));
}

/** Standard-analyser approximation: lower-cased runs of letters/digits. */
export function analyze(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
}

export function matchesQuery(node: QueryNode, record: JsonValue): boolean {
  switch (node.kind) {
    case "all":
      return true;
    case "and":
      return matchesQuery(node.left, record) && matchesQuery(node.right, record);
    case "or":
      return matchesQuery(node.left, record) || matchesQuery(node.right, record);
    case "not":
      return !matchesQuery(node.operand, record);
    case "exists":
      // Like ES `exists`: any non-null value counts, including "".
      return leafValues(record, fieldRef(node.field).path).length > 0;
    case "term": {
      const ref = fieldRef(node.field);
      const test = termMatcher(node.value, node.phrase, ref.exact);
      return leafValues(record, ref.path).some((leaf) => test(ref.exact ? exactValue(ref, leaf) : leaf));
    }
    case "range": {
      const test = rangeMatcher(node);
      return leafValues(record, fieldRef(node.field).path).some(test);
    }
  }
}

function termMatcher(value: string, phrase: boolean, exact: boolean): (leaf: string) => boolean {
  const wildcard = !phrase && value.includes("*");
  if (exact) {
    if (!wildcard) return (leaf) => leaf === value;
    const re = globToRegExp(value, "");
    return (leaf) => re.test(leaf);
  }
  if (wildcard) {
    // Wildcards apply per token on analysed fields, case-insensitively.
    const patterns = value
      .toLowerCase()
      .split(/[^\p{L}\p{N}*]+/u)
      .filter((t) => t.length > 0)
      .map((t) => globToRegExp(t, "u"));
    return (leaf) => containsSequence(analyze(leaf), patterns.map((re) => (token: string) => re.test(token)));
  }
  const wanted = analyze(value);
  if (wanted.length === 0) return () => false;
  return (leaf) => containsSequence(analyze(leaf), wanted.map((w) => (token: string) => token === w));
}

function containsSequence(tokens: readonly string[], wanted: readonly ((token: string) => boolean)[]): boolean {
  if (wanted.length === 0) return false;
  for (let start = 0; start + wanted.length <= tokens.length; start++) {
    if (wanted.every((test, k) => test(tokens[start + k] ?? ""))) return true;
  }
  return false;
}

function globToRegExp(glob: string, flags: string): RegExp {
  const body = glob
    .split("*")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`, flags);
}

/** Dates may be written YYYY-MM-DD in ranges; records store YYYYMMDD. */
function normalizeBound(bound: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(bound) ? bound.replace(/-/g, "") : bound;
}

function asNumber(text: string): number | undefined {
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text.trim()) ? parseFloat(text) : undefined;
}

function rangeMatcher(node: Extract<QueryNode, { kind: "range" }>): (leaf: string) => boolean {
  const lower = node.lower === null ? null : normalizeBound(node.lower);
  const upper = node.upper === null ? null : normalizeBound(node.upper);
  const lowerNum = lower === null ? null : asNumber(lower);
  const upperNum = upper === null ? null : asNumber(upper);
  const numeric = lowerNum !== undefined && upperNum !== undefined;

  return (leaf) => {
    // Numbers and YYYYMMDD dates compare numerically; other text falls back to lexical order.
    let cmpLower: number | null;
    let cmpUpper: number | null;
    if (numeric) {
      const v = asNumber(leaf);
      if (v === undefined) return false;
      cmpLower = lowerNum === null ? null : v - lowerNum;
      cmpUpper = upperNum === null ? null : v - upperNum;
    } else {
      const v = leaf.toLowerCase();
      cmpLower = lower === null ? null : compareText(v, lower.toLowerCase());
      cmpUpper = upper === null ? null : compareText(v, upper.toLowerCase());
    }
    const aboveLower = cmpLower === null || (node.includeLower ? cmpLower >= 0 : cmpLower > 0);
    const belowUpper = cmpUpper === null || (node.includeUpper ? cmpUpper <= 0 : cmpUpper < 0);
    return aboveLower && belowUpper;
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
