"use client";

import { useId, type ComponentProps, type ReactNode } from "react";
import { cn } from "./cn";

const control =
  "block w-full rounded-lg border bg-white px-3.5 text-base text-slate-900 shadow-sm placeholder:text-slate-400 transition-colors focus:outline-none focus-visible:outline-2 focus-visible:outline-offset-0 disabled:bg-slate-50 disabled:text-slate-500 sm:text-sm";
const controlOk = "border-slate-300 hover:border-slate-400 focus:border-brand-600";
const controlBad = "border-red-400 focus:border-red-600 focus-visible:outline-red-600";

type FieldChrome = {
  label: ReactNode;
  /** Help text under the control (linked with aria-describedby). */
  hint?: ReactNode;
  /** One or more error messages; a non-empty value marks the control invalid. */
  error?: string | string[] | null;
  /** Extra content next to the label (e.g. a "Forgot?" link). */
  labelAside?: ReactNode;
  className?: string;
};

function errorText(error: FieldChrome["error"]): string | null {
  if (!error) return null;
  const list = Array.isArray(error) ? error : [error];
  return list.length ? list.join(" ") : null;
}

function Chrome({
  id,
  label,
  hint,
  err,
  labelAside,
  className,
  children,
}: Omit<FieldChrome, "error"> & { id: string; err: string | null; children: ReactNode }) {
  return (
    <div className={className}>
      <div className="mb-1.5 flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        {labelAside}
      </div>
      {children}
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

function describedBy(id: string, hint: unknown, err: string | null) {
  return err ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

export function TextField({
  label,
  hint,
  error,
  labelAside,
  className,
  id: idProp,
  ...input
}: FieldChrome & ComponentProps<"input">) {
  const auto = useId();
  const id = idProp ?? auto;
  const err = errorText(error);
  return (
    <Chrome id={id} label={label} hint={hint} err={err} labelAside={labelAside} className={className}>
      <input
        id={id}
        aria-invalid={err ? true : undefined}
        aria-describedby={describedBy(id, hint, err)}
        className={cn(control, "h-11", err ? controlBad : controlOk)}
        {...input}
      />
    </Chrome>
  );
}

export function SelectField({
  label,
  hint,
  error,
  labelAside,
  className,
  id: idProp,
  children,
  ...select
}: FieldChrome & ComponentProps<"select">) {
  const auto = useId();
  const id = idProp ?? auto;
  const err = errorText(error);
  return (
    <Chrome id={id} label={label} hint={hint} err={err} labelAside={labelAside} className={className}>
      <select
        id={id}
        aria-invalid={err ? true : undefined}
        aria-describedby={describedBy(id, hint, err)}
        className={cn(control, "h-11 appearance-auto pr-8", err ? controlBad : controlOk)}
        {...select}
      >
        {children}
      </select>
    </Chrome>
  );
}
