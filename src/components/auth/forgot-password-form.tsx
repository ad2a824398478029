"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { toApiError, type ApiError } from "~/components/forms/api-error";
import { useHydrated } from "~/components/forms/use-hydrated";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { api } from "~/trpc/react";

/** "Forgot password": asks for the address and shows the server's answer (the same whether or not it exists). */
export function ForgotPasswordForm() {
  const hydrated = useHydrated();
  const request = api.auth.requestPasswordReset.useMutation();
  const [email, setEmail] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    try {
      setSent((await request.mutateAsync({ email: email.trim() })).message);
    } catch (err) {
      setError(toApiError(err));
    }
  }

  if (sent)
    return (
      <div className="space-y-5">
        <Alert tone="success" title="Check your email">
          {sent}
        </Alert>
        <p className="text-sm text-slate-600">
          Didn&apos;t get it? Check your spam folder, or{" "}
          <button
            type="button"
            className="font-semibold text-brand-700 underline-offset-2 hover:underline"
            onClick={() => setSent(null)}
          >
            try another address
          </button>
          .
        </p>
        <p className="text-center text-sm">
          <Link href="/sign-in" className="font-semibold text-brand-700 hover:text-brand-800">
            Back to sign in
          </Link>
        </p>
      </div>
    );

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Reset your password" className="space-y-5">
      {error && <Alert tone="error">{error.message}</Alert>}
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        inputMode="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={error?.fieldErrors.email ?? null}
        required
        autoFocus
      />
      <Button
        type="submit"
        size="lg"
        className="w-full"
        loading={request.isPending}
        disabled={!hydrated || request.isPending}
      >
        Email me a reset link
      </Button>
      <p className="text-center text-sm text-slate-600">
        Remembered it?{" "}
        <Link href="/sign-in" className="font-semibold text-brand-700 hover:text-brand-800">
          Sign in
        </Link>
      </p>
    </form>
  );
}
