"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";

/** Asks for a current 6-digit authenticator code before a sensitive 2FA change. */
export function CodeConfirm({
  label,
  submitLabel,
  danger = false,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  danger?: boolean;
  pending: boolean;
  error: string | null;
  onSubmit: (code: string) => void;
  onCancel?: () => void;
}) {
  const [code, setCode] = useState("");
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (code.length === 6) onSubmit(code);
  }
  return (
    <form onSubmit={submit} noValidate aria-label={submitLabel} className="space-y-3">
      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <TextField
          className="sm:w-56"
          label={label}
          inputMode="numeric"
          autoComplete="one-time-code"
          placeholder="123456"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, "").slice(0, 6))}
          autoFocus
          required
        />
        <div className="flex gap-2 sm:mt-7">
          <Button type="submit" variant={danger ? "danger" : "primary"} loading={pending} disabled={code.length !== 6}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </div>
      </div>
    </form>
  );
}
