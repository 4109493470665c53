"use client";
import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { moveAlertAction } from "@/lib/actions/alerts";
import { unwrapAction } from "@/lib/client/action-call";
import { alertQueryKeys, fetchAlertPage, type AlertFilters, type AlertMoveInput, type AlertPage } from "@/lib/client/alert-reads";
import type { ApiClientError } from "@/lib/client/api-fetch";
import type { AlertRecord } from "@/lib/schemas/alerts";

// Reads go to GET /api/alerts (cursor pages, newest first; lib/client/alert-reads.ts); moves are the
// `alerts.move` server action. The live feed (useAlertStream) writes raised and moved alerts straight
// into the cached pages.

export { alertQueryKeys, fetchAlertPage, toAlertPage, type AlertFilters, type AlertMoveInput, type AlertPage } from "@/lib/client/alert-reads";

export function useAlertsQuery(filters: AlertFilters) {
  return useInfiniteQuery<AlertPage, ApiClientError, InfiniteData<AlertPage, string | undefined>, ReturnType<typeof alertQueryKeys.list>, string | undefined>({
    queryKey: alertQueryKeys.list(filters),
    queryFn: ({ pageParam }) => fetchAlertPage(filters, pageParam),
    initialPageParam: undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
    retry: false,
  });
}

/** Whether an alert belongs in a list with these filters (the live feed's check before adding it). */
export function matchesAlertFilters(alert: AlertRecord, filters: AlertFilters): boolean {
  if (filters.state && alert.state !== filters.state) return false;
  if (filters.product && alert.product.name.toLowerCase() !== filters.product.trim().toLowerCase()) return false;
  if (filters.watchlist && alert.watchlistId !== filters.watchlist) return false;
  if (filters.since && alert.createdAt < filters.since) return false;
  return true;
}

type AlertPages = InfiniteData<AlertPage, string | undefined>;

/** Puts a raised or moved alert into every cached list: replaced where it is, else on top where it matches. */
export function upsertAlertInLists(queryClient: ReturnType<typeof useQueryClient>, alert: AlertRecord): void {
  for (const [key, data] of queryClient.getQueriesData<AlertPages>({ queryKey: ["alerts", "list"] })) {
    if (!data) continue;
    const filters = (key[2] ?? {}) as AlertFilters;
    const present = data.pages.some((page) => page.alerts.some((a) => a.id === alert.id));
    let pages: AlertPage[];
    if (present) {
      pages = data.pages.map((page) => ({ ...page, alerts: page.alerts.map((a) => (a.id === alert.id && a.updatedAt <= alert.updatedAt ? alert : a)) }));
    } else if (matchesAlertFilters(alert, filters)) {
      pages = data.pages.map((page, i) => (i === 0 ? { ...page, alerts: [alert, ...page.alerts] } : page));
    } else continue;
    queryClient.setQueryData<AlertPages>(key, { ...data, pages });
  }
}

export function useMoveAlertMutation() {
  const queryClient = useQueryClient();
  return useMutation<unknown, ApiClientError, AlertMoveInput>({
    mutationFn: (input) => unwrapAction(moveAlertAction(input)),
    onSuccess: (result) => {
      const alert = ((result as { alert?: AlertRecord } | null)?.alert ?? result) as AlertRecord | null;
      if (alert && typeof alert === "object" && "id" in alert && "state" in alert) upsertAlertInLists(queryClient, alert);
      else void queryClient.invalidateQueries({ queryKey: ["alerts", "list"] });
    },
  });
}
