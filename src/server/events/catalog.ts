import { z } from "zod";

/**
 * Domain events: the one list of names and payloads. Services publish them after their transaction commits;
 * Inngest functions (inngest/functions) consume them. Payloads carry ids, not personal data.
 */
const bookingRef = z.object({ bookingId: z.string(), studentId: z.string(), instructorId: z.string() });

export const EVENT_SCHEMAS = {
  "booking/created": bookingRef,
  "booking/cancelled": bookingRef.extend({
    cancelledBy: z.enum(["student", "instructor", "admin", "system"]),
    feeCents: z.number().int(),
  }),
  "booking/rescheduled": bookingRef.extend({ previousBookingId: z.string() }),
  "booking/completed": bookingRef,
  "booking/no-show": bookingRef.extend({ reportedBy: z.enum(["student", "instructor"]) }),
  /** Cron-only (hourly): the auto-complete safety net (inngest/functions/booking/auto-complete.ts). */
  "booking/auto-complete-sweep": z.object({ scheduledAt: z.string().optional() }),
  // Payments (PRODUCT.md §5): timers (authorize-/capture-scheduled start the functions) and outcomes.
  "payment/authorize-scheduled": bookingRef,
  "payment/capture-scheduled": bookingRef,
  "payment/authorized": bookingRef,
  "payment/authorization-failed": bookingRef.extend({ attempt: z.number().int(), message: z.string() }),
  "payment/captured": bookingRef,
  "payment/released": bookingRef,
  "payment/refunded": bookingRef,
  "payment/disputed": bookingRef,
  "message/sent": z.object({
    messageId: z.string(),
    conversationId: z.string(),
    senderId: z.string(),
    recipientId: z.string(),
  }),
  "message/read": z.object({ conversationId: z.string(), readerId: z.string(), upToMessageId: z.string() }),
  // Security notices (PRODUCT.md §8): sent whatever the preferences; `key` makes each occurrence one notice.
  "security/notice": z.object({
    userId: z.string(),
    kind: z.enum(["new_sign_in", "password_changed", "two_factor_enabled", "two_factor_disabled"]),
    key: z.string(),
    at: z.string(),
    device: z.string().nullable(),
  }),
  // Scheduled (cron) and GDPR jobs (PRODUCT.md §10).
  "retention/daily": z.object({ scheduledAt: z.string().optional() }),
  "account/export-requested": z.object({ exportId: z.string(), userId: z.string() }),
} as const;

export type EventName = keyof typeof EVENT_SCHEMAS;
export type EventData<N extends EventName> = z.infer<(typeof EVENT_SCHEMAS)[N]>;
export type DomainEvent = {
  [N in EventName]: { name: N; data: EventData<N>; /** Idempotency key: the same id is delivered once. */ id?: string };
}[EventName];
