import type { ButtonHTMLAttributes } from "react";

const VARIANT = {
  primary: "bg-indigo-600 font-medium text-white hover:bg-indigo-700",
  secondary: "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
  /** The step that destroys: "Yes, delete". */
  danger: "bg-red-600 font-medium text-white hover:bg-red-700",
  /** The first step of a destructive action: "Delete", before it asks. */
  "danger-outline": "border border-red-300 bg-white text-red-700 hover:bg-red-50",
} as const;

const SIZE = { sm: "px-2 py-1 text-sm", md: "px-3 py-2 text-sm", lg: "px-4 py-2" } as const;

export type ButtonVariant = keyof typeof VARIANT;

type Props = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: keyof typeof SIZE };

/** The app's one button. `type` defaults to "button": a submit button says so. Other props pass through. */
export function Button({ variant = "secondary", size = "md", type = "button", className, ...props }: Props) {
  const classes = `rounded disabled:opacity-60 ${VARIANT[variant]} ${SIZE[size]}${className ? ` ${className}` : ""}`;
  return <button type={type} className={classes} {...props} />;
}
