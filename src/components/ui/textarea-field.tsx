"use client";

import { useId, type ComponentProps, type ReactNode } from "react";
import { cn } from "./cn";

/** A multi-line text field with the same chrome as TextField (label, hint, error, optional counter). */
export function TextAreaField({
  label,
  hint,
  error,
  className,
  id: idProp,
  showCount,
  ...rest
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | string[] | null;
  showCount?: boolean;
} & ComponentProps<"textarea">) {
  const auto = useId();
  const id = idProp ?? auto;
  const err = Array.isArray(error) ? error.join(" ") : error;
  const length = typeof rest.value === "string" ? rest.value.length : null;
  return (
    <div className={className}>
      <div className="mb-1.5 flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        {showCount && rest.maxLength && length !== null && (
          <span className="text-xs text-slate-500" aria-hidden="true">
            {length}/{rest.maxLength}
          </span>
        )}
      </div>
      <textarea
        id={id}
        aria-invalid={err ? true : undefined}
        aria-describedby={err ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className={cn(
          "block min-h-24 w-full rounded-lg border bg-white px-3.5 py-2.5 text-base text-slate-900 shadow-sm placeholder:text-slate-400 focus:outline-none focus-visible:outline-2 focus-visible:outline-offset-0 sm:text-sm",
          err
            ? "border-red-400 focus:border-red-600"
            : "border-slate-300 hover:border-slate-400 focus:border-brand-600",
        )}
        {...rest}
      />
      {hint && !err && (
        <div id={`${id}-hint`} className="mt-1.5 text-xs text-slate-500">
          {hint}
        </div>
      )}
      {err && (
        <p id={`${id}-error`} className="mt-1.5 text-sm text-red-700">
          {err}
        </p>
      )}
    </div>
  );
}
