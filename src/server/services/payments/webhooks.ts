import type { Database } from "~/server/db/client";
import type { PaymentRepository } from "~/server/repositories/payments";
import type {
  GatewayEvent,
  PaymentGateway,
  PaymentIntentResult,
  PaymentIntentStatus,
} from "~/server/integrations/payments/port";
import type { EventPublisher } from "~/server/events/publisher";
import { logger } from "~/server/logger";
import type { PaymentService } from "./payment-service";
import type { PaymentAccountService } from "./accounts";

type Deps = {
  db: Database;
  repo: PaymentRepository;
  gateway: PaymentGateway;
  payments: PaymentService;
  accounts: PaymentAccountService;
  events: EventPublisher;
  now?: () => Date;
};

export type WebhookResult = { status: "processed" | "duplicate" | "ignored"; outcome: string };

const str = (v: unknown) => (typeof v === "string" ? v : null);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/**
 * Stripe webhooks (`/api/webhooks/stripe`): the signature is verified by the gateway over the raw body (a bad one
 * throws before anything is stored); each event id is stored once and processed once (the row is locked while
 * processing, and `processed_at` marks it done); events may arrive in any order, so each one only moves a payment
 * forward from its current state (a late `payment_intent.amount_capturable_updated` after a capture changes nothing).
 */
