"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { toApiError } from "~/components/forms/api-error";
import { Alert } from "~/components/ui/alert";
import { Spinner } from "~/components/ui/spinner";
import { api } from "~/trpc/react";

type State = { kind: "checking" } | { kind: "done" } | { kind: "failed"; message: string };

/** Spends the emailed verification token once when the page opens, and says how it went. */
export function VerifyEmailStatus({ token }: { token: string }) {
  const verify = api.auth.verifyEmail.useMutation();
  const utils = api.useUtils();
  const [state, setState] = useState<State>({ kind: "checking" });
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    verify
      .mutateAsync({ token })
      .then(async () => {
        setState({ kind: "done" });
        await utils.account.me.invalidate();
      })
      .catch((err: unknown) => setState({ kind: "failed", message: toApiError(err).message }));
  }, [token, verify, utils]);

  if (state.kind === "checking")
    return (
      <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
        <Spinner /> Confirming your email address…
      </p>
    );
  if (state.kind === "done")
    return (
      <div className="space-y-5">
        <Alert tone="success" title="Email confirmed">
          Thanks! You can now book lessons.
        </Alert>
        <Link href="/search" className="font-semibold text-brand-700 hover:text-brand-800">
          Find an instructor
        </Link>
      </div>
    );
  return (
    <div className="space-y-4">
      <Alert tone="error">{state.message}</Alert>
      <p className="text-sm text-slate-600">
        Signed in? Use <span className="font-semibold">Resend email</span> in the banner at the top of the page to get a
        fresh link.
      </p>
    </div>
  );
}
