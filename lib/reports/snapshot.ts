import type { ProductAnomaliesResponse, ProductForecastResponse } from "@/lib/schemas/analytics-response";
import type { CasesResponse, ReactionsResponse, SummaryResponse, TrendResponse } from "@/lib/schemas/faers-response";
import type { SignalsResponse } from "@/lib/schemas/signals-response";

// The one data snapshot a CER prints: every number in the PDF comes from here. It is made of the
// pipeline's own answers (the same bodies the JSON API returns for the same query), so a reviewer can
// re-check any figure against the API. Stored with the report as canonical JSON (sorted keys), and its
// SHA-256 is printed in the appendix. Pure data: no functions, dates as ISO strings.

export const SNAPSHOT_VERSION = 1;

export type ReportChanges = {
  /** The report compared with, and the window both cover. */
  previous: { reportId: string; title: string; from: string; to: string; dataDate: string };
  overlap: { from: string; to: string } | null;
  /** Reports in the overlapping window, then and now (late-arriving and removed reports). */
  reportsInOverlap: { before: number; now: number; difference: number } | null;
  termsEntered: Array<{ term: string; count: number }>;
  termsLeft: Array<{ term: string; count: number }>;
  /** Per signal rule (evans, ror025, ic025, eb05): terms whose flag turned on or off. */
  signalsOpened: Array<{ rule: string; term: string }>;
  signalsClosed: Array<{ rule: string; term: string }>;
  trend: { totalBefore: number; totalNow: number; lastPeriodBefore: string | null; lastPeriodNow: string | null };
  forecast: { modelBefore: string | null; modelNow: string | null; nextMeanBefore: number | null; nextMeanNow: number | null };
  spikes: { alarmsBefore: number; alarmsNow: number; newAlarmPeriods: string[] };
};

export type ReportSnapshot = {
  version: typeof SNAPSHOT_VERSION;
  report: {
    id: string;
    title: string;
    /** The product as asked (drug/device/productCode and filters) and as the pipeline named it. */
    product: { kind: "drug" | "device" | "productCode"; name: string; filters: Record<string, string | boolean> };
    from: string;
    to: string;
    /** The date the data were read as of (also the PDF's fixed document date, so re-renders match). */
    dataDate: string;
    createdAt: string;
    requestedBy: string;
    evaluator: { name: string; qualifications: string | null; signedOn: string | null } | null;
    intendedPurpose: string | null;
    conclusions: string | null;
    nextReviewDate: string | null;
    sections: string[];
  };
  /** The pipeline's answers, as the API returns them. */
  trend: TrendResponse;
  forecast: ProductForecastResponse | null;
  spikes: ProductAnomaliesResponse;
  reactions: ReactionsResponse;
  summary: SummaryResponse;
  /** Drugs only (openFDA disproportionality is per drug). */
  signals: SignalsResponse | null;
  /** Fatal and serious cases, at most `cap`; `total` is how many exist. */
  lineListing: { cases: CasesResponse["data"]; total: number; cap: number; capped: boolean; provenance: CasesResponse["provenance"] };
  changes: ReportChanges | null;
  /** Notes the collector made (a question that failed, a section left out) — printed in the report. */
  notes: string[];
};
