// Cleaning of the free-text FAERS `patient.drug[].medicinalproduct` (what the reporter wrote:
// misspellings, strengths, sender-specific codes). Rules only remove decoration around the name;
// they never rewrite the name itself (no spelling correction, no brand → generic mapping).

// Rule: a trailing WHO-Drug record number in slashes, as appended by some senders
// ("CELEXA /00582602/" → "CELEXA"). The closing slash may already be gone.
const WHO_DRUG_CODE = /\s*\/\d{5,8}\/?$/;

// Rule: a trailing placeholder qualifier that says nothing about the product
// ("MIRTAZAPINE (UNKNOWN)" → "MIRTAZAPINE"). Manufacturer qualifiers such as
// "(WATSON LABORATORIES)" are kept.
const UNKNOWN_QUALIFIER = /\s*\((?:UNKNOWN|UNK|UNSPECIFIED|NOT SPECIFIED)\)$/;

// Rule: a trailing dose strength, separated from the name by whitespace: a number, a unit, and an
// optional "per" part ("10 MG", "0.5MG/ML", "100MCG", "5 %", "20 MG/5 ML", "1000 IU").
// A bare number without a unit is kept ("DURAGESIC-100", "BIBW 2992" are names).
const DOSE_UNIT = String.raw`(?:MG|MCG|µG|UG|NG|G|GM|GR|KG|ML|L|IU|UNITS?|MEQ|MMOL|%)`;
const DOSE_PER_UNIT = String.raw`(?:ML|L|G|MG|KG|DOSE|ACTUATION|TABLET|H|HR|HOURS?|24\s*H(?:R|OURS?)?)`;
const DOSE_PER = String.raw`(?:\s*\/\s*(?:\d+(?:[.,]\d+)?\s*)?${DOSE_PER_UNIT})?`;
const TRAILING_DOSE = new RegExp(String.raw`^(.*\S)\s+\d+(?:[.,]\d+)?\s*${DOSE_UNIT}${DOSE_PER}$`, "u");

// Rule: punctuation around the name ("OXYGEN." → "OXYGEN", '"ASPIRIN"' → "ASPIRIN"). Brackets and
// "%" at the end are kept because they can be part of the name.
const LEADING_PUNCTUATION = /^[^\p{L}\p{N}(\[]+/u;
const TRAILING_PUNCTUATION = /[^\p{L}\p{N})\]%]+$/u;

function stripDecorationOnce(text: string): string {
  const withoutCode = text.replace(WHO_DRUG_CODE, "");
  const withoutQualifier = withoutCode.replace(UNKNOWN_QUALIFIER, "");
  const withoutDose = withoutQualifier.replace(TRAILING_DOSE, "$1");
  return withoutDose.replace(LEADING_PUNCTUATION, "").replace(TRAILING_PUNCTUATION, "");
}

/**
 * Cleans a raw `medicinalproduct` for use as a drug name:
 * NFKC (full-width and compatibility characters to their plain form), upper-case, whitespace runs
 * collapsed and trimmed, then — repeated until nothing changes, so "ASPIRIN 81 MG." loses both the
 * dot and the dose — strip a trailing WHO-Drug code, a trailing "(UNKNOWN)", a trailing dose strength
 * and surrounding punctuation. Returns "" when nothing usable is left (the caller drops the drug).
 */
export function normalizeMedicinalProduct(raw: string): string {
  let text = raw.normalize("NFKC").toUpperCase().replace(/\s+/g, " ").trim();
  // Each pass removes at least one character or stops, so the bound only guards against surprises.
  for (let pass = 0; pass < 10; pass += 1) {
    const next = stripDecorationOnce(text).trim();
    if (next === text) break;
    text = next;
  }
  return text;
}
