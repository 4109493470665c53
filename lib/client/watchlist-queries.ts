"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { createWatchlistAction, deleteWatchlistAction, scanWatchlistAction, updateWatchlistAction } from "@/lib/actions/watchlists";
import { unwrapAction } from "@/lib/client/action-call";
import type { ApiClientError } from "@/lib/client/api-fetch";
import { watchlistQueryKeys } from "@/lib/client/watchlist-reads";
import type { WatchlistView } from "@/lib/alerts/use-cases/watchlists";
import type { watchlistInputSchema } from "@/lib/schemas/watchlists";
import type { z } from "zod";

// Reads go to GET /api/watchlists; create, delete and scan are server actions (lib/actions/watchlists.ts).

export type { WatchlistView };
/** What the form sends: the schema's input (filters as the API's strings). */
export type WatchlistFormInput = z.input<typeof watchlistInputSchema>;

export { toWatchlists, useWatchlistsQuery, watchlistQueryKeys } from "@/lib/client/watchlist-reads";

export function useCreateWatchlistMutation() {
  const queryClient = useQueryClient();
  return useMutation<WatchlistView, ApiClientError, WatchlistFormInput>({
    mutationFn: (input) => unwrapAction(createWatchlistAction(input)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: watchlistQueryKeys.list() }),
  });
}

/** PATCH through the `watchlists.update` action: here the schedule and the share-with-all flag (sharing is replaced whole). */
export type WatchlistPatchInput = { id: string; patch: Partial<Pick<WatchlistFormInput, "schedule" | "sharing" | "name">> };

export function useUpdateWatchlistMutation() {
  const queryClient = useQueryClient();
  return useMutation<WatchlistView, ApiClientError, WatchlistPatchInput>({
    mutationFn: (input) => unwrapAction(updateWatchlistAction(input)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: watchlistQueryKeys.list() }),
  });
}

export function useDeleteWatchlistMutation() {
  const queryClient = useQueryClient();
  return useMutation<unknown, ApiClientError, string>({
    mutationFn: (id) => unwrapAction(deleteWatchlistAction({ id })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: watchlistQueryKeys.list() }),
  });
}

/** How many alerts a scan raised, whatever the action's answer names it. */
export function alertsRaisedBy(result: unknown): number {
  const value = (result ?? {}) as { raised?: unknown[] | number; alertsRaised?: number; lastScan?: { alertsRaised?: number }; watchlist?: { lastScan?: { alertsRaised?: number } } };
  if (Array.isArray(value.raised)) return value.raised.length;
  if (typeof value.raised === "number") return value.raised;
  return value.alertsRaised ?? value.lastScan?.alertsRaised ?? value.watchlist?.lastScan?.alertsRaised ?? 0;
}

export function useScanWatchlistMutation() {
  const queryClient = useQueryClient();
  return useMutation<unknown, ApiClientError, string>({
    mutationFn: (id) => unwrapAction(scanWatchlistAction({ id })),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: watchlistQueryKeys.list() });
      void queryClient.invalidateQueries({ queryKey: ["alerts"] });
    },
  });
}
