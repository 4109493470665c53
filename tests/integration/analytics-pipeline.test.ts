import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import type { PipelineDeps } from "@/lib/pipeline/deps";
import { getAnomalies } from "@/lib/pipeline/get-anomalies";
import { getForecast } from "@/lib/pipeline/get-forecast";
import { getSignals } from "@/lib/pipeline/questions";
import { productAnomaliesResponseSchema, productForecastResponseSchema } from "@/lib/schemas/analytics-response";
import { productAnomaliesQuerySchema, productForecastQuerySchema, signalsQuerySchema } from "@/lib/schemas/faers-query";
import { signalsResponseSchema, type SignalsResponse } from "@/lib/schemas/signals-response";
import { startFakeOpenFda, type FakeOpenFda } from "@/tests/support/fake-openfda";
import { fakeOpenFdaDeps, TEST_ASK } from "@/tests/support/pipeline-deps";
import { letairisTable } from "@/tests/support/recorded-drug-events";

let fake: FakeOpenFda;
const deps = (): PipelineDeps => fakeOpenFdaDeps(fake.url);

beforeAll(async () => {
  fake = await startFakeOpenFda();
});
afterAll(async () => {
  await fake.close();
});

describe("signals over openFDA counts", () => {
  test("each 2×2 table matches an independent count of the recorded reports, and PRR/ROR follow by hand", async () => {
    const answer = await getSignals(signalsQuerySchema.parse({ drug: "LETAIRIS", top: "5" }), TEST_ASK, deps());
    const body = signalsResponseSchema.parse(answer.body) as SignalsResponse;
    expect(body.signals.length).toBe(5);
    for (const s of body.signals) {
      const { a, b, c, d } = letairisTable(s.event);
      expect(s.table).toEqual({ a, b, c, d });
      if (c > 0 && a > 0) expect(s.prr?.value).toBeCloseTo(a / (a + b) / (c / (c + d)), 10);
      if (b > 0 && c > 0 && a > 0) expect(s.ror?.value).toBeCloseTo((a * d) / (b * c), 10);
      expect(s.ebgm).toBeNull();
    }
    expect(body.roleCaveat).toContain("any role");
  });
});

describe("forecast and anomalies for a product", () => {
  test("the forecast is fitted on complete periods only and its steps follow the last complete period", async () => {
    const { body } = await getForecast(
      productForecastQuerySchema.parse({ drug: "LETAIRIS", from: "2008-01-01", to: "2014-06-30", horizon: "6" }),
      TEST_ASK,
      deps(),
    );
    productForecastResponseSchema.parse(body);
    const complete = body.series.filter((p) => !p.partial);
    expect(body.fittedOn.points).toBe(complete.length);
    expect(body.fittedOn.last).toBe(complete.at(-1)?.period);
    expect(body.forecast).toHaveLength(6);
    expect(body.forecast[0]?.period).toBe("2014-07");
    for (const step of body.forecast) {
      expect(step.lower["95"]).toBeGreaterThanOrEqual(0);
      expect(step.lower["95"]!).toBeLessThanOrEqual(step.lower["80"]!);
      expect(step.upper["95"]!).toBeGreaterThanOrEqual(step.upper["80"]!);
    }
  });

  test("anomalies point at real periods of the series with their observed counts", async () => {
    const { body } = await getAnomalies(
      productAnomaliesQuerySchema.parse({ drug: "LETAIRIS", from: "2008-01-01", to: "2014-03-31", method: "ears_c1" }),
      TEST_ASK,
      deps(),
    );
    productAnomaliesResponseSchema.parse(body);
    expect(body.method).toBe("ears_c1");
    // 2014-02 and 2014-03 hold nearly all 61 LETAIRIS reports after years of zeros: a spike by any rule.
    const flagged = body.anomalies.map((a) => a.period);
    expect(flagged.some((p) => p === "2014-02" || p === "2014-03")).toBe(true);
    for (const a of body.anomalies) expect(body.series[a.index]?.count).toBe(a.observed);
  });
});

describe("ranges with no complete period", () => {
  test("forecast and anomalies answer with a note instead of failing", async () => {
    const forecast = await getForecast(productForecastQuerySchema.parse({ drug: "LETAIRIS", from: "2014-03-10", to: "2014-03-20" }), TEST_ASK, deps());
    expect(forecast.body.forecast).toEqual([]);
    expect(forecast.body.notes[0]).toContain("No complete month");
    const anomalies = await getAnomalies(productAnomaliesQuerySchema.parse({ drug: "LETAIRIS", from: "2014-03-10", to: "2014-03-20" }), TEST_ASK, deps());
    expect(anomalies.body.anomalies).toEqual([]);
    expect(anomalies.body.method).toBe("none");
  });
});

describe("series longer than the analyses take (issue #9: these were 500s)", () => {
  const huge = { drug: "LETAIRIS", interval: "week", from: "1900-01-02", to: "2999-12-31" };
  const expectTooLong = async (run: () => Promise<unknown>) => {
    const error: unknown = await run().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe("invalid_input");
    expect(appError.status).toBe(400);
    for (const part of ["interval=week", "from=1900-01-02", "to=2999-12-31", "5000"]) expect(appError.message).toContain(part);
  };

  test("a weekly forecast over 1900–2999 is a 400 naming interval, from, to and the maximum", async () => {
    await expectTooLong(() => getForecast(productForecastQuerySchema.parse(huge), TEST_ASK, deps()));
  });

  test("weekly anomalies over 1900–2999 are a 400 naming interval, from, to and the maximum", async () => {
    await expectTooLong(() => getAnomalies(productAnomaliesQuerySchema.parse(huge), TEST_ASK, deps()));
  });
});
