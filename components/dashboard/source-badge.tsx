"use client";
import { useHealthQuery } from "@/lib/client/faers-queries";

/** Which data source and cache this instance runs on (architecture rule 4). */
export function SourceBadge() {
  const { data } = useHealthQuery();
  if (!data) return null;
  return (
    <span className="rounded bg-slate-100 px-2 py-1 text-xs text-slate-600" data-testid="source-badge">
      source: {data.source} · cache: {data.cache}
      {data.status === "degraded" ? " (unreachable)" : ""} · v{data.version}
    </span>
  );
}
