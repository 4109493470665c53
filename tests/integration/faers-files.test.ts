import { describe, expect, test } from "vitest";
import { normalizeMedicinalProduct } from "@/lib/analytics/normalize";
import { caseReportSchema, dataQualitySchema } from "@/lib/schemas/case-report";
import { breakdownSchema } from "@/lib/schemas/faers-response";
import { findPair, openFaersFileSource, twoByTwoAt, type FaersRoleSelection } from "@/lib/sources/faers-files";
import { readRawTable, sampleDir, samplePath, type SampleId } from "@/tests/unit/faers-files/support/raw-table";

// End to end: each real sample quarter is discovered in its directory, streamed, de-duplicated and
// queried; every answer is compared with a count made here from a plain split of the raw files.

const ROLES: Record<FaersRoleSelection, readonly string[]> = {
  primary_suspect: ["PS"],
  suspect: ["PS", "SS"],
  any: ["PS", "SS", "C", "I", ""],
};

/**
 * Independent clean-up for the expected side: trim, collapse spaces, upper-case, and drop what FAERS
 * drugnames carry in these samples — a trailing "." (FDA writes generic names as "PREDNISONE."), a
 * WHO-Drug code "/00587301/" and a dose such as "40mg". Names the shared cleaner treats differently are
 * left out of the comparison and counted.
 */
const simple = (text: string) =>
  text
    .trim()
    .replace(/\s+/g, " ")
    .toUpperCase()
    .replace(/\s*\/\d{5,8}\/$/, "")
    .replace(/\s+\d+(\.\d+)?\s*MG$/, "")
    .replace(/\.$/, "");

