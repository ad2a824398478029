import type { z } from "zod";
import type { ZReceiptsInput } from "~/server/api/routers/payments.schemas";
import type { BookingPaymentRow, PaymentRepository } from "~/server/repositories/payments";
import type { BookingRepository } from "~/server/repositories/bookings";
import type { PaymentState } from "~/server/db/schema";
import type { Actor } from "~/server/services/auth/session-service";
import { NotFoundError, ValidationError } from "~/server/errors";
import { publicName } from "~/lib/privacy";
import { decodeKeysetCursor, encodeKeysetCursor } from "~/lib/cursor";
import { FEE_WINDOW_MS, feeTier, refundSplit, settle } from "./money";
import type { PaymentAccountService } from "./accounts";

type Deps = { repo: PaymentRepository; bookings: BookingRepository; accounts: PaymentAccountService; now?: () => Date };

const DAY = 86_400_000;

/** What the booking's page and lists show about its payment (the booking view's `payment`). */
export function bookingPaymentSummary(p: BookingPaymentRow | null) {
  if (!p) return null;
  return {
    state: p.state,
    authorizeAt: p.authorizeAt,
    cardAmountCents: p.cardAmountCents,
    creditAppliedCents: p.creditAppliedCents,
    lastError: p.lastError,
  };
}

/** The instructor's side of a settled (or planned) payment: fee and share of what was actually charged, net of refunds. */
export function instructorSplit(p: BookingPaymentRow) {
  if (!p.capturedAt) return { platformFeeCents: p.platformFeeCents, instructorShareCents: p.instructorShareCents };
  const charged = p.capturedCents + p.creditUsedCents;
  const s = settle(p, charged);
  const r = refundSplit(
    { cardCapturedCents: p.capturedCents, creditUsedCents: p.creditUsedCents, platformFeeCents: s.platformFeeCents },
    p.refundedCents,
  );
  return {
    platformFeeCents: s.platformFeeCents - r.platformFeeReversedCents,
    instructorShareCents: s.instructorShareCents - r.instructorShareReversedCents,
  };
}

