// The report job raises its alerts: "report_ready" from the notify step, once however often the step
// runs again (a replay after a crash between its effect and its saved result), and "report_failed" from
// onFailure. The heavy steps are skipped: their saved results are handed back as a replay would.
import { describe, expect, test } from "vitest";
import { getAlertStore } from "@/lib/alerts/alert-store";
import { getEnv } from "@/lib/env";
import { generateReportJob } from "@/lib/jobs/definitions/generate-report";
import type { JobContext, StepResult } from "@/lib/jobs/types";
import { getReportStore } from "@/lib/reports/report-store";
import type { ReportRequestedEvent } from "@/lib/schemas/reports";
import { alertBackendPerTest, loggedEvents, reportFixture, type Backend } from "@/tests/support/alert-fixtures";

const SAVED: Record<string, StepResult> = {
  collect: { snapshotSha256: "a".repeat(64) },
  render: { sha256: "b".repeat(64), pages: 31, bytes: 2000 },
  store: true,
};

/** A replay: steps with a saved result return it; the others (notify) run. */
const replayingStep: JobContext<ReportRequestedEvent>["step"] = async <T extends StepResult>(id: string, _options: { progress: number }, run: () => Promise<T>) =>
  (id in SAVED ? (SAVED[id] as T) : run());

describe.each<Backend>(["memory", "redis"])("report job alerts (%s)", (backend) => {
  const env = alertBackendPerTest(backend);

  test("a replayed notify step raises the report_ready alert once", async () => {
    const report = reportFixture();
    await getReportStore(getEnv().REPORT_RETENTION_DAYS).create(report);
    const data = { reportId: report.id, taskId: report.taskId, owner: report.owner };
    for (let run = 0; run < 3; run++) await generateReportJob.run({ data, taskId: report.taskId, attempt: run + 1, step: replayingStep });
    const alerts = await getAlertStore().idsAt(0, 100);
    expect(alerts).toHaveLength(1);
    const alert = await getAlertStore().get(alerts[0]!);
    expect(alert).toMatchObject({ kind: "report_ready", reportId: report.id, owner: report.owner, links: { report: `/reports?id=${report.id}` } });
    expect((await loggedEvents(env.log())).map((e) => e.type)).toEqual(["alert.raised"]);
    expect((await env.auditLog()).filter((e) => e.action === "report.completed")).toHaveLength(3);
  });

  test("a run that fails for good raises report_failed for the owner, once", async () => {
    const report = reportFixture({ status: "running", pdf: null });
    await getReportStore(getEnv().REPORT_RETENTION_DAYS).create(report);
    const data = { reportId: report.id, taskId: report.taskId, owner: report.owner };
    await generateReportJob.onFailure?.(data, "openFDA answered 503 three times");
    await generateReportJob.onFailure?.(data, "openFDA answered 503 three times");
    const ids = await getAlertStore().idsAt(0, 100);
    expect(ids).toHaveLength(1);
    const alert = await getAlertStore().get(ids[0]!);
    expect(alert).toMatchObject({ kind: "report_failed", reportId: report.id, owner: report.owner });
    expect(alert?.finding.summary).toContain("openFDA answered 503");
  });
});
