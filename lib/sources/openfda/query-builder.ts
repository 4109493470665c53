import { AGE_BANDS, AGE_UNIT_PER_YEAR, type AgeBandId } from "@/lib/analytics/age-bands";
import type { ProductFilter } from "@/lib/schemas/faers-query";
import {
  DATE_FIELD,
  DEVICE_EVENT_TYPES,
  DEVICE_FIELDS,
  DEVICE_NAME_FIELDS,
  DEVICE_PRODUCT_CODE_FIELD,
  DRUG_FIELDS,
  DRUG_NAME_FIELDS,
  OUTCOME_CODES,
  REPORTER_CODES,
  SERIOUSNESS_FIELDS,
  SEX_CODES,
  type OpenFdaEndpoint,
} from "@/lib/sources/openfda/fields";
import { nameCasings } from "@/lib/sources/openfda/name-casings";
import { isSearchValue, quotedClause, toSearchValue } from "@/lib/sources/openfda/search-value";

/** A product filter whose date range is resolved (the pipeline fills the defaults). */
export type ResolvedFilter = ProductFilter & { from: string; to: string };

export function endpointFor(filter: ProductFilter): OpenFdaEndpoint {
  return filter.drug !== undefined ? "drug/event" : "device/event";
}

function anyOf(clauses: string[]): string {
  return clauses.length === 1 ? (clauses[0] ?? "") : `(${clauses.join(" OR ")})`;
}

const toCompactDate = (iso: string) => iso.replaceAll("-", "");

/** Trims float noise so ranges read cleanly in provenance (e.g. 18*52.1775 → 939.195). */
function formatBound(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}

/**
 * Age band clause. openFDA stores the age number and its unit separately, so a band in years becomes one
 * range per unit, each tied to its unit code: `[lo TO hi}` is inclusive below and exclusive above.
 */
export function ageBandClause(bandId: AgeBandId): string {
  const band = AGE_BANDS.find((b) => b.id === bandId);
  if (!band) throw new Error(`unknown age band ${bandId}`);
  const perUnit = Object.entries(AGE_UNIT_PER_YEAR).map(
    ([unit, perYear]) =>
      `(${DRUG_FIELDS.age}:[${formatBound(band.minYears * perYear)} TO ${formatBound(band.maxYears * perYear)}} AND ${quotedClause(DRUG_FIELDS.ageUnit, unit)})`,
  );
  return `(${perUnit.join(" OR ")})`;
}

/**
 * One quoted clause per name field and casing (`.exact` is case-sensitive; see nameCasings). The typed
 * name is checked by toSearchValue; a casing that would no longer pass that check (a case change can
 * lengthen a name or add a combining mark, e.g. "ß" → "SS", "ΐ") is left out, never sent.
 */
function nameClause(fields: readonly string[], raw: string, parameter: string): string {
  const casings = nameCasings(toSearchValue(raw, parameter)).filter(isSearchValue);
  return anyOf(fields.flatMap((field) => casings.map((casing) => quotedClause(field, casing))));
}

function productClause(filter: ProductFilter): string {
  if (filter.drug !== undefined) return nameClause(DRUG_NAME_FIELDS[filter.match ?? "any"], filter.drug, "drug");
  if (filter.device !== undefined) return nameClause(DEVICE_NAME_FIELDS, filter.device, "device");
  if (filter.productCode !== undefined) {
    return quotedClause(DEVICE_PRODUCT_CODE_FIELD, toSearchValue(filter.productCode, "productCode").toUpperCase());
  }
  throw new Error("a product filter needs drug, device or productCode");
}

/**
 * The openFDA `search` expression for a filter: clauses joined by ` AND ` (URLSearchParams turns the
 * spaces into `+`; a literal `+` would be sent as %2B and break openFDA). Field names come only from
 * the fixed lists in fields.ts; every user value is checked and quoted by toSearchValue/quotedClause.
 */
export function buildSearch(filter: ResolvedFilter, extraClauses: string[] = []): string {
  return [productClause(filter), ...filterClauses(filter), ...extraClauses].join(" AND ");
}

/**
 * The same search without the product: every report matching the date range and filters. This is the
 * background a disproportionality table compares the product against.
 */
export function buildBackgroundSearch(filter: ResolvedFilter, extraClauses: string[] = []): string {
  return [...filterClauses(filter), ...extraClauses].join(" AND ");
}

function filterClauses(filter: ResolvedFilter): string[] {
  const endpoint = endpointFor(filter);
  const clauses = [`${DATE_FIELD[endpoint]}:[${toCompactDate(filter.from)} TO ${toCompactDate(filter.to)}]`];
  if (filter.sex === "unknown") {
    // "Unknown" covers the explicit code 0 and reports that leave the field out.
    clauses.push(`(${quotedClause(DRUG_FIELDS.sex, SEX_CODES.unknown)} OR _missing_:${DRUG_FIELDS.sex})`);
  } else if (filter.sex) {
    clauses.push(quotedClause(DRUG_FIELDS.sex, SEX_CODES[filter.sex]));
  }
  if (filter.ageBand) clauses.push(ageBandClause(filter.ageBand));
  if (filter.serious !== undefined) clauses.push(quotedClause(DRUG_FIELDS.serious, filter.serious ? "1" : "2"));
  if (filter.seriousness) clauses.push(quotedClause(SERIOUSNESS_FIELDS[filter.seriousness], "1"));
  if (filter.outcome) clauses.push(quotedClause(DRUG_FIELDS.outcome, OUTCOME_CODES[filter.outcome]));
  if (filter.country) clauses.push(quotedClause(DRUG_FIELDS.country, toSearchValue(filter.country, "country")));
  if (filter.reporter) clauses.push(quotedClause(DRUG_FIELDS.reporter, REPORTER_CODES[filter.reporter]));
  if (filter.eventType) clauses.push(quotedClause(DEVICE_FIELDS.eventType, DEVICE_EVENT_TYPES[filter.eventType]));
  return clauses;
}
