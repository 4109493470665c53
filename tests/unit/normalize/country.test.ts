import { describe, expect, test } from "vitest";
import { toCountryCodeFromName, toIsoCountry, toIsoCountryCode } from "@/lib/analytics/normalize";

describe("toCountryCodeFromName", () => {
  test.each([
    ["UNITED STATES", "US"],
    ["United States", "US"],
    ["UNITED STATES OF AMERICA", "US"],
    ["USA", "US"],
    ["CANADA", "CA"],
    ["UNITED KINGDOM", "GB"],
    ["UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND", "GB"],
    ["KOREA, REPUBLIC OF", "KR"],
    ["SOUTH KOREA", "KR"],
    ["RUSSIAN FEDERATION", "RU"],
    ["RUSSIA", "RU"],
    ["GERMANY", "DE"],
    ["JAPAN", "JP"],
    ["CZECH REPUBLIC", "CZ"],
    ["CZECHIA", "CZ"],
    ["TURKEY", "TR"],
    ["TÜRKIYE", "TR"],
    ["VIET NAM", "VN"],
    ["COTE D'IVOIRE", "CI"],
    ["CÔTE D’IVOIRE", "CI"],
    ["SAINT LUCIA", "LC"],
    ["ST. LUCIA", "LC"],
    ["BOSNIA AND HERZEGOVINA", "BA"],
    ["TRINIDAD AND TOBAGO", "TT"],
    ["HONG KONG", "HK"],
    ["MYANMAR", "MM"],
    ["CONGO", "CG"],
    ["CONGO, THE DEMOCRATIC REPUBLIC OF THE", "CD"],
    ["  united   states  ", "US"],
  ])("%s → %s", (name, code) => {
    expect(toCountryCodeFromName(name)).toBe(code);
  });

  test.each(["COUNTRY NOT SPECIFIED", "UNKNOWN", "", "   ", "ATLANTIS", "EUROPEAN UNION", "UNKNOWN REGION"])(
    "%j → null",
    (name) => {
      expect(toCountryCodeFromName(name)).toBeNull();
    },
  );
});

describe("toIsoCountryCode", () => {
  test.each([
    ["US", "US"],
    ["us", "US"],
    [" GB ", "GB"],
    ["UK", "GB"], // exceptionally reserved code, canonicalized
    ["DD", "DE"], // former East Germany code, canonicalized by CLDR
    ["XK", "XK"],
  ])("%j → %s", (raw, code) => {
    expect(toIsoCountryCode(raw)).toBe(code);
  });

  test.each(["EU", "ZZ", "UN", "AA", "U1", "USA", "", "1A"])("%j → null", (raw) => {
    expect(toIsoCountryCode(raw)).toBeNull();
  });
});

describe("toIsoCountry: field precedence", () => {
  test.each([
    {
      label: "occurcountry wins",
      fields: { occurcountry: "JP", primarysourcecountry: "US", reportercountry: "CANADA" },
      expected: { country: "JP", source: "occurcountry", invalidCodes: 0, unresolved: false },
    },
    {
      label: "primarysourcecountry when occurcountry is missing",
      fields: { primarysourcecountry: "US", reportercountry: "US" },
      expected: { country: "US", source: "primarysourcecountry", invalidCodes: 0, unresolved: false },
    },
    {
      label: "invalid occurcountry is skipped and counted",
      fields: { occurcountry: "U1", primarysourcecountry: "DK" },
      expected: { country: "DK", source: "primarysourcecountry", invalidCodes: 1, unresolved: false },
    },
    {
      label: "reportercountry written as a code",
      fields: { reportercountry: "GB" },
      expected: { country: "GB", source: "reporter_country_code", invalidCodes: 0, unresolved: false },
    },
    {
      label: "reportercountry written as a name",
      fields: { reportercountry: "CANADA" },
      expected: { country: "CA", source: "reporter_country_name", invalidCodes: 0, unresolved: false },
    },
    {
      label: "COUNTRY NOT SPECIFIED is unresolved",
      fields: { reportercountry: "COUNTRY NOT SPECIFIED" },
      expected: { country: null, source: "none", invalidCodes: 0, unresolved: true },
    },
    {
      label: "two invalid codes and nothing else",
      fields: { occurcountry: "XX1", primarysourcecountry: "EU" },
      expected: { country: null, source: "none", invalidCodes: 2, unresolved: true },
    },
    {
      label: "no country fields at all is simply null",
      fields: {},
      expected: { country: null, source: "none", invalidCodes: 0, unresolved: false },
    },
    {
      label: "blank fields count as absent",
      fields: { occurcountry: " ", reportercountry: "" },
      expected: { country: null, source: "none", invalidCodes: 0, unresolved: false },
    },
  ])("$label", ({ fields, expected }) => {
    expect(toIsoCountry(fields)).toEqual(expected);
  });
});
