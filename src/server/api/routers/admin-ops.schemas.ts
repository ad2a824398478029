import { z } from "zod";
import { ZId, ZInstant, zText } from "~/server/api/zod";
import {
  BACKGROUND_CHECK,
  BOOKING_STATUSES,
  JOB_RUN_STATUSES,
  LEDGER_ACCOUNTS,
  PAYMENT_STATES,
  PROFILE_FIELDS,
  REPORT_REASON_MAX,
  REPORT_STATUSES,
  REPORT_TARGETS,
  USER_STATUSES,
} from "~/server/db/schema";

/* ── shared ── */

export const ADMIN_PAGE_SIZE_MAX = 100;
const ZPage = {
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(ADMIN_PAGE_SIZE_MAX).default(25),
};
const ZPageInfo = { page: z.number().int(), pageSize: z.number().int() };
/** Why an admin did something (kept in the audit log). */
const ZReason = zText({ max: 500, multiline: true });
const ZRequiredReason = zText({ max: 500, min: 1, multiline: true });
/** A person filter: part of a name or email, or a user id. */
const ZPartyFilter = zText({ max: 120 }).optional();

/* ── instructors ── */

export const ZAdminInstructorListInput = z.object({
  check: z.enum(BACKGROUND_CHECK).optional(),
  query: zText({ max: 120 }).optional(),
  ...ZPage,
});
export const ZAdminInstructorList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      accountStatus: z.enum(USER_STATUSES),
      headline: z.string(),
      bio: z.string(),
      photoUrl: z.string().nullable(),
      backgroundCheck: z.enum(BACKGROUND_CHECK),
      backgroundCheckRef: z.string().nullable(),
      providerResult: z.enum(BACKGROUND_CHECK).nullable(),
      payoutStatus: z.string(),
      founding: z.boolean(),
      activeServices: z.number().int(),
      listed: z.boolean(),
      hidden: z.array(z.enum(PROFILE_FIELDS)),
      createdAt: z.date(),
    }),
  ),
  total: z.number().int(),
  ...ZPageInfo,
});
export const ZInstructorDecisionInput = z
  .object({ instructorId: ZId, decision: z.enum(["approve", "reject"]), reason: ZReason.default("") })
  .refine((v) => v.decision === "approve" || v.reason.length > 0, {
    message: "Give a reason for the rejection",
    path: ["reason"],
  });
export const ZInstructorDecision = z.object({ instructorId: z.string(), status: z.enum(BACKGROUND_CHECK) });
export const ZSetFoundingInput = z.object({ instructorId: ZId, founding: z.boolean() });
export const ZSetFounding = z.object({ instructorId: z.string(), founding: z.boolean() });
export const ZHideProfileFieldInput = z.object({
  instructorId: ZId,
  field: z.enum(PROFILE_FIELDS),
  hidden: z.boolean(),
  reason: ZReason.default(""),
});
export const ZHideProfileField = z.object({
  instructorId: z.string(),
  field: z.enum(PROFILE_FIELDS),
  hidden: z.boolean(),
});

/* ── bookings ── */

export const ZAdminBookingListInput = z
  .object({
    status: z.enum(BOOKING_STATUSES).optional(),
    from: ZInstant.optional(),
    to: ZInstant.optional(),
    instructor: ZPartyFilter,
    student: ZPartyFilter,
    ...ZPage,
  })
  .refine((v) => !v.from || !v.to || v.from < v.to, { message: "The start must be before the end", path: ["to"] });
const ZBookingRow = z.object({
  id: z.string(),
  status: z.enum(BOOKING_STATUSES),
  startAt: z.date(),
  endAt: z.date(),
  priceCents: z.number().int(),
  subject: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  studentEmail: z.string(),
  instructorId: z.string(),
  instructorName: z.string(),
  instructorEmail: z.string(),
});
export const ZAdminBookingList = z.object({
  items: z.array(ZBookingRow.extend({ paymentState: z.enum(PAYMENT_STATES).nullable() })),
  total: z.number().int(),
  ...ZPageInfo,
});
export const ZBookingIdInput = z.object({ bookingId: ZId });
export const ZAdminBookingTimeline = z.object({
  booking: ZBookingRow.extend({ cancellationFeeCents: z.number().int().nullable() }),
  payment: z
    .object({
      state: z.enum(PAYMENT_STATES),
      cardAmountCents: z.number().int(),
      creditAppliedCents: z.number().int(),
      capturedCents: z.number().int(),
      creditUsedCents: z.number().int(),
      refundedCents: z.number().int(),
      platformFeeCents: z.number().int(),
      lastError: z.string().nullable(),
    })
    .nullable(),
  ledger: z.array(
    z.object({ account: z.enum(LEDGER_ACCOUNTS), amountCents: z.number().int(), kind: z.string(), at: z.date() }),
  ),
  entries: z.array(
    z.object({
      at: z.date(),
      source: z.enum(["lifecycle", "event", "message", "payment", "admin"]),
      label: z.string(),
      detail: z.string().nullable(),
      amountCents: z.number().int().nullable(),
    }),
  ),
});
export const ZAdminCancelInput = z.object({ bookingId: ZId, reason: ZRequiredReason });
export const ZAdminCancel = z.object({
  bookingId: z.string(),
  status: z.enum(BOOKING_STATUSES),
  paymentState: z.enum(PAYMENT_STATES).nullable(),
});
export const ZAdminRefundInput = z.object({ bookingId: ZId, reason: ZRequiredReason });
export const ZAdminRefund = z.object({
  bookingId: z.string(),
  outcome: z.string(),
  state: z.enum(PAYMENT_STATES),
  refundedCents: z.number().int(),
});

