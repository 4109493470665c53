import "server-only";
import type { UserPrincipal } from "@/lib/auth/principal";
import { getEnv } from "@/lib/env";
import { assertCanSee } from "@/lib/reports/report-access";
import { getReportStore } from "@/lib/reports/report-store";
import type { ReportChanges, ReportSnapshot } from "@/lib/reports/snapshot";

export type ReportChangesAnswer = { reportId: string; comparedWith: string | null; changes: ReportChanges | null; message?: string };

/** The "what changed since the last report" section as data: null with a reason when there is nothing to compare. */
export async function getReportChanges(principal: UserPrincipal, id: string): Promise<ReportChangesAnswer> {
  const store = getReportStore(getEnv().REPORT_RETENTION_DAYS);
  const record = assertCanSee(principal, await store.get(id), "report", id);
  if (!record.comparedWith) return { reportId: id, comparedWith: null, changes: null, message: "There was no earlier report of this product to compare with." };
  const json = await store.getSnapshot(id);
  if (json === null) return { reportId: id, comparedWith: record.comparedWith, changes: null, message: "The report is not built yet; try again when it has finished." };
  return { reportId: id, comparedWith: record.comparedWith, changes: (JSON.parse(json) as ReportSnapshot).changes };
}
