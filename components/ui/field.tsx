import { useId, type ReactNode } from "react";

const CONTROL = { md: "rounded border border-slate-300 bg-white px-3 py-2", sm: "rounded border border-slate-300 bg-white px-2 py-1" } as const;

/** What the control must spread: its id (the label's htmlFor), its description and invalid state, its look. */
export type FieldControlProps = {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  className: string;
};

type Props = {
  label: ReactNode;
  /** A label only screen readers read (the control sits in a table row that already says what it is). */
  labelHidden?: boolean;
  hint?: ReactNode;
  error?: ReactNode;
  size?: keyof typeof CONTROL;
  className?: string;
  /** Renders the input or select with the given props; a sibling label, so a select's options never join its name. */
  children: (control: FieldControlProps) => ReactNode;
};

/** A labelled form control with an optional hint and error, both tied to it by aria-describedby. */
export function Field({ label, labelHidden, hint, error, size = "md", className, children }: Props) {
  const id = useId();
  const hintId = hint === undefined ? undefined : `${id}-hint`;
  const errorId = error === undefined ? undefined : `${id}-error`;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`flex flex-col text-sm${className ? ` ${className}` : ""}`}>
      <label htmlFor={id} className={labelHidden ? "sr-only" : "mb-1 text-slate-600"}>
        {label}
      </label>
      {children({
        id,
        "aria-describedby": describedBy,
        "aria-invalid": error === undefined ? undefined : true,
        className: `${CONTROL[size]} disabled:bg-slate-100`,
      })}
      {hint !== undefined && (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error !== undefined && (
        <p id={errorId} className="mt-1 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
