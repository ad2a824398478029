/**
 * Money rules (PRODUCT.md §5) as pure functions of integer cents and instants, so every boundary is unit-tested.
 *
 * Rounding: the one rule is "half up on the platform's side": platform fee = ⌊(amount × percent + 50) / 100⌋;
 * the instructor gets the remainder, so fee + share always equals the amount exactly.
 */
import type { LedgerAccount } from "~/server/db/schema";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Fee tiers by the instructor's completed lessons in the trailing FEE_WINDOW_DAYS. */
export const FEE_WINDOW_DAYS = 90;
export const STANDARD_FEE_PERCENT = 15;
/** From this many completed lessons in the window: 12 %. */
export const TIER_2_MIN_LESSONS = 10;
export const TIER_2_FEE_PERCENT = 12;
/** From this many: 10 %. */
export const TIER_3_MIN_LESSONS = 25;
export const TIER_3_FEE_PERCENT = 10;
/** Founding instructors, for life, whatever their volume. */
export const FOUNDING_FEE_PERCENT = 8;

/** Authorize this long before the start (at once when the lesson is sooner). */
export const AUTHORIZE_LEAD_HOURS = 24;
/** Still unpaid this long before the start: the booking is cancelled by the system. */
export const UNPAID_CANCEL_HOURS = 12;
/** Capture this long after the end, unless a no-show or dispute is open. */
export const CAPTURE_AFTER_HOURS = 24;
/**
 * Card authorizations expire after ~7 days at Stripe. A hold is kept only when it will still be alive at the
 * capture time with a margin; otherwise the payment goes back to `scheduled` (or re-authorizes at once).
 */
export const HOLD_LIFETIME_HOURS = 7 * 24;
export const HOLD_SAFETY_MARGIN_HOURS = 12;
/** Waits between failed authorization attempts (then every last value), always before the T−12 h deadline. */
export const AUTH_RETRY_DELAYS_MINUTES = [60, 180, 360] as const;

export type FeeTier = {
  percent: number;
  founding: boolean;
  completedLast90Days: number;
  nextTier: { percent: number; lessonsNeeded: number } | null;
};

/** The instructor's platform fee tier: 15 % → 12 % (≥ 10 lessons) → 10 % (≥ 25); founding instructors 8 %. */
export function feeTier(completedLast90Days: number, founding: boolean): FeeTier {
  const n = Math.max(0, Math.floor(completedLast90Days));
  if (founding) return { percent: FOUNDING_FEE_PERCENT, founding: true, completedLast90Days: n, nextTier: null };
  if (n >= TIER_3_MIN_LESSONS)
    return { percent: TIER_3_FEE_PERCENT, founding: false, completedLast90Days: n, nextTier: null };
  if (n >= TIER_2_MIN_LESSONS) {
    return {
      percent: TIER_2_FEE_PERCENT,
      founding: false,
      completedLast90Days: n,
      nextTier: { percent: TIER_3_FEE_PERCENT, lessonsNeeded: TIER_3_MIN_LESSONS - n },
    };
  }
  return {
    percent: STANDARD_FEE_PERCENT,
    founding: false,
    completedLast90Days: n,
    nextTier: { percent: TIER_2_FEE_PERCENT, lessonsNeeded: TIER_2_MIN_LESSONS - n },
  };
}

function assertCents(...values: number[]) {
  for (const v of values)
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`Not a non-negative integer amount of cents: ${v}`);
}

/** Platform fee (half up) and the instructor's share of an amount; they sum to the amount exactly. */
export function splitFee(
  amountCents: number,
  feePercent: number,
): { platformFeeCents: number; instructorShareCents: number } {
  assertCents(amountCents);
  if (!Number.isInteger(feePercent) || feePercent < 0 || feePercent > 100)
    throw new RangeError(`Bad fee percent ${feePercent}`);
  const platformFeeCents = Math.floor((amountCents * feePercent + 50) / 100);
  return { platformFeeCents, instructorShareCents: amountCents - platformFeeCents };
}

/** Credits are applied first, up to the price; the card pays the rest. */
export function applyCredits(
  priceCents: number,
  creditBalanceCents: number,
): { creditAppliedCents: number; cardAmountCents: number } {
  assertCents(priceCents);
  const creditAppliedCents = Math.max(0, Math.min(priceCents, Math.floor(creditBalanceCents)));
  return { creditAppliedCents, cardAmountCents: priceCents - creditAppliedCents };
}

/**
 * Destination charge: the card amount goes to the instructor's account minus `application_fee_amount`. The
 * platform funds credits out of its fee, so the application fee is the platform fee less the credit used
 * (never negative; a credit larger than the fee leaves the platform owing the instructor the difference,
 * which the ledger records as instructor_payable).
 */
export function applicationFeeCents(platformFeeCents: number, creditUsedCents: number, cardCents: number): number {
  return Math.max(0, Math.min(cardCents, platformFeeCents - creditUsedCents));
}

export type Plan = {
  lessonPriceCents: number;
  creditAppliedCents: number;
  cardAmountCents: number;
  feePercent: number;
  platformFeeCents: number;
  instructorShareCents: number;
};

/** What a booking will cost and who gets what. */
export function planPayment(priceCents: number, creditBalanceCents: number, feePercent: number): Plan {
  return {
    lessonPriceCents: priceCents,
    ...applyCredits(priceCents, creditBalanceCents),
    feePercent,
    ...splitFee(priceCents, feePercent),
  };
}

export type Settlement = {
  /** Total the student pays (credit + card). */
  chargeCents: number;
  creditUsedCents: number;
  cardCaptureCents: number;
  platformFeeCents: number;
  instructorShareCents: number;
  applicationFeeCents: number;
};

