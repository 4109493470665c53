import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { DRUG_EVENT_RULES, NORMALIZATION_RULES_VERSION, normalizeDrugEvents } from "@/lib/analytics/normalize";
import { caseReportSchema, dataQualitySchema, type CaseReport, type DataQuality } from "@/lib/schemas/case-report";
import { sharedDataPath } from "@/tests/support/shared-data";

// Minimal view of raw openFDA drug/event JSON, used only by the plain-JS expectation passes below.
interface RawFaersRecord {
  safetyreportid: string;
  serious?: string;
  receivedate?: string;
  occurcountry?: string;
  primarysourcecountry?: string;
  primarysource?: { reportercountry?: string; qualification?: string };
  patient: {
    patientsex?: string;
    patientonsetage?: string;
    patientonsetageunit?: string;
    drug: { medicinalproduct?: string; drugcharacterization?: string; openfda?: { brand_name?: string[] } }[];
    reaction: { reactionmeddrapt: string; reactionoutcome?: string }[];
  };
}

function readJson(...parts: string[]): unknown {
  return JSON.parse(readFileSync(sharedDataPath(...parts), "utf8"));
}

function readResults(...parts: string[]): RawFaersRecord[] {
  const json = readJson(...parts) as { results: RawFaersRecord[] };
  return json.results;
}

function ruleCounts(quality: DataQuality, rule: string): { changed: number; dropped: number } {
  const found = quality.rules.find((entry) => entry.rule === rule);
  if (!found) throw new Error(`rule ${rule} missing from quality`);
  return { changed: found.changed, dropped: found.dropped };
}

function reportById(reports: CaseReport[], id: string): CaseReport {
  const report = reports.find((r) => r.reportId === id);
  if (!report) throw new Error(`report ${id} not in output`);
  return report;
}

