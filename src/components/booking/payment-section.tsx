"use client";

import { useState } from "react";
import { toApiError, type ApiError } from "~/components/forms/api-error";
import { fmtDateTime, formatMoney } from "~/components/time/format";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { CreditCardIcon } from "~/components/ui/icons";
import { api } from "~/trpc/react";
import { CardPicker, useCardChoice } from "./card-picker";
import { PAYMENT_STATE_TONE, cardName, paymentHeadline, paymentStateLabel, type PaymentView } from "./payment-labels";

/**
 * The payment of one lesson as `payments.forBooking` tells it: state, amounts, card, timeline. The student
 * can update the card and retry a failed authorization; the instructor sees their share and the fee.
 */
export function PaymentSection({
  bookingId,
  zone,
  viewer,
  currency = "USD",
}: {
  bookingId: string;
  zone: string;
  viewer: "student" | "instructor";
  currency?: string;
}) {
  const q = api.payments.forBooking.useQuery(
    { bookingId },
    {
      retry: (n, e) => toApiError(e).code !== "NOT_FOUND" && n < 2,
      refetchInterval: (query) => (query.state.data?.state === "authorizing" ? 3_000 : false),
    },
  );

  if (q.isPending)
    return (
      <Card id="payment" title="Payment">
        <div aria-busy="true" aria-label="Loading payment" className="h-28 animate-pulse rounded-xl bg-slate-100" />
      </Card>
    );
  // Lessons booked before payments existed (or seeded ones) have no payment record.
  if (q.isError && toApiError(q.error).code === "NOT_FOUND")
    return (
      <Card id="payment" title="Payment">
        <p className="text-sm text-slate-600">No card payment is recorded for this lesson.</p>
      </Card>
    );
  if (q.isError)
    return (
      <Card id="payment" title="Payment">
        <Alert tone="error" title="We couldn't load the payment">
          {toApiError(q.error).message}
        </Alert>
      </Card>
    );
  return <PaymentDetails p={q.data} zone={zone} viewer={viewer} currency={currency} />;
}

function PaymentDetails({
  p,
  zone,
  viewer,
  currency,
}: {
  p: PaymentView;
  zone: string;
  viewer: "student" | "instructor";
  currency: string;
}) {
  const money = (c: number) => formatMoney(c, currency);
  const rows: [string, string, string?][] = [
    ["Lesson price", money(p.lessonPriceCents)],
    ...(p.creditAppliedCents > 0
      ? ([["Credits applied", `−${money(p.creditAppliedCents)}`]] as [string, string][])
      : []),
    ["Card amount", money(p.cardAmountCents)],
    ...(p.capturedCents > 0 ? ([["Charged", money(p.capturedCents)]] as [string, string][]) : []),
    ...(p.refundedCents > 0 ? ([["Refunded", money(p.refundedCents)]] as [string, string][]) : []),
  ];
  if (viewer === "instructor" && p.instructorShareCents !== null) {
    rows.push([
      p.feePercent !== null ? `Platform fee (${p.feePercent} %)` : "Platform fee",
      `−${money(p.platformFeeCents ?? 0)}`,
    ]);
    rows.push(["Your share", money(p.instructorShareCents), "share"]);
  }

  return (
    <Card
      id="payment"
      title="Payment"
      description={
        viewer === "instructor" && p.state === "auth_failed"
          ? "The student's card was declined. They've been asked to update it."
          : paymentHeadline(p, zone, currency)
      }
      actions={
        <Badge tone={PAYMENT_STATE_TONE[p.state]}>
          <span className="sr-only">Payment status: </span>
          {paymentStateLabel(p)}
        </Badge>
      }
    >
      {p.state === "auth_failed" && viewer === "student" && <RetryAuthorization p={p} />}

      <div className="grid gap-6 sm:grid-cols-2">
        <dl className="space-y-1.5 text-sm">
          {rows.map(([k, v, kind]) => (
            <div
              key={k}
              className={
                kind === "share"
                  ? "flex justify-between gap-3 border-t border-slate-100 pt-2 font-semibold text-slate-900"
                  : "flex justify-between gap-3"
              }
            >
              <dt className="text-slate-600">{k}</dt>
              <dd className="text-slate-900 tabular-nums">{v}</dd>
            </div>
          ))}
          <div className="flex justify-between gap-3 pt-1">
            <dt className="text-slate-600">Card</dt>
            <dd className="flex items-center gap-1.5 text-slate-900">
              {p.card ? (
                <>
                  <CreditCardIcon className="size-4 text-slate-400" /> {cardName(p.card)}
                </>
              ) : (
                "—"
              )}
            </dd>
          </div>
        </dl>

        <div>
          <h3 id="payment-timeline" className="text-sm font-semibold text-slate-900">
            Timeline
          </h3>
          {p.timeline.length === 0 ? (
            <p className="mt-2 text-sm text-slate-500">Nothing has happened yet.</p>
          ) : (
            <ol aria-labelledby="payment-timeline" className="mt-2 space-y-2 border-l-2 border-slate-200 pl-4">
              {p.timeline.map((t, i) => (
                <li key={`${t.kind}-${i}`} className="relative text-sm">
                  <span
                    aria-hidden="true"
                    className="absolute top-1.5 -left-[1.3rem] size-2.5 rounded-full bg-brand-500 ring-2 ring-white"
                  />
                  <p className="text-slate-900">
                    {t.label}
                    {t.amountCents !== null && <span className="font-medium"> · {money(t.amountCents)}</span>}
                  </p>
                  <p className="text-xs text-slate-500">
                    <time dateTime={t.at.toISOString()}>{fmtDateTime(t.at, zone)}</time>
                  </p>
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
    </Card>
  );
}

/** A failed hold: pick (or add) a card and ask the server to authorize again. */
function RetryAuthorization({ p }: { p: PaymentView }) {
  const utils = api.useUtils();
  const retry = api.payments.retryAuthorization.useMutation();
  const choice = useCardChoice();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);

  async function onRetry() {
    setError(null);
    try {
      const next = await retry.mutateAsync({
        bookingId: p.bookingId,
        ...(choice.selected ? { paymentMethodId: choice.selected } : {}),
      });
      utils.payments.forBooking.setData({ bookingId: p.bookingId }, next);
      void utils.booking.get.invalidate({ bookingId: p.bookingId });
      setDone(true);
      setOpen(false);
    } catch (e) {
      setError(toApiError(e));
    }
  }

  return (
    <div className="mb-6 space-y-3">
      <Alert tone="error" title="Your card was declined">
        {p.lastError ?? "We couldn't place the hold for this lesson."} Update your card and retry, or the lesson is
        cancelled 12 h before it starts.
      </Alert>
      {done && <Alert tone="success">Thanks — we&apos;re trying your card again.</Alert>}
      {!open ? (
        <Button onClick={() => setOpen(true)}>Update card and retry</Button>
      ) : (
        <div className="space-y-3 rounded-xl border border-slate-200 p-4">
          <CardPicker
            choice={choice}
            disabled={retry.isPending}
            legend="Card for this lesson"
            alert={error && <Alert tone="error">{error.message}</Alert>}
          />
          <div className="flex flex-wrap gap-2">
            <Button onClick={() => void onRetry()} loading={retry.isPending} disabled={!choice.selected}>
              {retry.isPending ? "Retrying…" : "Retry payment"}
            </Button>
            <Button variant="ghost" onClick={() => setOpen(false)} disabled={retry.isPending}>
              Cancel
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
