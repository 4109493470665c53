import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { caseReportSchema, dataQualitySchema, type DataQuality } from "@/lib/schemas/case-report";
import {
  importFaersQuarters,
  openFaersFileSource,
  roleMaskOf,
  ROLE_CODES,
  toCaseRole,
  toOutcomeBit,
  toRoleIndex,
  toSeriousnessFromOutcomes,
  type FaersDataset,
} from "@/lib/sources/faers-files";
import { sharedDataPath } from "@/tests/support/shared-data";
import { readRawTable, sampleDir, samplePath, type SampleId } from "./support/raw-table";

const tmp = mkdtempSync(path.join(tmpdir(), "faers-files-import-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function rule(quality: DataQuality, id: string): { changed: number; dropped: number } {
  const found = quality.rules.find((r) => r.rule === id);
  if (!found) throw new Error(`rule ${id} missing`);
  return { changed: found.changed, dropped: found.dropped };
}

function recordOf(dataset: FaersDataset, caseid: string) {
  const record = dataset.reports.find((r) => r.caseid === caseid);
  if (!record) throw new Error(`case ${caseid} not imported`);
  return record;
}

const OTHER_TABLES = ["DRUG", "REAC", "OUTC", "RPSR", "THER", "INDI"] as const;

/** Raw rows of the sample's other tables whose first column (primaryid / isr) is in `ids`. */
function rawRowsOf(sample: SampleId, ids: ReadonlySet<string>): number {
  return OTHER_TABLES.reduce((sum, table) => sum + readRawTable(...samplePath(sample, table)).rows.filter((row) => ids.has(row[0] ?? "")).length, 0);
}

/** A copy of a real sample quarter under `dir`, FDA zip layout (ASCII/…), so extra generated files can sit beside it. */
function copySample(sample: SampleId, dir: string): void {
  mkdirSync(path.join(dir, "ASCII"), { recursive: true });
  for (const table of ["DEMO", ...OTHER_TABLES]) {
    const parts = samplePath(sample, table);
    copyFileSync(sharedDataPath(...parts), path.join(dir, "ASCII", parts[parts.length - 1] as string));
  }
}

describe("code tables", () => {
  test.each([
    ["PS", 0, "suspect"],
    ["SS", 1, "suspect"],
    ["C", 2, "concomitant"],
    ["I", 3, "interacting"],
    ["", 4, "unknown"],
    ["XX", 4, "unknown"],
  ])("role_cod %j → role index %i (%s)", (code, index, role) => {
    expect(toRoleIndex(code).index).toBe(index);
    expect(toRoleIndex(code).unrecognized).toBe(code === "XX");
    expect(toCaseRole(index)).toBe(role);
  });

  test("role selections: primary_suspect = PS, suspect = PS|SS, any = all five", () => {
    expect(roleMaskOf("primary_suspect")).toBe(0b00001);
    expect(roleMaskOf("suspect")).toBe(0b00011);
    expect(roleMaskOf("any")).toBe(0b11111);
    expect(ROLE_CODES).toEqual(["PS", "SS", "C", "I"]);
  });

  test("OUTC codes → seriousness flags (RI and OT are 'other')", () => {
    const mask = ["DE", "HO", "RI"].reduce((m, code) => m | toOutcomeBit(code), 0);
    expect(toSeriousnessFromOutcomes(mask)).toEqual(["death", "hospitalization", "other"]);
    expect(toSeriousnessFromOutcomes(toOutcomeBit("OT") | toOutcomeBit("CA") | toOutcomeBit("LT") | toOutcomeBit("DS"))).toEqual([
      "life_threatening",
      "disabling",
      "congenital_anomaly",
      "other",
    ]);
    expect(toOutcomeBit("XX")).toBe(0);
  });
});

describe("real 2017Q2 FAERS sample", async () => {
  const dataset = await importFaersQuarters(sampleDir("faers2017q2"));
  const demo = readRawTable(...samplePath("faers2017q2", "DEMO"));
  const drug = readRawTable(...samplePath("faers2017q2", "DRUG"));

  test("100 reports, schema-valid CaseReports and quality", async () => {
    expect(dataset.reports.length).toBe(100);
    const source = await openFaersFileSource(sampleDir("faers2017q2"));
    const { data } = source.cases({ limit: 1000 });
    expect(data.length).toBe(100);
    expect(() => caseReportSchema.array().parse(data)).not.toThrow();
    expect(() => dataQualitySchema.parse(dataset.quality)).not.toThrow();
    expect(dataset.quality).toMatchObject({ inputRecords: 100, outputRecords: 100 });
  });

  test("role mapping: every DRUG row keeps its role_cod; each report has exactly one PS (README)", () => {
    const rawRoles: Record<string, number> = {};
    for (const row of drug.rows) rawRoles[drug.get(row, "role_cod")] = (rawRoles[drug.get(row, "role_cod")] ?? 0) + 1;
    const imported: Record<string, number> = {};
    for (const report of dataset.reports) {
      let ps = 0;
      for (let i = 2; i < report.drugs.length; i += 3) {
        const code = ROLE_CODES[report.drugs[i] as number] ?? "unknown";
        imported[code] = (imported[code] ?? 0) + 1;
        if (code === "PS") ps += 1;
      }
      expect(ps).toBe(1);
    }
    expect(imported).toEqual(rawRoles);
    expect(rawRoles).toEqual({ PS: 100, SS: 90, C: 134, I: 4 });
  });

  test("CaseReport roles: PS/SS → suspect, C → concomitant, I → interacting, with the role_cod kept beside", async () => {
    const source = await openFaersFileSource(sampleDir("faers2017q2"));
    for (const report of source.cases({ limit: 1000 }).data) {
      report.drugs.forEach((d, i) => {
        const code = report.faers.drugRoleCodes[i];
        expect(d.role).toBe(code === "PS" || code === "SS" ? "suspect" : code === "C" ? "concomitant" : "interacting");
      });
    }
  });

  test("sex, reporter and dates equal the raw DEMO values", () => {
    const sexOf: Record<string, string> = { M: "male", F: "female" };
    const occp: Record<string, string> = { MD: "physician", PH: "pharmacist", OT: "other_hcp", HP: "other_hcp", LW: "lawyer", CN: "consumer" };
    for (const row of demo.rows) {
      const record = recordOf(dataset, demo.get(row, "caseid"));
      expect(record.sex).toBe(sexOf[demo.get(row, "sex")] ?? "unknown");
      expect(record.reporter).toBe(occp[demo.get(row, "occp_cod")] ?? "unknown");
      expect(record.receivedDate).toBe(Number(demo.get(row, "init_fda_dt")));
      expect(record.fdaDate).toBe(Number(demo.get(row, "fda_dt")));
      expect(record.version).toBe(Number(demo.get(row, "caseversion")));
      expect(record.primaryid).toBe(demo.get(row, "primaryid"));
    }
  });
});

describe("age conversion on every real DEMO row (DEC/YR/MON/WK/DY/HR)", () => {
  const perYear: Record<string, number> = { DEC: 0.1, YR: 1, MON: 12, WK: 52.1775, DY: 365.25, HR: 8766 };
  test.each(["faers2017q2", "faers2022q4", "aers2004q1"] as const)("%s", async (sample) => {
    const dataset = await importFaersQuarters(sampleDir(sample), { tables: [] });
    const demo = readRawTable(...samplePath(sample, "DEMO"));
    const units = new Set<string>();
    for (const row of demo.rows) {
      const age = demo.get(row, "age");
      const unit = demo.get(row, "age_cod");
      const record = dataset.reports.find((r) => r.primaryid === demo.get(row, demo.header[0] as string));
      if (age === "") {
        expect(record?.ageYears).toBeNull();
        continue;
      }
      units.add(unit);
      const expected = Number(age) / (perYear[unit] as number);
      expect(record?.ageYears).toBeCloseTo(expected, 9);
    }
    expect(units.size).toBeGreaterThan(0);
  });

  test("the samples hold DEC, MON, DY and YR; generated fixture adds weights in LBS/GMS", async () => {
    const dataset = await importFaersQuarters(sampleDir("faers2022q4"), { tables: [] });
    const ages = Object.fromEntries(dataset.reports.filter((r) => ["10021305"].includes(r.caseid)).map((r) => [r.caseid, r.ageYears]));
    expect(ages).toEqual({ "10021305": 43 });
    expect(rule(dataset.quality, "age.converted_to_years").changed).toBe(4);
    const generated = await importFaersQuarters(path.resolve(__dirname, "../../fixtures/faers-files/generated/encoding"));
    const [first, second] = generated.reports;
    expect(first?.ageYears).toBe(26); // 2.6 DEC
    expect(second?.ageYears).toBeCloseTo(0.5, 12); // 6 MON
    expect(first?.weightKg).toBeCloseTo(150 * 0.45359237, 9); // LBS
    expect(second?.weightKg).toBeCloseTo(7.5, 12); // GMS
    expect(second?.country).toBe("DE"); // occr_country empty → reporter_country
    expect(first?.reporter).toBe("other_hcp"); // HP
  });

  test("legacy weights in LBS are converted", async () => {
    const dataset = await importFaersQuarters(sampleDir("aers2004q1"), { tables: [] });
    const demo = readRawTable(...samplePath("aers2004q1", "DEMO"));
    const lbs = demo.rows.filter((row) => demo.get(row, "wt_cod") === "LBS");
    expect(lbs.length).toBeGreaterThan(0);
    for (const row of lbs) {
      expect(recordOf(dataset, demo.get(row, "case")).weightKg).toBeCloseTo(Number(demo.get(row, "wt")) * 0.45359237, 9);
    }
  });
});

describe("latest version per case (real rows plus a generated newer version)", () => {
  // GENERATED: a "2017Q3" quarter holding a newer version (caseversion 5) of real case 10979236, whose
  // 2017Q2 version is primaryid 109792364, caseversion 4. Built here from the real DEMO row.
  const demoText = readFileSync(sharedDataPath(...samplePath("faers2017q2", "DEMO")), "latin1").split("\n");
  const header = demoText[0] as string;
  const original = demoText.find((line) => line.startsWith("109792364$")) as string;

  function writeVersion(dir: string, primaryid: string, version: string, fdaDate: string, drugname: string, pt: string): string {
    mkdirSync(dir, { recursive: true });
    const fields = original.split("$");
    fields[0] = primaryid;
    fields[2] = version;
    fields[7] = fdaDate;
    writeFileSync(path.join(dir, "DEMO17Q3.txt"), `${header}\n${fields.join("$")}\n`);
    writeFileSync(
      path.join(dir, "DRUG17Q3.txt"),
      `primaryid$caseid$drug_seq$role_cod$drugname$prod_ai$val_vbm$route$dose_vbm$cum_dose_chr$cum_dose_unit$dechal$rechal$lot_num$exp_dt$nda_num$dose_amt$dose_unit$dose_form$dose_freq\n${primaryid}$10979236$1$PS$${drugname}$RISPERIDONE$1$Oral$$$$$$$$$$$$\n`,
    );
    writeFileSync(path.join(dir, "REAC17Q3.txt"), `primaryid$caseid$pt$drug_rec_act\n${primaryid}$10979236$${pt}$\n`);
    return dir;
  }

  const oldRows = rawRowsOf("faers2017q2", new Set(["109792364"]));

  test("a higher caseversion in a later quarter replaces the case, whatever the input order", async () => {
    const newer = writeVersion(path.join(tmp, "v5"), "109792365", "5", "20170901", "RISPERDAL CONSTA", "Weight increased");
    for (const order of [
      [sampleDir("faers2017q2"), newer],
      [newer, sampleDir("faers2017q2")],
    ]) {
      const dataset = await importFaersQuarters(order);
      expect(dataset.reports.length).toBe(100);
      const record = recordOf(dataset, "10979236");
      expect(record).toMatchObject({ primaryid: "109792365", version: 5, fdaDate: 20170901 });
      expect(record.pts.map((id) => dataset.terms.valueOf(id))).toEqual(["WEIGHT INCREASED"]);
      expect(rule(dataset.quality, "report.superseded_version").dropped).toBe(1);
      // Every row of the superseded primaryid in the other tables is dropped, none is an orphan.
      expect(oldRows).toBe(6);
      expect(rule(dataset.quality, "row.of_dropped_report").dropped).toBe(oldRows);
      expect(rule(dataset.quality, "row.orphan").dropped).toBe(0);
      expect(dataset.quality).toMatchObject({ inputRecords: 101, outputRecords: 100 });
    }
  });

  test("equal caseversion: the later fda_dt wins; an older version never wins", async () => {
    const later = writeVersion(path.join(tmp, "v4-later"), "109792399", "4", "20170901", "LATER", "Rash");
    expect(recordOf(await importFaersQuarters([sampleDir("faers2017q2"), later]), "10979236").primaryid).toBe("109792399");
    const earlier = writeVersion(path.join(tmp, "v4-earlier"), "109792398", "4", "20170101", "EARLIER", "Rash");
    expect(recordOf(await importFaersQuarters([earlier, sampleDir("faers2017q2")]), "10979236").primaryid).toBe("109792364");
    const older = writeVersion(path.join(tmp, "v3"), "109792363", "3", "20171201", "OLDER", "Rash");
    const dataset = await importFaersQuarters([sampleDir("faers2017q2"), older]);
    expect(recordOf(dataset, "10979236").primaryid).toBe("109792364");
    expect(rule(dataset.quality, "row.of_dropped_report").dropped).toBe(2); // the generated DRUG and REAC rows
  });

  test("legacy AERS: the latest ISR per CASE wins; a FAERS version beats any legacy one", async () => {
    // GENERATED: legacy DEMO/REAC with a higher ISR (4263750) for real case 4061110 (ISR 4263742 in 2004Q1).
    const legacyText = readFileSync(sharedDataPath(...samplePath("aers2004q1", "DEMO")), "latin1").split("\n");
    const row = (legacyText.find((line) => line.startsWith("4263742$")) as string).split("$");
    row[0] = "4263750";
    const dir = path.join(tmp, "aers-newer");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "DEMO04Q2.TXT"), `${legacyText[0]}\n${row.join("$")}\n`);
    writeFileSync(path.join(dir, "REAC04Q2.TXT"), "isr$pt$v3\n4263750$HEADACHE$\n");
    const dataset = await importFaersQuarters([dir, sampleDir("aers2004q1")]);
    expect(recordOf(dataset, "4061110").primaryid).toBe("4263750");
    expect(rule(dataset.quality, "row.of_dropped_report").dropped).toBe(rawRowsOf("aers2004q1", new Set(["4263742"])));

    // GENERATED: the same case number as a FAERS case (caseversion 1).
    const faersDir = path.join(tmp, "faers-over-aers");
    mkdirSync(faersDir, { recursive: true });
    const fields = original.split("$");
    fields[0] = "40611101";
    fields[1] = "4061110";
    fields[2] = "1";
    writeFileSync(path.join(faersDir, "DEMO13Q1.txt"), `${header}\n${fields.join("$")}\n`);
    const mixed = await importFaersQuarters([sampleDir("aers2004q1"), faersDir]);
    expect(recordOf(mixed, "4061110")).toMatchObject({ primaryid: "40611101", layout: "faers" });
  });
});