function tally<T extends string>(values: readonly T[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

const sample2025 = readJson("openfda_drug_event/drug_event_limit100_results_2025.json") as RawFaersRecord[];
const sampleApril = readResults("openfda_drug_event/drug_event_limit100_fullresponse_2025-04.json");

describe("normalizeDrugEvents on the real 100-record 2025 sample", () => {
  const { reports, quality } = normalizeDrugEvents(sample2025);

  test("every output record matches the CaseReport schema and quality matches its schema", () => {
    expect(() => caseReportSchema.array().parse(reports)).not.toThrow();
    expect(() => dataQualitySchema.parse(quality)).not.toThrow();
  });

  test("100 distinct reports in, 100 out, in input order", () => {
    expect(quality.inputRecords).toBe(100);
    expect(quality.outputRecords).toBe(100);
    expect(reports.map((r) => r.reportId)).toEqual(sample2025.map((r) => r.safetyreportid));
    expect(quality.rulesVersion).toBe(NORMALIZATION_RULES_VERSION);
  });

  test("quality lists every rule, once, in definition order — including rules that never fired", () => {
    expect(quality.rules.map((r) => r.rule)).toEqual(DRUG_EVENT_RULES.map((r) => r.rule));
    expect(ruleCounts(quality, "report.missing_id")).toEqual({ changed: 0, dropped: 0 });
    expect(ruleCounts(quality, "age.converted_to_years")).toEqual({ changed: 0, dropped: 0 });
  });

  test("serious: 34 serious and 66 non-serious (README), matching a plain count of the raw JSON", () => {
    const rawSerious = sample2025.filter((r) => r.serious === "1").length;
    const rawNotSerious = sample2025.filter((r) => r.serious === "2").length;
    expect([rawSerious, rawNotSerious]).toEqual([34, 66]);
    expect(reports.filter((r) => r.serious === true)).toHaveLength(rawSerious);
    expect(reports.filter((r) => r.serious === false)).toHaveLength(rawNotSerious);
  });

  test("LETAIRIS appears in 61 distinct reports (README); its 78 entries collapse to one suspect AMBRISENTAN per report", () => {
    const rawEntries = sample2025.flatMap((r) => r.patient.drug.filter((d) => d.medicinalproduct === "LETAIRIS"));
    const rawReports = sample2025.filter((r) => r.patient.drug.some((d) => d.medicinalproduct === "LETAIRIS"));
    expect(rawEntries).toHaveLength(78);
    expect(rawReports).toHaveLength(61);

    const withLetairis = reports.filter((r) => r.drugs.some((d) => d.brandNames.includes("LETAIRIS")));
    expect(withLetairis.map((r) => r.reportId)).toEqual(rawReports.map((r) => r.safetyreportid));
    for (const report of withLetairis) {
      const letairis = report.drugs.filter((d) => d.brandNames.includes("LETAIRIS"));
      expect(letairis).toEqual([
        {
          name: "AMBRISENTAN",
          nameSource: "openfda",
          role: "suspect",
          genericNames: ["AMBRISENTAN"],
          brandNames: ["LETAIRIS"],
          activeSubstance: "AMBRISENTAN",
        },
      ]);
    }
  });

  test("sex: 35 male and 65 female, as in the raw patientsex codes", () => {
    const expected = tally(sample2025.map((r) => ({ "1": "male", "2": "female" })[r.patient.patientsex ?? ""] ?? "unknown"));
    expect(expected).toEqual({ male: 35, female: 65 });
    expect(tally(reports.map((r) => r.sex))).toEqual(expected);
  });

  test("reporter qualification matches the raw codes (20 physician, 1 pharmacist, 14 other HCP, 64 consumer, 1 missing)", () => {
    expect(tally(reports.map((r) => r.reporterQualification))).toEqual({
      physician: 20,
      pharmacist: 1,
      other_hcp: 14,
      consumer: 64,
      unknown: 1,
    });
  });

  test("age: unit 801 ages are taken as is, the 11 reports without an age are null", () => {
    expect(new Set(sample2025.map((r) => r.patient.patientonsetageunit))).toEqual(new Set(["801", undefined]));
    const expected = sample2025.map((r) =>
      r.patient.patientonsetageunit === "801" ? Number(r.patient.patientonsetage) : null,
    );
    expect(reports.map((r) => r.ageYears)).toEqual(expected);
    expect(expected.filter((a) => a === null)).toHaveLength(11);
  });

  test("receivedDate is the raw YYYYMMDD receivedate in ISO form", () => {
    const expected = sample2025.map((r) => {
      const d = r.receivedate ?? "";
      return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
    });
    expect(reports.map((r) => r.receivedDate)).toEqual(expected);
    expect(ruleCounts(quality, "date.invalid_receivedate").changed).toBe(0);
  });

  test("country: occurcountry, else primarysourcecountry; the one report with neither (5801206-7, CANADA) maps by name", () => {
    const expected = sample2025.map((r) =>
      r.safetyreportid === "5801206-7" ? "CA" : (r.occurcountry ?? r.primarysourcecountry ?? null),
    );
    expect(reports.map((r) => r.country)).toEqual(expected);
    expect(ruleCounts(quality, "country.from_reporter_country_name").changed).toBe(1);
    expect(ruleCounts(quality, "country.from_primarysourcecountry").changed).toBe(2); // 10003300, 10003301
  });

  test("reactions: 247 raw entries; duplicates within a report are merged (plain distinct-PT count)", () => {
    const rawCount = sample2025.reduce((n, r) => n + r.patient.reaction.length, 0);
    const distinctCount = sample2025.reduce(
      (n, r) => n + new Set(r.patient.reaction.map((x) => x.reactionmeddrapt.trim().toUpperCase())).size,
      0,
    );
    expect(rawCount).toBe(247);
    const outputCount = reports.reduce((n, r) => n + r.reactions.length, 0);
    expect(outputCount).toBe(distinctCount);
    expect(ruleCounts(quality, "reaction.duplicate_merged").dropped).toBe(rawCount - distinctCount);
  });

  test("reaction outcomes follow the 1–6 code list in every report without repeated PTs", () => {
    const codeToOutcome: Record<string, string> = {
      "1": "recovered",
      "2": "recovering",
      "3": "not_recovered",
      "4": "recovered_with_sequelae",
      "5": "fatal",
      "6": "unknown",
    };
    for (const raw of sample2025) {
      const pts = raw.patient.reaction.map((x) => x.reactionmeddrapt.trim().toUpperCase());
      if (new Set(pts).size !== pts.length) continue;
      const expected = raw.patient.reaction.map((x) => ({
        pt: x.reactionmeddrapt.trim().toUpperCase(),
        outcome: codeToOutcome[x.reactionoutcome ?? ""] ?? "unknown",
      }));
      expect(reportById(reports, raw.safetyreportid).reactions).toEqual(expected);
    }
  });

  test("drug counts add up: 265 raw entries = output drugs + merged duplicates + dropped nameless", () => {
    const rawCount = sample2025.reduce((n, r) => n + r.patient.drug.length, 0);
    expect(rawCount).toBe(265);
    const outputCount = reports.reduce((n, r) => n + r.drugs.length, 0);
    const merged = ruleCounts(quality, "drug.duplicate_merged").dropped;
    const nameless = ruleCounts(quality, "drug.no_name_dropped").dropped;
    expect(nameless).toBe(0);
    expect(outputCount + merged + nameless).toBe(rawCount);
    // Every merge removes a (name, role) repeat, so no report keeps one.
    for (const report of reports) {
      const keys = report.drugs.map((d) => `${d.name}|${d.role}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  test("hand-checked record 5801206-7 (first record: no version, country by name, one drug without openfda)", () => {
    expect(reportById(reports, "5801206-7")).toEqual({
      reportId: "5801206-7",
      version: null,
      receivedDate: "2008-07-07",
      serious: true,
      seriousness: ["death"],
      ageYears: 26,
      ageBand: "18-44",
      sex: "male",
      weightKg: null,
      country: "CA",
      reporterQualification: "other_hcp",
      drugs: [
        {
          name: "DURAGESIC-100",
          nameSource: "medicinalproduct",
          role: "suspect",
          genericNames: [],
          brandNames: [],
          activeSubstance: null,
        },
      ],
      reactions: [
        { pt: "DRUG ADMINISTRATION ERROR", outcome: "unknown" },
        { pt: "OVERDOSE", outcome: "unknown" },
      ],
    });
  });

  test("hand-checked record 10003329 (22 drug entries with 6 repeats, 13 reactions with 4 repeats)", () => {
    const report = reportById(reports, "10003329");
    expect({ ...report, drugs: undefined, reactions: undefined }).toEqual({
      reportId: "10003329",
      version: 11,
      receivedDate: "2014-03-12",
      serious: true,
      seriousness: ["hospitalization"],
      ageYears: 79,
      ageBand: "75+",
      sex: "female",
      weightKg: 61,
      country: "IT",
      reporterQualification: "physician",
      drugs: undefined,
      reactions: undefined,
    });
    expect(report.drugs.map((d) => [d.name, d.nameSource, d.role])).toEqual([
      ["PARACETAMOLO", "medicinalproduct", "concomitant"],
      ["BIBW 2992", "medicinalproduct", "suspect"],
      ["LANSOPRAZOLO", "medicinalproduct", "concomitant"],
      ["INSULINA GLARGINE", "medicinalproduct", "concomitant"],
      ["IDROCLOROTIAZ", "medicinalproduct", "concomitant"],
      ["IRBESARTAN", "openfda", "concomitant"],
      ["POTASSIUM CHLORIDE", "openfda", "concomitant"],
      ["INSULINA GLULISINA", "medicinalproduct", "concomitant"],
      ["FUROSEMIDE", "openfda", "concomitant"],
      ["ZOLPIDEM TARTRATE", "openfda", "concomitant"],
      ["NEBIVOLOLO", "medicinalproduct", "concomitant"],
      ["OSSICODONE", "medicinalproduct", "concomitant"],
      ["ALLOPURINOLO", "medicinalproduct", "concomitant"],
      // openfda.generic_name is ["CALCIUM CARBONATE", "ANTACID"]: the first in openFDA's order, not the sorted first.
      ["CALCIUM CARBONATE", "openfda", "concomitant"],
      ["NORITREN", "medicinalproduct", "concomitant"],
      ["RANITIDINE", "openfda", "concomitant"],
    ]);
    const bibw = report.drugs.find((d) => d.name === "BIBW 2992");
    expect(bibw?.activeSubstance).toBe("AFATINIB");
    const irbesartan = report.drugs.find((d) => d.name === "IRBESARTAN");
    expect(irbesartan).toMatchObject({ genericNames: ["IRBESARTAN"], brandNames: ["AVAPRO", "IRBESARTAN"] });
    expect(report.reactions).toEqual([
      { pt: "DIARRHOEA", outcome: "recovered" },
      { pt: "ABDOMINAL PAIN", outcome: "recovered" },
      { pt: "ASTHENIA", outcome: "recovered" },
      { pt: "WEIGHT DECREASED", outcome: "not_recovered" },
      { pt: "BLOOD CREATININE INCREASED", outcome: "recovered" },
      { pt: "C-REACTIVE PROTEIN INCREASED", outcome: "recovered" },
      { pt: "DYSURIA", outcome: "recovered" },
      { pt: "PYREXIA", outcome: "recovered" },
      { pt: "PLEURAL EFFUSION", outcome: "recovered" },
    ]);
  });

  test("the 6 raw names with a WHO-Drug code or '(UNKNOWN)' and no openfda block are cleaned", () => {
    // 10003349 CELEXA /00582602/, 10003351 MIRTAZAPINE (UNKNOWN), 10003359 DOXAZOSIN (UNKNOWN),
    // 10003361 CITALOPRAM (UNKNOWN) and VITAMIN B COMPLEX /00212701/, 10003398 DONEPEZIL (UNKNOWN).
    const cleaned = (id: string) =>
      reportById(reports, id)
        .drugs.filter((d) => d.nameSource === "medicinalproduct")
        .map((d) => d.name);
    expect(cleaned("10003349")).toContain("CELEXA");
    expect(cleaned("10003351")).toEqual(["MIRTAZAPINE"]);
    expect(cleaned("10003359")).toEqual(["PARACETAMOL", "DOXAZOSIN"]);
    expect(cleaned("10003361")).toEqual(["CITALOPRAM", "VITAMIN B COMPLEX"]);
    // The openfda-named DONEPEZIL HYDROCHLORIDE entry and this one have different names, so both stay.
    expect(reportById(reports, "10003398").drugs.map((d) => d.name)).toEqual([
      "DONEPEZIL HYDROCHLORIDE",
      "DONEPEZIL",
      "TRAMADOL",
    ]);
    expect(ruleCounts(quality, "drug.medicinalproduct_cleaned").changed).toBe(6);
  });
});

describe("normalizeDrugEvents on the 2015 legacy responses (hand-checked)", () => {
  test("10003633: OMNISCAN listed 4× as suspect is one drug; mixed-case PT upper-cased; fatal outcome", () => {
    const { reports, quality } = normalizeDrugEvents(
      readResults("openfda_drug_event/legacy_2015/drug_event_ndc50242-051_seriousnessdeath_limit1.json"),
    );
    expect(reports).toEqual([
      {
        reportId: "10003633",
        version: 2,
        receivedDate: "2014-03-12",
        serious: true,
        seriousness: ["death"],
        ageYears: 70.946,
        ageBand: "65-74",
        sex: "male",
        weightKg: 55.39,
        country: "US",
        reporterQualification: "lawyer",
        drugs: [
          {
            name: "GADODIAMIDE",
            nameSource: "openfda",
            role: "suspect",
            genericNames: ["GADODIAMIDE"],
            brandNames: ["OMNISCAN"],
            activeSubstance: null,
          },
          {
            name: "OXYCODONE HYDROCHLORIDE",
            nameSource: "openfda",
            role: "concomitant",
            genericNames: ["OXYCODONE HYDROCHLORIDE"],
            brandNames: ["OXYCONTIN"],
            activeSubstance: null,
          },
          {
            name: "GABAPENTIN",
            nameSource: "openfda",
            role: "concomitant",
            genericNames: ["GABAPENTIN"],
            brandNames: ["NEURONTIN"],
            activeSubstance: null,
          },
          {
            name: "THALIDOMIDE",
            nameSource: "openfda",
            role: "concomitant",
            genericNames: ["THALIDOMIDE"],
            brandNames: ["THALOMID"],
            activeSubstance: null,
          },
          {
            name: "CITALOPRAM HYDROBROMIDE",
            nameSource: "openfda",
            role: "concomitant",
            genericNames: ["CITALOPRAM HYDROBROMIDE"],
            brandNames: ["CELEXA"],
            activeSubstance: null,
          },
          {
            name: "INTRAVENOUS IMMUNOGLOBULIN",
            nameSource: "medicinalproduct",
            role: "concomitant",
            genericNames: [],
            brandNames: [],
            activeSubstance: null,
          },
          {
            name: "OXYCODONE",
            nameSource: "openfda",
            role: "concomitant",
            genericNames: ["OXYCODONE"],
            brandNames: ["OXYCODONE HYDROCHLORIDE"],
            activeSubstance: null,
          },
        ],
        reactions: [{ pt: "NEPHROGENIC SYSTEMIC FIBROSIS", outcome: "fatal" }],
      },
    ]);
    expect(ruleCounts(quality, "drug.duplicate_merged").dropped).toBe(3);
    expect(ruleCounts(quality, "drug.name_from_medicinalproduct").changed).toBe(1);
  });

  test("10003810: three seriousness flags; 'COUNTRY NOT SPECIFIED' is not needed since occurcountry is US", () => {
    const { reports, quality } = normalizeDrugEvents(
      readResults("openfda_drug_event/legacy_2015/drug_event_ndc65862-659_seriousnesscongenitalanomali_limit1.json"),
    );
    expect(reports).toEqual([
      {
        reportId: "10003810",
        version: 2,
        receivedDate: "2014-03-12",
        serious: true,
        seriousness: ["hospitalization", "congenital_anomaly", "other"],
        ageYears: 28,
        ageBand: "18-44",
        sex: "male",
        weightKg: null,
        country: "US",
        reporterQualification: "other_hcp",
        drugs: [
          {
            name: "VALPROATE SEMISODIUM",
            nameSource: "medicinalproduct",
            role: "suspect",
            genericNames: [],
            brandNames: [],
            activeSubstance: null,
          },
          {
            name: "OLANZAPINE",
            nameSource: "openfda",
            role: "concomitant",
            genericNames: ["OLANZAPINE"],
            brandNames: ["OLANZAPINE", "ZYPREXA", "ZYPREXA INTRAMUSCULAR", "ZYPREXA ZYDIS"],
            activeSubstance: null,
          },
          {
            name: "LORAZEPAM",
            nameSource: "openfda",
            role: "concomitant",
            genericNames: ["LORAZEPAM"],
            brandNames: ["ATIVAN", "LORAZEPAM"],
            activeSubstance: null,
          },
          {
            name: "CITALOPRAM",
            nameSource: "openfda",
            role: "concomitant",
            genericNames: ["CITALOPRAM", "CITALOPRAM HYDROBROMIDE"],
            brandNames: ["CITALOPRAM", "CITALOPRAM HYDROBROMIDE"],
            activeSubstance: null,
          },
        ],
        reactions: [
          { pt: "CARNITINE DEFICIENCY", outcome: "recovering" },
          { pt: "HYPERAMMONAEMIA", outcome: "recovered" },
          { pt: "IRRITABILITY", outcome: "recovering" },
          { pt: "AFFECTIVE DISORDER", outcome: "recovering" },
          { pt: "CONDITION AGGRAVATED", outcome: "recovering" },
        ],
      },
    ]);
    expect(ruleCounts(quality, "drug.duplicate_merged").dropped).toBe(2);
    expect(ruleCounts(quality, "country.unresolved").changed).toBe(0);
  });
});

describe("normalizeDrugEvents on FDA's pipeline fixture (VIOXX, 2003, post-annotation)", () => {
  const raw = readJson("openfda_drug_event/fda_pipeline_fixtures/event.postannotation.json") as RawFaersRecord;
  const { reports, quality } = normalizeDrugEvents([raw]);
  const [report] = reports;

  test("case-level fields, hand-checked; internal @-keys are ignored; no country field at all → null, uncounted", () => {
    expect({ ...report, drugs: undefined, reactions: undefined }).toEqual({
      reportId: "4562564-7",
      version: null,
      receivedDate: "2005-01-27",
      serious: true,
      seriousness: ["hospitalization", "disabling", "other"],
      ageYears: 62,
      ageBand: "45-64",
      sex: "female",
      weightKg: 62,
      country: null,
      reporterQualification: "physician",
      drugs: undefined,
      reactions: undefined,
    });
    expect(ruleCounts(quality, "country.unresolved").changed).toBe(0);
  });

  test("23 drug entries: VIOXX, SYNTHROID and REGLAN each listed twice become 20 drugs, all named from medicinalproduct", () => {
    expect(raw.patient.drug).toHaveLength(23);
    expect(report?.drugs).toHaveLength(20);
    expect(report?.drugs.filter((d) => ["VIOXX", "SYNTHROID", "REGLAN"].includes(d.name)).map((d) => [d.name, d.role])).toEqual([
      ["VIOXX", "suspect"],
      ["SYNTHROID", "concomitant"],
      ["REGLAN", "concomitant"],
    ]);
    expect(report?.drugs.every((d) => d.nameSource === "medicinalproduct")).toBe(true);
    expect(report?.drugs.map((d) => d.name)).toContain("OS-CAL + D");
    expect(ruleCounts(quality, "drug.duplicate_merged").dropped).toBe(3);
    expect(ruleCounts(quality, "drug.name_from_medicinalproduct").changed).toBe(20);
  });

  test("every reaction kept, outcome unknown (no reactionoutcome in 2003 data)", () => {
    expect(report?.reactions.map((r) => r.pt)).toEqual(raw.patient.reaction.map((r) => r.reactionmeddrapt));
    expect(report?.reactions.every((r) => r.outcome === "unknown")).toBe(true);
  });
});

describe("normalizeDrugEvents: two captures of the same 100 reports (April and June 2025)", () => {
  const april = normalizeDrugEvents(sampleApril);
  const june = normalizeDrugEvents(sample2025);

  test("openFDA annotation drift changes no case-level field, drug count, role or reaction", () => {
    const caseLevel = (r: CaseReport) => ({ ...r, drugs: r.drugs.map((d) => d.role) });
    expect(april.reports.map(caseLevel)).toEqual(june.reports.map(caseLevel));
  });

  test("drift is visible in drug names: LYRICA had an empty openfda block in April (10003302, 10003310)", () => {
    const lyrica = (reports: CaseReport[], id: string) =>
      reportById(reports, id).drugs.find((d) => d.name === "LYRICA" || d.name === "PREGABALIN");
    for (const id of ["10003302", "10003310"]) {
      expect(lyrica(april.reports, id)).toMatchObject({ name: "LYRICA", nameSource: "medicinalproduct" });
      expect(lyrica(june.reports, id)).toMatchObject({ name: "PREGABALIN", nameSource: "openfda", brandNames: ["LYRICA"] });
    }
  });

  test("both captures in one input: 100 reports, 100 superseded, the later (June) copy wins every tie", () => {
    const combined = normalizeDrugEvents([...sampleApril, ...sample2025]);
    expect(combined.quality.inputRecords).toBe(200);
    expect(combined.quality.outputRecords).toBe(100);
    expect(ruleCounts(combined.quality, "report.superseded_version").dropped).toBe(100);
    expect(combined.reports).toEqual(june.reports);
  });
});

describe("normalizeDrugEvents: distinct reports by safetyreportversion", () => {
  const record = (id: unknown, version: unknown, pt: string) => ({
    safetyreportid: id,
    safetyreportversion: version,
    patient: { reaction: [{ reactionmeddrapt: pt }] },
  });
  const ptsOf = (reports: CaseReport[]) => reports.map((r) => [r.reportId, r.version, r.reactions[0]?.pt ?? null]);

  test.each([
    {
      label: "higher version wins regardless of order",
      input: [record("A", "3", "THIRD"), record("A", "1", "FIRST"), record("A", "2", "SECOND")],
      expected: [["A", 3, "THIRD"]],
      superseded: 2,
    },
    {
      label: "equal versions: the later record wins",
      input: [record("A", "2", "EARLY"), record("A", "2", "LATE")],
      expected: [["A", 2, "LATE"]],
      superseded: 1,
    },
    {
      label: "a missing version loses to any version",
      input: [record("A", "1", "V1"), record("A", undefined, "NONE")],
      expected: [["A", 1, "V1"]],
      superseded: 1,
    },
    {
      label: "numeric ids and versions are read as text",
      input: [record(42, 1, "OLD"), record("42", 2, "NEW")],
      expected: [["42", 2, "NEW"]],
      superseded: 1,
    },
    {
      label: "different ids are kept in first-seen order",
      input: [record("B", "1", "B1"), record("A", "1", "A1"), record("B", "2", "B2")],
      expected: [
        ["B", 2, "B2"],
        ["A", 1, "A1"],
      ],
      superseded: 1,
    },
    {
      label: "ids are trimmed before comparing",
      input: [record(" A ", "1", "PADDED"), record("A", "2", "PLAIN")],
      expected: [["A", 2, "PLAIN"]],
      superseded: 1,
    },
  ])("$label", ({ input, expected, superseded }) => {
    const { reports, quality } = normalizeDrugEvents(input);
    expect(ptsOf(reports)).toEqual(expected);
    expect(ruleCounts(quality, "report.superseded_version").dropped).toBe(superseded);
  });

  test.each([
    ["non-object", 42],
    ["null", null],
    ["array", [{ safetyreportid: "A" }]],
    ["no id", { serious: "1" }],
    ["blank id", { safetyreportid: "  " }],
    ["id of the wrong type", { safetyreportid: { id: "A" } }],
  ])("%s is dropped as report.missing_id", (_label, input) => {
    const { reports, quality } = normalizeDrugEvents([input, record("OK", "1", "KEPT")]);
    expect(reports.map((r) => r.reportId)).toEqual(["OK"]);
    expect(ruleCounts(quality, "report.missing_id").dropped).toBe(1);
    expect(quality).toMatchObject({ inputRecords: 2, outputRecords: 1 });
  });
});

describe("normalizeDrugEvents: rules on constructed records", () => {
  test("duplicate PTs keep the most severe outcome and count as merged; empty PTs are dropped", () => {
    const { reports, quality } = normalizeDrugEvents([
      {
        safetyreportid: "R1",
        patient: {
          reaction: [
            { reactionmeddrapt: "Nausea", reactionoutcome: "1" },
            { reactionmeddrapt: "NAUSEA ", reactionoutcome: "5" },
            { reactionmeddrapt: "nausea", reactionoutcome: "2" },
            { reactionmeddrapt: "Headache", reactionoutcome: "6" },
            { reactionmeddrapt: "HEADACHE", reactionoutcome: "4" },
            { reactionmeddrapt: "  " },
            { reactionoutcome: "1" },
            "not an object",
          ],
        },
      },
    ]);
    expect(reports[0]?.reactions).toEqual([
      { pt: "NAUSEA", outcome: "fatal" },
      { pt: "HEADACHE", outcome: "recovered_with_sequelae" },
    ]);
    expect(ruleCounts(quality, "reaction.duplicate_merged").dropped).toBe(3);
    expect(ruleCounts(quality, "reaction.empty_pt_dropped").dropped).toBe(3);
  });

  test("same drug name in different roles stays two drugs; same name and role merges names and keeps the first substance", () => {
    const { reports, quality } = normalizeDrugEvents([
      {
        safetyreportid: "R1",
        patient: {
          drug: [
            { medicinalproduct: "Aspirin 81 mg", drugcharacterization: "1" },
            { medicinalproduct: "ASPIRIN.", drugcharacterization: "2" },
            { medicinalproduct: "X", drugcharacterization: "1", openfda: { generic_name: ["aspirin"], brand_name: ["Bayer"] } },
            { medicinalproduct: "ASPIRIN", drugcharacterization: "1", activesubstance: { activesubstancename: "aspirin" } },
            { drugcharacterization: "1" },
            { medicinalproduct: "...", drugcharacterization: "1" },
            { medicinalproduct: "ZOCOR", drugcharacterization: "9" },
          ],
        },
      },
    ]);
    const noNames = { genericNames: [], brandNames: [], activeSubstance: null };
    expect(reports[0]?.drugs).toEqual([
      // "Aspirin 81 mg", the openfda-named "X" and "ASPIRIN" are one suspect drug; openFDA confirmed the name.
      {
        name: "ASPIRIN",
        nameSource: "openfda",
        role: "suspect",
        genericNames: ["ASPIRIN"],
        brandNames: ["BAYER"],
        activeSubstance: "ASPIRIN",
      },
      { name: "ASPIRIN", nameSource: "medicinalproduct", role: "concomitant", ...noNames },
      { name: "ZOCOR", nameSource: "medicinalproduct", role: "unknown", ...noNames },
    ]);
    expect(ruleCounts(quality, "drug.duplicate_merged").dropped).toBe(2);
    expect(ruleCounts(quality, "drug.no_name_dropped").dropped).toBe(2); // no name at all; "..." cleans to ""
    expect(ruleCounts(quality, "drug.name_from_medicinalproduct").changed).toBe(2);
    expect(ruleCounts(quality, "drug.medicinalproduct_cleaned").changed).toBe(1); // "ASPIRIN." → "ASPIRIN"
    expect(ruleCounts(quality, "code.unrecognized_value").changed).toBe(1);
  });

  test("age, weight, date, version and code rules are counted per report", () => {
    const { reports, quality } = normalizeDrugEvents([
      {
        safetyreportid: "A",
        safetyreportversion: "x",
        receivedate: "20231301",
        serious: "3",
        patient: { patientonsetage: "6", patientonsetageunit: "802", patientweight: "900", patientsex: "7" },
      },
      { safetyreportid: "B", receivedate: "20230101", patient: { patientonsetage: "40" } },
      { safetyreportid: "C", receivedate: "20230101", patient: { patientonsetage: "200", patientonsetageunit: "801" } },
      { safetyreportid: "D", receivedate: "20230101", patient: { patientonsetage: "old", patientonsetageunit: "801" } },
    ]);
    const fields = (r: CaseReport) => [
      r.reportId,
      r.version,
      r.receivedDate,
      r.serious,
      r.ageYears,
      r.ageBand,
      r.weightKg,
      r.sex,
    ];
    expect(reports.map(fields)).toEqual([
      ["A", null, null, null, 0.5, "0-17", null, "unknown"],
      ["B", null, "2023-01-01", null, null, "unknown", null, "unknown"],
      ["C", null, "2023-01-01", null, null, "unknown", null, "unknown"],
      ["D", null, "2023-01-01", null, null, "unknown", null, "unknown"],
    ]);
    const counts = Object.fromEntries(quality.rules.map((r) => [r.rule, r.changed]));
    expect(counts).toMatchObject({
      "version.not_integer": 1,
      "date.invalid_receivedate": 1,
      "age.converted_to_years": 1,
      "age.unknown_unit": 1,
      "age.implausible": 1,
      "age.not_numeric": 1,
      "weight.implausible": 1,
      "code.unrecognized_value": 2,
    });
  });

  test("country rules: reporter country name, invalid code, unresolved placeholder", () => {
    const { reports, quality } = normalizeDrugEvents([
      { safetyreportid: "A", primarysource: { reportercountry: "UNITED STATES" } },
      { safetyreportid: "B", occurcountry: "usa", primarysourcecountry: "FR" },
      { safetyreportid: "C", primarysource: { reportercountry: "COUNTRY NOT SPECIFIED" } },
      { safetyreportid: "D", primarysource: { reportercountry: "DE" } },
    ]);
    expect(reports.map((r) => r.country)).toEqual(["US", "FR", null, "DE"]);
    const counts = Object.fromEntries(quality.rules.map((r) => [r.rule, r.changed]));
    expect(counts).toMatchObject({
      "country.from_reporter_country_name": 1,
      "country.invalid_code": 1,
      "country.from_primarysourcecountry": 1,
      "country.unresolved": 1,
      "country.from_reporter_country_code": 1,
    });
  });

  test("wrongly typed fields read as missing instead of dropping the report", () => {
    const { reports, quality } = normalizeDrugEvents([
      {
        safetyreportid: "A",
        serious: ["1"],
        receivedate: 20230101,
        primarysource: "physician",
        patient: { patientonsetage: { value: 5 }, drug: "ASPIRIN", reaction: { reactionmeddrapt: "RASH" } },
      },
    ]);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      serious: null,
      receivedDate: "2023-01-01", // a number is read as its decimal text
      reporterQualification: "unknown",
      ageYears: null,
      drugs: [],
      reactions: [{ pt: "RASH", outcome: "unknown" }], // a lone object counts as a one-item list
    });
    expect(quality.outputRecords).toBe(1);
  });
});
