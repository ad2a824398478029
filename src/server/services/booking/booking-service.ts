import type { z } from "zod";
import type { Database } from "~/server/db/client";
import type {
  ZCancelInput,
  ZCreateBookingInput,
  ZCreateReviewInput,
  ZInstructorListInput,
  ZListInput,
  ZListReviewsInput,
  ZLocationInput,
  ZQuoteInput,
  ZReplyInput,
  ZRescheduleInput,
  ZUpdateReviewInput,
} from "~/server/api/routers/booking.schemas";
import { isExclusionViolation, isUniqueViolation, pgConstraintName } from "~/server/db/errors";
import { BOOKING_CONSTRAINTS } from "~/server/db/schema";
import { runTransaction } from "~/server/db/transaction";
import type { BookingCursor, BookingRepository, BookingRow } from "~/server/repositories/bookings";
import { ACTIVE_BOOKING_STATUSES } from "~/server/repositories/bookings";
import type { Cache } from "~/server/kv/cache";
import type { EventPublisher } from "~/server/events/publisher";
import type { IdempotencyDone, IdempotencyService } from "~/server/services/idempotency/idempotency-service";
import type { AvailabilityService } from "~/server/services/availability/availability-service";
import type { PaymentService } from "~/server/services/payments/payment-service";
import { bookingPaymentSummary } from "~/server/services/payments/views";
import type { BookingPaymentRow } from "~/server/repositories/payments";
import { logger } from "~/server/logger";
import type { Actor } from "~/server/services/auth/session-service";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "~/server/errors";
import { publicName } from "~/lib/privacy";
import { decodeKeysetCursor, encodeKeysetCursor } from "~/lib/cursor";
import {
  autoCompleteAt,
  canReportNoShow,
  cancellationFeeCents,
  cancellationTerms,
  lessonPriceCents,
  rescheduleBlocker,
  type CancelledBy,
} from "./policy";

/* Inputs as the router's zod schemas parse them (one schema per domain value; type-only imports). */
export type LocationInput = z.infer<typeof ZLocationInput>;
export type QuoteInput = z.infer<typeof ZQuoteInput>;
/** `idempotencyKey` is client-generated: a retried create returns the booking the first attempt made. */
export type CreateBookingInput = z.infer<typeof ZCreateBookingInput>;
type ListInput = z.infer<typeof ZListInput>;
type InstructorListInput = z.infer<typeof ZInstructorListInput>;

const REVIEW_EDIT_DAYS = 7;
const DAY = 86_400_000;

type Deps = {
  db: Database;
  bookings: BookingRepository;
  availability: AvailabilityService;
  cache: Cache;
  events: EventPublisher;
  idempotency: IdempotencyService;
  /** The money flow (PRODUCT.md §5); without it bookings confirm at once and no money moves. */
  payments?: PaymentService;
  now?: () => Date;
};

/**
 * Bookings (PRODUCT.md §4): time ranges on an instructor's calendar. The database's exclusion constraints
 * are the last word on overlaps, so two concurrent requests for one time cannot both win.
 */
