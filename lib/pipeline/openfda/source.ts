import "server-only";
import type { ProductSource } from "@/lib/pipeline/product-source";
import { openFdaCases } from "@/lib/pipeline/openfda/cases";
import type { OpenFdaSourceDeps } from "@/lib/pipeline/openfda/deps";
import { openFdaReactions } from "@/lib/pipeline/openfda/reactions";
import { openFdaSignals } from "@/lib/pipeline/openfda/signals";
import { openFdaSummary } from "@/lib/pipeline/openfda/summary";
import { openFdaTrend } from "@/lib/pipeline/openfda/trend";

/** Live openFDA (drug/event and device/event), cache-aside in the shared cache. */
export function createOpenFdaSource(deps: OpenFdaSourceDeps): ProductSource {
  return {
    kind: "openfda",
    trend: (query, ctx) => openFdaTrend(query, ctx, deps),
    reactions: (query, ctx) => openFdaReactions(query, ctx, deps),
    summary: (query, ctx) => openFdaSummary(query, ctx, deps),
    cases: (query, ctx) => openFdaCases(query, ctx, deps),
    signals: (query, ctx) => openFdaSignals(query, ctx, deps),
  };
}