export function createWebhookService({ db, repo, gateway, payments, accounts, events, now = () => new Date() }: Deps) {
  /** The event's PaymentIntent (status from the event; our booking found by PI id or metadata). */
  function intentOf(e: GatewayEvent): { booking: Promise<string | null>; pi: PaymentIntentResult } | null {
    const o = e.object;
    const id = e.type.startsWith("charge.") ? str(o.payment_intent) : str(o.id);
    if (!id) return null;
    const metadataBooking = str((o.metadata as Record<string, unknown> | undefined)?.bookingId);
    const pi: PaymentIntentResult = {
      paymentIntentId: id,
      status: (str(o.status) ?? "processing") as PaymentIntentStatus,
      amountCents: num(o.amount),
      amountReceivedCents: num(o.amount_received),
      chargeId: str(o.latest_charge),
    };
    return { booking: repo.findBookingIdByPaymentIntent(id).then((b) => b ?? metadataBooking), pi };
  }

  async function process(e: GatewayEvent): Promise<string> {
    switch (e.type) {
      case "payment_intent.amount_capturable_updated":
      case "payment_intent.succeeded":
      case "payment_intent.canceled": {
        const it = intentOf(e);
        const bookingId = it && (await it.booking);
        if (!it || !bookingId) return "unknown payment intent";
        // Out-of-order tolerant: the PaymentIntent's *current* state decides, and the row only moves forward.
        const current = await gateway.getPaymentIntent(it.pi.paymentIntentId).catch(() => it.pi);
        const row = await payments.reconcileFromIntent(bookingId, current);
        return `payment ${row?.state ?? "missing"}`;
      }
      case "payment_intent.payment_failed": {
        const it = intentOf(e);
        const bookingId = it && (await it.booking);
        if (!it || !bookingId) return "unknown payment intent";
        const message =
          str((e.object.last_payment_error as Record<string, unknown> | undefined)?.message) ??
          "Your card was declined.";
        const changed = await db.transaction(async (tx) => {
          const p = await repo.lockPayment(tx, bookingId);
          // Only a payment still waiting on this PaymentIntent fails; a later success is never undone.
          if (
            !p ||
            p.paymentIntentId !== it.pi.paymentIntentId ||
            !(p.state === "authorizing" || p.state === "scheduled")
          )
            return false;
          await repo.updatePayment(tx, bookingId, { state: "auth_failed", lastError: message });
          await repo.addEvent(tx, {
            bookingId,
            kind: "auth_failed",
            label: `Authorization failed: ${message}`,
            createdAt: now(),
          });
          return true;
        });
        return changed ? "marked failed" : "no change";
      }
      case "charge.refunded": {
        const it = intentOf(e);
        const bookingId = it && (await it.booking);
        if (!it || !bookingId) return "unknown charge";
        const cardRefunded = num(e.object.amount_refunded);
        const out = await db.transaction(async (tx) => {
          const p = await repo.lockPayment(tx, bookingId);
          if (!p?.capturedAt) return "not captured";
          const knownCard = Math.min(p.capturedCents, p.refundedCents);
          const delta = Math.min(cardRefunded, p.capturedCents) - knownCard;
          if (delta <= 0) return "already recorded";
          // A refund made outside the product (dashboard): mirror it in the ledger like our own.
          await payments.recordExternalRefund(tx, p, delta);
          return `refund of ${delta} recorded`;
        });
        return out;
      }
      case "charge.dispute.created": {
        const it = intentOf(e);
        const bookingId = it && (await it.booking);
        if (!it || !bookingId) return "unknown charge";
        const ref = await db.transaction(async (tx) => {
          const p = await repo.lockPayment(tx, bookingId);
          if (!p || p.disputedAt) return null;
          // A dispute stops any capture; the money stays where it is until the dispute is resolved at Stripe.
          await repo.updatePayment(tx, bookingId, { state: "disputed", disputedAt: now() });
          await repo.addEvent(tx, {
            bookingId,
            kind: "disputed",
            label: "Payment disputed",
            amountCents: num(e.object.amount) || null,
            createdAt: now(),
          });
          return { bookingId, studentId: p.studentId, instructorId: p.instructorId };
        });
        if (ref) await events.publish({ name: "payment/disputed", data: ref, id: `payment/disputed:${bookingId}` });
        return ref ? "disputed" : "no change";
      }
      case "account.updated": {
        const accountId = str(e.object.id) ?? e.account;
        if (!accountId) return "no account";
        const requirements = (e.object.requirements as Record<string, unknown> | undefined)?.currently_due;
        // Out of order: read the account's current status rather than trusting this (possibly stale) snapshot.
        const status = await gateway.getConnectedAccount(accountId).catch(() => ({
          accountId,
          chargesEnabled: Boolean(e.object.charges_enabled),
          payoutsEnabled: Boolean(e.object.payouts_enabled),
          detailsSubmitted: Boolean(e.object.details_submitted),
          requirementsDue: Array.isArray(requirements)
            ? requirements.filter((r): r is string => typeof r === "string")
            : [],
        }));
        const row = await accounts.storeAccountStatus(status);
        return row ? `account ${row.state}` : "unknown account";
      }
      default:
        return "ignored";
    }
  }

  return {
    /** Verifies, stores once and processes once. Throws the gateway's signature error on a bad signature. */
    async handle(rawBody: string, signature: string | null): Promise<WebhookResult> {
      const event = gateway.verifyWebhook(rawBody, signature);
      const fresh = await db.transaction((tx) =>
        repo.insertStripeEvent(tx, { id: event.id, type: event.type, createdUnix: Math.floor(event.created) }),
      );
      // Claim: the first delivery to set processed_at wins; a concurrent duplicate waits on the row lock, then sees it.
      const claimed = await db.transaction(async (tx) => {
        const row = await repo.lockStripeEvent(tx, event.id);
        if (!row || row.processedAt) return false;
        await repo.markStripeEventProcessed(tx, event.id, "processing", now());
        return true;
      });
      if (!claimed) return { status: "duplicate", outcome: fresh ? "raced" : "already processed" };
      try {
        const outcome = await process(event);
        await db.transaction((tx) => repo.markStripeEventProcessed(tx, event.id, outcome.slice(0, 200), now()));
        return { status: outcome === "ignored" ? "ignored" : "processed", outcome };
      } catch (e) {
        // Let Stripe deliver it again: un-claim so the retry processes it.
        logger.error("stripe webhook failed", { id: event.id, type: event.type, error: e });
        await db.transaction((tx) => repo.clearStripeEventClaim(tx, event.id));
        throw e;
      }
    },
  };
}
export type WebhookService = ReturnType<typeof createWebhookService>;