export function createBookingService({
  db,
  bookings,
  availability,
  events,
  idempotency,
  payments,
  now = () => new Date(),
}: Deps) {
  type Party = "student" | "instructor" | "admin";
  /** Which side of the booking the actor is on; NOT_FOUND for outsiders (no hint that the id exists). */
  function partyOf(actor: Actor, b: BookingRow): Party {
    if (b.studentId === actor.userId) return "student";
    if (b.instructorId === actor.userId) return "instructor";
    if (actor.permissions.has("booking:manage:any")) return "admin";
    throw new NotFoundError("Booking not found.");
  }

  const ref = (b: BookingRow) => ({ bookingId: b.id, studentId: b.studentId, instructorId: b.instructorId });

  async function afterChange(instructorId: string) {
    await availability.invalidateSlots(instructorId);
  }

  function overlapError(e: unknown): never {
    if (pgConstraintName(e) === BOOKING_CONSTRAINTS.studentNoOverlap)
      throw new ConflictError("You already have a lesson at that time.", { reason: "student_overlap" });
    throw new ConflictError("That time was just booked — pick another.", { reason: "instructor_overlap" });
  }

  async function validateNewBooking(input: QuoteInput, ignoreBookingId?: string) {
    const found = await bookings.findServiceForBooking(input.instructorServiceId);
    if (!found?.service.isActive || found.instructorStatus !== "active")
      throw new NotFoundError("That service is not available.");
    const { service } = found;
    if (!service.durations.includes(input.durationMinutes)) {
      throw new ValidationError(`This service offers ${service.durations.join(", ")} minute lessons.`, {
        durationMinutes: ["Not offered"],
      });
    }
    if (!service.locationTypes.includes(input.location.type)) {
      throw new ValidationError("This instructor doesn't teach at that kind of location for this service.", {
        location: ["Not offered"],
      });
    }
    if (input.location.type === "student_location") {
      const region = await bookings.findRegionWithParent(input.location.regionId);
      const covered =
        region &&
        (found.areaIds.includes(region.id) || (region.parentId !== null && found.areaIds.includes(region.parentId)));
      if (!covered)
        throw new ValidationError("That address is outside the instructor's service area.", {
          location: ["Outside service area"],
        });
    }
    if (!(await availability.isBookable(service.instructorId, input.start, input.durationMinutes, ignoreBookingId))) {
      throw new ConflictError(
        "That time isn't available. It may be outside the instructor's hours, too soon, too far ahead or already taken.",
        {
          reason: "not_available",
        },
      );
    }
    return found;
  }

  function locationDetails(l: LocationInput): string {
    if (l.type === "student_location") return l.addressLine;
    if (l.type === "neutral_location") return l.details;
    return "";
  }

  function toView(
    row: NonNullable<Awaited<ReturnType<BookingRepository["findView"]>>>,
    viewer: Party,
    payment: BookingPaymentRow | null = null,
  ) {
    const b = row.booking;
    const n = now();
    return {
      id: b.id,
      status: b.status,
      startAt: b.startAt,
      endAt: b.endAt,
      durationMinutes: Math.round((b.endAt.getTime() - b.startAt.getTime()) / 60_000),
      subjectName: row.subjectName,
      serviceId: b.serviceId,
      instructorId: b.instructorId,
      studentId: b.studentId,
      // Each side sees the other by public name only.
      instructorName: publicName(row.instructorFirstName, row.instructorLastName),
      studentName: publicName(row.studentFirstName, row.studentLastName),
      locationType: b.locationType,
      // Addresses reach only the two parties of the booking.
      locationDetails: viewer === "admin" || viewer === "student" || viewer === "instructor" ? b.locationDetails : "",
      notes: b.notes,
      priceCents: b.priceCents,
      currency: b.currency,
      rescheduleCount: b.rescheduleCount,
      rescheduledFromId: b.rescheduledFromId,
      cancelledAt: b.cancelledAt,
      cancelledBy: b.cancelledBy,
      cancellationFeeCents: b.cancellationFeeCents,
      completedAt: b.completedAt,
      noShowReportedBy: b.noShowReportedBy,
      reviewId: row.reviewId,
      viewerRole: viewer,
      // What the viewer can do now, so pages hold no rules.
      can: {
        cancel: (ACTIVE_BOOKING_STATUSES as readonly string[]).includes(b.status) && b.startAt > n,
        reschedule: b.status === "confirmed" && rescheduleBlocker(b.startAt, n, b.rescheduleCount) === null,
        markComplete: b.status === "confirmed" && b.endAt <= n && viewer !== "student",
        reportNoShow: b.status === "confirmed" && viewer !== "admin" && canReportNoShow(b.startAt, b.endAt, n),
        review: b.status === "completed" && viewer === "student" && !row.reviewId,
      },
      cancellationFeeNowCents: cancellationFeeCents(
        b.priceCents,
        b.startAt,
        n,
        viewer === "student" ? "student" : "instructor",
      ),
      terms: cancellationTerms(b.priceCents, b.startAt),
      payment: bookingPaymentSummary(payment),
    };
  }
  type BookingView = ReturnType<typeof toView>;

  async function view(id: string, actor: Actor): Promise<BookingView> {
    const row = await bookings.findView(id);
    if (!row) throw new NotFoundError("Booking not found.");
    const party = partyOf(actor, row.booking);
    return toView(row, party, payments ? await payments.paymentOf(row.booking.id) : null);
  }

  /** Payment rows of a list page, in one query. */
  async function paymentsOf(rows: { booking: { id: string } }[]) {
    return payments ? payments.paymentsOf(rows.map((r) => r.booking.id)) : new Map<string, BookingPaymentRow>();
  }

  /**
   * The system cancels an active booking (a declined card inside `create`, or still unpaid 12 h before): free for
   * the student, slot released. Returns the cancelled row, or null when it was no longer active.
   */
  async function cancelBySystemTx(bookingId: string, reason: string): Promise<BookingRow | null> {
    const b = await db.transaction(async (tx) => {
      const row = await bookings.lockById(tx, bookingId);
      if (!row || !(ACTIVE_BOOKING_STATUSES as readonly string[]).includes(row.status)) return null;
      return bookings.update(tx, row.id, {
        status: "cancelled",
        cancelledAt: now(),
        cancelledBy: "system",
        cancellationFeeCents: 0,
        cancellationReason: reason,
      });
    });
    if (b) await afterChange(b.instructorId);
    return b;
  }

  /**
   * A new booking's payment step inside `create`: a lesson less than 24 h away is authorized now (a decline
   * cancels the booking, releasing the slot, and the student sees why); then the booking is confirmed.
   */
  async function confirmWithPayment(booking: BookingRow): Promise<BookingRow> {
    const p = await payments!.paymentOf(booking.id);
    if (p?.state === "scheduled" && p.authorizeAt && p.authorizeAt <= now()) {
      const r = await payments!.authorize(booking.id, { force: true });
      if (r.outcome === "failed") {
        await cancelBySystemTx(booking.id, "payment_declined");
        await settlePayment(booking.id);
        throw new ValidationError(r.message, {}, { reason: "PAYMENT_DECLINED", declineCode: r.declineCode });
      }
    }
    return db.transaction(async (tx) => {
      const row = await bookings.lockById(tx, booking.id);
      if (row?.status !== "pending_payment") return row ?? booking;
      return bookings.update(tx, row.id, { status: "confirmed" });
    });
  }

  /** Runs the payment consequence of a lifecycle change now (the payment functions retry it if this fails). */
  async function settlePayment(bookingId: string) {
    if (!payments) return;
    try {
      await payments.settleBooking(bookingId);
    } catch (e) {
      logger.warn("payment settlement deferred to the background", { bookingId, error: e });
    }
  }

  const encodeCursor = (c: BookingCursor) => encodeKeysetCursor({ at: c.startAt, id: c.id });
  /** A page cursor this service wrote, or a 400 (never a malformed value reaching SQL). */
  const decodeCursor = (s?: string): BookingCursor | undefined => {
    if (!s) return undefined;
    const c = decodeKeysetCursor(s);
    if (!c) throw new ValidationError("That page link is no longer valid.", { cursor: ["Invalid cursor"] });
    return { startAt: c.at, id: c.id };
  };

  /** One booking attempt (see `create`); `done` completes the idempotency key inside the booking's transaction. */
  async function createOnce(actor: Actor, input: CreateBookingInput, done?: IdempotencyDone): Promise<BookingView> {
    const found = await validateNewBooking(input);
    if (found.service.instructorId === actor.userId) throw new ValidationError("You can't book yourself.");
    const card =
      payments && input.paymentMethodId ? await payments.resolveCard(actor.userId, input.paymentMethodId) : null;
    const end = new Date(input.start.getTime() + input.durationMinutes * 60_000);
    let booking: BookingRow;
    try {
      booking = await runTransaction(db, async (tx) => {
        await bookings.lockCalendars(tx, found.service.instructorId, actor.userId);
        const row = await bookings.insert(tx, {
          studentId: actor.userId,
          instructorId: found.service.instructorId,
          serviceId: found.service.id,
          startAt: input.start,
          endAt: end,
          bufferMinutes: found.bufferMinutes,
          blockedUntil: new Date(end.getTime() + found.bufferMinutes * 60_000),
          // With payments, a booking waits for its card (and, under 24 h, the authorization) before it is confirmed.
          status: payments ? "pending_payment" : "confirmed",
          locationType: input.location.type,
          locationDetails: locationDetails(input.location),
          notes: input.notes,
          priceCents: lessonPriceCents(found.service.hourlyRateCents, input.durationMinutes),
          currency: found.service.currency,
        });
        if (payments) await payments.attachToBooking(tx, row, card);
        await done?.(row.id, tx); // the idempotency key is completed with the booking, in one transaction
        return row;
      });
    } catch (e) {
      if (isExclusionViolation(e)) overlapError(e);
      throw e;
    }
    if (payments) booking = await confirmWithPayment(booking);
    await afterChange(booking.instructorId);
    await events.publish({ name: "booking/created", data: ref(booking), id: `booking/created:${booking.id}` });
    await payments?.schedule(booking.id);
    return view(booking.id, actor);
  }

  return {
    /** Price and policy terms before booking; checks the same rules as create without writing anything. */
    async quote(input: QuoteInput) {
      const found = await validateNewBooking(input);
      const priceCents = lessonPriceCents(found.service.hourlyRateCents, input.durationMinutes);
      return {
        priceCents,
        currency: found.service.currency,
        durationMinutes: input.durationMinutes,
        hourlyRateCents: found.service.hourlyRateCents,
        subjectName: found.subjectName,
        start: input.start,
        end: new Date(input.start.getTime() + input.durationMinutes * 60_000),
        instructorTimeZone: found.timeZone,
        terms: cancellationTerms(priceCents, input.start),
      };
    },

    /**
     * Books a lesson for the signed-in student. Price is computed here; availability, notice, horizon, location
     * and coverage are checked; overlaps are refused by the database (CONFLICT). The idempotency key is reserved
     * before the work (src/server/services/idempotency): retries get the same booking, another payload CONFLICT.
     */
    async create(actor: Actor, input: CreateBookingInput): Promise<BookingView> {
      // Unverified accounts browse and message but can't book (PRODUCT.md §1).
      if (actor.emailVerified === false)
        throw new ForbiddenError("Confirm your email address before booking: use the link we emailed you.", {
          reason: "EMAIL_UNVERIFIED",
        });
      const { idempotencyKey, ...request } = input;
      if (!idempotencyKey) return createOnce(actor, input);
      return idempotency.run({ scope: "booking.create", userId: actor.userId, key: idempotencyKey }, request, {
        work: (done) => createOnce(actor, input, done),
        replay: async (bookingId) => {
          // A retry of an attempt whose card was declined gets the same answer, not the cancelled booking.
          const row = await bookings.findById(bookingId);
          if (row?.status === "cancelled" && row.cancellationReason === "payment_declined") {
            const p = await payments?.paymentOf(bookingId);
            throw new ValidationError(p?.lastError ?? "Your card was declined.", {}, { reason: "PAYMENT_DECLINED" });
          }
          return view(bookingId, actor);
        },
      });
    },

    /** One booking, for its student, its instructor or an admin. */
    async get(actor: Actor, id: string): Promise<BookingView> {
      return view(id, actor);
    },

    async listForStudent(actor: Actor, input: ListInput) {
      const rows = await bookings.listForStudent(actor.userId, {
        when: input.when,
        now: now(),
        limit: input.limit + 1,
        cursor: decodeCursor(input.cursor),
      });
      const page = rows.slice(0, input.limit);
      const last = page[page.length - 1];
      const paid = await paymentsOf(page);
      return {
        items: page.map((r) => toView(r, "student", paid.get(r.booking.id) ?? null)),
        nextCursor:
          rows.length > input.limit && last
            ? encodeCursor({ startAt: last.booking.startAt, id: last.booking.id })
            : null,
      };
    },

    async listForInstructor(actor: Actor, input: InstructorListInput) {
      const range = input.from && input.to ? { from: input.from, to: input.to } : undefined;
      const rows = await bookings.listForInstructor(actor.userId, {
        when: input.when,
        now: now(),
        limit: input.limit + 1,
        cursor: decodeCursor(input.cursor),
        range,
      });
      const page = rows.slice(0, input.limit);
      const last = page[page.length - 1];
      const paid = await paymentsOf(page);
      return {
        items: page.map((r) => toView(r, "instructor", paid.get(r.booking.id) ?? null)),
        nextCursor:
          rows.length > input.limit && last
            ? encodeCursor({ startAt: last.booking.startAt, id: last.booking.id })
            : null,
      };
    },

    /**
     * Cancels an active lesson before it starts. Students pay by the policy windows; instructor cancellations
     * are free for the student (and recorded against the instructor).
     */
    async cancel(actor: Actor, input: z.infer<typeof ZCancelInput>): Promise<BookingView> {
      const b = await db.transaction(async (tx) => {
        const row = await bookings.lockById(tx, input.bookingId);
        if (!row) throw new NotFoundError("Booking not found.");
        const party = partyOf(actor, row);
        if (!(ACTIVE_BOOKING_STATUSES as readonly string[]).includes(row.status))
          throw new ConflictError(`This lesson is already ${row.status.replace("_", " ")}.`);
        const at = now();
        if (row.startAt <= at)
          throw new ConflictError("This lesson has started. Report a no-show instead of cancelling.");
        const by: CancelledBy = party;
        return bookings.update(tx, row.id, {
          status: "cancelled",
          cancelledAt: at,
          cancelledBy: by,
          cancellationFeeCents: cancellationFeeCents(row.priceCents, row.startAt, at, by),
          cancellationReason: input.reason || null,
        });
      });
      await afterChange(b.instructorId);
      await events.publish({
        name: "booking/cancelled",
        data: {
          ...ref(b),
          cancelledBy: (b.cancelledBy ?? "system") as CancelledBy,
          feeCents: b.cancellationFeeCents ?? 0,
        },
        id: `booking/cancelled:${b.id}`,
      });
      // The fee (partial capture) or release happens now, so the lesson page shows it; the function retries on failure.
      await settlePayment(b.id);
      return view(b.id, actor);
    },

    /**
     * Moves a confirmed lesson to a new start (same service, duration, price and location) until 12 h before,
     * at most twice per chain. The old booking is closed and linked from the new one, in one transaction.
     */
    async reschedule(actor: Actor, input: z.infer<typeof ZRescheduleInput>): Promise<BookingView> {
      const at = now();
      const current = await bookings.findById(input.bookingId);
      if (!current) throw new NotFoundError("Booking not found.");
      const party = partyOf(actor, current);
      if (current.status !== "confirmed") throw new ConflictError("Only confirmed lessons can be rescheduled.");
      const blocker = rescheduleBlocker(current.startAt, at, current.rescheduleCount);
      if (blocker) throw new ConflictError(blocker);
      const duration = Math.round((current.endAt.getTime() - current.startAt.getTime()) / 60_000);
      if (!(await availability.isBookable(current.instructorId, input.newStart, duration, current.id))) {
        throw new ConflictError("That time isn't available — pick another.", { reason: "not_available" });
      }
      const end = new Date(input.newStart.getTime() + duration * 60_000);
      let created: BookingRow;
      let moved: { releaseIntentId: string | null } = { releaseIntentId: null };
      try {
        created = await runTransaction(db, async (tx) => {
          await bookings.lockCalendars(tx, current.instructorId, current.studentId);
          const old = await bookings.lockById(tx, current.id);
          // Re-check under the lock: a concurrent cancel/reschedule may have won.
          if (old?.status !== "confirmed" || old.rescheduleCount !== current.rescheduleCount)
            throw new ConflictError("This lesson changed meanwhile. Reload and try again.");
          await bookings.update(tx, old.id, {
            status: "cancelled",
            cancelledAt: at,
            cancelledBy: party,
            cancellationFeeCents: 0,
            cancellationReason: "rescheduled",
          });
          const next = await bookings.insert(tx, {
            studentId: old.studentId,
            instructorId: old.instructorId,
            serviceId: old.serviceId,
            startAt: input.newStart,
            endAt: end,
            bufferMinutes: old.bufferMinutes,
            blockedUntil: new Date(end.getTime() + old.bufferMinutes * 60_000),
            status: "confirmed",
            locationType: old.locationType,
            locationDetails: old.locationDetails,
            notes: old.notes,
            priceCents: old.priceCents,
            currency: old.currency,
            rescheduledFromId: old.id,
            rescheduleCount: old.rescheduleCount + 1,
          });
          // The payment follows the lesson: the hold is kept while it outlives the new capture time.
          if (payments) moved = await payments.moveToRescheduled(tx, old, next);
          return next;
        });
      } catch (e) {
        if (isExclusionViolation(e)) overlapError(e);
        throw e;
      }
      await afterChange(created.instructorId);
      await payments?.afterReschedule(current.id, created.id, moved.releaseIntentId);
      await events.publish({
        name: "booking/rescheduled",
        data: { ...ref(created), previousBookingId: current.id },
        id: `booking/rescheduled:${created.id}`,
      });
      return view(created.id, actor);
    },

    /** The instructor (or an admin) marks a lesson that has ended as completed. */
    async markComplete(actor: Actor, input: { bookingId: string }): Promise<BookingView> {
      const b = await db.transaction(async (tx) => {
        const row = await bookings.lockById(tx, input.bookingId);
        if (!row) throw new NotFoundError("Booking not found.");
        const party = partyOf(actor, row);
        if (party === "student") throw new ForbiddenError("Only the instructor can mark a lesson complete.");
        if (row.status !== "confirmed") throw new ConflictError(`This lesson is ${row.status.replace("_", " ")}.`);
        if (row.endAt > now()) throw new ConflictError("A lesson can be completed once it has ended.");
        return bookings.update(tx, row.id, { status: "completed", completedAt: now() });
      });
      await events.publish({ name: "booking/completed", data: ref(b), id: `booking/completed:${b.id}` });
      return view(b.id, actor);
    },

    /** Either side reports that the other did not show up, from the start until 48 h after the end. */
    async reportNoShow(actor: Actor, input: { bookingId: string }): Promise<BookingView> {
      const b = await db.transaction(async (tx) => {
        const row = await bookings.lockById(tx, input.bookingId);
        if (!row) throw new NotFoundError("Booking not found.");
        const party = partyOf(actor, row);
        if (party === "admin") throw new ForbiddenError("No-shows are reported by the student or the instructor.");
        if (row.status !== "confirmed") throw new ConflictError(`This lesson is ${row.status.replace("_", " ")}.`);
        if (!canReportNoShow(row.startAt, row.endAt, now()))
          throw new ConflictError(
            "No-shows can be reported from the start of the lesson until 48 hours after it ends.",
          );
        return bookings.update(tx, row.id, { status: "no_show", noShowReportedBy: party, noShowReportedAt: now() });
      });
      await events.publish({
        name: "booking/no-show",
        data: { ...ref(b), reportedBy: b.noShowReportedBy ?? "student" },
        id: `booking/no-show:${b.id}`,
      });
      await settlePayment(b.id);
      return view(b.id, actor);
    },

    /**
     * Completes one lesson whose auto-complete time has passed, if nobody marked it or reported a no-show
     * (idempotent: a lesson in any other state is left alone). Returns whether it completed it.
     */
    async autoComplete(bookingId: string): Promise<boolean> {
      const b = await db.transaction(async (tx) => {
        const row = await bookings.lockById(tx, bookingId);
        if (row?.status !== "confirmed" || row.noShowReportedAt || autoCompleteAt(row.endAt) > now()) return null;
        return bookings.update(tx, row.id, { status: "completed", completedAt: now() });
      });
      if (b) await events.publish({ name: "booking/completed", data: ref(b), id: `booking/completed:${b.id}` });
      return Boolean(b);
    },

    /** What notifications about a booking say: who, what, when (each side's zone), money. No actor: background use. */
    async summary(bookingId: string) {
      const row = await bookings.findView(bookingId);
      if (!row) return null;
      const b = row.booking;
      return {
        bookingId: b.id,
        status: b.status,
        subjectName: row.subjectName,
        startAt: b.startAt.toISOString(),
        endAt: b.endAt.toISOString(),
        locationType: b.locationType,
        studentId: b.studentId,
        instructorId: b.instructorId,
        studentName: publicName(row.studentFirstName, row.studentLastName),
        instructorName: publicName(row.instructorFirstName, row.instructorLastName),
        studentTimeZone: row.studentTimeZone,
        instructorTimeZone: row.instructorTimeZone,
        priceCents: b.priceCents,
        cancellationFeeCents: b.cancellationFeeCents ?? 0,
      };
    },

    /** When a confirmed lesson will auto-complete (epoch ms), or null when it is not confirmed. */
    async autoCompleteDueAt(bookingId: string): Promise<number | null> {
      const b = await bookings.findById(bookingId);
      return b?.status === "confirmed" ? autoCompleteAt(b.endAt).getTime() : null;
    },

    /**
     * Sweeps every lesson past its auto-complete time: the safety net for the per-booking timer, run hourly by
     * `booking-auto-complete-sweep` (inngest/functions/booking/auto-complete.ts).
     */
    async autoCompleteDue(limit = 500): Promise<number> {
      const due = await bookings.listDueForAutoComplete(new Date(now().getTime() - 24 * 3_600_000), limit);
      let n = 0;
      for (const b of due) if (await this.autoComplete(b.id)) n++;
      return n;
    },

    // ── Reviews ──

    /** The student of a completed lesson reviews it once (1–5 stars + text). */
    async createReview(actor: Actor, input: z.infer<typeof ZCreateReviewInput>) {
      const b = await bookings.findById(input.bookingId);
      if (!b || b.studentId !== actor.userId) throw new NotFoundError("Booking not found.");
      if (b.status !== "completed") throw new ConflictError("You can review a lesson once it's completed.");
      try {
        return await db.transaction(async (tx) => {
          // The service clock stamps the review, so the 7-day edit window is measured on one clock.
          const r = await bookings.insertReview(tx, {
            bookingId: b.id,
            studentId: b.studentId,
            instructorId: b.instructorId,
            rating: input.rating,
            body: input.body,
            createdAt: now(),
          });
          await bookings.refreshRating(tx, b.instructorId);
          return r;
        });
      } catch (e) {
        if (isUniqueViolation(e))
          throw new ConflictError("You've already reviewed this lesson. You can edit your review for 7 days.");
        throw e;
      }
    },

    /** Edits a review within 7 days of writing it. */
    async updateReview(actor: Actor, input: z.infer<typeof ZUpdateReviewInput>) {
      const r = await bookings.findReview(input.reviewId);
      if (!r || r.studentId !== actor.userId) throw new NotFoundError("Review not found.");
      if (now().getTime() - r.createdAt.getTime() > REVIEW_EDIT_DAYS * DAY)
        throw new ConflictError("Reviews can be edited for 7 days after they're written.");
      return db.transaction(async (tx) => {
        const updated = await bookings.updateReview(tx, r.id, { rating: input.rating, body: input.body });
        await bookings.refreshRating(tx, r.instructorId);
        return updated;
      });
    },

    /** The reviewed instructor replies once. */
    async replyToReview(actor: Actor, input: z.infer<typeof ZReplyInput>) {
      const r = await bookings.findReview(input.reviewId);
      if (!r || r.instructorId !== actor.userId) throw new NotFoundError("Review not found.");
      const ok = await db.transaction((tx) => bookings.setReplyOnce(tx, r.id, input.reply));
      if (!ok) throw new ConflictError("You've already replied to this review.");
      return bookings.findReview(r.id);
    },

    /** Public reviews of an instructor, reviewers shown as "First L.". */
    async listReviews(input: z.infer<typeof ZListReviewsInput>) {
      const c = decodeCursor(input.cursor);
      const cursor = c ? { createdAt: c.startAt, id: c.id } : undefined;
      const rows = await bookings.listReviewsForInstructor(input.instructorId, input.limit + 1, cursor);
      const page = rows.slice(0, input.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => ({
          id: r.review.id,
          rating: r.review.rating,
          body: r.review.body,
          reply: r.review.reply,
          repliedAt: r.review.repliedAt,
          createdAt: r.review.createdAt,
          studentName: publicName(r.studentFirstName, r.studentLastName),
        })),
        nextCursor:
          rows.length > input.limit && last
            ? encodeKeysetCursor({ at: last.review.createdAt, id: last.review.id })
            : null,
      };
    },

    /**
     * The system cancels a booking still unpaid at its deadline (authorize function): slot released, both sides
     * notified through `booking/cancelled`. Idempotent: false when the booking was no longer active.
     */
    async cancelBySystem(bookingId: string, reason: string): Promise<boolean> {
      const b = await cancelBySystemTx(bookingId, reason);
      if (!b) return false;
      await events.publish({
        name: "booking/cancelled",
        data: { ...ref(b), cancelledBy: "system", feeCents: 0 },
        id: `booking/cancelled:${b.id}`,
      });
      await settlePayment(b.id);
      return true;
    },

    /** Whether the student–instructor pair has a confirmed or completed booking. */
    pairHasConfirmedBooking: (studentId: string, instructorId: string) =>
      bookings.pairHasConfirmedBooking(studentId, instructorId),
  };
}
export type BookingService = ReturnType<typeof createBookingService>;
