"use client";

import { useState, type ReactNode } from "react";
import { toApiError } from "~/components/forms/api-error";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { cn } from "~/components/ui/cn";
import { CreditCardIcon } from "~/components/ui/icons";
import { Spinner } from "~/components/ui/spinner";
import { api } from "~/trpc/react";
import { AddCard } from "./add-card";
import { cardBrand, cardExpiry, cardName, type CardView } from "./payment-labels";

/**
 * Which saved card pays: the one the student picked, else the default, else the first. Derived on every
 * render, so a card added or removed elsewhere never leaves a stale choice behind.
 */
export function useCardChoice() {
  const cards = api.payments.listCards.useQuery(undefined, { staleTime: 30_000 });
  const [chosen, setChosen] = useState<string | null>(null);
  const list = cards.data ?? [];
  const fallback = list.find((c) => c.isDefault) ?? list[0];
  const selected =
    chosen && list.some((c) => c.paymentMethodId === chosen) ? chosen : (fallback?.paymentMethodId ?? null);
  return { cards, list, selected, choose: setChosen };
}
export type CardChoice = ReturnType<typeof useCardChoice>;

/**
 * The student's saved cards as a radio list plus "Add a card"; a card added here is saved, listed and
 * chosen. `alert` renders right under the list, next to the card it is about (a decline).
 */
export function CardPicker({
  choice,
  disabled = false,
  alert,
  legend = "Pay with",
}: {
  choice: CardChoice;
  disabled?: boolean;
  alert?: ReactNode;
  legend?: string;
}) {
  const utils = api.useUtils();
  const [adding, setAdding] = useState(false);
  const { cards, list, selected, choose: onChange } = choice;

  if (cards.isPending)
    return (
      <p className="flex items-center gap-2 text-sm text-slate-500" aria-busy="true">
        <Spinner /> Loading your cards…
      </p>
    );
  if (cards.isError)
    return (
      <Alert tone="error" title="We couldn't load your cards">
        {toApiError(cards.error).message}
      </Alert>
    );

  function onSaved(card: CardView) {
    utils.payments.listCards.setData(undefined, (prev) => [
      ...(prev ?? []).filter((c) => c.paymentMethodId !== card.paymentMethodId),
      card,
    ]);
    void utils.payments.listCards.invalidate();
    setAdding(false);
    onChange(card.paymentMethodId);
  }

  return (
    <div className="space-y-3">
      {list.length > 0 ? (
        <fieldset disabled={disabled}>
          <legend className="mb-1.5 text-sm font-medium text-slate-800">{legend}</legend>
          <div className="grid gap-2">
            {list.map((c) => {
              const checked = selected === c.paymentMethodId;
              return (
                <label
                  key={c.paymentMethodId}
                  className={cn(
                    "flex cursor-pointer items-center gap-3 rounded-lg border px-3 py-2.5 text-sm",
                    checked
                      ? "border-brand-400 bg-brand-50/70 ring-1 ring-brand-400"
                      : "border-slate-200 hover:border-slate-300",
                    disabled && "cursor-not-allowed opacity-70",
                  )}
                >
                  <input
                    type="radio"
                    name="payment-card"
                    className="size-4 accent-brand-600"
                    checked={checked}
                    onChange={() => onChange(c.paymentMethodId)}
                    aria-label={cardName(c)}
                  />
                  <CreditCardIcon className="size-5 shrink-0 text-slate-400" />
                  <span className="min-w-0 flex-1" aria-hidden="true">
                    <span className="font-medium text-slate-900">
                      {cardBrand(c.brand)} •••• {c.last4}
                    </span>
                    <span className="block text-xs text-slate-500">Expires {cardExpiry(c)}</span>
                  </span>
                  {c.isDefault && <Badge>Default</Badge>}
                </label>
              );
            })}
          </div>
        </fieldset>
      ) : (
        !adding && <p className="text-sm text-slate-600">You have no saved cards yet. Add one to book.</p>
      )}
      {alert}
      <AddCard open={adding} onOpenChange={setAdding} onSaved={onSaved} disabled={disabled} />
    </div>
  );
}
