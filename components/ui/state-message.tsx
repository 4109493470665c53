import type { ReactNode } from "react";

type Kind = "loading" | "empty" | "error";

const STYLE: Record<Kind, string> = {
  loading: "border-slate-200 bg-white text-slate-500",
  empty: "border-slate-200 bg-white text-slate-600",
  error: "border-red-200 bg-red-50 text-red-800",
};

export function StateMessage({ kind, children }: { kind: Kind; children: ReactNode }) {
  return (
    <div role={kind === "error" ? "alert" : "status"} data-state={kind} className={`rounded border px-4 py-6 text-sm ${STYLE[kind]}`}>
      {children}
    </div>
  );
}
