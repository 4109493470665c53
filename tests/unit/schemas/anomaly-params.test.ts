import { describe, expect, test } from "vitest";
import { describeZodIssues, zodErrorMessage } from "@/lib/errors/zod-issues";
import { anomaliesBodySchema } from "@/lib/schemas/analytics";
import { productAnomaliesQuerySchema } from "@/lib/schemas/faers-query";

const series = Array.from({ length: 30 }, (_, i) => 10 + (i % 3));

function issues(schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, input: unknown) {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  const error = result.error as Parameters<typeof describeZodIssues>[0];
  return { list: describeZodIssues(error), message: zodErrorMessage(error) };
}

describe("POST /api/analytics/anomalies body: params", () => {
  test("valid params of the named method pass unchanged", () => {
    const body = anomaliesBodySchema.parse({ series, frequency: 12, method: "farrington", params: { alpha: 0.01, b: 1, reweight: false, thresholdMethod: "muan" } });
    expect(body.params).toEqual({ alpha: 0.01, b: 1, reweight: false, thresholdMethod: "muan" });
  });

  test.each([
    [{ method: "ears_c1", params: { threshold: 0 } }, "params.threshold", "threshold must be above 0"],
    [{ method: "ears_c2", params: { baseline: 2.5 } }, "params.baseline", "baseline must be a whole number from 3 to 104"],
    [{ method: "farrington", params: { alpha: 0.5 } }, "params.alpha", "alpha must be below 0.5"],
    [{ method: "farrington", params: { thresholdMethod: "exact" } }, "params.thresholdMethod", 'thresholdMethod must be "nbPlugin", "muan" or "delta"'],
    [{ method: "shesd", params: { period: 1 } }, "params.period", "period must be at least 2"],
    [{ method: "shesd", params: { direction: "up" } }, "params.direction", 'direction must be "pos", "neg" or "both"'],
    [{ method: "shesd", params: { maxAnoms: 0.5 } }, "params.maxAnoms", "maxAnoms must be at most 0.49"],
    [{ method: "shesd", params: { onlyLast: "yes" } }, "params.onlyLast", "onlyLast must be true or false"],
    [{ method: "ears_c1", params: { alpha: 0.01 } }, "params.alpha", "not a parameter of ears_c1 (it is a parameter of farrington, shesd); ears_c1 takes threshold, baseline, minSigma"],
    [{ method: "ears_c3", params: { lambda: 1 } }, "params.lambda", "not a parameter of ears_c3 (no method has it); ears_c3 takes threshold, baseline, guard, minSigma"],
    [{ method: "auto", params: { alpha: 0.01 } }, "params", "params apply to one method: set method to one of ears_c1, ears_c2, ears_c3, farrington, shesd (auto chooses the method, so it takes no params)"],
    [{ method: "shesd", params: "alpha=0.1" }, "params", "params must be an object of parameter names and values"],
  ])("%j → 400 at %s", (extra, path, message) => {
    const { list } = issues(anomaliesBodySchema, { series, frequency: 12, ...extra });
    expect(list).toContainEqual({ path, message });
  });

  test("shesd takes 20,000 points and may leave out the frequency when it gives a period; other methods 5,000", () => {
    const long = new Array<number>(20_000).fill(1);
    expect(anomaliesBodySchema.safeParse({ series: long, method: "shesd", params: { period: 1440 } }).success).toBe(true);
    expect(issues(anomaliesBodySchema, { series: [...long, 1], method: "shesd", params: { period: 1440 } }).list[0]).toMatchObject({ path: "series", message: "series must have at most 20000 points" });
    expect(issues(anomaliesBodySchema, { series: long.slice(0, 5001), frequency: 52, method: "ears_c1" }).list[0]).toMatchObject({ path: "series", message: expect.stringMatching(/ears_c1 takes at most 5000/) });
    expect(issues(anomaliesBodySchema, { series, method: "ears_c1" }).list[0]).toMatchObject({ path: "frequency" });
  });
});

describe("GET /api/faers/anomalies query: params.<name>", () => {
  test("params.<name> values are read as numbers, booleans and null", () => {
    const query = productAnomaliesQuerySchema.parse({ drug: "ASPIRIN", method: "shesd", "params.alpha": "0.01", "params.onlyLast": "true", "params.longtermPeriod": "null", "params.direction": "both" });
    expect(query.params).toEqual({ alpha: 0.01, onlyLast: true, longtermPeriod: null, direction: "both" });
    expect(productAnomaliesQuerySchema.parse({ drug: "ASPIRIN" }).params).toBeUndefined();
  });

  test("a bad value or another method's parameter is named in the message", () => {
    expect(issues(productAnomaliesQuerySchema, { drug: "ASPIRIN", method: "ears_c1", "params.threshold": "abc" }).message).toBe("params.threshold: threshold must be a number > 0 and ≤ 10");
    expect(issues(productAnomaliesQuerySchema, { drug: "ASPIRIN", method: "farrington", "params.guard": "2" }).message).toMatch(/^params.guard: not a parameter of farrington \(it is a parameter of ears_c2, ears_c3\)/);
    expect(issues(productAnomaliesQuerySchema, { drug: "ASPIRIN", "params.b": "2" }).message).toMatch(/^params: params apply to one method/);
  });
});
