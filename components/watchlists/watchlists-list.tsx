"use client";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { formatDateTime } from "@/components/ui/format-date-time";
import { InlineMessage } from "@/components/ui/inline-message";
import { StateMessage } from "@/components/ui/state-message";
import { splitFieldErrors } from "@/lib/client/field-errors";
import { Field } from "@/components/ui/field";
import {
  alertsRaisedBy,
  useDeleteWatchlistMutation,
  useScanWatchlistMutation,
  useUpdateWatchlistMutation,
  useWatchlistsQuery,
  type WatchlistView,
} from "@/lib/client/watchlist-queries";

type Product = Record<string, unknown>;

function describeProduct(product: unknown): string {
  const p = (product ?? {}) as Product;
  const name = p.drug ? `drug ${String(p.drug)}` : p.device ? `device ${String(p.device)}` : p.productCode ? `product code ${String(p.productCode)}` : "?";
  const filters = Object.entries(p)
    .filter(([k]) => !["drug", "device", "productCode"].includes(k))
    .map(([k, v]) => `${k}=${String(v)}`);
  return filters.length > 0 ? `${name} (${filters.join(", ")})` : name;
}

function describeRule(rule: unknown): string {
  const r = (rule ?? {}) as Record<string, unknown>;
  switch (r.kind) {
    case "spike":
      return `spike (${String(r.method)}${r.params && Object.keys(r.params).length > 0 ? ` ${JSON.stringify(r.params)}` : ""})`;
    case "signal":
      return `signal ${String(r.rule)}, ≥ ${String(r.minCount)} cases`;
    case "forecast_exceedance":
      return `above the forecast's ${String(r.level)}% upper bound`;
    case "fatal_report":
      return "new fatal report";
    default:
      return JSON.stringify(rule);
  }
}

function describeSharing(w: WatchlistView): string {
  const named = w.sharing.users.map((u) => u.email ?? u.id).join(", ");
  const parts = [named, w.sharing.allAnalysts ? "all analysts" : ""].filter(Boolean);
  return parts.length > 0 ? parts.join(" and ") : "not shared";
}

function productHref(product: unknown): string | null {
  const p = (product ?? {}) as Product;
  if (typeof p.drug === "string") return `/products/drug/${encodeURIComponent(p.drug)}`;
  if (typeof p.device === "string") return `/products/device/${encodeURIComponent(p.device)}`;
  if (typeof p.productCode === "string") return `/products/product-code/${encodeURIComponent(p.productCode)}`;
  return null;
}

/** Schedule and sharing, changed in place (the named users stay; sharing is sent whole). */
function WatchlistSettings({ watchlist, onDone }: { watchlist: WatchlistView; onDone: () => void }) {
  const update = useUpdateWatchlistMutation();
  const [schedule, setSchedule] = useState(watchlist.schedule);
  const [allAnalysts, setAllAnalysts] = useState(watchlist.sharing.allAnalysts);
  const [emails, setEmails] = useState(watchlist.sharing.users.map((u) => u.email ?? "").filter(Boolean).join(", "));
  const errors = update.isError ? splitFieldErrors(update.error.message, ["patch.schedule", "patch.sharing"]) : null;
  return (
    <form
      className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-slate-50 p-2"
      aria-label={`Settings of ${watchlist.name}`}
      onSubmit={(event) => {
        event.preventDefault();
        const users = emails.split(/[\s,;]+/).map((e) => e.trim()).filter(Boolean);
        update.mutate({ id: watchlist.id, patch: { schedule, sharing: { users, allAnalysts } } }, { onSuccess: onDone });
      }}
    >
      <Field label="Schedule" size="sm" error={errors?.fields["patch.schedule"]}>
        {(control) => (
          <select {...control} value={schedule} onChange={(e) => setSchedule(e.target.value as typeof schedule)}>
            <option value="daily">Daily</option>
            <option value="weekly">Weekly</option>
          </select>
        )}
      </Field>
      <Field label="Share with (emails)" size="sm" className="min-w-64 flex-1" error={errors?.fields["patch.sharing"]}>
        {(control) => <input {...control} value={emails} onChange={(e) => setEmails(e.target.value)} />}
      </Field>
      <label className="flex items-center gap-1 text-sm">
        <input type="checkbox" checked={allAnalysts} onChange={(e) => setAllAnalysts(e.target.checked)} /> Share with all analysts
      </label>
      <Button type="submit" variant="primary" size="sm" disabled={update.isPending}>
        {update.isPending ? "Saving…" : "Save"}
      </Button>
      <Button size="sm" onClick={onDone}>
        Cancel
      </Button>
      {errors && errors.other.length > 0 ? <InlineMessage kind="error">{errors.other.join("; ")}</InlineMessage> : null}
    </form>
  );
}

