"use server";
// Server actions of the reports page: request a CER, cancel or delete one. Same use cases as
// POST /api/reports and DELETE /api/reports/{id}.
import { defineAction } from "@/lib/actions/action-client";
import { requestReport } from "@/lib/reports/use-cases/request-report";
import { cancelOrDeleteReport } from "@/lib/reports/use-cases/remove-report";
import { byIdActionSchema } from "@/lib/schemas/accounts";
import { reportRequestSchema } from "@/lib/schemas/reports";

export const requestReportAction = defineAction(
  { actionName: "reports.request", permission: "reports:create", input: reportRequestSchema },
  async ({ input, actor }) => {
    const { reportId, taskId } = await requestReport(actor, input);
    return { reportId, taskId };
  },
);

export const cancelOrDeleteReportAction = defineAction(
  { actionName: "reports.cancelOrDelete", permission: "reports:create", input: byIdActionSchema },
  ({ input, actor }) => cancelOrDeleteReport(actor, input.id),
);
