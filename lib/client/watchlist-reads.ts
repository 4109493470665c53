"use client";
// Browser-safe reads of watchlists, without the actions: the alerts page's filter imports only these,
// so the watchlist actions are bundled with the watchlists page alone.
import { useQuery } from "@tanstack/react-query";
import type { WatchlistView } from "@/lib/alerts/use-cases/watchlists";
import { apiFetch, type ApiClientError } from "@/lib/client/api-fetch";

export type { WatchlistView };

export const watchlistQueryKeys = { list: () => ["watchlists", "list"] as const };

export function toWatchlists(body: unknown): WatchlistView[] {
  if (Array.isArray(body)) return body as WatchlistView[];
  const value = (body ?? {}) as { watchlists?: WatchlistView[]; data?: WatchlistView[] };
  return value.watchlists ?? value.data ?? [];
}

export function useWatchlistsQuery() {
  return useQuery<WatchlistView[], ApiClientError>({
    queryKey: watchlistQueryKeys.list(),
    queryFn: async () => toWatchlists(await apiFetch<unknown>("/api/watchlists")),
    retry: false,
  });
}
