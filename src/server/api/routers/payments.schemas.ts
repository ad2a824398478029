import { z } from "zod";
import { ZId, ZKeysetCursor } from "~/server/api/zod";
import { PAYMENT_STATES } from "~/server/db/schema";

/** A Stripe object id (pm_…, seti_…): letters, digits and underscores. */
const ZStripeId = z
  .string()
  .min(3)
  .max(255)
  .regex(/^[A-Za-z0-9_]+$/, { message: "Invalid id" });

export const ZConfirmLocalCardInput = z.object({
  setupIntentId: ZStripeId,
  clientSecret: z
    .string()
    .min(3)
    .max(255)
    .regex(/^[A-Za-z0-9_]+$/, { message: "Invalid client secret" }),
  number: z
    .string()
    .max(30)
    .regex(/^[0-9 ]+$/, { message: "Card numbers are digits" })
    .refine((v) => /^[0-9]{12,19}$/.test(v.replace(/ /g, "")), { message: "Card numbers have 12 to 19 digits" }),
  expMonth: z.number().int().min(1).max(12),
  expYear: z.number().int().min(2000).max(2100),
  cvc: z.string().regex(/^[0-9]{3,4}$/, { message: "3 or 4 digits" }),
});
export const ZSetupIntentInput = z.object({ setupIntentId: ZStripeId });
export const ZPaymentMethodInput = z.object({ paymentMethodId: ZStripeId });
export const ZBookingIdInput = z.object({ bookingId: ZId });
export const ZRetryAuthorizationInput = z.object({ bookingId: ZId, paymentMethodId: ZStripeId.optional() });
export const ZReceiptsInput = z.object({
  cursor: ZKeysetCursor.optional(),
  limit: z.number().int().min(1).max(50).default(20),
});

const ZCents = z.number().int();
const ZCardRef = z.object({ brand: z.string(), last4: z.string() });

export const ZConfigView = z.object({ mode: z.enum(["stripe", "local"]), publishableKey: z.string().nullable() });
export const ZSetupIntentView = z.object({ setupIntentId: z.string(), clientSecret: z.string() });
export const ZCardView = z.object({
  paymentMethodId: z.string(),
  brand: z.string(),
  last4: z.string(),
  expMonth: z.number().int(),
  expYear: z.number().int(),
  isDefault: z.boolean(),
});
export const ZOk = z.object({ ok: z.literal(true) });
export const ZCreditsView = z.object({
  balanceCents: ZCents,
  entries: z.array(
    z.object({
      id: z.string(),
      amountCents: ZCents,
      reason: z.string(),
      bookingId: z.string().nullable(),
      createdAt: z.date(),
    }),
  ),
});
export const ZReceiptView = z.object({
  bookingId: z.string(),
  subjectName: z.string(),
  instructorName: z.string(),
  lessonStartAt: z.date(),
  status: z.enum(PAYMENT_STATES),
  lessonPriceCents: ZCents,
  creditAppliedCents: ZCents,
  chargedCents: ZCents,
  refundedCents: ZCents,
  card: ZCardRef.nullable(),
  capturedAt: z.date().nullable(),
});
export const ZReceiptsView = z.object({ items: z.array(ZReceiptView), nextCursor: z.string().nullable() });
export const ZPaymentView = z.object({
  bookingId: z.string(),
  state: z.enum(PAYMENT_STATES),
  lessonPriceCents: ZCents,
  creditAppliedCents: ZCents,
  cardAmountCents: ZCents,
  capturedCents: ZCents,
  refundedCents: ZCents,
  authorizeAt: z.date().nullable(),
  captureAt: z.date().nullable(),
  lastError: z.string().nullable(),
  attempts: z.number().int(),
  card: ZCardRef.nullable(),
  // The fee split is the instructor's and admins' business: null for the student.
  instructorShareCents: ZCents.nullable(),
  platformFeeCents: ZCents.nullable(),
  feePercent: z.number().int().nullable(),
  timeline: z.array(z.object({ at: z.date(), kind: z.string(), label: z.string(), amountCents: ZCents.nullable() })),
});

export const ZAccountView = z.object({
  state: z.enum(["not_started", "pending", "complete"]),
  chargesEnabled: z.boolean(),
  payoutsEnabled: z.boolean(),
  requirementsDue: z.array(z.string()),
});
export const ZPayoutStatusView = z.object({
  account: ZAccountView,
  feeTier: z.object({
    percent: z.number().int(),
    founding: z.boolean(),
    completedLast90Days: z.number().int(),
    nextTier: z.object({ percent: z.number().int(), lessonsNeeded: z.number().int() }).nullable(),
  }),
  earnings: z.object({
    pendingCents: ZCents,
    paidCents: ZCents,
    weeks: z.array(z.object({ weekStart: z.string(), pendingCents: ZCents, paidCents: ZCents })),
    items: z.array(
      z.object({
        bookingId: z.string(),
        lessonStartAt: z.date(),
        subjectName: z.string(),
        studentName: z.string(),
        lessonPriceCents: ZCents,
        platformFeeCents: ZCents,
        instructorShareCents: ZCents,
        state: z.enum(["upcoming", "pending", "paid", "refunded"]),
      }),
    ),
  }),
});
export const ZOnboardingView = z.object({ url: z.string() });
