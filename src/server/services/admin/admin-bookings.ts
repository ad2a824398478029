import type { BookingStatus } from "~/server/db/schema";
import type { AdminOpsRepository } from "~/server/repositories/admin-ops";
import type { BookingService } from "~/server/services/booking/booking-service";
import type { Payments } from "~/server/services/payments";
import { ConflictError, NotFoundError } from "~/server/errors";
import type { AdminAuditWriter, AdminCall } from "./audit-entry";

/** Messages of the pair's conversation shown on a booking's timeline (the newest ones). */
export const TIMELINE_MESSAGES = 100;

export type TimelineEntry = {
  at: Date;
  source: "lifecycle" | "event" | "message" | "payment" | "admin";
  label: string;
  detail: string | null;
  amountCents: number | null;
};

const paymentSnapshot = (p: { state: string; capturedCents: number; refundedCents: number } | null) =>
  p ? { state: p.state, capturedCents: p.capturedCents, refundedCents: p.refundedCents } : null;

/** Admin console — bookings: the filtered list, one booking's whole timeline, cancel and refund. */
export function createAdminBookings(deps: {
  repo: AdminOpsRepository;
  booking: BookingService;
  payments: Payments;
  audit: AdminAuditWriter;
}) {
  const { repo, payments, audit } = deps;

  async function mustFind(id: string) {
    const row = await repo.findBooking(id);
    if (!row) throw new NotFoundError("Booking not found.");
    return row;
  }

  return {
    /** Bookings by status, start date range and party (name, email or id), newest start first, a page at a time. */
    async list(input: {
      status?: BookingStatus;
      from?: Date;
      to?: Date;
      instructor?: string;
      student?: string;
      page: number;
      pageSize: number;
    }) {
      const { rows, total } = await repo.listBookings({
        status: input.status,
        from: input.from,
        to: input.to,
        instructor: input.instructor,
        student: input.student,
        offset: (input.page - 1) * input.pageSize,
        limit: input.pageSize,
      });
      return {
        items: rows.map((r) => ({
          id: r.booking.id,
          status: r.booking.status,
          startAt: r.booking.startAt,
          endAt: r.booking.endAt,
          priceCents: r.booking.priceCents,
          subject: r.subject,
          studentId: r.booking.studentId,
          studentName: r.studentName,
          studentEmail: r.studentEmail,
          instructorId: r.booking.instructorId,
          instructorName: r.instructorName,
          instructorEmail: r.instructorEmail,
          paymentState: r.paymentState ?? null,
        })),
        total,
        page: input.page,
        pageSize: input.pageSize,
      };
    },

    /** One booking and everything that happened to it, in time order: lifecycle, events, messages, money, admins. */
    async timeline(bookingId: string) {
      const row = await mustFind(bookingId);
      const b = row.booking;
      const [payment, paymentEvents, domainEvents, audits, messages, ledger] = await Promise.all([
        payments.flow.paymentOf(b.id),
        repo.paymentEventsOf(b.id),
        repo.domainEventsOf(b.id),
        repo.auditOf("booking", b.id),
        repo.conversationMessages(b.studentId, b.instructorId, TIMELINE_MESSAGES),
        repo.ledgerOfBooking(b.id),
      ]);
      const entries: TimelineEntry[] = [
        { at: b.createdAt, source: "lifecycle", label: "Booked", detail: null, amountCents: b.priceCents },
      ];
      if (b.cancelledAt)
        entries.push({
          at: b.cancelledAt,
          source: "lifecycle",
          label: `Cancelled by ${b.cancelledBy ?? "system"}`,
          detail: b.cancellationReason,
          amountCents: b.cancellationFeeCents,
        });
      if (b.noShowReportedAt)
        entries.push({
          at: b.noShowReportedAt,
          source: "lifecycle",
          label: `No-show reported by ${b.noShowReportedBy ?? "?"}`,
          detail: null,
          amountCents: null,
        });
      if (b.completedAt)
        entries.push({ at: b.completedAt, source: "lifecycle", label: "Completed", detail: null, amountCents: null });
      for (const e of domainEvents)
        entries.push({ at: e.receivedAt, source: "event", label: e.name, detail: null, amountCents: null });
      for (const e of paymentEvents)
        entries.push({
          at: e.createdAt,
          source: "payment",
          label: e.label,
          detail: e.kind,
          amountCents: e.amountCents,
        });
      for (const a of audits)
        entries.push({
          at: a.createdAt,
          source: "admin",
          label: a.action,
          detail: typeof a.data.note === "string" ? a.data.note : null,
          amountCents: null,
        });
      for (const m of messages) {
        const who =
          m.message.kind === "system"
            ? "System"
            : m.message.senderId === b.studentId
              ? row.studentName
              : row.instructorName;
        const body = m.hidden
          ? "Message removed by moderator"
          : m.message.deletedAt
            ? "Message deleted"
            : m.message.body;
        entries.push({ at: m.message.createdAt, source: "message", label: who, detail: body, amountCents: null });
      }
      entries.sort((x, y) => x.at.getTime() - y.at.getTime());
      return {
        booking: {
          id: b.id,
          status: b.status,
          startAt: b.startAt,
          endAt: b.endAt,
          priceCents: b.priceCents,
          subject: row.subject,
          studentId: b.studentId,
          studentName: row.studentName,
          studentEmail: row.studentEmail,
          instructorId: b.instructorId,
          instructorName: row.instructorName,
          instructorEmail: row.instructorEmail,
          cancellationFeeCents: b.cancellationFeeCents,
        },
        payment: payment
          ? {
              state: payment.state,
              cardAmountCents: payment.cardAmountCents,
              creditAppliedCents: payment.creditAppliedCents,
              capturedCents: payment.capturedCents,
              creditUsedCents: payment.creditUsedCents,
              refundedCents: payment.refundedCents,
              platformFeeCents: payment.platformFeeCents,
              lastError: payment.lastError,
            }
          : null,
        ledger: ledger.map((l) => ({ account: l.account, amountCents: l.amountCents, kind: l.kind, at: l.createdAt })),
        entries,
      };
    },

    /**
     * Cancels an active lesson as an admin: free for the student (only a student's own cancellation carries a fee,
     * PRODUCT.md §4), so the hold is released or what was charged is refunded by the booking's settlement.
     */
    async cancel(call: AdminCall, input: { bookingId: string; reason: string }) {
      const before = await mustFind(input.bookingId);
      const paymentBefore = await payments.flow.paymentOf(input.bookingId);
      const view = await deps.booking.cancel(call.actor, { bookingId: input.bookingId, reason: input.reason });
      const paymentAfter = await payments.flow.paymentOf(input.bookingId);
      await audit(call, {
        action: "admin.booking.cancel",
        targetType: "booking",
        targetId: input.bookingId,
        before: { status: before.booking.status, payment: paymentSnapshot(paymentBefore) },
        after: { status: view.status, payment: paymentSnapshot(paymentAfter) },
        note: input.reason,
      });
      return { bookingId: input.bookingId, status: view.status, paymentState: paymentAfter?.state ?? null };
    },

    /**
     * Refunds everything still settled on the booking (card through the payments port, credits restored; ledger
     * mirrored). Idempotent: once refunded, a repeat changes no money and says so.
     */
    async refund(call: AdminCall, input: { bookingId: string; reason: string }) {
      await mustFind(input.bookingId);
      const before = await payments.flow.paymentOf(input.bookingId);
      if (!before) throw new ConflictError("This booking has no payment to refund.");
      if (!before.capturedAt && before.state !== "refunded")
        throw new ConflictError("Nothing has been charged yet — cancel the booking to release the card hold.");
      const outcome = await payments.flow.refund(input.bookingId);
      const after = await payments.flow.paymentOf(input.bookingId);
      await audit(call, {
        action: "admin.booking.refund",
        targetType: "booking",
        targetId: input.bookingId,
        before: paymentSnapshot(before),
        after: paymentSnapshot(after),
        note: input.reason,
        extra: { outcome: outcome.outcome },
      });
      return {
        bookingId: input.bookingId,
        outcome: outcome.outcome,
        state: after?.state ?? before.state,
        refundedCents: after?.refundedCents ?? before.refundedCents,
      };
    },
  };
}
export type AdminBookings = ReturnType<typeof createAdminBookings>;