function WatchlistRow({ watchlist, canChange }: { watchlist: WatchlistView; canChange: boolean }) {
  const scan = useScanWatchlistMutation();
  const remove = useDeleteWatchlistMutation();
  const [scanned, setScanned] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const href = productHref(watchlist.product);
  const last = watchlist.lastScan;
  return (
    <li className="space-y-2 rounded border border-slate-200 bg-white p-3" data-testid="watchlist-row" data-watchlist-id={watchlist.id}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div className="space-y-0.5">
          <p className="font-medium" data-testid="watchlist-name">
            {watchlist.name}
          </p>
          <p className="text-xs text-slate-500">
            {href ? (
              <Link href={href} className="text-indigo-700 hover:underline">
                {describeProduct(watchlist.product)}
              </Link>
            ) : (
              describeProduct(watchlist.product)
            )}{" "}
            · {watchlist.schedule} · shared with {describeSharing(watchlist)}
          </p>
          <p className="text-xs text-slate-600">Watches: {watchlist.watch.map(describeRule).join("; ")}</p>
          <p className="text-xs text-slate-600" data-testid="watchlist-last-scan">
            {last
              ? `Last scan ${formatDateTime(last.at)}: ${last.findings} finding(s), ${last.alertsRaised} alert(s) raised${last.error ? ` — ${last.error}` : ""}`
              : "Not scanned yet"}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Link href={`/alerts?watchlist=${encodeURIComponent(watchlist.id)}`} className="rounded border border-slate-300 px-2 py-1 text-sm text-indigo-700 hover:bg-slate-50">
            Alerts
          </Link>
          {canChange ? (
            <>
              <Button
                size="sm"
                variant="primary"
                disabled={scan.isPending}
                onClick={() => {
                  setScanned(null);
                  scan.mutate(watchlist.id, {
                    onSuccess: (result) => {
                      const n = alertsRaisedBy(result);
                      setScanned(`Scan finished: ${n} new alert${n === 1 ? "" : "s"} raised.`);
                    },
                  });
                }}
              >
                {scan.isPending ? "Scanning…" : "Scan now"}
              </Button>
              <Button size="sm" onClick={() => setEditing(!editing)}>
                Settings
              </Button>
              <ConfirmAction label="Delete" question={`Delete watchlist ${watchlist.name}?`} confirmLabel="Yes, delete" onConfirm={() => remove.mutate(watchlist.id)} disabled={remove.isPending} />
            </>
          ) : null}
        </div>
      </div>
      {editing ? <WatchlistSettings watchlist={watchlist} onDone={() => setEditing(false)} /> : null}
      {scanned ? (
        <InlineMessage kind="done" testId="scan-result">
          {scanned}
        </InlineMessage>
      ) : null}
      {scan.isError ? <InlineMessage kind="error">Scan failed: {scan.error.message}</InlineMessage> : null}
      {remove.isError ? <InlineMessage kind="error">{remove.error.message}</InlineMessage> : null}
    </li>
  );
}

/** The watchlists this user can see; scan and delete for the owner and admins (when they may manage watchlists). */
export function WatchlistsList({ userId, isAdmin, canManage }: { userId: string; isAdmin: boolean; canManage: boolean }) {
  const watchlists = useWatchlistsQuery();
  if (watchlists.isPending) return <StateMessage kind="loading">Loading watchlists…</StateMessage>;
  if (watchlists.isError) return <StateMessage kind="error">Could not load watchlists: {watchlists.error.message}</StateMessage>;
  if (watchlists.data.length === 0) return <StateMessage kind="empty">No watchlists yet{canManage ? ". Create one above." : " shared with you."}</StateMessage>;
  return (
    <ul className="space-y-3" data-testid="watchlists-list">
      {watchlists.data.map((w) => (
        <WatchlistRow key={w.id} watchlist={w} canChange={canManage && (isAdmin || w.owner === userId)} />
      ))}
    </ul>
  );
}
