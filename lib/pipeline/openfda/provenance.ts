import { NORMALIZATION_RULES_VERSION } from "@/lib/analytics/normalize";
import type { Provenance } from "@/lib/schemas/faers-response";
import type { OpenFdaEndpoint } from "@/lib/sources/openfda/fields";
import { NAME_CASING_RULE } from "@/lib/sources/openfda/name-casings";
import type { UpstreamCall } from "@/lib/sources/openfda/readers";

const SOURCE_NAME: Record<OpenFdaEndpoint, string> = {
  "drug/event": "openFDA drug/event (FDA Adverse Event Reporting System, FAERS)",
  "device/event": "openFDA device/event (Manufacturer and User Facility Device Experience, MAUDE)",
};

export const COMMON_RULES: Record<OpenFdaEndpoint, string[]> = {
  "drug/event": [
    "Counts are distinct reports (safety report ids), not drug or reaction rows; openFDA serves only the latest version of each report.",
    "Dates are receivedate: when FDA first received the report, not when the event happened.",
    `A drug name matches the openFDA-harmonized generic, brand or substance name, or the reported product name, ${NAME_CASING_RULE}; reports naming the drug in any role (suspect, concomitant or interacting) count.`,
  ],
  "device/event": [
    "Counts are distinct MDR reports (mdr_report_key).",
    "Dates are date_received: when FDA received the report, not when the event happened.",
    `A device name matches the reported generic or brand name or the openFDA device name ${NAME_CASING_RULE}; a product code matches device_report_product_code.`,
  ],
};

/** The upstream part of provenance, stored with the cached value. */
export type UpstreamProvenance = Omit<Provenance, "cache">;

export function buildUpstreamProvenance(
  endpoint: OpenFdaEndpoint,
  search: string,
  calls: UpstreamCall[],
  extraRules: string[] = [],
): UpstreamProvenance {
  const lastUpdated = calls.map((c) => c.lastUpdated).find((v): v is string => v !== null) ?? null;
  const retrievedAt = calls.map((c) => c.retrievedAt).sort().at(-1) ?? new Date(0).toISOString();
  return {
    source: SOURCE_NAME[endpoint],
    endpoint,
    queries: calls.map((c) => c.url),
    search,
    lastUpdated,
    retrievedAt,
    normalizationRulesVersion: NORMALIZATION_RULES_VERSION,
    rules: [...COMMON_RULES[endpoint], ...extraRules],
  };
}