describe("deleted cases", () => {
  test("DELETE22Q4 is applied; none of its 3,624 ids is in the head-of-file sample (checked independently)", async () => {
    const demo = readRawTable(...samplePath("faers2022q4", "DEMO"));
    const deleted = new Set(
      readFileSync(sharedDataPath("faers_ascii", "faersquarterlydata_2022q4", "DELETE22Q4.txt"), "latin1")
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean),
    );
    const overlap = demo.rows.filter((row) => deleted.has(demo.get(row, "caseid"))).length;
    const dataset = await importFaersQuarters(sampleDir("faers2022q4"));
    expect(dataset.deletedCaseIds).toBe(3624);
    expect(rule(dataset.quality, "report.deleted_case").dropped).toBe(overlap);
    expect(dataset.reports.length).toBe(demo.rows.length - overlap);
    expect(dataset.files.find((f) => f.table === "DELETE")).toMatchObject({ file: "DELETE22Q4.txt", rows: 3624, blankLines: 1 });
  });

  test("a DELETE file in the quarter's Deleted/ folder removes every version and its rows", async () => {
    // GENERATED: DELETE17Q2.txt listing three real 2017Q2 caseids, beside a copy of the real files.
    const dir = path.join(tmp, "with-delete");
    copySample("faers2017q2", dir);
    const demo = readRawTable(...samplePath("faers2017q2", "DEMO"));
    const victims = demo.rows.slice(0, 3);
    mkdirSync(path.join(dir, "Deleted"));
    writeFileSync(path.join(dir, "Deleted", "DELETE17Q2.txt"), ` \n${victims.map((row) => demo.get(row, "caseid")).join("\n")}\n`);
    const dataset = await importFaersQuarters(dir);
    expect(dataset.reports.length).toBe(97);
    for (const row of victims) expect(dataset.reports.some((r) => r.caseid === demo.get(row, "caseid"))).toBe(false);
    expect(rule(dataset.quality, "report.deleted_case").dropped).toBe(3);
    const victimIds = new Set(victims.map((row) => demo.get(row, "primaryid")));
    expect(rule(dataset.quality, "row.of_dropped_report").dropped).toBe(rawRowsOf("faers2017q2", victimIds));
    expect(rule(dataset.quality, "row.orphan").dropped).toBe(0);
  });

  test("deletedCaseIds option works like a DELETE file", async () => {
    const demo = readRawTable(...samplePath("faers2022q4", "DEMO"));
    const ids = demo.rows.slice(0, 2).map((row) => demo.get(row, "caseid"));
    const dataset = await importFaersQuarters(sampleDir("faers2022q4"), { deletedCaseIds: ids });
    expect(dataset.reports.length).toBe(demo.rows.length - 2);
    expect(rule(dataset.quality, "report.deleted_case").dropped).toBe(2);
  });
});

