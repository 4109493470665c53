import type { AlertEvent, AlertRecord } from "@/lib/schemas/alerts";

let serial = 0;

/** A hand-made alert record: a spike on a watchlist (or a report alert with `watchlistId: null`). */
export function alertRecord(overrides: Partial<AlertRecord> = {}): AlertRecord {
  serial += 1;
  const at = new Date().toISOString();
  return {
    id: `alr_test${String(serial).padStart(6, "0")}`,
    kind: "spike",
    watchlistId: "wl_testlist01",
    owner: "usr_owner",
    reportId: null,
    product: { type: "drug", name: "LETAIRIS", filters: {} },
    links: { product: "/drugs/LETAIRIS", report: null },
    finding: {
      fingerprint: `wl_testlist01:spike:2024-0${(serial % 9) + 1}`,
      kind: "spike",
      subject: "2024-03",
      title: "Reports of LETAIRIS spiked in March 2024",
      summary: "41 reports against an upper bound of 30.2",
      score: 1.36,
      rules: [],
      provenance: {
        source: "openfda",
        queries: ["https://api.fda.gov/drug/event.json?search=patient.drug.medicinalproduct:LETAIRIS"],
        dataDate: "2025-01-01",
        retrievedAt: at,
        method: "ears_c2",
        parameters: {},
        threshold: "count > upperBound 30.2",
      },
    },
    state: "new",
    outcome: null,
    history: [],
    follows: null,
    createdAt: at,
    updatedAt: at,
    eventId: null,
    ...overrides,
  };
}

export function alertEvent(overrides: Partial<AlertRecord> = {}): AlertEvent {
  const alert = alertRecord(overrides);
  return { type: "alert.raised", alertId: alert.id, alert };
}
