import "server-only";
import { publishAlertEvent } from "@/lib/alerts/alert-log";
import { getAlertStore } from "@/lib/alerts/alert-store";
import { isWorsening } from "@/lib/alerts/finding";
import { alertProductOf, productPagePath, reportPagePath } from "@/lib/alerts/product-link";
import { recordAudit } from "@/lib/audit/record-audit";
import { newId } from "@/lib/auth/ids";
import { appMetrics, safely } from "@/lib/observability/metrics";
import { findingSchema, type AlertRecord, type Finding } from "@/lib/schemas/alerts";
import type { ReportRecord } from "@/lib/schemas/reports";
import type { WatchlistRecord } from "@/lib/schemas/watchlists";

// CONTRACT (issue #12), implemented on branch wt-alerts: how scans and report jobs raise alerts.
//
// Dedupe: per fingerprint the store keeps the id of the latest alert raised for it. A finding is
// compared with that alert's finding (isWorsening); when it is new or worse, a record is written under a
// fresh id and then claimed as the fingerprint's latest with compare-and-set from the id that was read.
// Two scans at once read the same latest; one claim wins, the loser deletes its unindexed record and
// looks again, now finding the winner's alert, which its finding does not worsen: raised once.
// Only a claimed record is indexed, published and audited.
//
// `follows`: a new alert for a fingerprint that had one follows that previous alert, whatever its state
// (closed — the case GVP IX needs, since a closed alert is final — but also one still open or dismissed,
// so the chain of a worsening finding can be walked back). The previous alert is left as it is.

export type RaiseResult = {
  /** Alerts created by this call (new findings, worsened ones, and ones following a closed alert). */
  raised: AlertRecord[];
  /** Findings already alerted and not worse. */
  unchanged: number;
};

/** What an alert is about besides its finding. */
type AlertSubject = Pick<AlertRecord, "kind" | "watchlistId" | "owner" | "reportId" | "product" | "links">;

/** Lost claims before giving up: each loss means another writer raised this fingerprint meanwhile. */
const MAX_CLAIM_TRIES = 20;

async function raiseOne(subject: AlertSubject, finding: Finding): Promise<{ raised: true; alert: AlertRecord } | { raised: false; alert: AlertRecord }> {
  const alerts = getAlertStore();
  for (let tries = 0; tries < MAX_CLAIM_TRIES; tries++) {
    const latestId = await alerts.latestForFingerprint(finding.fingerprint);
    const previous = latestId === null ? null : await alerts.get(latestId);
    if (previous !== null && !isWorsening(previous.finding, finding)) return { raised: false, alert: previous };
    const at = new Date().toISOString();
    const record: AlertRecord = {
      id: `alr_${newId()}`,
      ...subject,
      finding,
      state: "new",
      outcome: null,
      history: [],
      follows: previous?.id ?? null,
      createdAt: at,
      updatedAt: at,
      eventId: null,
    };
    if (!(await alerts.put(record))) continue;
    if (!(await alerts.claimFingerprint(finding.fingerprint, latestId, record.id))) {
      await alerts.discard(record.id);
      continue;
    }
    await alerts.index(record);
    const eventId = await publishAlertEvent({ type: "alert.raised", alertId: record.id, alert: record });
    const stored = (await alerts.update(record.id, (r) => ({ ...r, eventId }))) ?? { ...record, eventId };
    await recordAudit({
      action: "alert.raised",
      outcome: "success",
      actor: { userId: record.owner, via: "system" },
      source: {},
      target: { type: "alert", id: record.id, label: finding.title.slice(0, 200) },
      details: {
        kind: record.kind,
        fingerprint: finding.fingerprint.slice(0, 500),
        score: finding.score,
        watchlistId: record.watchlistId,
        reportId: record.reportId,
        follows: record.follows,
        eventId,
      },
    });
    safely(() => appMetrics().alertsRaised.inc({ kind: record.kind }));
    return { raised: true, alert: stored };
  }
  throw new Error(`alert fingerprint ${finding.fingerprint}: too many concurrent raises`);
}

/**
 * For each finding of a scan of `watchlist`: a new alert unless an alert with the same fingerprint
 * exists and the finding is not worse (lib/alerts/finding.ts: isWorsening). A worse finding whose
 * alert is open raises a new alert too; one whose alert is closed raises a new alert that `follows`
 * it. Each raised alert is stored, published to the alert log and audited ("alert.raised").
 * Findings are taken one after another, so a fingerprint twice in one scan is raised once.
 */
export async function raiseFindingAlerts(watchlist: WatchlistRecord, findings: readonly Finding[]): Promise<RaiseResult> {
  const product = alertProductOf(watchlist.product);
  const result: RaiseResult = { raised: [], unchanged: 0 };
  for (const input of findings) {
    const finding = findingSchema.parse(input);
    const outcome = await raiseOne(
      { kind: finding.kind, watchlistId: watchlist.id, owner: watchlist.owner, reportId: null, product, links: { product: productPagePath(product), report: null } },
      finding,
    );
    if (outcome.raised) result.raised.push(outcome.alert);
    else result.unchanged += 1;
  }
  return result;
}

function reportFinding(report: ReportRecord, kind: "report_ready" | "report_failed"): Finding {
  const ready = kind === "report_ready";
  return {
    fingerprint: `report:${report.id}:${ready ? "ready" : "failed"}`,
    kind,
    subject: report.id,
    title: ready ? `Report ready: ${report.title}` : `Report failed: ${report.title}`,
    summary: ready
      ? `The clinical evaluation report "${report.title}" is ready${report.pdf ? ` (${report.pdf.pages} pages)` : ""}.`
      : `The clinical evaluation report "${report.title}" could not be generated${report.error ? `: ${report.error.slice(0, 500)}` : "."}`,
    score: 1,
    rules: [],
    provenance: {
      source: "cer-report",
      queries: [],
      dataDate: report.dataDate,
      retrievedAt: new Date().toISOString(),
      method: ready ? "report generated" : "report failed",
      parameters: { reportId: report.id, snapshotSha256: report.snapshot?.sha256 ?? null, pdfSha256: report.pdf?.sha256 ?? null },
      threshold: ready ? "the report job finished" : "the report job failed for good (retries spent)",
    },
  };
}

/**
 * A report that finished ("report_ready") or failed for good ("report_failed"): an alert for its owner.
 * Idempotent: the fingerprint is "report:<id>:ready" (or ":failed"), so a replayed job step returns the
 * alert raised the first time instead of raising another.
 */
export async function raiseReportAlert(report: ReportRecord, kind: "report_ready" | "report_failed"): Promise<AlertRecord> {
  const request = typeof report.request === "object" && report.request !== null ? (report.request as { product?: unknown; from?: unknown; to?: unknown }) : {};
  const product = alertProductOf(request.product);
  const period = { from: typeof request.from === "string" ? request.from : undefined, to: typeof request.to === "string" ? request.to : undefined };
  const { alert } = await raiseOne(
    { kind, watchlistId: null, owner: report.owner, reportId: report.id, product, links: { product: productPagePath(product, period), report: reportPagePath(report.id) } },
    reportFinding(report, kind),
  );
  return alert;
}