function monthOf(yyyymmdd: string): string {
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}`;
}

function independent(sample: SampleId) {
  const demo = readRawTable(...samplePath(sample, "DEMO"));
  const drug = readRawTable(...samplePath(sample, "DRUG"));
  const reac = readRawTable(...samplePath(sample, "REAC"));
  const idColumn = demo.header[0] as string; // primaryid, or isr in legacy AERS
  const reports = new Set(demo.rows.map((row) => demo.get(row, idColumn)));
  const ptsOf = new Map<string, Set<string>>();
  for (const row of reac.rows) {
    const id = reac.get(row, idColumn);
    if (!reports.has(id) || reac.get(row, "pt") === "") continue;
    const set = ptsOf.get(id) ?? new Set<string>();
    set.add(simple(reac.get(row, "pt")));
    ptsOf.set(id, set);
  }
  const drugRows = drug.rows
    .filter((row) => reports.has(drug.get(row, idColumn)))
    .map((row) => ({ id: drug.get(row, idColumn), role: drug.get(row, "role_cod"), name: drug.get(row, "drugname"), ai: drug.get(row, "prod_ai") }));
  return { demo, idColumn, reports, ptsOf, drugRows };
}

const SAMPLE_IDS = ["faers2017q2", "aers2004q1", "faers2022q4"] as const;

describe.each(SAMPLE_IDS)("%s end to end", async (sample) => {
  const source = await openFaersFileSource(sampleDir(sample));
  const raw = independent(sample);

  test("every report, the quality block and the breakdowns match their schemas", () => {
    const { data, total } = source.cases({ limit: 1000 });
    expect(total).toBe(raw.reports.size);
    expect(() => caseReportSchema.array().parse(data)).not.toThrow();
    expect(() => dataQualitySchema.parse(source.describe().quality)).not.toThrow();
    expect(() => breakdownSchema.array().parse(source.summary().breakdowns)).not.toThrow();
  });

  test("trend by fda_dt: reports per month equal the raw DEMO count", () => {
    const expected = new Map<string, number>();
    for (const row of raw.demo.rows) {
      const month = monthOf(raw.demo.get(row, "fda_dt"));
      expected.set(month, (expected.get(month) ?? 0) + 1);
    }
    const trend = source.trend({ dateField: "fda_dt", interval: "month" });
    expect(Object.fromEntries(trend.series.filter((p) => p.count > 0).map((p) => [p.period, p.count]))).toEqual(Object.fromEntries(expected));
    expect(trend.total).toBe(raw.demo.rows.length);
    expect(trend.series.every((p) => p.count > 0 || !expected.has(p.period))).toBe(true);
  });

  test("trend by init_fda_dt (first receipt; fda_dt in legacy AERS) per year, and a date filter", () => {
    const dateColumn = raw.demo.header.includes("init_fda_dt") ? "init_fda_dt" : "fda_dt";
    const expected = new Map<string, number>();
    for (const row of raw.demo.rows) {
      const year = raw.demo.get(row, dateColumn).slice(0, 4);
      expected.set(year, (expected.get(year) ?? 0) + 1);
    }
    const trend = source.trend({ interval: "year" });
    expect(trend.dateField).toBe("init_fda_dt");
    expect(Object.fromEntries(trend.series.filter((p) => p.count > 0).map((p) => [p.period, p.count]))).toEqual(Object.fromEntries(expected));
    const lastYear = [...expected.keys()].sort().at(-1) as string;
    expect(source.countReports({ from: `${lastYear}-01-01`, to: `${lastYear}-12-31` })).toBe(expected.get(lastYear));
  });

  test("top reactions: distinct reports per PT", () => {
    const counts = new Map<string, number>();
    for (const pts of raw.ptsOf.values()) for (const pt of pts) counts.set(pt, (counts.get(pt) ?? 0) + 1);
    const expected = [...counts.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    const result = source.reactions({ top: 1000 });
    expect(result.total).toBe(raw.reports.size);
    expect(result.terms.map((t) => [t.term, t.count])).toEqual(expected);
    expect(result.terms[0]?.share).toBeCloseTo((expected[0]?.[1] ?? 0) / raw.reports.size, 12);
  });

  test("summary: sex and serious equal the raw DEMO/OUTC counts", () => {
    const outc = readRawTable(...samplePath(sample, "OUTC"));
    const withOutcome = new Set(outc.rows.map((row) => outc.get(row, raw.idColumn)).filter((id) => raw.reports.has(id)));
    const sexColumn = raw.demo.header.includes("sex") ? "sex" : "gndr_cod";
    const sex = { male: 0, female: 0, unknown: 0 };
    for (const row of raw.demo.rows) {
      const code = raw.demo.get(row, sexColumn);
      sex[code === "M" ? "male" : code === "F" ? "female" : "unknown"] += 1;
    }
    const byId = Object.fromEntries(source.summary().breakdowns.map((b) => [b.id, Object.fromEntries(b.items.map((i) => [i.key, i.count]))]));
    expect(byId.sex).toMatchObject({ male: sex.male, female: sex.female, ...(sex.unknown ? { unknown: sex.unknown } : {}) });
    expect(byId.serious).toEqual({ serious: withOutcome.size, non_serious: raw.reports.size - withOutcome.size });
  });

  test.each(["primary_suspect", "suspect", "any"] as const)("2×2 with roles=%s: every drug–event pair equals an independent count", (roles) => {
    const drugsOf = new Map<string, Set<string>>();
    const skipped = new Set<string>();
    for (const row of raw.drugRows) {
      if (!ROLES[roles].includes(row.role)) continue;
      // Only names whose shared cleaning is plain upper-casing are compared; the rest are counted.
      if (normalizeMedicinalProduct(row.name) !== simple(row.name)) skipped.add(row.name);
      const set = drugsOf.get(row.id) ?? new Set<string>();
      set.add(normalizeMedicinalProduct(row.name) === simple(row.name) ? simple(row.name) : `\u0000${row.name}`);
      drugsOf.set(row.id, set);
    }
    const universe = [...raw.reports].filter((id) => (drugsOf.get(id)?.size ?? 0) > 0 && (raw.ptsOf.get(id)?.size ?? 0) > 0);
    const pairs = new Set<string>();
    for (const id of universe) for (const d of drugsOf.get(id) ?? []) if (!d.startsWith("\u0000")) for (const e of raw.ptsOf.get(id) ?? []) pairs.add(`${d}\u0001${e}`);
    expect(pairs.size).toBeGreaterThan(0);
    expect(skipped.size).toBeLessThan(3);

    const tables = source.drugEventTables({ roles });
    expect(tables.n).toBe(universe.length);
    for (const pair of pairs) {
      const [d, e] = pair.split("\u0001") as [string, string];
      const a = universe.filter((id) => drugsOf.get(id)?.has(d) && raw.ptsOf.get(id)?.has(e)).length;
      const withDrug = universe.filter((id) => drugsOf.get(id)?.has(d)).length;
      const withEvent = universe.filter((id) => raw.ptsOf.get(id)?.has(e)).length;
      const expected = { a, b: withDrug - a, c: withEvent - a, d: universe.length - withDrug - withEvent + a, n: universe.length };
      expect(source.twoByTwo({ drug: d, event: e, roles, match: "drugname" }), pair).toMatchObject(expected);
      const index = findPair(tables, tables.drugs.indexOf(d), tables.events.indexOf(e));
      expect(twoByTwoAt(tables, index), pair).toEqual(expected);
    }
  });
});

describe("role selection changes the answer (2017Q2)", async () => {
  const source = await openFaersFileSource(sampleDir("faers2017q2"));
  const raw = independent("faers2017q2");

  test("a drug named as concomitant in some reports: suspect-only a+b < any-role a+b, as counted in the raw DRUG rows", () => {
    const byName = new Map<string, { ps: Set<string>; suspect: Set<string>; any: Set<string> }>();
    for (const row of raw.drugRows) {
      const name = simple(row.name);
      if (normalizeMedicinalProduct(row.name) !== name) continue;
      const entry = byName.get(name) ?? { ps: new Set(), suspect: new Set(), any: new Set() };
      if (row.role === "PS") entry.ps.add(row.id);
      if (row.role === "PS" || row.role === "SS") entry.suspect.add(row.id);
      entry.any.add(row.id);
      byName.set(name, entry);
    }
    const [name, sets] = [...byName.entries()].find(([, s]) => s.any.size > s.suspect.size && s.suspect.size > s.ps.size) ??
      [...byName.entries()].find(([, s]) => s.any.size > s.suspect.size) ?? ["", { ps: new Set(), suspect: new Set(), any: new Set() }];
    expect(name).not.toBe("");
    const event = [...(raw.ptsOf.get([...sets.any][0] as string) ?? [])][0] as string;
    const counts = (roles: FaersRoleSelection) => source.twoByTwo({ drug: name, event, roles }).drugReports;
    expect(counts("any")).toBe(sets.any.size);
    expect(counts("suspect")).toBe(sets.suspect.size);
    expect(counts("primary_suspect")).toBe(sets.ps.size);
    expect(source.countReports({ drug: name })).toBe(sets.any.size);
    expect(source.countReports({ drug: name, roles: "suspect" })).toBe(sets.suspect.size);
  });

  test("product match by prod_ai finds reports whose drugname differs", () => {
    const row = raw.drugRows.find((r) => r.ai !== "" && simple(r.ai) !== simple(r.name) && normalizeMedicinalProduct(r.ai) === simple(r.ai));
    expect(row).toBeDefined();
    const ai = simple(row?.ai ?? "");
    const expected = new Set(raw.drugRows.filter((r) => simple(r.ai) === ai).map((r) => r.id));
    const viaName = new Set(raw.drugRows.filter((r) => simple(r.name) === ai).map((r) => r.id));
    expect(raw.drugRows.filter((r) => simple(r.name) === ai).every((r) => normalizeMedicinalProduct(r.name) === ai)).toBe(true);
    expect(source.countReports({ drug: ai, match: "prod_ai" })).toBe(expected.size);
    expect(source.countReports({ drug: ai, match: "drugname" })).toBe(viaName.size);
    expect(source.countReports({ drug: ai.toLowerCase() })).toBe(new Set([...expected, ...viaName]).size);
  });

  test("line listing pages with a cursor and reactions of one drug", () => {
    const first = source.cases({ limit: 40 });
    const second = source.cases({ limit: 40, cursor: first.nextCursor ?? undefined });
    const third = source.cases({ limit: 40, cursor: second.nextCursor ?? undefined });
    expect([first.data.length, second.data.length, third.data.length, third.nextCursor]).toEqual([40, 40, 20, null]);
    expect(new Set([...first.data, ...second.data, ...third.data].map((r) => r.reportId)).size).toBe(100);
    expect(() => source.cases({ cursor: "abc" })).toThrow(/cursor is not valid/);
  });
});

describe("filters (2017Q2) against raw DEMO/OUTC counts", async () => {
  const source = await openFaersFileSource(sampleDir("faers2017q2"));
  const demo = readRawTable(...samplePath("faers2017q2", "DEMO"));
  const outc = readRawTable(...samplePath("faers2017q2", "OUTC"));
  const codesOf = new Map<string, Set<string>>();
  for (const row of outc.rows) {
    const set = codesOf.get(outc.get(row, "primaryid")) ?? new Set<string>();
    set.add(outc.get(row, "outc_cod"));
    codesOf.set(outc.get(row, "primaryid"), set);
  }
  const count = (keep: (row: string[]) => boolean) => demo.rows.filter(keep).length;

  test("sex, country, serious, seriousness, reporter, age band and date range", () => {
    expect(source.countReports({ sex: "female" })).toBe(count((r) => demo.get(r, "sex") === "F"));
    expect(source.countReports({ country: "us" })).toBe(count((r) => demo.get(r, "occr_country") === "US"));
    expect(source.countReports({ serious: true })).toBe(count((r) => codesOf.has(demo.get(r, "primaryid"))));
    expect(source.countReports({ seriousness: "death" })).toBe(count((r) => codesOf.get(demo.get(r, "primaryid"))?.has("DE") ?? false));
    expect(source.countReports({ seriousness: "other" })).toBe(
      count((r) => ["OT", "RI"].some((c) => codesOf.get(demo.get(r, "primaryid"))?.has(c))),
    );
    expect(source.countReports({ reporter: "consumer" })).toBe(count((r) => demo.get(r, "occp_cod") === "CN"));
    expect(source.countReports({ ageBand: "45-64" })).toBe(
      count((r) => demo.get(r, "age_cod") === "YR" && Number(demo.get(r, "age")) >= 45 && Number(demo.get(r, "age")) < 65),
    );
    const may = count((r) => demo.get(r, "fda_dt").startsWith("201705"));
    const trend = source.trend({ dateField: "fda_dt", from: "20170501", to: "2017-05-31" });
    expect({ from: trend.from, to: trend.to, series: trend.series.map((p) => [p.period, p.count]) }).toEqual({
      from: "2017-05-01",
      to: "2017-05-31",
      series: [["2017-05", may]],
    });
    expect(() => source.trend({ from: "2017-02-30" })).toThrow(/from must be a date/);
  });
});
