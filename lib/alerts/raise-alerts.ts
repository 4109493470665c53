import "server-only";
import type { AlertRecord, Finding } from "@/lib/schemas/alerts";
import type { ReportRecord } from "@/lib/schemas/reports";
import type { WatchlistRecord } from "@/lib/schemas/watchlists";

// CONTRACT (issue #12), implemented on branch wt-alerts: how scans and report jobs raise alerts.

export type RaiseResult = {
  /** Alerts created by this call (new findings, worsened ones, and ones following a closed alert). */
  raised: AlertRecord[];
  /** Findings already alerted and not worse. */
  unchanged: number;
};

/**
 * For each finding of a scan of `watchlist`: a new alert unless an alert with the same fingerprint
 * exists and the finding is not worse (lib/alerts/finding.ts: isWorsening). A worse finding whose
 * alert is open raises a new alert too; one whose alert is closed raises a new alert that `follows`
 * it. Each raised alert is stored, published to the alert log and audited ("alert.raised").
 */
export async function raiseFindingAlerts(watchlist: WatchlistRecord, findings: readonly Finding[]): Promise<RaiseResult> {
  void watchlist;
  void findings;
  throw new Error("raiseFindingAlerts: implemented on branch wt-alerts");
}

/** A report that finished ("report_ready") or failed for good ("report_failed"): an alert for its owner. */
export async function raiseReportAlert(report: ReportRecord, kind: "report_ready" | "report_failed"): Promise<AlertRecord> {
  void report;
  void kind;
  throw new Error("raiseReportAlert: implemented on branch wt-alerts");
}
