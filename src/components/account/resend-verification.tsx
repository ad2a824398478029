"use client";

import { useState } from "react";
import { toApiError } from "~/components/forms/api-error";
import { Button } from "~/components/ui/button";
import { api } from "~/trpc/react";

/** "Resend verification": a fresh link (the older one stops working); rate-limited by the server. */
export function ResendVerificationButton() {
  const resend = api.auth.resendVerification.useMutation();
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <span role="status" aria-live="polite" className={note?.ok === false ? "text-red-700" : "text-amber-900"}>
        {note?.text}
      </span>
      <Button
        type="button"
        size="sm"
        variant="outline"
        loading={resend.isPending}
        disabled={resend.isPending}
        onClick={() =>
          resend
            .mutateAsync()
            .then(() => setNote({ ok: true, text: "Sent. Check your inbox." }))
            .catch((err: unknown) => setNote({ ok: false, text: toApiError(err).message }))
        }
      >
        Resend verification email
      </Button>
    </div>
  );
}
