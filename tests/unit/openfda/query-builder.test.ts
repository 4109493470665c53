import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { ageBandClause, buildSearch, type ResolvedFilter } from "@/lib/sources/openfda/query-builder";
import { toSearchValue } from "@/lib/sources/openfda/search-value";

const base = { from: "2020-01-01", to: "2020-12-31" };

/** Replaces every quoted phrase by "?" — what the query looks like to openFDA's parser outside phrases. */
function skeleton(search: string): string {
  return search.replace(/"[^"]*"/g, '"?"');
}

function quotedValues(search: string): string[] {
  return [...search.matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? "");
}

const hostile = fc.string({
  unit: fc.constantFrom(..."aZ09 \"\\()[]{}:*+-!?~^|#;,./&@%'<>=\n\t\u0000\u200bÉß".split(""), " AND ", " OR ", "_exists_:", "%2B"),
  maxLength: 60,
});

/** The same normalization as the builder, written out again: NFKC, trimmed, whitespace collapsed. */
const normalize = (name: string) => name.normalize("NFKC").trim().replace(/\s+/g, " ");

/** Title case by hand: a letter is upper-cased at the start and after a space, "-", "/" or "(". */
function titleCaseByHand(value: string): string {
  let out = "";
  let wordStart = true;
  for (const ch of value.toLowerCase()) {
    const isLetter = /\p{L}/u.test(ch);
    out += wordStart && isLetter ? ch.toUpperCase() : ch;
    wordStart = !isLetter && /[\s\-/(]/.test(ch);
  }
  return out;
}

/** Distinct casings the builder must send: as typed, upper, title — each still a valid search value. */
function expectedCasings(name: string): string[] {
  const typed = normalize(name);
  const ok = (v: string) => normalize(v) === v && v.length <= 200 && !/["\\\p{Cc}\p{Cf}]/u.test(v) && /^[\p{L}\p{N} &@%/',._:()[\]{}\-+><=*]+$/u.test(v);
  return [...new Set([typed, typed.toUpperCase(), titleCaseByHand(typed)])].filter(ok);
}

describe("buildSearch: product values cannot escape their quotes", () => {
  // The query shape for 1, 2 and 3 distinct casings ("X" | "x" → x, X | "ab" → ab, AB, Ab).
  const drugTemplates = new Map(["X", "x", "ab"].map((name) => [expectedCasings(name).length, skeleton(buildSearch({ ...base, drug: name }))]));
  const deviceTemplates = new Map(["X", "x", "ab"].map((name) => [expectedCasings(name).length, skeleton(buildSearch({ ...base, device: name }))]));

  test("the templates cover 1, 2 and 3 casings and differ", () => {
    expect([...drugTemplates.keys()].sort()).toEqual([1, 2, 3]);
    expect(new Set(drugTemplates.values()).size).toBe(3);
  });

  test("property: every drug name is rejected or appears only inside quotes, in each casing, with the query shape fixed", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 250 }), hostile, fc.string({ unit: "grapheme", maxLength: 40 })), (name) => {
        let search: string;
        try {
          search = buildSearch({ ...base, drug: name });
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).code).toBe("invalid_input");
          return;
        }
        const casings = expectedCasings(name);
        expect(skeleton(search)).toBe(drugTemplates.get(casings.length));
        // 5 name fields in "any" mode, each with every casing; the date range is not quoted.
        const values = quotedValues(search);
        expect(values).toEqual(Array.from({ length: 5 }, () => casings).flat());
        for (const v of values) expect(v).not.toMatch(/["\\]/);
      }),
      { numRuns: 10_000 },
    );
  });

  test("property: device names and product codes keep the same guarantee", () => {
    fc.assert(
      fc.property(hostile, (name) => {
        let search: string;
        try {
          search = buildSearch({ ...base, device: name });
        } catch (error) {
          expect((error as AppError).code).toBe("invalid_input");
          return;
        }
        const casings = expectedCasings(name);
        expect(skeleton(search)).toBe(deviceTemplates.get(casings.length));
        expect(quotedValues(search)).toEqual(Array.from({ length: 3 }, () => casings).flat());
      }),
      { numRuns: 3_000 },
    );
  });

  test.each([
    ['" OR _exists_:patient', "double quote"],
    ["foo\\", "backslash"],
    ["a\u0000b", "control"],
    ["x".repeat(201), "at most 200"],
    ["   ", "empty"],
    ["ASPIRIN#", '"#"'],
    ["IBU|PROFEN", '"|"'],
  ])("rejects %j (%s)", (name, fragment) => {
    expect(() => buildSearch({ ...base, drug: name })).toThrow(fragment);
  });

  test.each([
    ["aspirin", ["aspirin", "ASPIRIN", "Aspirin"]],
    ["  acetyl  salicylic   acid ", ["acetyl salicylic acid", "ACETYL SALICYLIC ACID", "Acetyl Salicylic Acid"]],
    ["5-FLUOROURACIL", ["5-FLUOROURACIL", "5-Fluorouracil"]],
    ["O'NEIL (X) [Y] *Z: A+B", ["O'NEIL (X) [Y] *Z: A+B", "O'neil (X) [y] *z: A+b"]],
    ["ＡＳＰＩＲＩＮ", ["ASPIRIN", "Aspirin"]], // full-width letters fold under NFKC
    ["Straße", ["Straße", "STRASSE"]], // upper case lengthens it; title case equals the typed name
  ])("accepts %j as the casings %j of the generic-name clause", (name, expected) => {
    expect(quotedValues(buildSearch({ ...base, drug: name as string, match: "generic" }))).toEqual(expected);
  });
});

