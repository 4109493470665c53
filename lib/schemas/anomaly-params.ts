import { z } from "zod";
import { METHOD_PARAM_NAMES, MAX_SHESD_SERIES_LENGTH, type ParameterizedMethod } from "@/lib/analytics/anomalies";
import { methodsTaking } from "@/lib/analytics/anomalies/param-names";

// The spike-detection parameters an analyst can set, per method, with their ranges. One schema per
// method (no transforms, so a job event can carry them); `params` is checked against the method named
// beside it. Defaults live with the methods (lib/analytics/anomalies/method-params.ts), which also
// check what depends on the series (e.g. b years of history).

const number = (name: string, min: number, max: number, { inclusiveMin = true, inclusiveMax = true } = {}) => {
  const range = inclusiveMin && inclusiveMax ? `from ${min} to ${max}` : `${inclusiveMin ? "≥" : ">"} ${min} and ${inclusiveMax ? "≤" : "<"} ${max}`;
  let schema = z.number({ message: `${name} must be a number ${range}` }).finite({ message: `${name} must be a number ${range}` });
  schema = inclusiveMin ? schema.min(min, { message: `${name} must be at least ${min}` }) : schema.gt(min, { message: `${name} must be above ${min}` });
  schema = inclusiveMax ? schema.max(max, { message: `${name} must be at most ${max}` }) : schema.lt(max, { message: `${name} must be below ${max}` });
  return schema;
};
const whole = (name: string, min: number, max: number) =>
  z
    .number({ message: `${name} must be a whole number from ${min} to ${max}` })
    .int({ message: `${name} must be a whole number from ${min} to ${max}` })
    .min(min, { message: `${name} must be at least ${min}` })
    .max(max, { message: `${name} must be at most ${max}` });
const flag = (name: string) => z.boolean({ message: `${name} must be true or false` });

const earsCommon = {
  threshold: number("threshold", 0, 10, { inclusiveMin: false }),
  baseline: whole("baseline", 3, 104),
  minSigma: number("minSigma", 0, 1e6),
};
const earsGuarded = { ...earsCommon, guard: whole("guard", 0, 52) };

export const anomalyParamSchemas = {
  ears_c1: z.strictObject(earsCommon),
  ears_c2: z.strictObject(earsGuarded),
  ears_c3: z.strictObject(earsGuarded),
  farrington: z.strictObject({
    alpha: number("alpha", 0, 0.5, { inclusiveMin: false, inclusiveMax: false }),
    b: whole("b", 1, 10),
    w: whole("w", 0, 26),
    reweight: flag("reweight"),
    noPeriods: whole("noPeriods", 1, 52),
    pastPeriodsNotIncluded: whole("pastPeriodsNotIncluded", 0, 520),
    thresholdMethod: z.enum(["nbPlugin", "muan", "delta"], { message: 'thresholdMethod must be "nbPlugin", "muan" or "delta"' }),
  }),
  shesd: z.strictObject({
    direction: z.enum(["pos", "neg", "both"], { message: 'direction must be "pos", "neg" or "both"' }),
    alpha: number("alpha", 0, 0.5, { inclusiveMin: false, inclusiveMax: false }),
    maxAnoms: number("maxAnoms", 0, 0.49, { inclusiveMin: false }),
    period: whole("period", 2, MAX_SHESD_SERIES_LENGTH).nullable(),
    threshold: z.enum(["none", "med_max", "p95", "p99"], { message: 'threshold must be "none", "med_max", "p95" or "p99"' }),
    onlyLast: flag("onlyLast"),
    longtermPeriod: whole("longtermPeriod", 3, MAX_SHESD_SERIES_LENGTH).nullable(),
  }),
} satisfies { [M in ParameterizedMethod]: z.ZodType };

/** The object a request sends as `params`: checked against its method by `refineAnomalyParams`. */
export const anomalyParamsInputSchema = z.record(z.string(), z.unknown(), { message: "params must be an object of parameter names and values" });

/**
 * Adds an issue at `params.<name>` for every parameter the method does not take (saying whose it is)
 * or whose value is out of range; with method "auto" any params are refused.
 */
export function refineAnomalyParams(method: string, params: Record<string, unknown> | undefined, ctx: z.RefinementCtx): void {
  if (params === undefined || Object.keys(params).length === 0) return;
  if (!(method in anomalyParamSchemas)) {
    ctx.addIssue({ code: "custom", path: ["params"], message: `params apply to one method: set method to one of ${Object.keys(METHOD_PARAM_NAMES).join(", ")} (auto chooses the method, so it takes no params)` });
    return;
  }
  const m = method as ParameterizedMethod;
  const allowed: readonly string[] = METHOD_PARAM_NAMES[m];
  for (const name of Object.keys(params)) {
    if (allowed.includes(name)) continue;
    const owners = methodsTaking(name);
    const whose = owners.length > 0 ? `it is a parameter of ${owners.join(", ")}` : "no method has it";
    ctx.addIssue({ code: "custom", path: ["params", name], message: `not a parameter of ${m} (${whose}); ${m} takes ${allowed.join(", ")}` });
  }
  const known = Object.fromEntries(Object.entries(params).filter(([name]) => allowed.includes(name)));
  const parsed = anomalyParamSchemas[m].partial().safeParse(known);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: ["params", ...issue.path.map(String)], message: issue.message });
  }
}

/** Turns `params.<name>=<text>` query values into JSON values: numbers, true/false, null; other text stays. */
export function parseQueryParamValue(text: string): unknown {
  if (text === "true") return true;
  if (text === "false") return false;
  if (text === "null") return null;
  if (/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return Number(text);
  return text;
}