/** Payment views: a booking's payment, a student's receipts, an instructor's payouts page. */
export function createPaymentViews({ repo, bookings, accounts, now = () => new Date() }: Deps) {
  return {
    /** The payment of one booking, for its student (no fee split), its instructor or an admin; NOT_FOUND otherwise. */
    async forBooking(actor: Actor, bookingId: string) {
      const b = await bookings.findById(bookingId);
      if (!b) throw new NotFoundError("Booking not found.");
      const isStudent = b.studentId === actor.userId;
      const isInstructor = b.instructorId === actor.userId;
      const isAdmin = actor.permissions.has("booking:manage:any");
      if (!isStudent && !isInstructor && !isAdmin) throw new NotFoundError("Booking not found.");
      const [p, events] = await Promise.all([repo.findPayment(bookingId), repo.listEvents(bookingId)]);
      const showSplit = isInstructor || isAdmin;
      if (!p) {
        // Bookings made before payments existed: nothing to pay through the platform.
        return {
          bookingId,
          state: "not_required" as PaymentState,
          lessonPriceCents: b.priceCents,
          creditAppliedCents: 0,
          cardAmountCents: 0,
          capturedCents: 0,
          refundedCents: 0,
          authorizeAt: null,
          captureAt: null,
          lastError: null,
          attempts: 0,
          card: null,
          instructorShareCents: null,
          platformFeeCents: null,
          feePercent: null,
          timeline: [],
        };
      }
      const split = instructorSplit(p);
      return {
        bookingId,
        state: p.state,
        lessonPriceCents: p.lessonPriceCents,
        creditAppliedCents: p.creditAppliedCents,
        cardAmountCents: p.cardAmountCents,
        capturedCents: p.capturedCents,
        refundedCents: p.refundedCents,
        authorizeAt: p.authorizeAt,
        captureAt: p.captureAt,
        lastError: p.lastError,
        attempts: p.attempts,
        card: p.cardBrand && p.cardLast4 ? { brand: p.cardBrand, last4: p.cardLast4 } : null,
        instructorShareCents: showSplit ? split.instructorShareCents : null,
        platformFeeCents: showSplit ? split.platformFeeCents : null,
        feePercent: showSplit ? p.feePercent : null,
        timeline: events.map((e) => ({ at: e.createdAt, kind: e.kind, label: e.label, amountCents: e.amountCents })),
      };
    },

    /** A student's receipts, newest lesson first. */
    async receipts(actor: Actor, input: z.infer<typeof ZReceiptsInput>) {
      let cursor: { at: Date; id: string } | undefined;
      if (input.cursor) {
        const c = decodeKeysetCursor(input.cursor);
        if (!c) throw new ValidationError("That page link is no longer valid.", { cursor: ["Invalid cursor"] });
        cursor = c;
      }
      const rows = await repo.listReceipts(actor.userId, input.limit + 1, cursor);
      const page = rows.slice(0, input.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => ({
          bookingId: r.payment.bookingId,
          subjectName: r.subjectName,
          instructorName: publicName(r.instructorFirstName, r.instructorLastName),
          lessonStartAt: r.lessonStartAt,
          status: r.payment.state,
          lessonPriceCents: r.payment.lessonPriceCents,
          creditAppliedCents: r.payment.creditAppliedCents,
          chargedCents: r.payment.capturedCents,
          refundedCents: r.payment.refundedCents,
          card:
            r.payment.cardBrand && r.payment.cardLast4
              ? { brand: r.payment.cardBrand, last4: r.payment.cardLast4 }
              : null,
          capturedAt: r.payment.capturedAt,
        })),
        nextCursor:
          rows.length > input.limit && last
            ? encodeKeysetCursor({ at: last.lessonStartAt, id: last.payment.bookingId })
            : null,
      };
    },

    /**
     * The instructor's payouts page: Connect account, fee tier, and earnings by week (last 12 weeks and next 4).
     * "paid" = captured (Stripe pays the destination account on its schedule); "pending" = held or scheduled.
     */
    async payoutStatus(actor: Actor) {
      const at = now();
      const [account, completed, founding] = await Promise.all([
        accounts.accountView(actor.userId),
        repo.completedLessonsSince(actor.userId, new Date(at.getTime() - FEE_WINDOW_MS)),
        repo.isFounding(actor.userId),
      ]);
      const tier = feeTier(completed, founding);
      // Weeks start on Monday (UTC).
      const today = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
      const monday = new Date(today.getTime() - ((today.getUTCDay() + 6) % 7) * DAY);
      const from = new Date(monday.getTime() - 11 * 7 * DAY);
      const to = new Date(monday.getTime() + 5 * 7 * DAY);
      const rows = await repo.listEarnings(actor.userId, from, to);
      const weeks = Array.from({ length: 16 }, (_, i) => ({
        weekStart: new Date(from.getTime() + i * 7 * DAY).toISOString().slice(0, 10),
        pendingCents: 0,
        paidCents: 0,
      }));
      let pendingCents = 0;
      let paidCents = 0;
      const items = [];
      for (const r of rows) {
        const p = r.payment;
        if (p.state === "released" && !p.capturedAt) continue; // cancelled without a charge, or moved
        const split = instructorSplit(p);
        const state: "upcoming" | "pending" | "paid" | "refunded" =
          p.state === "refunded" ? "refunded" : p.capturedAt ? "paid" : r.lessonEndAt > at ? "upcoming" : "pending";
        const week = weeks[Math.floor((r.lessonStartAt.getTime() - from.getTime()) / (7 * DAY))];
        if (state === "paid") {
          paidCents += split.instructorShareCents;
          if (week) week.paidCents += split.instructorShareCents;
        } else if (state !== "refunded") {
          pendingCents += split.instructorShareCents;
          if (week) week.pendingCents += split.instructorShareCents;
        }
        items.push({
          bookingId: p.bookingId,
          lessonStartAt: r.lessonStartAt,
          subjectName: r.subjectName,
          studentName: publicName(r.studentFirstName, r.studentLastName),
          lessonPriceCents: p.lessonPriceCents,
          platformFeeCents: split.platformFeeCents,
          instructorShareCents: split.instructorShareCents,
          state,
        });
      }
      return {
        account,
        feeTier: {
          percent: tier.percent,
          founding: tier.founding,
          completedLast90Days: tier.completedLast90Days,
          nextTier: tier.nextTier,
        },
        earnings: { pendingCents, paidCents, weeks, items },
      };
    },
  };
}
export type PaymentViews = ReturnType<typeof createPaymentViews>;
