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

describe("buildSearch: product values cannot escape their quotes", () => {
  const template = skeleton(buildSearch({ ...base, drug: "X" }));

  test("property: every drug name is rejected or appears only inside quotes, with the query shape unchanged", () => {
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
        expect(skeleton(search)).toBe(template);
        const normalized = name.normalize("NFKC").trim().replace(/\s+/g, " ").toUpperCase();
        const values = quotedValues(search);
        // 5 name fields in "any" mode; the date range is not quoted.
        expect(values).toHaveLength(5);
        for (const v of values) {
          expect(v).toBe(normalized);
          expect(v).not.toMatch(/["\\]/);
        }
      }),
      { numRuns: 10_000 },
    );
  });

  test("property: device names and product codes keep the same guarantee", () => {
    const deviceTemplate = skeleton(buildSearch({ ...base, device: "X" }));
    fc.assert(
      fc.property(hostile, (name) => {
        try {
          expect(skeleton(buildSearch({ ...base, device: name }))).toBe(deviceTemplate);
        } catch (error) {
          expect((error as AppError).code).toBe("invalid_input");
        }
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
    ["aspirin", "ASPIRIN"],
    ["  acetyl  salicylic   acid ", "ACETYL SALICYLIC ACID"],
    ["5-FLUOROURACIL", "5-FLUOROURACIL"],
    ["O'NEIL (X) [Y] *Z: A+B", "O'NEIL (X) [Y] *Z: A+B"],
    ["ＡＳＰＩＲＩＮ", "ASPIRIN"], // full-width letters fold under NFKC
  ])("accepts %j as %j inside quotes", (name, expected) => {
    expect(quotedValues(buildSearch({ ...base, drug: name }))[0]).toBe(expected);
  });
});

describe("buildSearch: clauses", () => {
  test("drug in any role, with date range, exactly as sent to openFDA", () => {
    expect(buildSearch({ ...base, drug: "ambrisentan" })).toBe(
      '(patient.drug.openfda.generic_name.exact:"AMBRISENTAN" OR patient.drug.openfda.brand_name.exact:"AMBRISENTAN" OR ' +
        'patient.drug.openfda.substance_name.exact:"AMBRISENTAN" OR patient.drug.activesubstance.activesubstancename.exact:"AMBRISENTAN" OR ' +
        'patient.drug.medicinalproduct.exact:"AMBRISENTAN") AND receivedate:[20200101 TO 20201231]',
    );
  });

  test("match=brand narrows to one field", () => {
    expect(buildSearch({ ...base, drug: "Letairis", match: "brand" })).toBe(
      'patient.drug.openfda.brand_name.exact:"LETAIRIS" AND receivedate:[20200101 TO 20201231]',
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
