import "server-only";
import type { ProductSource } from "@/lib/pipeline/product-source";
import { faersFileCases } from "@/lib/pipeline/faers-files/cases";
import type { FaersFilesDeps } from "@/lib/pipeline/faers-files/deps";
import { faersFileReactions } from "@/lib/pipeline/faers-files/reactions";
import { faersFileSignals } from "@/lib/pipeline/faers-files/signals";
import { faersFileSummary } from "@/lib/pipeline/faers-files/summary";
import { faersFileTrend } from "@/lib/pipeline/faers-files/trend";

/**
 * Imported FAERS quarterly files (offline, drugs only). `load` gives the import (started at boot and
 * shared); the as-of cap reaches these answers as the query's `to`.
 */
export function createFaersFilesSource(load: () => Promise<FaersFilesDeps>): ProductSource {
  return {
    kind: "faers-files",
    trend: async (query) => faersFileTrend(query, await load()),
    reactions: async (query) => faersFileReactions(query, await load()),
    summary: async (query) => faersFileSummary(query, await load()),
    cases: async (query) => faersFileCases(query, await load()),
    signals: async (query) => faersFileSignals(query, await load()),
  };
}
