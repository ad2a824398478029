"use client";

import { useState } from "react";
import { LocalTestCardForm } from "~/components/payments/local-test-card-form";
import { StripeCardSetup } from "~/components/payments/stripe-card-setup";
import { toApiError, type ApiError } from "~/components/forms/api-error";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { PlusIcon } from "~/components/ui/icons-extra";
import { api } from "~/trpc/react";
import type { CardView } from "./payment-labels";

/**
 * "Add a card": starts a SetupIntent on the server, then shows Stripe Elements (a publishable key is set)
 * or the local test-card form (the embedded default). The saved card comes back through `onSaved`.
 */
export function AddCard({
  open,
  onOpenChange,
  onSaved,
  disabled = false,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSaved: (card: CardView) => void;
  disabled?: boolean;
}) {
  const config = api.payments.config.useQuery(undefined, { staleTime: Infinity });
  const start = api.payments.startCardSetup.useMutation();
  const confirmLocal = api.payments.confirmLocalCard.useMutation();
  const complete = api.payments.completeCardSetup.useMutation();
  const [setup, setSetup] = useState<{ setupIntentId: string; clientSecret: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function begin() {
    setError(null);
    try {
      setSetup(await start.mutateAsync());
      onOpenChange(true);
    } catch (e) {
      setError(toApiError(e));
    }
  }

  function close() {
    setSetup(null);
    onOpenChange(false);
  }

  if (!open || !setup) {
    return (
      <div className="space-y-2">
        <Button
          variant="outline"
          size="sm"
          onClick={() => void begin()}
          loading={start.isPending || config.isPending}
          disabled={disabled}
        >
          {!start.isPending && <PlusIcon className="size-4" />} Add a card
        </Button>
        {error && <Alert tone="error">{error.message}</Alert>}
      </div>
    );
  }

  return (
    <section aria-label="Add a card" className="rounded-xl border border-slate-200 bg-slate-50/60 p-4">
      <div className="mb-3 flex items-center justify-between gap-3">
        <h3 className="text-sm font-semibold text-slate-900">Add a card</h3>
        <Button variant="ghost" size="sm" onClick={close}>
          Cancel
        </Button>
      </div>
      {config.data?.mode === "stripe" && config.data.publishableKey ? (
        <StripeCardSetup
          publishableKey={config.data.publishableKey}
          clientSecret={setup.clientSecret}
          onConfirmed={async () => {
            const card = await complete.mutateAsync({ setupIntentId: setup.setupIntentId });
            setSetup(null);
            onSaved(card);
          }}
        />
      ) : (
        <LocalTestCardForm
          setupIntentId={setup.setupIntentId}
          clientSecret={setup.clientSecret}
          confirmLocal={(input) => confirmLocal.mutateAsync(input)}
          onSaved={(card) => {
            setSetup(null);
            onSaved(card);
          }}
        />
      )}
    </section>
  );
}
