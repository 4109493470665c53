import "server-only";
import { productQuery } from "@/lib/alerts/product-query";
import { invalidInput } from "@/lib/errors/app-error";
import { getPipelineDeps, getSummary, type Ask, type PipelineDeps } from "@/lib/pipeline";
import { summaryQuerySchema } from "@/lib/schemas/faers-query";

/**
 * A watchlist must name a product the source has reports of (issue #12: unknown products → 400): a
 * misspelt name would otherwise be scanned forever and never alert. Asks the pipeline once, over all
 * time, as the caller (its openFDA budget); a source outage is that error (502/503), not a 400.
 */
export async function assertProductKnown(product: unknown, ask: Ask, deps: PipelineDeps = getPipelineDeps()): Promise<void> {
  const query = productQuery(product);
  const summary = (await getSummary(summaryQuerySchema.parse(query), ask, deps)).body;
  if (summary.total > 0) return;
  const [field, name] = Object.entries(query).find(([k]) => k === "drug" || k === "device" || k === "productCode") ?? ["product", "?"];
  throw invalidInput(`product.${field}: no reports of "${name}" with these filters in ${summary.provenance.source}; check the name (and the filters) before watching it.`, {
    parameter: `product.${field}`,
    reason: "unknown_product",
    source: summary.provenance.source,
  });
}
