import { z } from "zod";
import { ZUlid } from "./availability.schemas";

export const ZLocationInput = z.discriminatedUnion("type", [
  z.object({ type: z.literal("student_location"), regionId: ZUlid, addressLine: z.string().trim().min(3).max(200) }),
  z.object({ type: z.literal("instructor_location") }),
  z.object({ type: z.literal("online") }),
  z.object({ type: z.literal("neutral_location"), details: z.string().trim().min(3).max(200) }),
]);

const ZDuration = z.union([z.literal(30), z.literal(45), z.literal(60), z.literal(90)], { message: "Lessons are 30, 45, 60 or 90 minutes" });

export const ZQuoteInput = z.object({
  instructorServiceId: ZUlid,
  start: z.coerce.date(),
  durationMinutes: ZDuration,
  location: ZLocationInput,
});

export const ZCreateBookingInput = ZQuoteInput.extend({
  notes: z.string().trim().max(1000).default(""),
  idempotencyKey: z.string().min(8).max(64).optional(),  /** A saved card (payments.listCards); required unless credits cover the price (PAYMENTS_CONTRACT.md). */
  paymentMethodId: z.string().min(3).max(255).regex(/^[A-Za-z0-9_]+$/, { message: "Invalid card" }).optional(),
});

export const ZBookingId = z.object({ bookingId: ZUlid });
export const ZCancelInput = ZBookingId.extend({ reason: z.string().trim().max(500).default("") });
export const ZRescheduleInput = ZBookingId.extend({ newStart: z.coerce.date() });
export const ZListInput = z.object({
  when: z.enum(["upcoming", "past"]),
  limit: z.number().int().min(1).max(50).default(20),
  cursor: z.string().max(200).optional(),
});
export const ZInstructorListInput = ZListInput.extend({ from: z.coerce.date().optional(), to: z.coerce.date().optional() });

export const ZCreateReviewInput = z.object({ bookingId: ZUlid, rating: z.number().int().min(1).max(5), body: z.string().trim().max(2000).default("") });
export const ZUpdateReviewInput = z.object({ reviewId: ZUlid, rating: z.number().int().min(1).max(5), body: z.string().trim().max(2000).default("") });
export const ZReplyInput = z.object({ reviewId: ZUlid, reply: z.string().trim().min(1).max(2000) });
export const ZListReviewsInput = z.object({ instructorId: ZUlid, limit: z.number().int().min(1).max(50).default(10), cursor: z.string().max(200).optional() });
