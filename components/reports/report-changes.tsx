"use client";
import { StateMessage } from "@/components/ui/state-message";
import { useReportChangesQuery } from "@/lib/client/report-queries";

const list = (items: string[]) => (items.length === 0 ? "none" : items.join(", "));

/** GET /api/reports/{id}/changes, in words. */
export function ReportChanges({ reportId }: { reportId: string }) {
  const query = useReportChangesQuery(reportId);
  if (query.isPending) return <StateMessage kind="loading">Loading the changes…</StateMessage>;
  if (query.isError) return <StateMessage kind="error">Could not load the changes: {query.error.message}</StateMessage>;
  const { changes, message } = query.data;
  if (!changes) return <StateMessage kind="empty">{message ?? "Nothing to compare."}</StateMessage>;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="report-changes">
      <dt className="text-slate-500">Compared with</dt>
      <dd>
        {changes.previous.reportId} ({changes.previous.from} to {changes.previous.to}, data as of {changes.previous.dataDate})
      </dd>
      <dt className="text-slate-500">Reports in the overlap</dt>
      <dd>{changes.reportsInOverlap ? `${changes.reportsInOverlap.before} then, ${changes.reportsInOverlap.now} now (${changes.reportsInOverlap.difference >= 0 ? "+" : ""}${changes.reportsInOverlap.difference})` : "the periods do not overlap"}</dd>
      <dt className="text-slate-500">Terms entered the top list</dt>
      <dd>{list(changes.termsEntered.map((t) => `${t.term} (${t.count})`))}</dd>
      <dt className="text-slate-500">Terms left it</dt>
      <dd>{list(changes.termsLeft.map((t) => `${t.term} (${t.count})`))}</dd>
      <dt className="text-slate-500">Signals opened</dt>
      <dd>{list(changes.signalsOpened.map((s) => `${s.term} (${s.rule})`))}</dd>
      <dt className="text-slate-500">Signals closed</dt>
      <dd>{list(changes.signalsClosed.map((s) => `${s.term} (${s.rule})`))}</dd>
      <dt className="text-slate-500">Trend</dt>
      <dd>
        {changes.trend.totalBefore} → {changes.trend.totalNow} reports
      </dd>
      <dt className="text-slate-500">Spikes</dt>
      <dd>
        {changes.spikes.alarmsBefore} → {changes.spikes.alarmsNow} alarms; new: {list(changes.spikes.newAlarmPeriods)}
      </dd>
    </dl>
  );
}
