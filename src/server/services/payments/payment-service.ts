import type { Database, DbOrTx } from "~/server/db/client";
import type { z } from "zod";
import type { ZRetryAuthorizationInput } from "~/server/api/routers/payments.schemas";
import type { PaymentState } from "~/server/db/schema";
import type { BookingRepository, BookingRow } from "~/server/repositories/bookings";
import type { BookingPaymentRow, PaymentRepository } from "~/server/repositories/payments";
import type { EventPublisher } from "~/server/events/publisher";
import type { DomainEvent } from "~/server/events/catalog";
import {
  PaymentGatewayError,
  type CardSummary,
  type PaymentGateway,
  type PaymentIntentResult,
} from "~/server/integrations/payments/port";
import { ConflictError, NotFoundError, ValidationError } from "~/server/errors";
import { logger } from "~/server/logger";
import {
  FEE_WINDOW_MS,
  authorizeAtFor,
  captureAtFor,
  captureLines,
  feeTier,
  holdCovers,
  nextRetryAt,
  planPayment,
  refundLines,
  refundSplit,
  settle,
  unpaidDeadline,
  type Settlement,
} from "./money";

/**
 * The money flow of a booking (PRODUCT.md §5), one step at a time:
 *
 *   create ─▶ scheduled (authorize at start − 24 h) ─▶ authorizing ─▶ authorized ─▶ captured (end + 24 h)
 *      │            └─ < 24 h ahead: authorized inside `create`       └─▶ auth_failed ─▶ retry … ─▶ cancelled at T−12 h
 *      └─ credits cover it all: not_required (credits settle at capture time)
 *   cancellation / no-show ─▶ released (hold cancelled) or captured in part (fee) or refunded (after capture)
 *
 * Every step decides under the payment row's lock (SELECT … FOR UPDATE), calls the gateway outside the
 * transaction with an idempotency key `booking:<id>:<action>:<attempt>` (the embedded gateway shares the
 * database, and an open PGlite transaction would block it), then records the result under the lock again,
 * moving only forward. When the gateway says the PaymentIntent changed meanwhile (a concurrent capture and
 * cancel), the step reconciles from the PaymentIntent and decides again — one consistent outcome either way.
 */

export type AuthOutcome =
  | { outcome: "authorized"; state: PaymentState }
  | { outcome: "failed"; state: PaymentState; message: string; declineCode: string | null; retryAt: string | null }
  | { outcome: "not_due"; at: string }
  | { outcome: "skipped"; state: PaymentState | null; reason: string };

export type SettleOutcome =
  | { outcome: "captured" | "released" | "refunded" | "settled_credits"; state: PaymentState }
  | { outcome: "not_due"; at: string }
  | { outcome: "held"; reason: string }
  | { outcome: "unchanged"; state: PaymentState | null };

type Deps = {
  db: Database;
  repo: PaymentRepository;
  bookings: BookingRepository;
  gateway: PaymentGateway;
  events: EventPublisher;
  now?: () => Date;
};

const ACTIVE_BOOKING = new Set(["pending_payment", "confirmed"]);
/** States in which the money is final (nothing more to capture or release). */
const FINAL: ReadonlySet<PaymentState> = new Set(["released", "refunded", "disputed"]);
const HOLDLESS: ReadonlySet<PaymentState> = new Set(["awaiting_card", "scheduled", "auth_failed", "not_required"]);

export const money$ = (cents: number) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);

/** A cardholder-safe message for a gateway failure. */
function failureMessage(e: unknown): { message: string; declineCode: string | null; code: string | null } {
  if (e instanceof PaymentGatewayError) {
    if (e.isCardError) return { message: e.message, declineCode: e.declineCode, code: e.code };
    if (e.code === "instructor_not_payable") return { message: e.message, declineCode: null, code: e.code };
    return { message: "We couldn't reach the card network. We'll try again.", declineCode: null, code: e.code };
  }
  return { message: "We couldn't authorize your card. We'll try again.", declineCode: null, code: null };
}

