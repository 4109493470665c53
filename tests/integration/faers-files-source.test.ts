import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { casesResponseSchema, reactionsResponseSchema, summaryResponseSchema, trendResponseSchema } from "@/lib/schemas/faers-response";
import { casesQuerySchema, reactionsQuerySchema, signalsQuerySchema, summaryQuerySchema, trendQuerySchema } from "@/lib/schemas/faers-query";
import { signalsResponseSchema } from "@/lib/schemas/signals-response";
import { createFaersFilesDeps, findQuarterFolders, quarterEndOf, type FaersFilesDeps } from "@/lib/pipeline/faers-files/deps";
import { getCases, getReactions, getSignals, getSummary, getTrend } from "@/lib/pipeline/questions";
import { openFaersFileSource } from "@/lib/sources/faers-files";
import { faersFilesPipelineDeps, TEST_ASK } from "@/tests/support/pipeline-deps";
import { sharedDataPath } from "@/tests/support/shared-data";

// The offline FAERS-file pipeline on the real 2017Q2 sample quarter: every answer is parsed with the
// response schema of the openFDA pipeline, and its counts are checked against counts made here from a
// plain split of the raw `$`-delimited DEMO, DRUG and REAC files.

const QUARTER_DIR = sharedDataPath("faers_ascii", "faers_r_2017q2");
const DRUG = "RISPERDAL";
const IMPORTED_AT = "2025-01-02T03:04:05.000Z";

/** A `$` file as header-keyed rows. */
function readDollarFile(name: string): Record<string, string>[] {
  const lines = readFileSync(path.join(QUARTER_DIR, name), "utf8").split(/\r?\n/).filter((l) => l.length > 0);
  const header = (lines[0] ?? "").split("$").map((h) => h.trim().toLowerCase());
  return lines.slice(1).map((line) => {
    const cells = line.split("$");
    return Object.fromEntries(header.map((h, i) => [h, (cells[i] ?? "").trim()]));
  });
}

/** Independent counts: latest caseversion per caseid; drug in a role set; PTs upper-cased per report. */
function independent() {
  const demo = readDollarFile("DEMO17Q2.txt");
  const latest = new Map<string, Record<string, string>>();
  for (const row of demo) {
    const kept = latest.get(row.caseid ?? "");
    if (!kept || Number(row.caseversion) > Number(kept.caseversion)) latest.set(row.caseid ?? "", row);
  }
  const reports = new Map([...latest.values()].map((row) => [row.primaryid ?? "", row]));
  const drugs = readDollarFile("DRUG17Q2.txt").filter((row) => reports.has(row.primaryid ?? ""));
  const ptsOf = new Map<string, Set<string>>();
  for (const row of readDollarFile("REAC17Q2.txt")) {
    const id = row.primaryid ?? "";
    if (!reports.has(id) || !row.pt) continue;
    const set = ptsOf.get(id) ?? new Set<string>();
    set.add(row.pt.toUpperCase());
    ptsOf.set(id, set);
  }
  const isDrug = (row: Record<string, string>) => row.drugname?.toUpperCase() === DRUG || row.prod_ai?.toUpperCase() === DRUG;
  const withDrug = (roles: string[] | null) =>
    new Set(drugs.filter((row) => isDrug(row) && (roles === null || roles.includes(row.role_cod ?? ""))).map((row) => row.primaryid ?? ""));
  const withSuspect = new Set(drugs.filter((row) => row.role_cod === "PS" || row.role_cod === "SS").map((row) => row.primaryid ?? ""));
  return { reports, ptsOf, drugAnyRole: withDrug(null), drugSuspect: withDrug(["PS", "SS"]), withSuspect };
}

let deps: FaersFilesDeps;
const raw = independent();

beforeAll(async () => {
  deps = createFaersFilesDeps(await openFaersFileSource(QUARTER_DIR), IMPORTED_AT);
});

