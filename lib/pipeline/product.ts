import type { ProductFilter } from "@/lib/schemas/faers-query";
import type { ProductRef } from "@/lib/schemas/faers-response";
import { EARLIEST_DATE } from "@/lib/sources/openfda/fields";
import { endpointFor, type ResolvedFilter } from "@/lib/sources/openfda/query-builder";

export function productOf(filter: ProductFilter): ProductRef {
  if (filter.drug !== undefined) return { kind: "drug", name: filter.drug.toUpperCase() };
  if (filter.device !== undefined) return { kind: "device", name: filter.device.toUpperCase() };
  return { kind: "productCode", name: filter.productCode ?? "" };
}

/** Fills the date range: from the endpoint's first data (2004 FAERS, 1991 MAUDE) to today. */
export function resolveFilter(filter: ProductFilter, today: string): ResolvedFilter {
  return { ...filter, from: filter.from ?? EARLIEST_DATE[endpointFor(filter)], to: filter.to ?? today };
}