/* ── payments ── */

export const PIPELINE_BUCKETS = ["scheduled", "authorized", "captured", "failed", "refunded", "disputed"] as const;
export const ZPipelineCounts = z.record(z.enum(PIPELINE_BUCKETS), z.number().int());
export const ZPipelineListInput = z.object({ bucket: z.enum(PIPELINE_BUCKETS), ...ZPage });
export const ZPipelineList = z.object({
  items: z.array(
    z.object({
      bookingId: z.string(),
      state: z.enum(PAYMENT_STATES),
      bookingStatus: z.enum(BOOKING_STATUSES),
      startAt: z.date(),
      studentName: z.string(),
      instructorName: z.string(),
      lessonPriceCents: z.number().int(),
      capturedCents: z.number().int(),
      refundedCents: z.number().int(),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      updatedAt: z.date(),
    }),
  ),
  hasMore: z.boolean(),
  ...ZPageInfo,
});
export const ZReconciliation = z.object({
  accounts: z.array(z.object({ account: z.enum(LEDGER_ACCOUNTS), cents: z.number().int() })),
  lines: z.array(
    z.object({
      label: z.string(),
      ledgerCents: z.number().int(),
      recountCents: z.number().int(),
      matches: z.boolean(),
    }),
  ),
  reconciled: z.boolean(),
});
export const ZPaymentRetry = z.object({
  bookingId: z.string(),
  outcome: z.string(),
  state: z.enum(PAYMENT_STATES),
  message: z.string().nullable(),
});

/* ── moderation ── */

export const ZReportMessageInput = z.object({
  messageId: ZId,
  reason: zText({ max: REPORT_REASON_MAX, min: 1, multiline: true }),
});
export const ZReportReviewInput = z.object({
  reviewId: ZId,
  reason: zText({ max: REPORT_REASON_MAX, min: 1, multiline: true }),
});
export const ZReportFiled = z.object({ reportId: z.string(), status: z.enum(REPORT_STATUSES) });
export const ZReportQueueInput = z.object({ status: z.enum(REPORT_STATUSES).optional(), ...ZPage });
export const ZReportQueue = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      targetType: z.enum(REPORT_TARGETS),
      targetId: z.string(),
      reason: z.string(),
      status: z.enum(REPORT_STATUSES),
      createdAt: z.date(),
      resolvedAt: z.date().nullable(),
      reporterName: z.string(),
      authorId: z.string().nullable(),
      authorName: z.string().nullable(),
      authorStatus: z.string().nullable(),
      content: z.string().nullable(),
      rating: z.number().int().nullable(),
      hidden: z.boolean(),
    }),
  ),
  total: z.number().int(),
  ...ZPageInfo,
});
export const ZResolveReportInput = z.object({
  reportId: ZId,
  action: z.enum(["hide", "dismiss", "warn", "suspend"]),
  note: ZReason.default(""),
});
export const ZResolveReport = z.object({
  reportId: z.string(),
  status: z.enum(REPORT_STATUSES),
  reportsClosed: z.number().int(),
});

/* ── jobs ── */

export const ZJobListInput = z.object({ status: z.enum(JOB_RUN_STATUSES).optional(), ...ZPage });
export const ZJobList = z.object({
  runner: z.enum(["local", "inngest"]),
  counts: z.partialRecord(z.enum(JOB_RUN_STATUSES), z.number().int()),
  items: z.array(
    z.object({
      id: z.string(),
      functionId: z.string(),
      eventName: z.string(),
      status: z.enum(JOB_RUN_STATUSES),
      attempt: z.number().int(),
      maxAttempts: z.number().int(),
      steps: z.number().int(),
      lastError: z.string().nullable(),
      createdAt: z.date(),
      updatedAt: z.date(),
      finishedAt: z.date().nullable(),
    }),
  ),
  hasMore: z.boolean(),
  ...ZPageInfo,
});
export const ZJobRetryInput = z.object({
  runId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_:-]+$/),
});
export const ZJobRetry = z.object({ runId: z.string(), status: z.literal("queued") });

export type TAdminBookingList = z.infer<typeof ZAdminBookingList>;
export type TAdminBookingTimeline = z.infer<typeof ZAdminBookingTimeline>;
export type TAdminInstructorList = z.infer<typeof ZAdminInstructorList>;
export type TPipelineList = z.infer<typeof ZPipelineList>;
export type TReconciliation = z.infer<typeof ZReconciliation>;
export type TReportQueue = z.infer<typeof ZReportQueue>;
export type TJobList = z.infer<typeof ZJobList>;
