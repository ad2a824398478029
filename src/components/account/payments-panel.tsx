"use client";

import Link from "next/link";
import { useState } from "react";
import { AddCard } from "~/components/booking/add-card";
import {
  PAYMENT_STATE_TONE,
  cardBrand,
  cardExpiry,
  cardName,
  paymentStateLabel,
  type CardView,
} from "~/components/booking/payment-labels";
import { toApiError, type ApiError } from "~/components/forms/api-error";
import { fmtDateTime, fmtDayShort, formatMoney } from "~/components/time/format";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Dialog } from "~/components/ui/dialog";
import { CreditCardIcon } from "~/components/ui/icons";
import { Spinner } from "~/components/ui/spinner";
import { api } from "~/trpc/react";

const RECEIPTS_PAGE = 10;

function Loading({ label }: { label: string }) {
  return (
    <p className="flex items-center gap-2 text-sm text-slate-500" aria-busy="true">
      <Spinner /> {label}
    </p>
  );
}

function Empty({ title, body }: { title: string; body: string }) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-slate-50 px-5 py-8 text-center">
      <p className="font-semibold text-slate-900">{title}</p>
      <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">{body}</p>
    </div>
  );
}

/** The student's payment methods, credits and receipts (/account/payments). */
export function PaymentsPanel({ zone }: { zone: string }) {
  return (
    <>
      <PaymentMethods />
      <Credits zone={zone} />
      <Receipts zone={zone} />
    </>
  );
}

