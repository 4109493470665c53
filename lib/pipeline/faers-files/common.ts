import "server-only";
import { invalidInput } from "@/lib/errors/app-error";
import type { CachedResult } from "@/lib/cache/cached";
import type { ProductFilter } from "@/lib/schemas/faers-query";
import type { Provenance } from "@/lib/schemas/faers-response";
import { toAnswer, type PipelineAnswer } from "@/lib/pipeline/answer";
import type { FaersFilesDeps } from "@/lib/pipeline/faers-files/deps";
import {
  FAERS_FILE_RULES_VERSION,
  type FaersFileFilter,
  type FaersProductMatch,
  type FaersRoleSelection,
} from "@/lib/sources/faers-files";

// Shared by the FAERS-file versions of the product endpoints: query → source filter, provenance, answer.

export const FAERS_FILES_SOURCE_NAME = "FAERS quarterly ASCII files (offline)";

export const DEVICES_NOT_IN_FAERS =
  "Devices are not in FAERS: this server answers from FAERS quarterly files (FAERS_DATA_DIR), which hold drug reports only. Query drug=<name>, or run without FAERS_DATA_DIR for openFDA device/event.";

/** openFDA's name-match modes on FAERS columns: brand ≈ the reported product name, generic/substance ≈ the active ingredient. */
const MATCH: Record<NonNullable<ProductFilter["match"]>, FaersProductMatch> = {
  any: "any",
  brand: "drugname",
  generic: "prod_ai",
  substance: "prod_ai",
};

const MATCH_TEXT: Record<FaersProductMatch, string> = {
  any: "DRUG.drugname or DRUG.prod_ai",
  drugname: "DRUG.drugname",
  prod_ai: "DRUG.prod_ai",
};

export const ROLE_TEXT: Record<FaersRoleSelection, string> = {
  primary_suspect: "PS (primary suspect)",
  suspect: "PS or SS (suspect)",
  any: "PS, SS, C, I or unknown (any role)",
};

/**
 * The source filter for a product query. Devices and the reaction-outcome filter have no FAERS-file
 * equivalent: 400 invalid_input. Dates are passed only when given, so undated reports still count.
 */
export function toFaersFilter(filter: ProductFilter): FaersFileFilter & { drug: string; match: FaersProductMatch } {
  if (filter.drug === undefined || filter.device !== undefined || filter.productCode !== undefined) throw invalidInput(DEVICES_NOT_IN_FAERS);
  if (filter.outcome !== undefined) {
    throw invalidInput("outcome (reaction outcome) is not in FAERS quarterly files; remove it, or run without FAERS_DATA_DIR to use openFDA.");
  }
  const out: FaersFileFilter & { drug: string; match: FaersProductMatch } = { drug: filter.drug, match: MATCH[filter.match ?? "any"] };
  if (filter.from !== undefined) out.from = filter.from;
  if (filter.to !== undefined) out.to = filter.to;
  if (filter.sex !== undefined) out.sex = filter.sex;
  if (filter.ageBand !== undefined) out.ageBand = filter.ageBand;
  if (filter.serious !== undefined) out.serious = filter.serious;
  if (filter.seriousness !== undefined) out.seriousness = filter.seriousness;
  if (filter.country !== undefined) out.country = filter.country;
  if (filter.reporter !== undefined) out.reporter = filter.reporter;
  return out;
}

/** The date range an answer states: the query's, else the data's first date to the later of its last date and the cutoff. */
export function resolveRange(filter: Pick<ProductFilter, "from" | "to">, deps: FaersFilesDeps): { from: string; to: string } {
  const range = deps.source.describe().dateRange.init_fda_dt;
  const lastData = [range.to, deps.dataCutoff].filter((d): d is string => d !== null).sort().at(-1);
  const to = filter.to ?? lastData ?? deps.importedAt.slice(0, 10);
  const from = filter.from ?? (range.from !== null && range.from <= to ? range.from : to);
  return { from, to };
}

/** A readable statement of what was counted, e.g. `drug "ASPIRIN" (DRUG.drugname or DRUG.prod_ai) in any role; sex = female`. */
export function describeFilter(filter: FaersFileFilter, roles: FaersRoleSelection): string {
  const parts: string[] = [];
  if (filter.drug !== undefined) {
    parts.push(`drug "${filter.drug.toUpperCase()}" (${MATCH_TEXT[filter.match ?? "any"]}) in role ${ROLE_TEXT[roles]}`);
  }
  if (filter.from !== undefined || filter.to !== undefined) parts.push(`init_fda_dt ${filter.from ?? "…"} to ${filter.to ?? "…"}`);
  if (filter.sex !== undefined) parts.push(`sex = ${filter.sex}`);
  if (filter.ageBand !== undefined) parts.push(`age band = ${filter.ageBand}`);
  if (filter.serious !== undefined) parts.push(filter.serious ? "serious (any OUTC code)" : "not serious (no OUTC code)");
  if (filter.seriousness !== undefined) parts.push(`seriousness = ${filter.seriousness}`);
  if (filter.country !== undefined) parts.push(`country = ${filter.country}`);
  if (filter.reporter !== undefined) parts.push(`reporter = ${filter.reporter}`);
  return parts.length > 0 ? parts.join("; ") : "all reports";
}

/** Provenance of an answer from the files (the cache status is added by toAnswer). */
export function buildFaersFilesProvenance(
  deps: FaersFilesDeps,
  search: string,
  roles: FaersRoleSelection,
  sourceNotes: string[],
  extraRules: string[] = [],
): Omit<Provenance, "cache"> {
  return {
    source: FAERS_FILES_SOURCE_NAME,
    endpoint: "drug/event",
    queries: deps.files,
    search,
    lastUpdated: deps.dataCutoff,
    retrievedAt: deps.importedAt,
    normalizationRulesVersion: FAERS_FILE_RULES_VERSION,
    rules: [
      ...new Set([
        ...sourceNotes,
        `A drug matches the cleaned (upper-case, dose and WHO-Drug code removed) DRUG.drugname or DRUG.prod_ai exactly; the drug must appear in role ${ROLE_TEXT[roles]}.`,
        ...extraRules,
      ]),
    ],
  };
}

/** A response before toAnswer adds the cache status to its provenance. */
export type Uncached<T extends { provenance: Provenance }> = Omit<T, "provenance"> & { provenance: Omit<Provenance, "cache"> };

/**
 * A computed answer as a PipelineAnswer (status MISS: answers from the in-memory files are computed per
 * request, not read from the shared cache). `value` must end with its `provenance`.
 */
export function toFaersFilesAnswer<T extends { provenance: Provenance }>(value: Uncached<T>): PipelineAnswer<T> {
  const raw = JSON.stringify(value);
  const cached: CachedResult<unknown> = { raw, status: "MISS", storedAt: Date.now(), value };
  return toAnswer<T>(cached);
}
