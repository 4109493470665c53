import type { ReactNode } from "react";

const STYLE = {
  error: "rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800",
  done: "rounded border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900",
} as const;

/** A one-line result beside a form or table: an error (announced as an alert) or a done message. */
export function InlineMessage({ kind, children, testId }: { kind: keyof typeof STYLE; children: ReactNode; testId?: string }) {
  return (
    <p role={kind === "error" ? "alert" : "status"} className={STYLE[kind]} data-testid={testId}>
      {children}
    </p>
  );
}