export function createPaymentService({ db, repo, bookings, gateway, events, now = () => new Date() }: Deps) {
  const publish = async (list: DomainEvent[]) => {
    if (list.length) await events.publish(list);
  };

  /** The plan stored for a settlement: the amount already settled (card + credits − refunds). */
  const settledCents = (p: BookingPaymentRow) => p.capturedCents + p.creditUsedCents - p.refundedCents;

  /** What the booking's outcome says the student owes now, and whether it is due. */
  function target(p: BookingPaymentRow, b: BookingRow, at: Date): { chargeCents: number; due: boolean; held?: string } {
    if (b.status === "cancelled") {
      if (b.cancellationReason === "rescheduled") return { chargeCents: 0, due: false, held: "rescheduled" };
      return {
        chargeCents: b.cancelledBy === "student" ? Math.min(b.cancellationFeeCents ?? 0, p.lessonPriceCents) : 0,
        due: true,
      };
    }
    if (b.status === "no_show") {
      // The instructor reports the student absent: charged in full, as a late cancellation. The student reports the
      // instructor absent: nothing is charged (an instructor cancellation).
      return { chargeCents: b.noShowReportedBy === "instructor" ? p.lessonPriceCents : 0, due: true };
    }
    if (b.noShowReportedAt) return { chargeCents: p.lessonPriceCents, due: false, held: "no-show reported" };
    if (p.disputedAt) return { chargeCents: p.lessonPriceCents, due: false, held: "disputed" };
    const captureAt = p.captureAt ?? captureAtFor(b.endAt);
    return { chargeCents: p.lessonPriceCents, due: at >= captureAt };
  }

  /** Records a settlement (capture of card and/or credits) under the lock: state, credits, ledger, timeline. */
  async function applySettlement(
    tx: DbOrTx,
    p: BookingPaymentRow,
    s: Settlement,
    opts: { chargeId: string | null; kind: string; state?: PaymentState; at: Date },
  ) {
    const state: PaymentState =
      opts.state ?? (s.cardCaptureCents > 0 ? "captured" : p.cardAmountCents === 0 ? "not_required" : "released");
    const row = await repo.updatePayment(tx, p.bookingId, {
      state,
      capturedCents: s.cardCaptureCents,
      creditUsedCents: s.creditUsedCents,
      chargeId: opts.chargeId ?? p.chargeId,
      capturedAt: opts.at,
      lastError: null,
    });
    const unused = p.creditAppliedCents - s.creditUsedCents;
    if (unused > 0)
      await repo.insertCredit(tx, {
        studentId: p.studentId,
        bookingId: p.bookingId,
        kind: "restore",
        amountCents: unused,
        reason: "Credit returned",
        createdAt: opts.at,
      });
    await repo.postLedger(tx, {
      bookingId: p.bookingId,
      kind: opts.kind,
      createdAt: opts.at,
      lines: captureLines(s, p.studentId, p.instructorId),
    });
    const label =
      opts.kind === "capture"
        ? "Payment captured"
        : opts.kind === "cancellation_fee"
          ? "Cancellation fee charged"
          : "No-show charge";
    await repo.addEvent(tx, {
      bookingId: p.bookingId,
      kind: opts.kind,
      label: s.chargeCents > 0 ? label : "Nothing charged",
      amountCents: s.chargeCents,
      createdAt: opts.at,
    });
    return row;
  }

  /** Records a released hold (nothing charged): state, credits back, timeline. */
  async function applyRelease(tx: DbOrTx, p: BookingPaymentRow, at: Date, label: string) {
    if (p.creditAppliedCents > 0) {
      await repo.insertCredit(tx, {
        studentId: p.studentId,
        bookingId: p.bookingId,
        kind: "restore",
        amountCents: p.creditAppliedCents,
        reason: "Credit returned",
        createdAt: at,
      });
    }
    await repo.addEvent(tx, { bookingId: p.bookingId, kind: "released", label, amountCents: null, createdAt: at });
    return repo.updatePayment(tx, p.bookingId, { state: "released", capturedAt: null, lastError: null });
  }

  /** Records a refund of `cents` more (card first, then credit), mirrored in the ledger, under the lock. */
  async function applyRefund(tx: DbOrTx, p: BookingPaymentRow, cents: number, at: Date, label: string) {
    const settled = {
      cardCapturedCents: p.capturedCents,
      creditUsedCents: p.creditUsedCents,
      platformFeeCents: settle(p, p.capturedCents + p.creditUsedCents).platformFeeCents,
    };
    const before = refundSplit(settled, p.refundedCents);
    const after = refundSplit(settled, p.refundedCents + cents);
    const delta = {
      cardRefundCents: after.cardRefundCents - before.cardRefundCents,
      creditRestoreCents: after.creditRestoreCents - before.creditRestoreCents,
      platformFeeReversedCents: after.platformFeeReversedCents - before.platformFeeReversedCents,
      instructorShareReversedCents: after.instructorShareReversedCents - before.instructorShareReversedCents,
    };
    const refunded = p.refundedCents + cents;
    const total = p.capturedCents + p.creditUsedCents;
    await repo.postLedger(tx, {
      bookingId: p.bookingId,
      kind: "refund",
      createdAt: at,
      lines: refundLines(delta, p.studentId, p.instructorId),
    });
    if (delta.creditRestoreCents > 0) {
      await repo.insertCredit(tx, {
        studentId: p.studentId,
        bookingId: null,
        kind: "grant",
        amountCents: delta.creditRestoreCents,
        reason: `Refund for lesson ${p.bookingId}`,
        createdAt: at,
      });
    }
    await repo.addEvent(tx, { bookingId: p.bookingId, kind: "refund", label, amountCents: cents, createdAt: at });
    return repo.updatePayment(tx, p.bookingId, {
      refundedCents: refunded,
      state: p.state === "disputed" ? "disputed" : refunded >= total ? "refunded" : "partially_refunded",
    });
  }

  /**
   * Brings the PaymentIntent's real state into our row (after a gateway "unexpected state" error, or from a
   * webhook): never backwards — a captured payment is not un-captured, a released one not re-held.
   */
  async function reconcileFromIntent(bookingId: string, pi: PaymentIntentResult): Promise<BookingPaymentRow | null> {
    const at = now();
    return db.transaction(async (tx) => {
      const p = await repo.lockPayment(tx, bookingId);
      if (!p || p.paymentIntentId !== pi.paymentIntentId) return p;
      if (
        pi.status === "requires_capture" &&
        (p.state === "authorizing" || p.state === "scheduled" || p.state === "auth_failed")
      ) {
        await repo.addEvent(tx, {
          bookingId,
          kind: "authorized",
          label: "Card authorized",
          amountCents: pi.amountCents,
          createdAt: at,
        });
        return repo.updatePayment(tx, bookingId, {
          state: "authorized",
          authorizedAt: p.authorizedAt ?? at,
          lastError: null,
        });
      }
      if (pi.status === "succeeded" && p.capturedAt === null && !FINAL.has(p.state)) {
        const s = settle(p, Math.min(p.lessonPriceCents, p.creditAppliedCents + pi.amountReceivedCents));
        return applySettlement(tx, p, s, { chargeId: pi.chargeId, kind: "capture", state: "captured", at });
      }
      if (
        pi.status === "canceled" &&
        p.capturedAt === null &&
        (p.state === "authorized" || p.state === "authorizing")
      ) {
        return applyRelease(tx, p, at, "Card hold released");
      }
      return p;
    });
  }

  async function loadCustomerAndAccount(p: BookingPaymentRow) {
    const [customer, account] = await Promise.all([repo.findCustomer(p.studentId), repo.findAccount(p.instructorId)]);
    return { customer, account };
  }

  /**
   * Authorizes the card for the booking (one attempt). Due at start − 24 h; retries come from the authorize
   * function's backoff or the student. `force` skips the due-time check (inside `create`, and student retries).
   */
  async function authorize(
    bookingId: string,
    opts: { force?: boolean; paymentMethodId?: string; card?: CardSummary } = {},
  ): Promise<AuthOutcome> {
    const at = now();
    type Claim =
      | { skip: AuthOutcome; row?: undefined; booking?: undefined }
      | { skip: null; row: BookingPaymentRow; booking: BookingRow };
    const claim = await db.transaction(async (tx): Promise<Claim> => {
      const p = await repo.lockPayment(tx, bookingId);
      if (!p) return { skip: { outcome: "skipped", state: null, reason: "no payment" } as AuthOutcome };
      if (!HOLDLESS.has(p.state) || p.state === "not_required")
        return { skip: { outcome: "skipped", state: p.state, reason: `payment is ${p.state}` } as AuthOutcome };
      const b = await bookings.findById(bookingId, tx);
      if (!b || !ACTIVE_BOOKING.has(b.status))
        return {
          skip: { outcome: "skipped", state: p.state, reason: `booking is ${b?.status ?? "missing"}` } as AuthOutcome,
        };
      if (!opts.force && p.authorizeAt && p.authorizeAt > at)
        return { skip: { outcome: "not_due", at: p.authorizeAt.toISOString() } as AuthOutcome };
      const card = opts.card;
      const paymentMethodId = card?.paymentMethodId ?? p.paymentMethodId;
      if (!paymentMethodId) return { skip: { outcome: "skipped", state: p.state, reason: "no card" } as AuthOutcome };
      const row = await repo.updatePayment(tx, bookingId, {
        state: "authorizing",
        attempts: p.attempts + 1,
        paymentMethodId,
        ...(card ? { cardBrand: card.brand, cardLast4: card.last4 } : {}),
      });
      return { row, booking: b, skip: null };
    });
    if (claim.skip) return claim.skip;
    const { row: p, booking: b } = claim;
    let result: PaymentIntentResult | null = null;
    let failure: unknown = null;
    try {
      const { customer, account } = await loadCustomerAndAccount(p);
      if (!customer)
        throw new PaymentGatewayError("Add a card to pay for this lesson.", "invalid_request_error", "no_customer");
      if (!account?.chargesEnabled)
        throw new PaymentGatewayError(
          "This instructor can't accept payments yet. We'll try again.",
          "invalid_request_error",
          "instructor_not_payable",
        );
      result = await gateway.authorize({
        amountCents: p.cardAmountCents,
        currency: "usd",
        customerId: customer.stripeCustomerId,
        paymentMethodId: p.paymentMethodId!,
        destinationAccountId: account.stripeAccountId,
        applicationFeeCents: settle(p, p.lessonPriceCents).applicationFeeCents,
        metadata: { bookingId, studentId: p.studentId, instructorId: p.instructorId },
        idempotencyKey: `booking:${bookingId}:authorize:${p.attempts}`,
      });
      if (result.status !== "requires_capture") {
        failure = new PaymentGatewayError(
          "Your bank needs you to confirm this payment. Use another card or try again.",
          "card_error",
          "authentication_required",
          null,
          result.paymentIntentId,
        );
      }
    } catch (e) {
      failure = e;
      if (!(e instanceof PaymentGatewayError)) logger.error("authorize failed", { bookingId, error: e });
    }
    const recordedAt = now();
    const out = await db.transaction(async (tx): Promise<AuthOutcome> => {
      const cur = await repo.lockPayment(tx, bookingId);
      if (!cur) return { outcome: "skipped", state: null, reason: "no payment" };
      if (cur.state !== "authorizing")
        return cur.state === "authorized"
          ? { outcome: "authorized", state: cur.state }
          : { outcome: "skipped", state: cur.state, reason: "changed meanwhile" };
      if (!failure && result) {
        await repo.updatePayment(tx, bookingId, {
          state: "authorized",
          paymentIntentId: result.paymentIntentId,
          authorizedAt: recordedAt,
          captureAt: captureAtFor(b.endAt),
          lastError: null,
          lastDeclineCode: null,
        });
        await repo.addEvent(tx, {
          bookingId,
          kind: "authorized",
          label: `Card authorized${p.cardLast4 ? ` (•••• ${p.cardLast4})` : ""}`,
          amountCents: p.cardAmountCents,
          createdAt: recordedAt,
        });
        return { outcome: "authorized", state: "authorized" };
      }
      const f = failureMessage(failure);
      const piId = failure instanceof PaymentGatewayError ? failure.paymentIntentId : null;
      const deadline = unpaidDeadline(b.startAt);
      const retryAt = recordedAt < deadline ? nextRetryAt(cur.attempts, recordedAt, b.startAt) : null;
      await repo.updatePayment(tx, bookingId, {
        state: "auth_failed",
        lastError: f.message,
        lastDeclineCode: f.declineCode ?? f.code,
        ...(piId && piId !== cur.paymentIntentId ? { paymentIntentId: piId } : {}),
        authorizeAt: retryAt ?? cur.authorizeAt,
      });
      await repo.addEvent(tx, {
        bookingId,
        kind: "auth_failed",
        label: `Authorization failed: ${f.message}`,
        amountCents: p.cardAmountCents,
        data: { declineCode: f.declineCode, code: f.code },
        createdAt: recordedAt,
      });
      return {
        outcome: "failed",
        state: "auth_failed",
        message: f.message,
        declineCode: f.declineCode,
        retryAt: retryAt?.toISOString() ?? null,
      };
    });
    const ref = { bookingId, studentId: p.studentId, instructorId: p.instructorId };
    if (out.outcome === "authorized")
      await publish([
        { name: "payment/authorized", data: ref, id: `payment/authorized:${bookingId}:${p.attempts}` },
        captureTrigger(ref),
      ]);
    if (out.outcome === "failed") {
      await publish([
        {
          name: "payment/authorization-failed",
          data: { ...ref, attempt: p.attempts, message: out.message },
          id: `payment/authorization-failed:${bookingId}:${p.attempts}`,
        },
      ]);
    }
    return out;
  }

  const captureTrigger = (ref: { bookingId: string; studentId: string; instructorId: string }): DomainEvent => ({
    name: "payment/capture-scheduled",
    data: ref,
    id: `payment/capture-scheduled:${ref.bookingId}`,
  });

  /**
   * Brings the money in line with the booking's outcome (capture when due, cancellation fee, no-show, refunds
   * after an instructor-side cancellation). Idempotent; safe to run concurrently with itself.
   */
  async function settleBooking(
    bookingId: string,
    round = 0,
    targetOverride?: (p: BookingPaymentRow) => number,
  ): Promise<SettleOutcome> {
    const at = now();
    type Plan =
      | { done: SettleOutcome }
      | { action: "capture"; p: BookingPaymentRow; s: Settlement; kind: string }
      | { action: "cancel"; p: BookingPaymentRow; s: Settlement }
      | { action: "refund"; p: BookingPaymentRow; cents: number }
      | { action: "charge"; p: BookingPaymentRow; s: Settlement; kind: string };
    const plan = await db.transaction(async (tx): Promise<Plan> => {
      const p = await repo.lockPayment(tx, bookingId);
      if (!p) return { done: { outcome: "unchanged", state: null } };
      const b = await bookings.findById(bookingId, tx);
      if (!b) return { done: { outcome: "unchanged", state: p.state } };
      const t = targetOverride
        ? { chargeCents: Math.max(0, targetOverride(p)), due: true, held: undefined }
        : target(p, b, at);
      if (t.held) return { done: { outcome: "held", reason: t.held } };
      if (FINAL.has(p.state)) return { done: { outcome: "unchanged", state: p.state } };
      if (!t.due) return { done: { outcome: "not_due", at: (p.captureAt ?? captureAtFor(b.endAt)).toISOString() } };
      const kind = b.status === "cancelled" ? "cancellation_fee" : b.status === "no_show" ? "no_show" : "capture";
      // Already settled (captured, or credits settled): refund down to the target if it is lower.
      if (p.capturedAt) {
        const excess = settledCents(p) - t.chargeCents;
        return excess > 0 ? { action: "refund", p, cents: excess } : { done: { outcome: "unchanged", state: p.state } };
      }
      const s = settle(p, t.chargeCents);
      if (p.state === "authorized" || p.state === "authorizing") {
        if (p.state === "authorizing") return { done: { outcome: "unchanged", state: p.state } }; // an authorization is in flight
        return s.cardCaptureCents > 0 ? { action: "capture", p, s, kind } : { action: "cancel", p, s };
      }
      // No hold (scheduled, failed, credits only): settle credits here; a card part is authorized and captured now.
      if (s.cardCaptureCents === 0) {
        if (s.chargeCents === 0) {
          await applyRelease(tx, p, at, b.status === "cancelled" ? "Cancelled — nothing charged" : "Nothing charged");
          return { done: { outcome: "released", state: "released" } };
        }
        await applySettlement(tx, p, s, { chargeId: null, kind, at });
        return { done: { outcome: "settled_credits", state: p.cardAmountCents === 0 ? "not_required" : "released" } };
      }
      return { action: "charge", p, s, kind };
    });
    if ("done" in plan) return plan.done;

    const { p } = plan;
    const key = (action: string) => `booking:${bookingId}:${action}:${p.attempts}`;
    let pi: PaymentIntentResult | null = null;
    try {
      if (plan.action === "capture") {
        pi = await gateway.capture({
          paymentIntentId: p.paymentIntentId!,
          amountCents: plan.s.cardCaptureCents,
          applicationFeeCents: plan.s.applicationFeeCents,
          idempotencyKey: key(plan.kind),
        });
      } else if (plan.action === "cancel") {
        pi = await gateway.cancel({ paymentIntentId: p.paymentIntentId!, idempotencyKey: key("release") });
      } else if (plan.action === "refund") {
        const cardPart = Math.max(
          0,
          Math.min(plan.cents, p.capturedCents - Math.min(p.capturedCents, p.refundedCents)),
        );
        if (cardPart > 0) {
          await gateway.refund({
            paymentIntentId: p.paymentIntentId!,
            amountCents: cardPart,
            refundApplicationFee: true,
            idempotencyKey: `booking:${bookingId}:refund:${p.refundedCents}`,
          });
        }
      } else {
        // A fee without a hold (the authorization never succeeded): authorize the fee now and capture it.
        const { customer, account } = await loadCustomerAndAccount(p);
        if (!customer || !account || !p.paymentMethodId)
          throw new PaymentGatewayError("No card on file to charge the fee.", "invalid_request_error", "no_card");
        const auth = await gateway.authorize({
          amountCents: plan.s.cardCaptureCents,
          currency: "usd",
          customerId: customer.stripeCustomerId,
          paymentMethodId: p.paymentMethodId,
          destinationAccountId: account.stripeAccountId,
          applicationFeeCents: plan.s.applicationFeeCents,
          metadata: { bookingId, kind: plan.kind },
          idempotencyKey: key(`${plan.kind}-authorize`),
        });
        pi = await gateway.capture({
          paymentIntentId: auth.paymentIntentId,
          amountCents: plan.s.cardCaptureCents,
          applicationFeeCents: plan.s.applicationFeeCents,
          idempotencyKey: key(plan.kind),
        });
      }
    } catch (e) {
      if (
        e instanceof PaymentGatewayError &&
        !e.isCardError &&
        p.paymentIntentId &&
        round < 2 &&
        plan.action !== "charge"
      ) {
        // The PaymentIntent moved meanwhile (e.g. captured by a concurrent step): take its state, decide again.
        const current = await gateway.getPaymentIntent(p.paymentIntentId);
        await reconcileFromIntent(bookingId, current);
        return settleBooking(bookingId, round + 1, targetOverride);
      }
      const f = failureMessage(e);
      await db.transaction(async (tx) => {
        await repo.lockPayment(tx, bookingId);
        await repo.updatePayment(tx, bookingId, { lastError: f.message });
        await repo.addEvent(tx, {
          bookingId,
          kind: "error",
          label: `Payment step failed: ${f.message}`,
          createdAt: now(),
        });
      });
      throw e;
    }

    const recordedAt = now();
    const ref = { bookingId, studentId: p.studentId, instructorId: p.instructorId };
    const out = await db.transaction(async (tx): Promise<SettleOutcome> => {
      const cur = await repo.lockPayment(tx, bookingId);
      if (!cur) return { outcome: "unchanged", state: null };
      if (plan.action === "refund") {
        if (cur.refundedCents !== p.refundedCents) return { outcome: "unchanged", state: cur.state }; // recorded by a webhook meanwhile
        const r = await applyRefund(tx, cur, plan.cents, recordedAt, "Refunded");
        return { outcome: "refunded", state: r.state };
      }
      if (cur.capturedAt || FINAL.has(cur.state)) return { outcome: "unchanged", state: cur.state }; // recorded meanwhile
      if (plan.action === "cancel") {
        if (plan.s.chargeCents > 0) {
          const r = await applySettlement(tx, cur, plan.s, {
            chargeId: null,
            kind: "cancellation_fee",
            state: "released",
            at: recordedAt,
          });
          return { outcome: "settled_credits", state: r.state };
        }
        await applyRelease(tx, cur, recordedAt, "Card hold released");
        return { outcome: "released", state: "released" };
      }
      const r = await applySettlement(tx, cur, plan.s, {
        chargeId: pi?.chargeId ?? null,
        kind: plan.kind,
        state: "captured",
        at: recordedAt,
      });
      if (plan.action === "charge" && pi)
        await repo.updatePayment(tx, bookingId, { paymentIntentId: pi.paymentIntentId });
      return { outcome: "captured", state: r.state };
    });
    if (out.outcome === "captured")
      await publish([{ name: "payment/captured", data: ref, id: `payment/captured:${bookingId}` }]);
    if (out.outcome === "released")
      await publish([{ name: "payment/released", data: ref, id: `payment/released:${bookingId}` }]);
    if (out.outcome === "refunded")
      await publish([{ name: "payment/refunded", data: ref, id: `payment/refunded:${bookingId}:${p.refundedCents}` }]);
    return out;
  }

  return {
    settleBooking,
    authorize,
    reconcileFromIntent,

    /**
     * Refunds a captured payment (admin tools): `cents` more, or everything still settled. Card first (Stripe
     * refund with the transfer reversed and the application fee refunded in proportion), then credits restored.
     */
    refund: (bookingId: string, cents?: number) =>
      settleBooking(bookingId, 0, (p) => (cents === undefined ? 0 : settledCents(p) - cents)),

    /** Mirrors a refund made at Stripe (a `charge.refunded` webhook) under the caller's lock. */
    recordExternalRefund: (tx: DbOrTx, p: BookingPaymentRow, cents: number) =>
      applyRefund(tx, p, cents, now(), "Refunded"),

    /** The saved card a student chose, checked against their Stripe Customer. */
    async resolveCard(studentId: string, paymentMethodId: string): Promise<CardSummary> {
      const customer = await repo.findCustomer(studentId);
      const cards = customer ? await gateway.listCards(customer.stripeCustomerId) : [];
      const card = cards.find((c) => c.paymentMethodId === paymentMethodId);
      if (!card)
        throw new ValidationError(
          "That card isn't on your account. Add it again.",
          { paymentMethodId: ["Unknown card"] },
          { reason: "UNKNOWN_CARD" },
        );
      return card;
    },

    /**
     * Plans the payment of a new booking inside its transaction: fee tier, credits first (spent under the
     * student's credit lock, once per booking), the card for the rest. A card is required unless credits cover it.
     */
    async attachToBooking(tx: DbOrTx, b: BookingRow, card: CardSummary | null): Promise<BookingPaymentRow> {
      const at = now();
      await repo.lockCredits(tx, b.studentId);
      const [balance, completed, founding] = await Promise.all([
        repo.creditBalance(b.studentId, tx),
        repo.completedLessonsSince(b.instructorId, new Date(at.getTime() - FEE_WINDOW_MS), tx),
        repo.isFounding(b.instructorId, tx),
      ]);
      const plan = planPayment(b.priceCents, balance, feeTier(completed, founding).percent);
      if (plan.cardAmountCents > 0 && !card) {
        throw new ValidationError(
          "Add a card to book this lesson.",
          { paymentMethodId: ["Required"] },
          { reason: "CARD_REQUIRED" },
        );
      }
      if (plan.creditAppliedCents > 0) {
        await repo.insertCredit(tx, {
          studentId: b.studentId,
          bookingId: b.id,
          kind: "spend",
          amountCents: -plan.creditAppliedCents,
          reason: "Applied to a lesson",
          createdAt: at,
        });
      }
      const row = await repo.insertPayment(tx, {
        bookingId: b.id,
        studentId: b.studentId,
        instructorId: b.instructorId,
        state: plan.cardAmountCents === 0 ? "not_required" : "scheduled",
        ...plan,
        paymentMethodId: plan.cardAmountCents > 0 ? card!.paymentMethodId : null,
        cardBrand: plan.cardAmountCents > 0 ? card!.brand : null,
        cardLast4: plan.cardAmountCents > 0 ? card!.last4 : null,
        authorizeAt: plan.cardAmountCents > 0 ? authorizeAtFor(b.startAt, at) : null,
        captureAt: captureAtFor(b.endAt),
      });
      await repo.addEvent(tx, {
        bookingId: b.id,
        kind: "planned",
        label:
          plan.cardAmountCents === 0
            ? "Paid with credits"
            : `Card saved${card ? ` (${card.brand} •••• ${card.last4})` : ""}`,
        amountCents: plan.lessonPriceCents,
        createdAt: at,
      });
      if (plan.creditAppliedCents > 0)
        await repo.addEvent(tx, {
          bookingId: b.id,
          kind: "credit",
          label: "Credits applied",
          amountCents: plan.creditAppliedCents,
          createdAt: at,
        });
      return row;
    },

    /** Starts the timers of a payment after its booking was created or moved: authorization or capture. */
    async schedule(bookingId: string): Promise<void> {
      const p = await repo.findPayment(bookingId);
      if (!p) return;
      const ref = { bookingId, studentId: p.studentId, instructorId: p.instructorId };
      if (p.state === "scheduled" || p.state === "auth_failed")
        await publish([
          { name: "payment/authorize-scheduled", data: ref, id: `payment/authorize-scheduled:${bookingId}` },
        ]);
      else if (p.state === "authorized" || p.state === "not_required") await publish([captureTrigger(ref)]);
    },

    /**
     * Moves a booking's payment to its rescheduled booking (same transaction as the reschedule). The hold is kept
     * when it will still be alive at the new capture time (authorized + 7 days − 12 h margin); otherwise the new
     * booking goes back to `scheduled` (authorized again 24 h before, or at once) and the old hold is released.
     * Credits already applied carry over. Returns the PaymentIntent to release after commit, if any.
     */
    async moveToRescheduled(
      tx: DbOrTx,
      oldBooking: BookingRow,
      newBooking: BookingRow,
    ): Promise<{ releaseIntentId: string | null }> {
      const at = now();
      const old = await repo.lockPayment(tx, oldBooking.id);
      if (!old) return { releaseIntentId: null };
      const newCaptureAt = captureAtFor(newBooking.endAt);
      const keep =
        old.state === "authorized" && old.authorizedAt !== null && holdCovers(old.authorizedAt, newCaptureAt);
      const hasHold = old.state === "authorized";
      await repo.updatePayment(tx, old.bookingId, {
        state: "released",
        paymentIntentId: keep ? null : old.paymentIntentId,
      });
      await repo.addEvent(tx, {
        bookingId: old.bookingId,
        kind: "moved",
        label: "Moved to the rescheduled lesson",
        data: { to: newBooking.id },
        createdAt: at,
      });
      const state: PaymentState = old.cardAmountCents === 0 ? "not_required" : keep ? "authorized" : "scheduled";
      await repo.insertPayment(tx, {
        bookingId: newBooking.id,
        studentId: old.studentId,
        instructorId: old.instructorId,
        state,
        lessonPriceCents: old.lessonPriceCents,
        creditAppliedCents: old.creditAppliedCents,
        cardAmountCents: old.cardAmountCents,
        feePercent: old.feePercent,
        platformFeeCents: old.platformFeeCents,
        instructorShareCents: old.instructorShareCents,
        paymentMethodId: old.paymentMethodId,
        cardBrand: old.cardBrand,
        cardLast4: old.cardLast4,
        paymentIntentId: keep ? old.paymentIntentId : null,
        attempts: keep ? old.attempts : 0,
        authorizedAt: keep ? old.authorizedAt : null,
        authorizeAt: state === "scheduled" ? authorizeAtFor(newBooking.startAt, at) : null,
        captureAt: newCaptureAt,
      });
      await repo.addEvent(tx, {
        bookingId: newBooking.id,
        kind: "rescheduled",
        label: keep
          ? "Rescheduled — card hold kept"
          : hasHold
            ? "Rescheduled — card will be authorized again"
            : "Rescheduled",
        data: { from: oldBooking.id },
        amountCents: null,
        createdAt: at,
      });
      return { releaseIntentId: hasHold && !keep ? old.paymentIntentId : null };
    },

    /** After a reschedule commits: release the old hold if it was not kept, authorize now if due, start timers. */
    async afterReschedule(oldBookingId: string, newBookingId: string, releaseIntentId: string | null): Promise<void> {
      if (releaseIntentId) {
        try {
          await gateway.cancel({
            paymentIntentId: releaseIntentId,
            idempotencyKey: `booking:${oldBookingId}:release:reschedule`,
          });
          await db.transaction((tx) =>
            repo.addEvent(tx, {
              bookingId: oldBookingId,
              kind: "released",
              label: "Card hold released",
              createdAt: now(),
            }),
          );
        } catch (e) {
          logger.warn("releasing the old hold after a reschedule failed", { oldBookingId, error: e });
        }
      }
      const p = await repo.findPayment(newBookingId);
      if (p?.state === "scheduled" && p.authorizeAt && p.authorizeAt <= now())
        await authorize(newBookingId, { force: true });
      await this.schedule(newBookingId);
    },

    /** When the authorize function should act, and the T−12 h deadline (ISO strings: step results are JSON). */
    async authorizationPlan(bookingId: string): Promise<{ authorizeAt: string; deadline: string } | null> {
      const p = await repo.findPayment(bookingId);
      const b = await bookings.findById(bookingId);
      if (!p || !b || !(p.state === "scheduled" || p.state === "auth_failed")) return null;
      return { authorizeAt: (p.authorizeAt ?? now()).toISOString(), deadline: unpaidDeadline(b.startAt).toISOString() };
    },

    /** True when the booking is still active, unpaid, and its T−12 h deadline has passed. */
    async isUnpaidPastDeadline(bookingId: string): Promise<boolean> {
      const p = await repo.findPayment(bookingId);
      const b = await bookings.findById(bookingId);
      if (!p || !b || !ACTIVE_BOOKING.has(b.status)) return false;
      return (
        (p.state === "scheduled" || p.state === "auth_failed" || p.state === "awaiting_card") &&
        now() >= unpaidDeadline(b.startAt)
      );
    },

    /**
     * What the student is told after a declined authorization (attempt `attempt`): the reason and the deadline.
     * The notification itself goes through the notification flows (inngest/functions/payments/authorize.ts).
     */
    async authorizationFailure(bookingId: string): Promise<{ reason: string; deadline: string } | null> {
      const p = await repo.findPayment(bookingId);
      const b = await bookings.findById(bookingId);
      if (!p || !b) return null;
      return {
        reason: p.lastError ?? "We couldn't authorize your card.",
        deadline: unpaidDeadline(b.startAt).toISOString(),
      };
    },

    /**
     * The student tries the authorization again now (after a decline), optionally with another saved card.
     * Only for a payment waiting on its card; NOT_FOUND for anyone but the booking's student.
     */
    async retryAuthorization(
      actor: { userId: string },
      input: z.infer<typeof ZRetryAuthorizationInput>,
    ): Promise<AuthOutcome> {
      const p = await repo.findPayment(input.bookingId);
      if (!p || p.studentId !== actor.userId) throw new NotFoundError("Booking not found.");
      if (!(p.state === "auth_failed" || p.state === "scheduled"))
        throw new ConflictError("This lesson's payment doesn't need a new authorization.");
      const card = input.paymentMethodId ? await this.resolveCard(actor.userId, input.paymentMethodId) : undefined;
      return authorize(input.bookingId, { force: true, card });
    },

    paymentOf: (bookingId: string) => repo.findPayment(bookingId),
    paymentsOf: (bookingIds: string[]) => repo.findPayments(bookingIds),

    /** Capture due? (the capture function's step): settles when due, else says when. */
    captureDue: (bookingId: string) => settleBooking(bookingId),
  };
}
export type PaymentService = ReturnType<typeof createPaymentService>;
