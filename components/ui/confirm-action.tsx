"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";

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
      <Button variant="danger-outline" size="sm" disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </Button>
    );
  }
  return (
    <span role="group" aria-label={question} className="inline-flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-700">{question}</span>
      <Button
        variant="danger"
        size="sm"
        disabled={disabled}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </Button>
      <Button size="sm" onClick={() => setAsking(false)}>
        Cancel
      </Button>
    </span>
  );
}
