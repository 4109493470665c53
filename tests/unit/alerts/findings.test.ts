// The pure finding builders (issue #12) on hand-built pipeline answers; every expected number is
// worked out here from the answer, not by the code under test.
import { describe, expect, test } from "vitest";
import { checkSignalRule, fatalFindings, forecastExceedanceFinding, ratioScore, signalFindings, spikeFindings, SPIKE_RECENT_PERIODS } from "@/lib/alerts/findings";
import { findingSchema } from "@/lib/schemas/alerts";
import type { ProductAnomaliesResponse, ProductForecastResponse } from "@/lib/schemas/analytics-response";
import type { CasesResponse, Provenance } from "@/lib/schemas/faers-response";
import type { SignalRow, SignalsResponse } from "@/lib/schemas/signals-response";

const WL = "wl_test0001";
const window = { from: "2022-01-01", to: "2024-12-31", interval: "month" };
const provenance: Provenance = {
  source: "openfda",
  endpoint: "drug/event",
  queries: ["https://api.fda.gov/drug/event.json?search=x&count=receivedate"],
  search: "x",
  lastUpdated: "2024-12-20",
  retrievedAt: "2024-12-31T06:00:00.000Z",
  cache: "MISS",
  normalizationRulesVersion: "1",
  rules: [],
};
const product = { kind: "drug" as const, name: "TESTDRUG" };

describe("spikeFindings", () => {
  const periods = ["2024-06", "2024-07", "2024-08", "2024-09", "2024-10", "2024-11"];
  const assessed = periods.map((period, index) => ({ index, period, observed: 10, expected: 10, upperBound: 20, alarm: false, score: 0 }));
  // Alarms in 2024-07 (old) and 2024-10 (one of the last three assessed periods).
  const alarms = [
    { ...assessed[1]!, observed: 30, alarm: true, method: "ears_c2" },
    { ...assessed[4]!, observed: 50, upperBound: 25, alarm: true, method: "ears_c2" },
  ];
  const answer: ProductAnomaliesResponse = {
    product,
    interval: "month",
    series: [],
    method: "ears_c2",
    parameters: { threshold: 3, baseline: 7 },
    parameterSources: {},
    settings: {},
    assessments: assessed.map((a, i) => (i === 1 ? alarms[0]! : i === 4 ? alarms[1]! : a)),
    anomalies: alarms,
    notes: [],
    provenance,
  };

  test(`only alarms in the last ${SPIKE_RECENT_PERIODS} assessed periods; score observed/upperBound; provenance from the answer`, () => {
    const findings = spikeFindings(WL, "auto", answer, window);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({ fingerprint: `${WL}:spike:auto:2024-10`, kind: "spike", subject: "2024-10", score: 2, rules: [] });
    expect(f!.provenance).toMatchObject({ method: "ears_c2", dataDate: "2024-12-20", queries: provenance.queries, threshold: "count 50 > upperBound 25.00" });
    expect(f!.provenance.parameters).toMatchObject({ threshold: 3, baseline: 7, requestedMethod: "auto", from: "2022-01-01" });
    expect(() => findingSchema.parse(f)).not.toThrow();
  });

  test("a bound below one report counts as one", () => {
    expect(ratioScore(5, 0)).toBe(5);
    expect(ratioScore(5, null)).toBe(5);
    expect(ratioScore(6, 4)).toBe(1.5);
  });
});

