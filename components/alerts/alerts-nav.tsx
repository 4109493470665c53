"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useAlertStream, useAlertStreamRole } from "@/lib/client/alert-stream";
import { alertQueryKeys, fetchAlertPage } from "@/lib/client/alert-reads";
import type { AlertRecord } from "@/lib/schemas/alerts";

// The header's "Alerts" link: a badge with the alerts in state "new" raised since this user last
// opened /alerts (kept in localStorage; the first count from GET /api/alerts?state=new&since=…, then
// the live feed), and a toast for every alert raised while a page is open.

const TOAST_MS = 6000;
const UNREAD_LIMIT = 200;
const SEEN_EVENT = "cer-alerts-seen";

const seenKey = (userId: string) => `cer-alerts:last-seen:${userId}`;

function readSeen(userId: string): string | null {
  try {
    return window.localStorage.getItem(seenKey(userId));
  } catch {
    return null;
  }
}

function markSeen(userId: string): void {
  try {
    window.localStorage.setItem(seenKey(userId), new Date().toISOString());
  } catch {
    // Private mode without storage: the badge counts from the last load.
  }
  window.dispatchEvent(new Event(SEEN_EVENT));
}

function subscribeSeen(notify: () => void): () => void {
  window.addEventListener("storage", notify);
  window.addEventListener(SEEN_EVENT, notify);
  return () => {
    window.removeEventListener("storage", notify);
    window.removeEventListener(SEEN_EVENT, notify);
  };
}

const noSubscribe = () => () => {};

type Toast = { key: string; alert: AlertRecord };

export function AlertsNav({ userId }: { userId: string }) {
  const pathname = usePathname();
  const onAlertsPage = pathname === "/alerts";
  const hydrated = useSyncExternalStore(noSubscribe, () => true, () => false);
  const lastSeen = useSyncExternalStore(subscribeSeen, () => readSeen(userId), () => null);
  const [live, setLive] = useState<Map<string, string>>(() => new Map());
  const [handled, setHandled] = useState<Set<string>>(() => new Set());
  const [toasts, setToasts] = useState<Toast[]>([]);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  const streamRole = useAlertStreamRole();

  useEffect(() => {
    if (onAlertsPage) markSeen(userId);
  }, [onAlertsPage, userId]);

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending) clearTimeout(timer);
    };
  }, []);

  const unread = useQuery({
    queryKey: alertQueryKeys.unread(lastSeen),
    queryFn: async () => {
      const page = await fetchAlertPage({ state: "new", ...(lastSeen ? { since: lastSeen } : {}) }, undefined, UNREAD_LIMIT);
      return { ids: page.alerts.map((a) => a.id), more: page.nextCursor !== null };
    },
    enabled: hydrated && !onAlertsPage,
    staleTime: 30_000,
    retry: false,
  });

  useAlertStream((event) => {
    const { alert } = event;
    if (event.type === "alert.raised") {
      if (onAlertsPage) markSeen(userId);
      if (alert.state === "new") setLive((prev) => new Map(prev).set(alert.id, alert.createdAt));
      const key = `${alert.id}:${Date.now()}`;
      setToasts((prev) => [...prev.slice(-4), { key, alert }]);
      const timer = setTimeout(() => {
        timers.current.delete(timer);
        setToasts((prev) => prev.filter((t) => t.key !== key));
      }, TOAST_MS);
      timers.current.add(timer);
    } else if (alert.state !== "new") {
      setHandled((prev) => new Set(prev).add(alert.id));
    }
  });

  const ids = new Set(onAlertsPage ? [] : (unread.data?.ids ?? []));
  if (!onAlertsPage) for (const [id, createdAt] of live) if (!lastSeen || createdAt > lastSeen) ids.add(id);
  for (const id of handled) ids.delete(id);
  const count = ids.size;
  const label = count > 0 ? `${count}${unread.data?.more ? "+" : ""}` : null;

  return (
    <>
      <Link href="/alerts" className="inline-flex items-center gap-1 text-indigo-700 hover:underline" data-testid="alerts-link" data-stream-role={streamRole}>
        Alerts
        {label ? (
          <span className="rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white" data-testid="alerts-badge" aria-label={`${label} new alerts`}>
            {label}
          </span>
        ) : null}
      </Link>
      <div aria-live="polite" className="fixed bottom-4 right-4 z-50 flex w-80 flex-col gap-2" data-testid="alert-toasts">
        {toasts.map(({ key, alert }) => (
          <div key={key} className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-slate-900 shadow" data-testid="alert-toast" data-alert-id={alert.id}>
            <p className="font-medium">New alert: {alert.finding.title}</p>
            <p className="text-xs text-slate-600">
              {alert.product.name} · {alert.kind.replace(/_/g, " ")}
            </p>
            <div className="mt-1 flex justify-between">
              <Link href={`/alerts#${alert.id}`} className="text-indigo-700 hover:underline">
                Open alert
              </Link>
              <button type="button" className="text-xs text-slate-500 hover:underline" onClick={() => setToasts((prev) => prev.filter((t) => t.key !== key))}>
                Dismiss
              </button>
            </div>
          </div>
        ))}
      </div>
    </>
  );
}