describe("orphan rows (2022Q4 head-of-file sample: joins are sparse)", () => {
  test("rows whose primaryid is in no DEMO file are counted, not attached", async () => {
    const demo = readRawTable(...samplePath("faers2022q4", "DEMO"));
    const known = new Set(demo.rows.map((row) => demo.get(row, "primaryid")));
    let orphans = 0;
    for (const table of OTHER_TABLES) orphans += readRawTable(...samplePath("faers2022q4", table)).rows.filter((row) => !known.has(row[0] ?? "")).length;
    const dataset = await importFaersQuarters(sampleDir("faers2022q4"));
    expect(orphans).toBeGreaterThan(1000);
    expect(rule(dataset.quality, "row.orphan").dropped).toBe(orphans);
    const withDrugs = dataset.reports.filter((r) => r.drugs.length > 0).length;
    const drug = readRawTable(...samplePath("faers2022q4", "DRUG"));
    expect(withDrugs).toBe(new Set(drug.rows.map((row) => row[0])).size);
    expect(withDrugs).toBe(16);
  });

  test("countries: occr_country, else reporter_country, as ISO-2", async () => {
    const demo = readRawTable(...samplePath("faers2022q4", "DEMO"));
    const dataset = await importFaersQuarters(sampleDir("faers2022q4"), { tables: [] });
    let fromReporter = 0;
    for (const row of demo.rows) {
      const occr = demo.get(row, "occr_country");
      const reporter = demo.get(row, "reporter_country");
      if (occr === "" && reporter !== "") fromReporter += 1;
      expect(recordOf(dataset, demo.get(row, "caseid")).country).toBe(occr || reporter || null);
    }
    expect(rule(dataset.quality, "country.from_reporter_country_code").changed).toBe(fromReporter);
  });
});
