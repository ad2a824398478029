import { fmtDateTime, formatMoney, zoneAbbrev } from "~/components/time/format";
import type { RouterOutputs } from "~/trpc/react";

/** The payment vocabulary of the UI: one label table per domain value, imported by every page that shows it. */

export type PaymentView = RouterOutputs["payments"]["forBooking"];
export type PaymentState = PaymentView["state"];
export type CardView = RouterOutputs["payments"]["listCards"][number];
export type PayoutItemState = RouterOutputs["payouts"]["status"]["earnings"]["items"][number]["state"];
type Tone = "neutral" | "success" | "warning" | "brand" | "danger";

/**
 * The payment schedule as PRODUCT.md §5 states it, for the checkout's wording before a booking exists
 * (the server decides the real instants and returns them as `authorizeAt` / `captureAt` once booked).
 */
export const AUTHORIZE_HOURS_BEFORE = 24;
export const CAPTURE_HOURS_AFTER = 24;

export const PAYMENT_STATE_LABEL: Record<PaymentState, string> = {
  awaiting_card: "Awaiting card",
  scheduled: "Scheduled",
  authorizing: "Authorizing",
  authorized: "Authorized",
  auth_failed: "Payment failed",
  captured: "Charged",
  released: "Hold released",
  refunded: "Refunded",
  partially_refunded: "Partly refunded",
  disputed: "Disputed",
  not_required: "No card payment",
};

/** The state's label, told apart where one state covers two cases (credits paid it all, or nothing to pay). */
export function paymentStateLabel(p: Pick<PaymentView, "state" | "creditAppliedCents">): string {
  return p.state === "not_required" && p.creditAppliedCents > 0 ? "Paid with credits" : PAYMENT_STATE_LABEL[p.state];
}

export const PAYMENT_STATE_TONE: Record<PaymentState, Tone> = {
  awaiting_card: "warning",
  scheduled: "neutral",
  authorizing: "brand",
  authorized: "brand",
  auth_failed: "danger",
  captured: "success",
  released: "neutral",
  refunded: "neutral",
  partially_refunded: "neutral",
  disputed: "danger",
  not_required: "success",
};

export const PAYOUT_STATE_LABEL: Record<PayoutItemState, string> = {
  upcoming: "Upcoming",
  pending: "Pending payout",
  paid: "Paid",
  refunded: "Refunded",
};

export const PAYOUT_STATE_TONE: Record<PayoutItemState, Tone> = {
  upcoming: "neutral",
  pending: "warning",
  paid: "success",
  refunded: "neutral",
};

const BRAND: Record<string, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  discover: "Discover",
  diners: "Diners Club",
  jcb: "JCB",
  unionpay: "UnionPay",
};

/** "visa" → "Visa"; unknown brands are capitalised. */
export function cardBrand(brand: string): string {
  return BRAND[brand.toLowerCase()] ?? (brand ? brand[0]!.toUpperCase() + brand.slice(1) : "Card");
}

/** "Visa ending in 4242" — the accessible, unambiguous name of a card. */
export function cardName(card: { brand: string; last4: string }): string {
  return `${cardBrand(card.brand)} ending in ${card.last4}`;
}

/** "12/2030" */
export function cardExpiry(card: { expMonth: number; expYear: number }): string {
  return `${String(card.expMonth).padStart(2, "0")}/${card.expYear}`;
}

/** "Tue, Mar 10, 9:00 AM EDT" */
export function atInZone(d: Date, zone: string): string {
  return `${fmtDateTime(d, zone)} ${zoneAbbrev(zone, d)}`;
}

/** One line that says what the payment is waiting for or what happened to it. */
export function paymentHeadline(
  p: Pick<
    PaymentView,
    "state" | "authorizeAt" | "cardAmountCents" | "capturedCents" | "refundedCents" | "captureAt" | "creditAppliedCents"
  >,
  zone: string,
  currency = "USD",
): string {
  const money = (c: number) => formatMoney(c, currency);
  switch (p.state) {
    case "awaiting_card":
      return "Add a card to confirm this lesson.";
    case "scheduled":
      return p.authorizeAt
        ? `Hold of ${money(p.cardAmountCents)} on ${atInZone(p.authorizeAt, zone)}`
        : `Hold of ${money(p.cardAmountCents)} before the lesson`;
    case "authorizing":
      return `Placing a hold of ${money(p.cardAmountCents)}…`;
    case "authorized":
      return p.captureAt
        ? `Hold of ${money(p.cardAmountCents)} · charged on ${atInZone(p.captureAt, zone)}`
        : `Hold of ${money(p.cardAmountCents)}`;
    case "auth_failed":
      return `We couldn't place the hold of ${money(p.cardAmountCents)} on your card.`;
    case "captured":
      return `Charged ${money(p.capturedCents)}`;
    case "released":
      return "The hold was released. You weren't charged.";
    case "refunded":
      return `Refunded ${money(p.refundedCents)}`;
    case "partially_refunded":
      return `Charged ${money(p.capturedCents)}, refunded ${money(p.refundedCents)}`;
    case "disputed":
      return "This payment is disputed.";
    case "not_required":
      return p.creditAppliedCents > 0
        ? "Covered by credits — no card charge."
        : "No payment through InstaInstru for this lesson.";
  }
}
