"use client";
import { useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { AlertCard, STATE_LABEL } from "@/components/alerts/alert-card";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { StateMessage } from "@/components/ui/state-message";
import { useAlertStream } from "@/lib/client/alert-stream";
import { upsertAlertInLists, useAlertsQuery, type AlertFilters } from "@/lib/client/alert-queries";
import { useWatchlistsQuery } from "@/lib/client/watchlist-reads";
import { ALERT_STATES, type AlertState } from "@/lib/schemas/alerts";

const FILTER_KEYS = ["state", "product", "watchlist", "since"] as const;

function filtersFrom(params: URLSearchParams): AlertFilters {
  const state = params.get("state");
  return {
    ...(state && (ALERT_STATES as readonly string[]).includes(state) ? { state: state as AlertState } : {}),
    ...(params.get("product") ? { product: params.get("product") as string } : {}),
    ...(params.get("watchlist") ? { watchlist: params.get("watchlist") as string } : {}),
    ...(params.get("since") ? { since: params.get("since") as string } : {}),
  };
}

function FiltersForm({ value, onApply }: { value: AlertFilters; onApply: (next: AlertFilters) => void }) {
  const [draft, setDraft] = useState<Record<(typeof FILTER_KEYS)[number], string>>({
    state: value.state ?? "",
    product: value.product ?? "",
    watchlist: value.watchlist ?? "",
    since: value.since ?? "",
  });
  const watchlists = useWatchlistsQuery();
  const set = (patch: Partial<typeof draft>) => setDraft({ ...draft, ...patch });

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: AlertFilters = {};
    if (draft.state) next.state = draft.state as AlertState;
    if (draft.product.trim()) next.product = draft.product.trim();
    if (draft.watchlist) next.watchlist = draft.watchlist;
    if (draft.since) next.since = draft.since;
    onApply(next);
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3" aria-label="Filter alerts">
      <Field label="State" size="sm">
        {(control) => (
          <select {...control} value={draft.state} onChange={(e) => set({ state: e.target.value })} name="state">
            <option value="">Any</option>
            {ALERT_STATES.map((s) => (
              <option key={s} value={s}>
                {STATE_LABEL[s]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Product" size="sm">
        {(control) => <input {...control} value={draft.product} onChange={(e) => set({ product: e.target.value })} name="product" />}
      </Field>
      <Field label="Watchlist" size="sm">
        {(control) => (
          <select {...control} value={draft.watchlist} onChange={(e) => set({ watchlist: e.target.value })} name="watchlist">
            <option value="">Any</option>
            {(watchlists.data ?? []).map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
            {draft.watchlist && !(watchlists.data ?? []).some((w) => w.id === draft.watchlist) ? <option value={draft.watchlist}>{draft.watchlist}</option> : null}
          </select>
        )}
      </Field>
      <Field label="Raised since" size="sm">
        {(control) => <input {...control} type="date" value={draft.since.slice(0, 10)} onChange={(e) => set({ since: e.target.value })} name="since" />}
      </Field>
      <Button type="submit" variant="primary" size="sm">
        Apply
      </Button>
    </form>
  );
}

/** The alerts list: filters in the URL, newest first with "Load more", kept live by the alert feed. */
export function AlertsView({ canAssess, userId }: { canAssess: boolean; userId: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = filtersFrom(new URLSearchParams(params.toString()));
  const filterKey = FILTER_KEYS.map((k) => filters[k] ?? "").join("|");
  const alerts = useAlertsQuery(filters);
  const queryClient = useQueryClient();
  const [fresh, setFresh] = useState<Set<string>>(() => new Set());

  useAlertStream((event) => {
    upsertAlertInLists(queryClient, event.alert);
    if (event.type === "alert.raised") setFresh((prev) => new Set(prev).add(event.alertId));
  });

  function apply(next: AlertFilters) {
    const search = new URLSearchParams();
    for (const key of FILTER_KEYS) if (next[key]) search.set(key, next[key] as string);
    const query = search.toString();
    router.replace(query ? `${pathname}?${query}` : pathname);
  }

  const list = alerts.data?.pages.flatMap((p) => p.alerts) ?? [];
  const unique = list.filter((a, i) => list.findIndex((b) => b.id === a.id) === i);

  return (
    <div className="space-y-3">
      <FiltersForm key={filterKey} value={filters} onApply={apply} />
      {alerts.isPending ? (
        <StateMessage kind="loading">Loading alerts…</StateMessage>
      ) : alerts.isError ? (
        <StateMessage kind="error">Could not load alerts: {alerts.error.message}</StateMessage>
      ) : unique.length === 0 ? (
        <StateMessage kind="empty">No alerts{filterKey.replace(/\|/g, "") ? " match these filters" : " yet"}. Watchlist scans and finished reports raise them.</StateMessage>
      ) : (
        <ul className="space-y-3" data-testid="alerts-list">
          {unique.map((alert) => (
            <AlertCard key={alert.id} alert={alert} canAssess={canAssess} userId={userId} fresh={fresh.has(alert.id)} />
          ))}
        </ul>
      )}
      {alerts.hasNextPage ? (
        <Button onClick={() => void alerts.fetchNextPage()} disabled={alerts.isFetchingNextPage}>
          {alerts.isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      ) : null}
    </div>
  );
}
