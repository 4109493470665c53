"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { cancelOrDeleteReportAction, requestReportAction } from "@/lib/actions/reports";
import { unwrapAction } from "@/lib/client/action-call";
import { apiFetch, ApiClientError } from "@/lib/client/api-fetch";
import type { ReportChangesAnswer } from "@/lib/reports/use-cases/read-report-changes";
import type { ReportView, VerifyAnswer } from "@/lib/reports/use-cases/read-reports";
import type { ReportRequestInput } from "@/lib/schemas/reports";

// Reads go to the API; changes are server actions (lib/actions/reports.ts). The list polls every second
// while a report is queued or running, so progress moves without a reload, and stops when all are done.

export type { ReportView, VerifyAnswer, ReportChangesAnswer };
export const reportQueryKeys = { list: () => ["reports", "list"] as const, changes: (id: string) => ["reports", "changes", id] as const };

const isActive = (r: ReportView) => r.status === "queued" || r.status === "running";

export function useReportsQuery() {
  return useQuery<{ data: ReportView[] }, ApiClientError>({
    queryKey: reportQueryKeys.list(),
    queryFn: () => apiFetch<{ data: ReportView[] }>("/api/reports"),
    refetchInterval: (query) => (query.state.data?.data.some(isActive) ? 1000 : false),
    retry: false,
  });
}

export function useReportChangesQuery(id: string | null) {
  return useQuery<ReportChangesAnswer, ApiClientError>({
    queryKey: reportQueryKeys.changes(id ?? ""),
    queryFn: () => apiFetch<ReportChangesAnswer>(`/api/reports/${encodeURIComponent(id ?? "")}/changes`),
    enabled: id !== null,
    retry: false,
  });
}

export function useRequestReportMutation() {
  const queryClient = useQueryClient();
  return useMutation<{ reportId: string; taskId: string }, ApiClientError, ReportRequestInput>({
    mutationFn: (input) => unwrapAction(requestReportAction(input)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: reportQueryKeys.list() }),
  });
}

export function useCancelOrDeleteReportMutation() {
  const queryClient = useQueryClient();
  return useMutation<{ id: string; outcome: "cancelled" | "deleted" }, ApiClientError, string>({
    mutationFn: (id) => unwrapAction(cancelOrDeleteReportAction({ id })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: reportQueryKeys.list() }),
  });
}

/** POST /api/reports/verify with the file's bytes. */
export function useVerifyPdfMutation() {
  return useMutation<VerifyAnswer, ApiClientError, File>({
    mutationFn: async (file) => {
      const response = await fetch("/api/reports/verify", { method: "POST", headers: { "content-type": "application/pdf" }, body: file });
      const body = (await response.json()) as VerifyAnswer | { error: { code: string; message: string } };
      if (!response.ok || "error" in body) {
        const error = "error" in body ? body.error : { code: "internal_error", message: `HTTP ${response.status}` };
        throw new ApiClientError(error.message, error.code, response.status);
      }
      return body;
    },
  });
}
