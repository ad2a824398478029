import { z } from "zod";
import { BOOKING_STATUSES, LOCATION_TYPES } from "~/server/db/schema";
import { ZId as ZUlid, ZIdempotencyKey, ZInstant, ZKeysetCursor, zText } from "~/server/api/zod";

export const ZLocationInput = z.discriminatedUnion("type", [
  z.object({ type: z.literal("student_location"), regionId: ZUlid, addressLine: zText({ min: 3, max: 200 }) }),
  z.object({ type: z.literal("instructor_location") }),
  z.object({ type: z.literal("online") }),
  z.object({ type: z.literal("neutral_location"), details: zText({ min: 3, max: 200 }) }),
]);

const ZDuration = z.union([z.literal(30), z.literal(45), z.literal(60), z.literal(90)], {
  message: "Lessons are 30, 45, 60 or 90 minutes",
});

export const ZQuoteInput = z.object({
  instructorServiceId: ZUlid,
  start: ZInstant,
  durationMinutes: ZDuration,
  location: ZLocationInput,
});

export const ZCreateBookingInput = ZQuoteInput.extend({
  notes: zText({ max: 1000, multiline: true }).default(""),
  idempotencyKey: ZIdempotencyKey.optional(),
  /** A saved card (payments.listCards); required unless credits cover the price (PAYMENTS_CONTRACT.md). */
  paymentMethodId: z
    .string()
    .min(3)
    .max(255)
    .regex(/^[A-Za-z0-9_]+$/, { message: "Invalid card" })
    .optional(),
});

export const ZBookingId = z.object({ bookingId: ZUlid });
export const ZCancelInput = ZBookingId.extend({ reason: zText({ max: 500, multiline: true }).default("") });
export const ZRescheduleInput = ZBookingId.extend({ newStart: ZInstant });
export const ZListInput = z.object({
  when: z.enum(["upcoming", "past"]),
  limit: z.number().int().min(1).max(50).default(20),
  cursor: ZKeysetCursor.optional(),
});
export const ZInstructorListInput = ZListInput.extend({ from: ZInstant.optional(), to: ZInstant.optional() });

export const ZCreateReviewInput = z.object({
  bookingId: ZUlid,
  rating: z.number().int().min(1).max(5),
  body: zText({ max: 2000, multiline: true }).default(""),
});
export const ZUpdateReviewInput = z.object({
  reviewId: ZUlid,
  rating: z.number().int().min(1).max(5),
  body: zText({ max: 2000, multiline: true }).default(""),
});
export const ZReplyInput = z.object({ reviewId: ZUlid, reply: zText({ min: 1, max: 2000, multiline: true }) });
export const ZListReviewsInput = z.object({
  instructorId: ZUlid,
  limit: z.number().int().min(1).max(50).default(10),
  cursor: ZKeysetCursor.optional(),
});

/* ── Outputs (explicit views: anything not listed is stripped before it leaves the server) ── */

const ZTerms = z.object({
  freeUntil: z.date(),
  halfFeeUntil: z.date(),
  halfFeeCents: z.number().int(),
  fullFeeCents: z.number().int(),
  summary: z.string(),
});
/** The booking's payment as its parties see it (states are the payments module's; kept open here). */
const ZBookingPaymentSummary = z.object({
  state: z.string(),
  authorizeAt: z.date().nullable(),
  cardAmountCents: z.number().int(),
  creditAppliedCents: z.number().int(),
  lastError: z.string().nullable(),
});

/** A booking for one of its parties (or an admin): the other party by public name ("First L.") and id only. */
export const ZBookingView = z.object({
  id: z.string(),
  status: z.enum(BOOKING_STATUSES),
  startAt: z.date(),
  endAt: z.date(),
  durationMinutes: z.number().int(),
  subjectName: z.string(),
  serviceId: z.string(),
  instructorId: z.string(),
  studentId: z.string(),
  instructorName: z.string(),
  studentName: z.string(),
  locationType: z.enum(LOCATION_TYPES),
  locationDetails: z.string(),
  notes: z.string(),
  priceCents: z.number().int(),
  currency: z.string(),
  rescheduleCount: z.number().int(),
  rescheduledFromId: z.string().nullable(),
  cancelledAt: z.date().nullable(),
  cancelledBy: z.string().nullable(),
  cancellationFeeCents: z.number().int().nullable(),
  completedAt: z.date().nullable(),
  noShowReportedBy: z.enum(["student", "instructor"]).nullable(),
  reviewId: z.string().nullable(),
  viewerRole: z.enum(["student", "instructor", "admin"]),
  can: z.object({
    cancel: z.boolean(),
    reschedule: z.boolean(),
    markComplete: z.boolean(),
    reportNoShow: z.boolean(),
    review: z.boolean(),
  }),
  cancellationFeeNowCents: z.number().int(),
  terms: ZTerms,
  payment: ZBookingPaymentSummary.nullable().optional(),
});
export const ZBookingPage = z.object({ items: z.array(ZBookingView), nextCursor: z.string().nullable() });

export const ZQuote = z.object({
  priceCents: z.number().int(),
  currency: z.string(),
  durationMinutes: z.number().int(),
  hourlyRateCents: z.number().int(),
  subjectName: z.string(),
  start: z.date(),
  end: z.date(),
  instructorTimeZone: z.string(),
  terms: ZTerms,
});

/** A review as its author or the reviewed instructor sees it after a write. */
export const ZReview = z.object({
  id: z.string(),
  bookingId: z.string(),
  studentId: z.string(),
  instructorId: z.string(),
  rating: z.number().int(),
  body: z.string(),
  reply: z.string().nullable(),
  repliedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
/** Public reviews: the reviewer as "First L." only. */
export const ZPublicReviewPage = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      rating: z.number().int(),
      body: z.string(),
      reply: z.string().nullable(),
      repliedAt: z.date().nullable(),
      createdAt: z.date(),
      studentName: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export type TBookingView = z.infer<typeof ZBookingView>;