describe("FAERS-file pipeline on the 2017Q2 sample", () => {
  test("the sample has no repeated case, so every DEMO row is a report", () => {
    expect(raw.reports.size).toBe(readDollarFile("DEMO17Q2.txt").length);
    expect(raw.drugAnyRole.size).toBeGreaterThanOrEqual(3);
  });

  test("trend: total, months and partial flags match the raw files; provenance names the files", async () => {
    const answer = await getTrend(trendQuerySchema.parse({ drug: DRUG.toLowerCase(), interval: "month" }), TEST_ASK, faersFilesPipelineDeps(deps));
    const body = trendResponseSchema.parse(JSON.parse(answer.json));
    expect(body.total).toBe(raw.drugAnyRole.size);
    const perMonth = new Map<string, number>();
    for (const id of raw.drugAnyRole) {
      const date = raw.reports.get(id)?.init_fda_dt ?? "";
      const month = `${date.slice(0, 4)}-${date.slice(4, 6)}`;
      perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
    }
    for (const [month, count] of perMonth) expect(body.series.find((p) => p.period === month)?.count).toBe(count);
    expect(body.product).toEqual({ kind: "drug", name: DRUG });
    expect(body.to).toBe("2017-06-30");
    expect(body.series.at(-1)).toMatchObject({ period: "2017-06", partial: false });
    expect(body.provenance).toMatchObject({
      source: "FAERS quarterly ASCII files (offline)",
      endpoint: "drug/event",
      lastUpdated: "2017-06-30",
      retrievedAt: IMPORTED_AT,
      cache: "MISS",
    });
    expect(body.provenance.queries).toEqual(expect.arrayContaining(["DEMO17Q2.txt", "DRUG17Q2.txt", "REAC17Q2.txt"]));
    expect(body.provenance.search).toContain(`"${DRUG}"`);
    expect(body.provenance.rules.join(" ")).toMatch(/latest version per CASEID/);

    // A range past the quarter end: the month after the cutoff is partial.
    const later = trendResponseSchema.parse(
      (await getTrend(trendQuerySchema.parse({ drug: DRUG, from: "2017-01-01", to: "2017-07-15" }), TEST_ASK, faersFilesPipelineDeps(deps))).body,
    );
    expect(later.series.map((p) => [p.period, p.partial]).slice(-2)).toEqual([
      ["2017-06", false],
      ["2017-07", true],
    ]);
  });

  test("reactions: top term count and share match the raw files", async () => {
    const answer = await getReactions(reactionsQuerySchema.parse({ drug: DRUG, top: 5 }), TEST_ASK, faersFilesPipelineDeps(deps));
    const body = reactionsResponseSchema.parse(answer.body);
    const counts = new Map<string, number>();
    for (const id of raw.drugAnyRole) for (const pt of raw.ptsOf.get(id) ?? []) counts.set(pt, (counts.get(pt) ?? 0) + 1);
    const maxCount = Math.max(...counts.values());
    const top = body.terms[0];
    expect(body.total).toBe(raw.drugAnyRole.size);
    expect(top?.count).toBe(maxCount);
    expect(counts.get(top?.term ?? "")).toBe(maxCount);
    expect(top?.share).toBeCloseTo(maxCount / raw.drugAnyRole.size, 12);
    expect(body.field).toBe("REAC.pt");
  });

  test("summary: schema-valid breakdowns over the same reports", async () => {
    const body = summaryResponseSchema.parse((await getSummary(summaryQuerySchema.parse({ drug: DRUG }), TEST_ASK, faersFilesPipelineDeps(deps))).body);
    expect(body.total).toBe(raw.drugAnyRole.size);
    const sex = body.breakdowns.find((b) => b.id === "sex");
    const expectedMale = [...raw.drugAnyRole].filter((id) => raw.reports.get(id)?.sex === "M").length;
    expect(sex?.items.find((i) => i.key === "male")?.count).toBe(expectedMale);
  });

  test("signals: the 2×2 table of one term (drug as suspect) matches the raw files; EBGM from the fitted prior", async () => {
    const answer = await getSignals(signalsQuerySchema.parse({ drug: DRUG, top: 10 }), TEST_ASK, faersFilesPipelineDeps(deps));
    const body = signalsResponseSchema.parse(JSON.parse(answer.json));
    expect(body.roleCaveat).toMatch(/suspect/);
    const universe = [...raw.withSuspect].filter((id) => (raw.ptsOf.get(id)?.size ?? 0) > 0);
    expect(body.totals).toEqual({ drugReports: universe.filter((id) => raw.drugSuspect.has(id)).length, allReports: universe.length });
    expect(body.signals.length).toBeGreaterThan(0);

    const row = body.signals[0];
    if (!row) throw new Error("no signal row");
    const hasDrug = (id: string) => raw.drugSuspect.has(id);
    const hasEvent = (id: string) => raw.ptsOf.get(id)?.has(row.event) === true;
    expect(row.table).toEqual({
      a: universe.filter((id) => hasDrug(id) && hasEvent(id)).length,
      b: universe.filter((id) => hasDrug(id) && !hasEvent(id)).length,
      c: universe.filter((id) => !hasDrug(id) && hasEvent(id)).length,
      d: universe.filter((id) => !hasDrug(id) && !hasEvent(id)).length,
    });
    for (const s of body.signals) {
      expect(s.ebgm).not.toBeNull();
      expect(s.ebgm?.eb05).toBeLessThanOrEqual(s.ebgm?.value ?? 0);
      expect(s.ebgm?.value).toBeLessThanOrEqual(s.ebgm?.eb95 ?? 0);
      expect(s.ebgmReason).toMatch(/MGPS/);
    }
    // The prior is fitted once per (filters, roles) and reused.
    expect(deps.mgpsPriors.size).toBe(1);
    await getSignals(signalsQuerySchema.parse({ drug: "REVLIMID" }), TEST_ASK, faersFilesPipelineDeps(deps));
    expect(deps.mgpsPriors.size).toBe(1);
  });

  test("cases: the line listing pages through exactly the drug's reports, by case id; a bad cursor is 400", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const answer = await getCases(casesQuerySchema.parse({ drug: DRUG, limit: "2", ...(cursor ? { cursor } : {}) }), TEST_ASK, faersFilesPipelineDeps(deps));
      const body = casesResponseSchema.parse(answer.body);
      expect(body.total).toBe(raw.drugAnyRole.size);
      expect(body.provenance.source).toMatch(/FAERS quarterly ASCII files/);
      seen.push(...body.data.map((r) => r.reportId));
      if (body.nextCursor === null) break;
      cursor = body.nextCursor;
    }
    const expectedCaseIds = [...raw.drugAnyRole].map((id) => raw.reports.get(id)?.caseid ?? "").sort();
    expect(seen.sort()).toEqual(expectedCaseIds);
    await expect(getCases(casesQuerySchema.parse({ drug: DRUG, cursor: "not-a-cursor" }), TEST_ASK, faersFilesPipelineDeps(deps))).rejects.toMatchObject({
      code: "invalid_input",
      status: 400,
    });
  });

  test("an as-of date caps the range: reports after it are not counted", async () => {
    const all = await getTrend(trendQuerySchema.parse({ drug: DRUG, interval: "month" }), TEST_ASK, faersFilesPipelineDeps(deps));
    const isoDates = [...raw.drugAnyRole].map((id) => raw.reports.get(id)?.init_fda_dt ?? "").map((d) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`);
    // The day before the newest report: at least that report drops out.
    const newest = isoDates.sort().at(-1) ?? "";
    const asOf = new Date(Date.parse(`${newest}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const capped = await getTrend(trendQuerySchema.parse({ drug: DRUG, interval: "month" }), { ...TEST_ASK, asOf }, faersFilesPipelineDeps(deps));
    const upToAsOf = isoDates.filter((d) => d <= asOf).length;
    expect(capped.body.to).toBe(asOf);
    expect(capped.body.total).toBe(upToAsOf);
    expect(capped.body.total).toBeLessThan(all.body.total);
  });

  test("devices and reaction outcome are 400 invalid_input on the file source", async () => {
    const device = getTrend(trendQuerySchema.parse({ device: "pump" }), TEST_ASK, faersFilesPipelineDeps(deps));
    await expect(device).rejects.toBeInstanceOf(AppError);
    await expect(device).rejects.toMatchObject({ code: "invalid_input", status: 400, message: expect.stringMatching(/Devices are not in FAERS/) });
    await expect(getReactions(reactionsQuerySchema.parse({ productCode: "LWS" }), TEST_ASK, faersFilesPipelineDeps(deps))).rejects.toMatchObject({ status: 400 });
    await expect(getSummary(summaryQuerySchema.parse({ drug: DRUG, outcome: "fatal" }), TEST_ASK, faersFilesPipelineDeps(deps))).rejects.toMatchObject({ status: 400 });
  });

  test("quarter folders are found under a data directory, oldest first; a quarter folder itself also works", async () => {
    const labels = (await findQuarterFolders(sharedDataPath("faers_ascii"))).map((q) => q.label);
    expect(labels).toContain("2017Q2");
    expect(labels).toEqual([...labels].sort());
    expect((await findQuarterFolders(QUARTER_DIR)).map((q) => q.label)).toEqual(["2017Q2"]);
    expect(quarterEndOf("2024Q1")).toBe("2024-03-31");
    expect(quarterEndOf("2024Q4")).toBe("2024-12-31");
  });

  test("a quarter folder reached through a symbolic link is found, as are symlinked files inside one", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cer-faers-links-"));
    symlinkSync(QUARTER_DIR, path.join(dir, "current-quarter"));
    expect((await findQuarterFolders(dir)).map((q) => q.label)).toEqual(["2017Q2"]);
    const linkedFiles = path.join(dir, "linked-files");
    mkdirSync(linkedFiles);
    for (const name of ["DEMO17Q2.txt", "DRUG17Q2.txt", "REAC17Q2.txt"]) symlinkSync(path.join(QUARTER_DIR, name), path.join(linkedFiles, name));
    const quarters = await findQuarterFolders(linkedFiles);
    expect(quarters.map((q) => [q.label, path.basename(q.demo), path.basename(q.drug ?? ""), path.basename(q.reac ?? "")])).toEqual([
      ["2017Q2", "DEMO17Q2.txt", "DRUG17Q2.txt", "REAC17Q2.txt"],
    ]);
  });

  test("a missing, empty or non-folder FAERS_DATA_DIR is an error naming the variable and the folder", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cer-faers-bad-"));
    const missing = path.join(dir, "nope");
    await expect(findQuarterFolders(missing)).rejects.toThrow(`FAERS_DATA_DIR: the folder ${missing} does not exist`);
    const empty = path.join(dir, "empty");
    mkdirSync(empty);
    await expect(findQuarterFolders(empty)).rejects.toThrow(`FAERS_DATA_DIR: the folder ${empty} holds no FAERS quarter folder`);
    const file = path.join(dir, "a-file.txt");
    writeFileSync(file, "x");
    await expect(findQuarterFolders(file)).rejects.toThrow(`FAERS_DATA_DIR: the folder ${file} is not a folder`);
  });
});
