"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { formatDateTime } from "@/components/ui/format-date-time";
import { InlineMessage } from "@/components/ui/inline-message";
import { StateMessage } from "@/components/ui/state-message";
import { ReportChanges } from "@/components/reports/report-changes";
import { useCancelOrDeleteReportMutation, useReportsQuery, type ReportView } from "@/lib/client/report-queries";

function ProgressBar({ report }: { report: ReportView }) {
  const progress = report.status === "succeeded" ? 100 : (report.task?.progress ?? 0);
  return (
    <div className="flex items-center gap-2 text-xs text-slate-600">
      <div className="h-2 w-40 overflow-hidden rounded bg-slate-200" role="progressbar" aria-label={`Progress of ${report.id}`} aria-valuenow={progress} aria-valuemin={0} aria-valuemax={100}>
        <div className={`h-full ${report.status === "failed" ? "bg-red-500" : "bg-indigo-600"}`} style={{ width: `${progress}%` }} />
      </div>
      <span data-testid="report-progress">{progress}%</span>
      <span data-testid="report-status">{report.status}</span>
      {report.task?.step && report.status === "running" ? <span>({report.task.step})</span> : null}
    </div>
  );
}

function ReportRow({ report }: { report: ReportView }) {
  const remove = useCancelOrDeleteReportMutation();
  const [showChanges, setShowChanges] = useState(false);
  const active = report.status === "queued" || report.status === "running";
  return (
    <li className="space-y-2 rounded border border-slate-200 bg-white p-3" data-testid="report-row" data-report-id={report.id}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <p className="font-medium">{report.title}</p>
          <p className="text-xs text-slate-500">
            {report.id} · requested {formatDateTime(report.createdAt)} · data as of {report.dataDate}
            {report.pdf ? ` · ${report.pdf.pages} pages, SHA-256 ${report.pdf.sha256.slice(0, 16)}…` : ""}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {report.status === "succeeded" ? (
            <a className="rounded border border-slate-300 px-2 py-1 text-sm text-indigo-700 hover:bg-slate-50" href={`/api/reports/${report.id}/pdf`} download>
              Download PDF
            </a>
          ) : null}
          {report.status === "succeeded" && report.comparedWith ? (
            <Button size="sm" onClick={() => setShowChanges(!showChanges)}>
              {showChanges ? "Hide changes" : "Changes since last report"}
            </Button>
          ) : null}
          <ConfirmAction
            label={active ? "Cancel" : "Delete"}
            question={active ? `Cancel ${report.id}?` : `Delete ${report.id} and its PDF?`}
            confirmLabel={active ? "Yes, cancel" : "Yes, delete"}
            onConfirm={() => remove.mutate(report.id)}
            disabled={remove.isPending}
          />
        </div>
      </div>
      <ProgressBar report={report} />
      {report.status === "failed" && report.error ? <InlineMessage kind="error">{report.error}</InlineMessage> : null}
      {remove.isError ? <InlineMessage kind="error">{remove.error.message}</InlineMessage> : null}
      {showChanges ? <ReportChanges reportId={report.id} /> : null}
    </li>
  );
}

/** Your reports with live progress (the query polls while any is queued or running). */
export function ReportsList() {
  const reports = useReportsQuery();
  if (reports.isPending) return <StateMessage kind="loading">Loading your reports…</StateMessage>;
  if (reports.isError) return <StateMessage kind="error">Could not load reports: {reports.error.message}</StateMessage>;
  if (reports.data.data.length === 0) return <StateMessage kind="empty">No reports yet. Request one above.</StateMessage>;
  return (
    <ul className="space-y-3" data-testid="reports-list">
      {reports.data.data.map((r) => (
        <ReportRow key={r.id} report={r} />
      ))}
    </ul>
  );
}