describe("signalFindings", () => {
  const yes = { signal: true } as const;
  const no = { signal: false, reason: "below" } as const;
  const row = (event: string, a: number, over: Partial<SignalRow> = {}): SignalRow => ({
    event,
    table: { a, b: 100, c: 50, d: 10_000 },
    total: a + 50,
    expected: 1,
    prr: { value: 4, lower95: 2.5, upper95: 6, seLog: 0.2 },
    chiSquare: { yates: 10, uncorrected: 12 },
    ror: { value: 4.2, lower95: 2.6, upper95: 6.5, seLog: 0.2 },
    ic: { value: 1.5, ic025: 0.4, ic975: 2.2 },
    bcpnnGould: null,
    nullReasons: {},
    flags: { evans: yes, ror: yes, ic: yes, bcpnnGould: no },
    method: {},
    ebgm: { value: 2.5, eb05: 1.8, eb95: 3.2, qn: 0.5 },
    ebgmReason: "",
    ...over,
  });
  const answer: SignalsResponse = {
    product,
    roleCaveat: "",
    totals: { drugReports: 200, allReports: 10_000 },
    signals: [
      row("NAUSEA", 5),
      row("RASH", 2),
      row("HEADACHE", 8, { flags: { evans: no, ror: yes, ic: no, bcpnnGould: no }, ror: { value: 1.5, lower95: 1.1, upper95: 2, seLog: 0.1 } }),
      row("DEATH", 4, { ebgm: { value: 4, eb05: 2.4, eb95: 6, qn: 0.5 } }),
    ],
    provenance,
  };

  test("evans with minCount 3: terms flagged by Evans with a ≥ 3; score PRR025; rules every rule met", () => {
    const findings = signalFindings(WL, "evans", 3, answer, window);
    expect(findings.map((f) => f.subject)).toEqual(["NAUSEA", "DEATH"]);
    expect(findings[0]).toMatchObject({ fingerprint: `${WL}:signal:NAUSEA`, score: 2.5, rules: ["evans", "ror025", "ic025"] });
    expect(findings[1]!.rules).toEqual(["evans", "ror025", "ic025", "eb05"]);
  });

  test("ror025 takes HEADACHE (ROR025 1.1 > 1) with score ROR025; eb05 only EB05 ≥ 2", () => {
    const ror = signalFindings(WL, "ror025", 3, answer, window);
    expect(ror.find((f) => f.subject === "HEADACHE")).toMatchObject({ score: 1.1, rules: ["ror025"] });
    const eb = signalFindings(WL, "eb05", 1, answer, window);
    expect(eb.map((f) => [f.subject, f.score])).toEqual([["DEATH", 2.4]]);
  });

  test("an inconsistent row (no table) is never a finding", () => {
    const bad = { ...row("X", 9), table: null };
    expect(checkSignalRule(bad, "evans").met).toBe(true);
    expect(signalFindings(WL, "evans", 1, { ...answer, signals: [bad] }, window)).toEqual([]);
  });
});

describe("forecastExceedanceFinding", () => {
  const series = [
    { period: "2024-10", start: "2024-10-01", end: "2024-10-31", count: 12, partial: false },
    { period: "2024-11", start: "2024-11-01", end: "2024-11-30", count: 40, partial: false },
    { period: "2024-12", start: "2024-12-01", end: "2024-12-31", count: 3, partial: true },
  ];
  const trend = { series, provenance, product };
  const forecast = (period: string, upper95: number): ProductForecastResponse => ({
    product,
    interval: "month",
    series: series.slice(0, 1),
    fittedOn: { first: "2022-01", last: "2024-10", points: 34 },
    model: "ETS(A,N,N)",
    parameters: {},
    forecast: [{ step: 1, period, mean: 12, lower: { "95": 4 }, upper: { "95": upper95 } }],
    notes: [],
    provenance: { ...provenance, queries: ["https://api.fda.gov/other"] },
  });

  test("the last complete period (not the partial one) above the upper bound: score observed/upper", () => {
    const f = forecastExceedanceFinding(WL, 95, trend, forecast("2024-11", 20), window);
    expect(f).toMatchObject({ fingerprint: `${WL}:forecast_exceedance:95:2024-11`, subject: "2024-11", score: 2 });
    expect(f!.provenance.queries).toEqual([...provenance.queries, "https://api.fda.gov/other"]);
    expect(f!.provenance.threshold).toBe("count 40 > upper95 20.00");
  });

  test("at or under the bound: none; a forecast of another period: an error", () => {
    expect(forecastExceedanceFinding(WL, 95, trend, forecast("2024-11", 40), window)).toBeNull();
    expect(() => forecastExceedanceFinding(WL, 95, trend, forecast("2024-12", 20), window)).toThrow(/2024-11/);
    expect(() => forecastExceedanceFinding(WL, 80, trend, forecast("2024-11", 20), window)).toThrow(/80%/);
  });
});

describe("fatalFindings", () => {
  const drugCase = (reportId: string, receivedDate: string | null, seriousness: ("death" | "hospitalization")[]) => ({
    reportId,
    version: 1,
    receivedDate,
    serious: true,
    seriousness,
    ageYears: null,
    ageBand: "unknown" as const,
    sex: "unknown" as const,
    weightKg: null,
    country: null,
    reporterQualification: "unknown" as const,
    drugs: [],
    reactions: [],
  });
  const answer = {
    product,
    total: 4,
    data: [drugCase("1", "2024-12-01", ["death"]), drugCase("2", "2024-09-01", ["death"]), drugCase("3", "2024-12-02", ["hospitalization"]), drugCase("4", null, ["death"])],
    nextCursor: null,
    quality: { rulesVersion: "1", inputRecords: 4, outputRecords: 4, rules: [] },
    provenance,
  } as CasesResponse;

  test("fatal cases received since the date, score 1, fingerprint per case", () => {
    const findings = fatalFindings(WL, answer, "2024-10-02", window);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ fingerprint: `${WL}:fatal:1`, kind: "fatal_report", subject: "1", score: 1 });
  });
});