describe("buildSearch: clauses", () => {
  test("drug in any role, with date range, exactly as sent to openFDA: each field in each casing", () => {
    const field = (name: string) => `${name}.exact:"ambrisentan" OR ${name}.exact:"AMBRISENTAN" OR ${name}.exact:"Ambrisentan"`;
    expect(buildSearch({ ...base, drug: "ambrisentan" })).toBe(
      `(${field("patient.drug.openfda.generic_name")} OR ${field("patient.drug.openfda.brand_name")} OR ` +
        `${field("patient.drug.openfda.substance_name")} OR ${field("patient.drug.activesubstance.activesubstancename")} OR ` +
        `${field("patient.drug.medicinalproduct")}) AND receivedate:[20200101 TO 20201231]`,
    );
  });

  test("match=brand narrows to one field; a casing equal to another is sent once", () => {
    expect(buildSearch({ ...base, drug: "Letairis", match: "brand" })).toBe(
      '(patient.drug.openfda.brand_name.exact:"Letairis" OR patient.drug.openfda.brand_name.exact:"LETAIRIS") AND receivedate:[20200101 TO 20201231]',
    );
  });

  test("a device name is searched as typed, upper-cased and title-cased in the generic, brand and openFDA device name", () => {
    const field = (name: string) =>
      `${name}.exact:"coronary drug-eluting stent" OR ${name}.exact:"CORONARY DRUG-ELUTING STENT" OR ${name}.exact:"Coronary Drug-Eluting Stent"`;
    expect(buildSearch({ ...base, device: "coronary drug-eluting stent" })).toBe(
      `(${field("device.generic_name")} OR ${field("device.brand_name")} OR ${field("device.openfda.device_name")}) AND date_received:[20200101 TO 20201231]`,
    );
  });

  test("device product code uses device_report_product_code and date_received", () => {
    expect(buildSearch({ ...base, productCode: "LOD" })).toBe(
      'device.device_report_product_code.exact:"LOD" AND date_received:[20200101 TO 20201231]',
    );
  });

  test("every drug filter becomes one quoted clause", () => {
    const filter: ResolvedFilter = {
      ...base,
      drug: "X",
      match: "generic",
      sex: "female",
      serious: true,
      seriousness: "death",
      outcome: "fatal",
      country: "US",
      reporter: "physician",
    };
    expect(buildSearch(filter)).toBe(
      'patient.drug.openfda.generic_name.exact:"X" AND receivedate:[20200101 TO 20201231] AND patient.patientsex:"2" AND serious:"1" AND ' +
        'seriousnessdeath:"1" AND patient.reaction.reactionoutcome:"5" AND occurcountry.exact:"US" AND primarysource.qualification:"1"',
    );
  });

  test("sex=unknown also matches reports without the field", () => {
    expect(buildSearch({ ...base, drug: "X", match: "generic", sex: "unknown" })).toContain(
      '(patient.patientsex:"0" OR _missing_:patient.patientsex)',
    );
  });
});

describe("ageBandClause", () => {
  // 18–44 years in each unit, computed by hand: decades 1.8–4.5, months 216–540, weeks 18·52.1775=939.195 to
  // 45·52.1775=2347.9875, days 6574.5–16436.25, hours 157788–394470.
  test("18-44 ties each range to its unit code, upper bound exclusive", () => {
    expect(ageBandClause("18-44")).toBe(
      '((patient.patientonsetage:[1.8 TO 4.5} AND patient.patientonsetageunit:"800") OR ' +
        '(patient.patientonsetage:[18 TO 45} AND patient.patientonsetageunit:"801") OR ' +
        '(patient.patientonsetage:[216 TO 540} AND patient.patientonsetageunit:"802") OR ' +
        '(patient.patientonsetage:[939.195 TO 2347.9875} AND patient.patientonsetageunit:"803") OR ' +
        '(patient.patientonsetage:[6574.5 TO 16436.25} AND patient.patientonsetageunit:"804") OR ' +
        '(patient.patientonsetage:[157788 TO 394470} AND patient.patientonsetageunit:"805"))',
    );
  });
});

describe("toSearchValue", () => {
  test("names the parameter in the error", () => {
    expect(() => toSearchValue('a"b', "device")).toThrow(/^device: /);
  });
});
