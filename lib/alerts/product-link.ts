import type { AlertRecord } from "@/lib/schemas/alerts";

// Where an alert points (issue #12, provenance): the product it is about, as the alert record holds it,
// and the product page for it (/products/{drug|device|product-code}/{name}, with the filters as the
// analytics API's query parameters). Pure.

export type AlertProduct = AlertRecord["product"];

/** Filter values kept in the link (the page's URL carries them as the API's parameters). */
type FilterValue = string | number | boolean;

/**
 * The alert's product from a product filter object (a watchlist's `product` or a report request's):
 * drug → a drug, device → a device, productCode → a device named by its code (kept in `filters`, so the
 * link goes to the product-code page). `from` and `to` are not product filters and are left out.
 */
export function alertProductOf(filter: unknown): AlertProduct {
  const fields = typeof filter === "object" && filter !== null ? (filter as Record<string, unknown>) : {};
  const { drug, device, productCode, from, to, ...rest } = fields;
  void from;
  void to;
  const filters: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) if (value !== undefined && value !== null) filters[key] = value;
  if (typeof drug === "string") return { type: "drug", name: drug, filters };
  if (typeof device === "string") return { type: "device", name: device, filters };
  if (typeof productCode === "string") return { type: "device", name: productCode, filters: { ...filters, productCode } };
  return { type: "drug", name: "unknown", filters };
}

/** The product page's path for the alert's product, with its filters (and a period, when one applies). */
export function productPagePath(product: AlertProduct, period?: { from?: string; to?: string }): string {
  const { productCode, ...filters } = product.filters;
  const pageType = typeof productCode === "string" ? "product-code" : product.type;
  const query = new URLSearchParams();
  if (period?.from) query.set("from", period.from);
  if (period?.to) query.set("to", period.to);
  for (const key of Object.keys(filters).sort()) {
    const value = filters[key];
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") query.set(key, String(value as FilterValue));
  }
  const search = query.toString();
  return `/products/${pageType}/${encodeURIComponent(product.name)}${search ? `?${search}` : ""}`;
}

/** The reports page, opened on one report. */
export function reportPagePath(reportId: string): string {
  return `/reports?id=${encodeURIComponent(reportId)}`;
}