/**
 * Settles `chargeCents` of a planned payment (the full price at capture, or a cancellation fee): credits first,
 * then the card; the platform fee and instructor share are in the same proportion as the booking's fee percent.
 */
export function settle(
  plan: Pick<Plan, "creditAppliedCents" | "cardAmountCents" | "feePercent">,
  chargeCents: number,
): Settlement {
  assertCents(chargeCents);
  const total = plan.creditAppliedCents + plan.cardAmountCents;
  if (chargeCents > total) throw new RangeError(`Cannot charge ${chargeCents} of ${total}`);
  const creditUsedCents = Math.min(plan.creditAppliedCents, chargeCents);
  const cardCaptureCents = chargeCents - creditUsedCents;
  const { platformFeeCents, instructorShareCents } = splitFee(chargeCents, plan.feePercent);
  return {
    chargeCents,
    creditUsedCents,
    cardCaptureCents,
    platformFeeCents,
    instructorShareCents,
    applicationFeeCents: applicationFeeCents(platformFeeCents, creditUsedCents, cardCaptureCents),
  };
}

export type LedgerLine = { account: LedgerAccount; amountCents: number; userId: string | null };

/** Ledger lines of a settlement: student card + credit (debits) = platform fee + instructor payable (credits). */
export function captureLines(s: Settlement, studentId: string, instructorId: string): LedgerLine[] {
  return nonZero([
    { account: "student_card", amountCents: s.cardCaptureCents, userId: studentId },
    { account: "student_credit", amountCents: s.creditUsedCents, userId: studentId },
    { account: "platform_fee", amountCents: -s.platformFeeCents, userId: null },
    { account: "instructor_payable", amountCents: -s.instructorShareCents, userId: instructorId },
  ]);
}

export type RefundSplit = {
  cardRefundCents: number;
  creditRestoreCents: number;
  platformFeeReversedCents: number;
  instructorShareReversedCents: number;
};

/**
 * A refund of part of what was settled, mirrored in proportion: the card part is refunded through Stripe
 * (reversing the instructor's transfer in proportion), the credit part is restored as credit. The platform fee
 * is reversed in the same proportion as the amount (half-up rule on the platform side).
 */
export function refundSplit(
  settled: { cardCapturedCents: number; creditUsedCents: number; platformFeeCents: number },
  refundCents: number,
): RefundSplit {
  assertCents(refundCents);
  const total = settled.cardCapturedCents + settled.creditUsedCents;
  if (refundCents > total) throw new RangeError(`Cannot refund ${refundCents} of ${total}`);
  const cardRefundCents = Math.min(settled.cardCapturedCents, refundCents);
  const creditRestoreCents = refundCents - cardRefundCents;
  const platformFeeReversedCents =
    total === 0 ? 0 : Math.floor((settled.platformFeeCents * refundCents * 2 + total) / (2 * total));
  return {
    cardRefundCents,
    creditRestoreCents,
    platformFeeReversedCents,
    instructorShareReversedCents: refundCents - platformFeeReversedCents,
  };
}

/** Ledger lines of a refund: what goes back to the student (card via `refunds`, credit restored) = fee + share reversed. */
export function refundLines(r: RefundSplit, studentId: string, instructorId: string): LedgerLine[] {
  return nonZero([
    { account: "refunds", amountCents: -r.cardRefundCents, userId: studentId },
    { account: "student_credit", amountCents: -r.creditRestoreCents, userId: studentId },
    { account: "platform_fee", amountCents: r.platformFeeReversedCents, userId: null },
    { account: "instructor_payable", amountCents: r.instructorShareReversedCents, userId: instructorId },
  ]);
}

/** A credit grant: the platform's promotions budget funds a liability to the student. */
export function creditGrantLines(amountCents: number, studentId: string): LedgerLine[] {
  assertCents(amountCents);
  return nonZero([
    { account: "promotions", amountCents, userId: null },
    { account: "credit_liability", amountCents: -amountCents, userId: studentId },
  ]);
}

function nonZero(lines: LedgerLine[]): LedgerLine[] {
  const out = lines.filter((l) => l.amountCents !== 0);
  if (out.reduce((s, l) => s + l.amountCents, 0) !== 0) throw new Error("unbalanced ledger lines");
  return out;
}

/** When to authorize: 24 h before the start, or now when that has passed. */
export function authorizeAtFor(startAt: Date, now: Date): Date {
  const at = new Date(startAt.getTime() - AUTHORIZE_LEAD_HOURS * HOUR);
  return at > now ? at : now;
}
export const unpaidDeadline = (startAt: Date) => new Date(startAt.getTime() - UNPAID_CANCEL_HOURS * HOUR);
export const captureAtFor = (endAt: Date) => new Date(endAt.getTime() + CAPTURE_AFTER_HOURS * HOUR);

/** Next authorization attempt after `failedAttempts` failures, never later than the unpaid deadline. */
export function nextRetryAt(failedAttempts: number, now: Date, startAt: Date): Date {
  const delays = AUTH_RETRY_DELAYS_MINUTES;
  const minutes = delays[Math.min(Math.max(failedAttempts, 1), delays.length) - 1]!;
  const at = new Date(now.getTime() + minutes * 60_000);
  const deadline = unpaidDeadline(startAt);
  return at < deadline ? at : deadline;
}

/** Whether a hold authorized at `authorizedAt` is still alive (with margin) at `captureAt`. */
export function holdCovers(authorizedAt: Date, captureAt: Date): boolean {
  return captureAt.getTime() <= authorizedAt.getTime() + (HOLD_LIFETIME_HOURS - HOLD_SAFETY_MARGIN_HOURS) * HOUR;
}

export const FEE_WINDOW_MS = FEE_WINDOW_DAYS * DAY;
