"use client";
import { useQuery } from "@tanstack/react-query";
import type { ProductAnomaliesResponse, ProductForecastResponse } from "@/lib/schemas/analytics-response";
import type { HealthResponse, ReactionsResponse, SummaryResponse, TrendResponse } from "@/lib/schemas/faers-response";
import type { SignalsResponse } from "@/lib/schemas/signals-response";
import { apiFetch, type ApiClientError } from "@/lib/client/api-fetch";

export type DashboardParams = Record<string, string | undefined>;

export const queryKeys = {
  trend: (params: DashboardParams) => ["faers", "trend", params] as const,
  reactions: (params: DashboardParams) => ["faers", "reactions", params] as const,
  summary: (params: DashboardParams) => ["faers", "summary", params] as const,
  forecast: (params: DashboardParams) => ["faers", "forecast", params] as const,
  anomalies: (params: DashboardParams) => ["faers", "anomalies", params] as const,
  signals: (params: DashboardParams) => ["faers", "signals", params] as const,
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

export function useForecastQuery(params: DashboardParams) {
  return useQuery<ProductForecastResponse, ApiClientError>({
    queryKey: queryKeys.forecast(params),
    queryFn: () => apiFetch<ProductForecastResponse>("/api/faers/forecast", params),
    retry,
  });
}

export function useAnomaliesQuery(params: DashboardParams) {
  return useQuery<ProductAnomaliesResponse, ApiClientError>({
    queryKey: queryKeys.anomalies(params),
    queryFn: () => apiFetch<ProductAnomaliesResponse>("/api/faers/anomalies", params),
    retry,
  });
}

export function useSignalsQuery(params: DashboardParams, enabled: boolean) {
  return useQuery<SignalsResponse, ApiClientError>({
    queryKey: queryKeys.signals(params),
    queryFn: () => apiFetch<SignalsResponse>("/api/faers/signals", params),
    retry,
    enabled,
  });
}
