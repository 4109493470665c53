import type { ScanResult } from "@/lib/alerts/scan-watchlist";
import type { AlertRecord } from "@/lib/schemas/alerts";
import type { WatchlistRecord } from "@/lib/schemas/watchlists";

// Records as the stores keep them, for tests of the scheduled scan and the digest.

export function watchlistRecord(overrides: Partial<WatchlistRecord> & Pick<WatchlistRecord, "id" | "owner">): WatchlistRecord {
  return {
    name: `Watchlist ${overrides.id}`,
    product: { type: "drug", name: "ACME-PRIL", filters: {} },
    watch: [{ kind: "fatal_report" }],
    schedule: "daily",
    sharing: { userIds: [], allAnalysts: false },
    createdAt: "2026-11-01T00:00:00.000Z",
    updatedAt: "2026-11-01T00:00:00.000Z",
    lastScan: null,
    ...overrides,
  };
}

export function alertRecord(overrides: Partial<AlertRecord> & Pick<AlertRecord, "id" | "owner" | "watchlistId">, title = `Finding of ${overrides.id}`): AlertRecord {
  return {
    kind: "spike",
    reportId: null,
    product: { type: "drug", name: "ACME-PRIL", filters: {} },
    links: { product: "/products/drug/ACME-PRIL", report: null },
    finding: {
      fingerprint: `fp-${overrides.id}`,
      kind: "spike",
      subject: "2026-10",
      title,
      summary: "42 reports in 2026-10 against an upper bound of 30.1",
      score: 1.4,
      rules: [],
      provenance: {
        source: "openfda",
        queries: ["patient.drug.openfda.generic_name:\"ACME-PRIL\""],
        dataDate: "2026-11-28",
        retrievedAt: "2026-12-03T06:00:10.000Z",
        method: "ears_c2",
        parameters: {},
        threshold: "count > upperBound 30.1",
      },
    },
    state: "new",
    outcome: null,
    history: [],
    follows: null,
    createdAt: "2026-12-03T06:00:11.000Z",
    updatedAt: "2026-12-03T06:00:11.000Z",
    eventId: null,
    ...overrides,
  };
}

export function scanResult(watchlist: WatchlistRecord, raised: AlertRecord[] = []): ScanResult {
  return { watchlist, findings: [], raised, unchanged: 0, problems: [] };
}
