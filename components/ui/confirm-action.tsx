"use client";
import { useState } from "react";

type Props = {
  /** The button's text, e.g. "Revoke". */
  label: string;
  /** What the second step asks, e.g. "Revoke token ci-bot?". */
  question: string;
  /** The confirming button's text, e.g. "Yes, revoke". */
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
};

/** A destructive action in two steps, inline: the first click asks, the second one acts. */
export function ConfirmAction({ label, question, confirmLabel, onConfirm, disabled }: Props) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        disabled={disabled}
        onClick={() => setAsking(true)}
        className="rounded border border-red-300 px-2 py-1 text-sm text-red-700 hover:bg-red-50 disabled:opacity-60"
      >
        {label}
      </button>
    );
  }
  return (
    <span role="group" aria-label={question} className="inline-flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-700">{question}</span>
      <button
        type="button"
        disabled={disabled}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
        className="rounded bg-red-600 px-2 py-1 font-medium text-white hover:bg-red-700 disabled:opacity-60"
      >
        {confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)} className="rounded border border-slate-300 px-2 py-1 text-slate-700 hover:bg-slate-50">
        Cancel
      </button>
    </span>
  );
}
