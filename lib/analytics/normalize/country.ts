// ISO 3166-1 alpha-2 country normalization for FAERS reports. `occurcountry` and
// `primarysourcecountry` are codes; `primarysource.reportercountry` is a full English name
// ("UNITED STATES") in older reports and a code ("US") in newer ones.

const ISO2_PATTERN = /^[A-Z]{2}$/;

// CLDR region codes that are not countries: unions, "Unknown Region", pseudo-locales.
const NON_COUNTRY_REGIONS = new Set(["EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"]);

// Names that Intl.DisplayNames does not produce: ISO 3166 formal names (as used by E2B senders),
// common short forms, and former names. `null` marks values that explicitly mean "no country".
const COUNTRY_NAME_ALIASES: Readonly<Record<string, string | null>> = {
  "UNITED STATES OF AMERICA": "US",
  USA: "US",
  "U.S.A.": "US",
  "UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND": "GB",
  "GREAT BRITAIN": "GB",
  ENGLAND: "GB",
  SCOTLAND: "GB",
  WALES: "GB",
  "NORTHERN IRELAND": "GB",
  "KOREA, REPUBLIC OF": "KR",
  "REPUBLIC OF KOREA": "KR",
  "KOREA, DEMOCRATIC PEOPLE'S REPUBLIC OF": "KP",
  "RUSSIAN FEDERATION": "RU",
  "IRAN, ISLAMIC REPUBLIC OF": "IR",
  "VIET NAM": "VN",
  "TAIWAN, PROVINCE OF CHINA": "TW",
  "CZECH REPUBLIC": "CZ",
  TURKEY: "TR",
  "SYRIAN ARAB REPUBLIC": "SY",
  "LAO PEOPLE'S DEMOCRATIC REPUBLIC": "LA",
  "LIBYAN ARAB JAMAHIRIYA": "LY",
  "MOLDOVA, REPUBLIC OF": "MD",
  "TANZANIA, UNITED REPUBLIC OF": "TZ",
  "VENEZUELA, BOLIVARIAN REPUBLIC OF": "VE",
  "BOLIVIA, PLURINATIONAL STATE OF": "BO",
  "MACEDONIA, THE FORMER YUGOSLAV REPUBLIC OF": "MK",
  MACEDONIA: "MK",
  "CONGO, THE DEMOCRATIC REPUBLIC OF THE": "CD",
  "DEMOCRATIC REPUBLIC OF THE CONGO": "CD",
  CONGO: "CG",
  "REPUBLIC OF THE CONGO": "CG",
  "IVORY COAST": "CI",
  "HOLY SEE (VATICAN CITY STATE)": "VA",
  "HOLY SEE": "VA",
  "PALESTINE, STATE OF": "PS",
  "PALESTINIAN TERRITORY, OCCUPIED": "PS",
  "MICRONESIA, FEDERATED STATES OF": "FM",
  SWAZILAND: "SZ",
  "CABO VERDE": "CV",
  "BRUNEI DARUSSALAM": "BN",
  BURMA: "MM",
  MACAU: "MO",
  "EAST TIMOR": "TL",
  "VIRGIN ISLANDS, U.S.": "VI",
  "VIRGIN ISLANDS, BRITISH": "VG",
  "COUNTRY NOT SPECIFIED": null,
  "NOT SPECIFIED": null,
  UNKNOWN: null,
  UNK: null,
  NONE: null,
};

interface CountryTables {
  codes: ReadonlySet<string>;
  /** Deprecated or alias codes → current code (UK → GB, DD → DE). */
  codeAliases: ReadonlyMap<string, string>;
  /** Name key (see toNameKey) → code, or null for "explicitly no country". */
  names: ReadonlyMap<string, string | null>;
}

let tables: CountryTables | null = null;

/**
 * Key used to compare country names: accents removed, upper-case, "&" read as "AND", dots and
 * apostrophes dropped, other punctuation as spaces, and the token "ST" read as "SAINT", so
 * "St. Kitts & Nevis", "SAINT KITTS AND NEVIS" and "Côte d’Ivoire" / "COTE D'IVOIRE" meet.
 */
function toNameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toUpperCase()
    .replace(/&/g, " AND ")
    .replace(/[.'’‘`]/g, "")
    .replace(/[^A-Z0-9]+/g, " ")
    .trim()
    .split(" ")
    .map((token) => (token === "ST" ? "SAINT" : token))
    .join(" ");
}

function toCanonicalRegion(code: string): string | null {
  try {
    const locale = Intl.getCanonicalLocales(`und-${code}`)[0];
    return locale?.startsWith("und-") ? locale.slice(4) : null;
  } catch {
    return null;
  }
}

// Built once on first use: ~680 Intl calls are cheap but not free, and many callers never need it.
function getCountryTables(): CountryTables {
  if (tables) return tables;
  const longNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
  const shortNames = new Intl.DisplayNames(["en"], { type: "region", style: "short", fallback: "none" });
  const allCodes: string[] = [];
  for (let first = 65; first <= 90; first += 1) {
    for (let second = 65; second <= 90; second += 1) allCodes.push(String.fromCharCode(first, second));
  }

  const codes = new Set<string>();
  const names = new Map<string, string | null>();
  const addName = (name: string | undefined, code: string) => {
    if (!name) return;
    const key = toNameKey(name);
    if (key && !names.has(key)) names.set(key, code);
  };
  for (const code of allCodes) {
    if (NON_COUNTRY_REGIONS.has(code) || toCanonicalRegion(code) !== code) continue;
    const longName = longNames.of(code);
    if (!longName) continue;
    codes.add(code);
    addName(longName, code);
    addName(shortNames.of(code), code);
    // "Myanmar (Burma)" → also "Myanmar".
    addName(longName.replace(/\s*\(.*\)\s*$/, ""), code);
  }

  const codeAliases = new Map<string, string>();
  for (const code of allCodes) {
    if (codes.has(code)) continue;
    const canonical = toCanonicalRegion(code);
    if (canonical && codes.has(canonical)) codeAliases.set(code, canonical);
  }

  // Aliases win over generated names: they encode deliberate choices ("CONGO" → CG).
  for (const [name, code] of Object.entries(COUNTRY_NAME_ALIASES)) names.set(toNameKey(name), code);

  tables = { codes, codeAliases, names };
  return tables;
}

/**
 * Validates an ISO 3166-1 alpha-2 code (trimmed, case-insensitive) and returns its current form:
 * "us" → "US", deprecated "UK" → "GB". Returns null for anything that is not a known country code,
 * including non-country CLDR regions such as "EU" and "ZZ".
 */
export function toIsoCountryCode(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const code = raw.trim().toUpperCase();
  if (!ISO2_PATTERN.test(code)) return null;
  const { codes, codeAliases } = getCountryTables();
  if (codes.has(code)) return code;
  return codeAliases.get(code) ?? null;
}

/**
 * Maps an English country name as written in `primarysource.reportercountry` ("UNITED STATES",
 * "KOREA, REPUBLIC OF", "Côte d'Ivoire") to its ISO-2 code. Names come from Intl.DisplayNames
 * (long and short English forms) plus a small alias table of ISO formal names. Returns null for
 * unknown names and for placeholders such as "COUNTRY NOT SPECIFIED".
 */
export function toCountryCodeFromName(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const key = toNameKey(raw);
  if (!key) return null;
  return getCountryTables().names.get(key) ?? null;
}

export type CountrySource =
  | "occurcountry"
  | "primarysourcecountry"
  | "reporter_country_code"
  | "reporter_country_name"
  | "none";

export interface CountryFields {
  occurcountry?: string | undefined;
  primarysourcecountry?: string | undefined;
  reportercountry?: string | undefined;
}

export interface CountryResult {
  country: string | null;
  source: CountrySource;
  /** Number of code fields (`occurcountry`, `primarysourcecountry`) that were present but not a valid code. */
  invalidCodes: number;
  /** True when some country field was present but nothing resolved to a code. */
  unresolved: boolean;
}

function isPresent(raw: string | undefined): raw is string {
  return raw !== undefined && raw.trim() !== "";
}

/**
 * The report's country as ISO-2, first match wins: `occurcountry` (where the event happened), then
 * `primarysourcecountry`, then `primarysource.reportercountry` read as a code or else as a name.
 * Invalid codes are skipped (and counted) rather than trusted.
 */
export function toIsoCountry(fields: CountryFields): CountryResult {
  let invalidCodes = 0;
  const codeFields = [
    [fields.occurcountry, "occurcountry"],
    [fields.primarysourcecountry, "primarysourcecountry"],
  ] as const;
  for (const [raw, source] of codeFields) {
    if (!isPresent(raw)) continue;
    const code = toIsoCountryCode(raw);
    if (code) return { country: code, source, invalidCodes, unresolved: false };
    invalidCodes += 1;
  }
  const reporter = fields.reportercountry;
  if (isPresent(reporter)) {
    const code = toIsoCountryCode(reporter);
    if (code) return { country: code, source: "reporter_country_code", invalidCodes, unresolved: false };
    const fromName = toCountryCodeFromName(reporter);
    if (fromName) return { country: fromName, source: "reporter_country_name", invalidCodes, unresolved: false };
  }
  const anyPresent = invalidCodes > 0 || isPresent(reporter);
  return { country: null, source: "none", invalidCodes, unresolved: anyPresent };
}