function PaymentMethods() {
  const utils = api.useUtils();
  const cards = api.payments.listCards.useQuery();
  const setDefault = api.payments.setDefaultCard.useMutation();
  const remove = api.payments.removeCard.useMutation();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<CardView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [removeError, setRemoveError] = useState<ApiError | null>(null);

  async function onDefault(c: CardView) {
    setError(null);
    setNotice(null);
    try {
      await setDefault.mutateAsync({ paymentMethodId: c.paymentMethodId });
      await utils.payments.listCards.invalidate();
      setNotice(`${cardName(c)} is now your default card.`);
    } catch (e) {
      setError(toApiError(e));
    }
  }

  async function onRemove() {
    if (!removing) return;
    setRemoveError(null);
    try {
      await remove.mutateAsync({ paymentMethodId: removing.paymentMethodId });
      await utils.payments.listCards.invalidate();
      setNotice(`${cardName(removing)} was removed.`);
      setRemoving(null);
    } catch (e) {
      setRemoveError(toApiError(e));
    }
  }

  return (
    <Card
      id="cards"
      title="Payment methods"
      description="Cards you book with. The default card is preselected at checkout."
    >
      <div className="space-y-4">
        {notice && <Alert tone="success">{notice}</Alert>}
        {error && <Alert tone="error">{error.message}</Alert>}
        {cards.isPending ? (
          <Loading label="Loading your cards…" />
        ) : cards.isError ? (
          <Alert tone="error" title="We couldn't load your cards">
            {toApiError(cards.error).message}
          </Alert>
        ) : cards.data.length === 0 ? (
          !adding && <Empty title="No saved cards" body="Add a card now, or when you book your first lesson." />
        ) : (
          <ul aria-label="Saved cards" className="divide-y divide-slate-100 rounded-xl border border-slate-200">
            {cards.data.map((c) => (
              <li key={c.paymentMethodId} className="flex flex-wrap items-center gap-3 px-4 py-3">
                <CreditCardIcon className="size-5 shrink-0 text-slate-400" />
                <div className="min-w-0 flex-1 basis-40">
                  <p className="font-medium whitespace-nowrap text-slate-900">
                    <span className="sr-only">{cardName(c)}</span>
                    <span aria-hidden="true">
                      {cardBrand(c.brand)} •••• {c.last4}
                    </span>{" "}
                    {c.isDefault && <Badge tone="brand">Default</Badge>}
                  </p>
                  <p className="text-xs text-slate-500">Expires {cardExpiry(c)}</p>
                </div>
                <div className="ml-auto flex gap-2">
                  {!c.isDefault && (
                    <Button
                      variant="outline"
                      size="sm"
                      onClick={() => void onDefault(c)}
                      loading={setDefault.isPending && setDefault.variables?.paymentMethodId === c.paymentMethodId}
                      aria-label={`Make ${cardName(c)} the default`}
                    >
                      Make default
                    </Button>
                  )}
                  <Button
                    variant="ghost"
                    size="sm"
                    className="text-red-700 hover:bg-red-50"
                    onClick={() => {
                      setRemoveError(null);
                      setRemoving(c);
                    }}
                    aria-label={`Remove ${cardName(c)}`}
                  >
                    Remove
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        )}
        <AddCard
          open={adding}
          onOpenChange={setAdding}
          onSaved={(card) => {
            setNotice(`${cardName(card)} was added.`);
            void utils.payments.listCards.invalidate();
          }}
        />
      </div>
      <Dialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title="Remove this card?"
        size="sm"
        description={removing ? `${cardName(removing)} will no longer be available for bookings.` : undefined}
        footer={
          <>
            <Button variant="ghost" onClick={() => setRemoving(null)} disabled={remove.isPending}>
              Keep card
            </Button>
            <Button variant="danger" onClick={() => void onRemove()} loading={remove.isPending}>
              Remove card
            </Button>
          </>
        }
      >
        {removeError ? (
          <Alert tone="error">{removeError.message}</Alert>
        ) : (
          <p className="text-sm text-slate-700">
            A card that holds the payment for an upcoming lesson can&apos;t be removed until that lesson is paid.
          </p>
        )}
      </Dialog>
    </Card>
  );
}

function Credits({ zone }: { zone: string }) {
  const credits = api.payments.credits.useQuery();
  return (
    <Card id="credits" title="Credits" description="Credits are applied first when you book; your card pays the rest.">
      {credits.isPending ? (
        <Loading label="Loading your credits…" />
      ) : credits.isError ? (
        <Alert tone="error" title="We couldn't load your credits">
          {toApiError(credits.error).message}
        </Alert>
      ) : (
        <div className="space-y-4">
          <p>
            <span className="block text-sm text-slate-500">Balance</span>
            <span className="text-3xl font-bold text-slate-900 tabular-nums" data-testid="credit-balance">
              {formatMoney(credits.data.balanceCents)}
            </span>
          </p>
          {credits.data.entries.length === 0 ? (
            <Empty title="No credits yet" body="Refunds to credit and promotions show up here." />
          ) : (
            <ul
              aria-label="Credit history"
              className="divide-y divide-slate-100 rounded-xl border border-slate-200 text-sm"
            >
              {credits.data.entries.map((e) => (
                <li key={e.id} className="flex items-center justify-between gap-3 px-4 py-2.5">
                  <div className="min-w-0">
                    <p className="text-slate-900">
                      {e.reason}
                      {e.bookingId && (
                        <>
                          {" · "}
                          <Link
                            href={`/lessons/${e.bookingId}`}
                            className="font-medium text-brand-700 hover:text-brand-800"
                          >
                            Lesson
                          </Link>
                        </>
                      )}
                    </p>
                    <p className="text-xs text-slate-500">
                      <time dateTime={e.createdAt.toISOString()}>{fmtDateTime(e.createdAt, zone)}</time>
                    </p>
                  </div>
                  <span
                    className={
                      e.amountCents >= 0
                        ? "font-semibold text-emerald-700 tabular-nums"
                        : "font-semibold text-slate-900 tabular-nums"
                    }
                  >
                    {e.amountCents >= 0 ? "+" : "−"}
                    {formatMoney(Math.abs(e.amountCents))}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Card>
  );
}

function Receipts({ zone }: { zone: string }) {
  const q = api.payments.receipts.useInfiniteQuery(
    { limit: RECEIPTS_PAGE },
    { getNextPageParam: (last) => last.nextCursor ?? undefined },
  );
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card id="receipts" title="Receipts" description="What each lesson cost, how it was paid and any refunds.">
      {q.isPending ? (
        <Loading label="Loading your receipts…" />
      ) : q.isError ? (
        <Alert tone="error" title="We couldn't load your receipts">
          {toApiError(q.error).message}
        </Alert>
      ) : items.length === 0 ? (
        <Empty title="No receipts yet" body="After your first lesson is paid, its receipt shows up here." />
      ) : (
        <div className="space-y-3">
          <div className="-mx-5 relative overflow-x-auto sm:mx-0">
            <table className="w-full min-w-[36rem] text-left text-sm">
              <caption className="sr-only">Receipts, newest first</caption>
              <thead className="border-b border-slate-200 text-xs text-slate-500">
                <tr>
                  {["Lesson", "Status", "Price", "Credits", "Card", "Refunded"].map((h, i) => (
                    <th key={h} scope="col" className={`px-3 py-2 font-medium ${i >= 2 ? "text-right" : ""}`}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {items.map((r) => (
                  <tr key={r.bookingId}>
                    <td className="px-3 py-2.5">
                      <Link
                        href={`/lessons/${r.bookingId}`}
                        className="font-medium text-slate-900 hover:text-brand-700"
                      >
                        {r.subjectName} with {r.instructorName}
                      </Link>
                      <span className="block text-xs text-slate-500">
                        {fmtDayShort(r.lessonStartAt, zone)}
                        {r.card ? ` · ${cardName(r.card)}` : ""}
                      </span>
                    </td>
                    <td className="px-3 py-2.5">
                      <Badge tone={PAYMENT_STATE_TONE[r.status]}>
                        {paymentStateLabel({ state: r.status, creditAppliedCents: r.creditAppliedCents })}
                      </Badge>
                    </td>
                    <td className="px-3 py-2.5 text-right tabular-nums">{formatMoney(r.lessonPriceCents)}</td>
                    <td className="px-3 py-2.5 text-right tabular-nums">
                      {r.creditAppliedCents ? `−${formatMoney(r.creditAppliedCents)}` : "—"}
                    </td>
                    <td className="px-3 py-2.5 text-right font-medium tabular-nums">{formatMoney(r.chargedCents)}</td>
                    <td className="px-3 py-2.5 text-right tabular-nums">
                      {r.refundedCents ? formatMoney(r.refundedCents) : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {q.hasNextPage && (
            <div className="flex justify-center">
              <Button variant="outline" onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>
                Load more
              </Button>
            </div>
          )}
        </div>
      )}
    </Card>
  );
}
