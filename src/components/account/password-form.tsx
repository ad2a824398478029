"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { PasswordStrengthHint } from "~/components/auth/password-strength";
import { toApiError, type ApiError } from "~/components/forms/api-error";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { TextField } from "~/components/ui/field";
import { api } from "~/trpc/react";

/**
 * Change password. The server signs out every session (including this one) by bumping the session
 * version, so on success we end the local session and ask for the new password.
 */
export function PasswordForm({ email }: { email: string }) {
  const router = useRouter();
  const change = api.account.changePassword.useMutation();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    if (next !== confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    try {
      await change.mutateAsync({ currentPassword: current, newPassword: next });
      setDone(true);
      await signOut({ redirect: false });
      router.replace("/sign-in?notice=password-changed&callbackUrl=%2Faccount");
      router.refresh();
    } catch (err) {
      setError(toApiError(err));
    }
  }

  const fe = (n: string) => error?.fieldErrors[n] ?? null;

  return (
    <Card id="password" title="Password" description="Changing your password signs you out everywhere, including here.">
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Change password" className="space-y-5">
        {/* Helps password managers attach the new password to the right account. */}
        <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
        {error && <Alert tone="error">{error.message}</Alert>}
        {done && <Alert tone="success">Password changed. Taking you to sign in…</Alert>}
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={fe("currentPassword")}
          required
        />
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            label="New password"
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
            error={fe("newPassword")}
            hint={<PasswordStrengthHint password={next} />}
            maxLength={128}
            required
          />
          <TextField
            label="Confirm new password"
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => {
              setConfirm(e.target.value);
              setMismatch(false);
            }}
            error={mismatch ? "The passwords don't match." : null}
            maxLength={128}
            required
          />
        </div>
        <Button type="submit" loading={change.isPending || done} disabled={!current || !next || !confirm}>
          Change password
        </Button>
      </form>
    </Card>
  );
}
