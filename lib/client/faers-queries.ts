"use client";
import { useQuery } from "@tanstack/react-query";
import type { HealthResponse, ReactionsResponse, SummaryResponse, TrendResponse } from "@/lib/schemas/faers-response";
import { apiFetch, type ApiClientError } from "@/lib/client/api-fetch";

export type DashboardParams = Record<string, string | undefined>;

export const queryKeys = {
  trend: (params: DashboardParams) => ["faers", "trend", params] as const,
  reactions: (params: DashboardParams) => ["faers", "reactions", params] as const,
  summary: (params: DashboardParams) => ["faers", "summary", params] as const,
  health: () => ["health"] as const,
};

// Client errors (4xx) will not change on retry; upstream trouble might.
const retry = (count: number, error: ApiClientError) => count < 1 && error.status >= 500;

export function useTrendQuery(params: DashboardParams) {
  return useQuery<TrendResponse, ApiClientError>({ queryKey: queryKeys.trend(params), queryFn: () => apiFetch<TrendResponse>("/api/faers/trend", params), retry });
}

export function useReactionsQuery(params: DashboardParams) {
  return useQuery<ReactionsResponse, ApiClientError>({
    queryKey: queryKeys.reactions(params),
    queryFn: () => apiFetch<ReactionsResponse>("/api/faers/reactions", params),
    retry,
  });
}

export function useSummaryQuery(params: DashboardParams) {
  return useQuery<SummaryResponse, ApiClientError>({ queryKey: queryKeys.summary(params), queryFn: () => apiFetch<SummaryResponse>("/api/faers/summary", params), retry });
}

export function useHealthQuery() {
  return useQuery({ queryKey: queryKeys.health(), queryFn: () => apiFetch<HealthResponse>("/api/health"), staleTime: 60_000 });
}
