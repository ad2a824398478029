"use client";

import { useId, type ReactNode } from "react";
import { cn } from "./cn";

export type ChoiceOption<T extends string | number> = {
  value: T;
  label: ReactNode;
  hint?: ReactNode;
  disabled?: boolean;
};

/** A labelled group of checkboxes (fieldset + legend), with one error line for the group. */
export function CheckboxGroup<T extends string | number>({
  legend,
  hint,
  options,
  value,
  onChange,
  error,
  columns = 2,
  className,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  options: ChoiceOption<T>[];
  value: readonly T[];
  onChange: (next: T[]) => void;
  error?: string | string[] | null;
  columns?: 1 | 2 | 3 | 4;
  className?: string;
}) {
  const id = useId();
  const err = Array.isArray(error) ? error.join(" ") : error;
  return (
    <fieldset
      className={className}
      aria-describedby={err ? `${id}-err` : hint ? `${id}-hint` : undefined}
      aria-invalid={err ? true : undefined}
    >
      <legend className="mb-1.5 text-sm font-medium text-slate-800">{legend}</legend>
      {hint && !err && (
        <p id={`${id}-hint`} className="mb-2 text-xs text-slate-500">
          {hint}
        </p>
      )}
      <div
        className={cn(
          "grid gap-2",
          columns === 2 && "sm:grid-cols-2",
          columns === 3 && "sm:grid-cols-3",
          columns === 4 && "grid-cols-2 sm:grid-cols-4",
        )}
      >
        {options.map((o) => {
          const checked = value.includes(o.value);
          return (
            <label
              key={String(o.value)}
              className={cn(
                "flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-2.5 text-sm transition-colors",
                checked ? "border-brand-300 bg-brand-50/60" : "border-slate-200 hover:border-slate-300",
                o.disabled && "cursor-not-allowed opacity-60",
              )}
            >
              <input
                type="checkbox"
                className="mt-0.5 size-4 shrink-0 accent-brand-600"
                checked={checked}
                disabled={o.disabled}
                onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
              />
              <span className="min-w-0">
                <span className="font-medium text-slate-900">{o.label}</span>
                {o.hint && <span className="mt-0.5 block text-xs text-slate-500">{o.hint}</span>}
              </span>
            </label>
          );
        })}
      </div>
      {err && (
        <p id={`${id}-err`} className="mt-1.5 text-sm text-red-700">
          {err}
        </p>
      )}
    </fieldset>
  );
}

/** A single labelled checkbox (a switch-like row with a description). */
export function CheckboxRow({
  label,
  description,
  checked,
  onChange,
  error,
  disabled,
}: {
  label: ReactNode;
  description?: ReactNode;
  checked: boolean;
  onChange: (v: boolean) => void;
  error?: string | string[] | null;
  disabled?: boolean;
}) {
  const id = useId();
  const err = Array.isArray(error) ? error.join(" ") : error;
  return (
    <div>
      <label
        className={cn(
          "flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-3",
          checked ? "border-brand-300 bg-brand-50/60" : "border-slate-200",
          err && "border-red-300",
        )}
      >
        <input
          type="checkbox"
          className="mt-0.5 size-4 shrink-0 accent-brand-600"
          checked={checked}
          disabled={disabled}
          aria-describedby={err ? `${id}-err` : undefined}
          aria-invalid={err ? true : undefined}
          onChange={(e) => onChange(e.target.checked)}
        />
        <span>
          <span className="block text-sm font-medium text-slate-900">{label}</span>
          {description && <span className="mt-0.5 block text-xs text-slate-500">{description}</span>}
        </span>
      </label>
      {err && (
        <p id={`${id}-err`} className="mt-1.5 text-sm text-red-700">
          {err}
        </p>
      )}
    </div>
  );
}

/** A labelled radio group rendered as selectable cards. */
export function RadioCards<T extends string | number>({
  legend,
  name,
  options,
  value,
  onChange,
  error,
  className,
}: {
  legend: ReactNode;
  name: string;
  options: ChoiceOption<T>[];
  value: T | null;
  onChange: (v: T) => void;
  error?: string | null;
  className?: string;
}) {
  return (
    <fieldset className={className}>
      <legend className="mb-1.5 text-sm font-medium text-slate-800">{legend}</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {options.map((o) => {
          const checked = value === o.value;
          return (
            <label
              key={String(o.value)}
              className={cn(
                "flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-2.5 text-sm",
                checked
                  ? "border-brand-400 bg-brand-50/70 ring-1 ring-brand-400"
                  : "border-slate-200 hover:border-slate-300",
              )}
            >
              <input
                type="radio"
                name={name}
                className="mt-0.5 size-4 accent-brand-600"
                checked={checked}
                disabled={o.disabled}
                onChange={() => onChange(o.value)}
              />
              <span>
                <span className="font-medium text-slate-900">{o.label}</span>
                {o.hint && <span className="mt-0.5 block text-xs text-slate-500">{o.hint}</span>}
              </span>
            </label>
          );
        })}
      </div>
      {error && <p className="mt-1.5 text-sm text-red-700">{error}</p>}
    </fieldset>
  );
}
