"use client";
// Browser-safe reads of alerts, without the move action: the header imports only these, so the
// `alerts.move` action is bundled with the alerts page alone.
import { apiFetch } from "@/lib/client/api-fetch";
import type { AlertOutcome, AlertRecord, AlertState } from "@/lib/schemas/alerts";

export type AlertFilters = { state?: AlertState; product?: string; watchlist?: string; since?: string };
export type AlertPage = { alerts: AlertRecord[]; nextCursor: string | null };
export type AlertMoveInput = { id: string; to: AlertState; reason?: string; outcome?: AlertOutcome };

export const alertQueryKeys = {
  all: () => ["alerts"] as const,
  list: (filters: AlertFilters) => ["alerts", "list", filters] as const,
  unread: (since: string | null) => ["alerts", "unread", since] as const,
};

/** The list answer, whichever name the array has. */
export function toAlertPage(body: unknown): AlertPage {
  const value = (body ?? {}) as { alerts?: AlertRecord[]; data?: AlertRecord[]; nextCursor?: string | null };
  const alerts = Array.isArray(body) ? (body as AlertRecord[]) : (value.alerts ?? value.data ?? []);
  return { alerts, nextCursor: value.nextCursor ?? null };
}

export async function fetchAlertPage(filters: AlertFilters, cursor?: string, limit = 50): Promise<AlertPage> {
  return toAlertPage(await apiFetch<unknown>("/api/alerts", { ...filters, cursor, limit: String(limit) }));
}
