"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { PasswordStrengthHint } from "~/components/auth/password-strength";
import { toApiError, type ApiError } from "~/components/forms/api-error";
import { useHydrated } from "~/components/forms/use-hydrated";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { api } from "~/trpc/react";

/** New password from an emailed link. On success every session is signed out, so we go to sign in. */
export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const reset = api.auth.resetPassword.useMutation();
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    if (password !== confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    try {
      await reset.mutateAsync({ token, password });
      setDone(true);
      router.replace("/sign-in?notice=password-changed");
    } catch (err) {
      setError(toApiError(err));
    }
  }

  const expired = error?.details.reason === "token_invalid";
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Choose a new password" className="space-y-5">
      {error && (
        <Alert tone="error">
          {error.message}{" "}
          {expired && (
            <Link href="/forgot-password" className="font-semibold underline">
              Get a new link
            </Link>
          )}
        </Alert>
      )}
      {done && <Alert tone="success">Password changed. Taking you to sign in…</Alert>}
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={error?.fieldErrors.password ?? null}
        hint={<PasswordStrengthHint password={password} />}
        maxLength={128}
        required
        autoFocus
      />
      <TextField
        label="Confirm new password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        error={mismatch ? "The passwords don't match" : null}
        maxLength={128}
        required
      />
      <p className="text-sm text-slate-600">Saving it signs you out on every device.</p>
      <Button
        type="submit"
        size="lg"
        className="w-full"
        loading={reset.isPending}
        disabled={!hydrated || reset.isPending || done}
      >
        Save new password
      </Button>
    </form>
  );
}
