import { createTRPCRouter, permissionProcedure } from "~/server/api/trpc";
import {
  ZAdminBookingList,
  ZAdminBookingListInput,
  ZAdminBookingTimeline,
  ZAdminCancel,
  ZAdminCancelInput,
  ZAdminInstructorList,
  ZAdminInstructorListInput,
  ZAdminRefund,
  ZAdminRefundInput,
  ZBookingIdInput,
  ZHideProfileField,
  ZHideProfileFieldInput,
  ZInstructorDecision,
  ZInstructorDecisionInput,
  ZJobList,
  ZJobListInput,
  ZJobRetry,
  ZJobRetryInput,
  ZPaymentRetry,
  ZPipelineCounts,
  ZPipelineList,
  ZPipelineListInput,
  ZReconciliation,
  ZReportQueue,
  ZReportQueueInput,
  ZResolveReport,
  ZResolveReportInput,
  ZSetFounding,
  ZSetFoundingInput,
} from "./admin-ops.schemas";

/* Admin console operations (issue 12), mounted in the admin router. Every mutation writes one audit row. */

export const adminInstructorsRouter = createTRPCRouter({
  /** The verification queue: pending background checks first, with the provider's answer and listing facts. */
  list: permissionProcedure("admin:instructors")
    .input(ZAdminInstructorListInput)
    .output(ZAdminInstructorList)
    .query(({ ctx, input }) => ctx.services.adminOps.instructors.list(input)),
  /** Approve (check passed) or reject with a reason (check failed). */
  decide: permissionProcedure("admin:instructors")
    .input(ZInstructorDecisionInput)
    .output(ZInstructorDecision)
    .mutation(({ ctx, input }) => ctx.services.adminOps.instructors.decide({ actor: ctx.actor, ip: ctx.ip }, input)),
  setFounding: permissionProcedure("admin:instructors")
    .input(ZSetFoundingInput)
    .output(ZSetFounding)
    .mutation(({ ctx, input }) =>
      ctx.services.adminOps.instructors.setFounding({ actor: ctx.actor, ip: ctx.ip }, input),
    ),
  /** Hides (or shows again) the headline, bio or photo on the public profile. */
  setFieldHidden: permissionProcedure("admin:instructors")
    .input(ZHideProfileFieldInput)
    .output(ZHideProfileField)
    .mutation(({ ctx, input }) =>
      ctx.services.adminOps.instructors.setProfileFieldHidden({ actor: ctx.actor, ip: ctx.ip }, input),
    ),
});

export const adminBookingsRouter = createTRPCRouter({
  /** Filtered on the server by status, start range, instructor and student; a page at a time. */
  list: permissionProcedure("admin:bookings")
    .input(ZAdminBookingListInput)
    .output(ZAdminBookingList)
    .query(({ ctx, input }) => ctx.services.adminOps.bookings.list(input)),
  /** Lifecycle events, the pair's messages and each payment step, in time order. */
  timeline: permissionProcedure("admin:bookings")
    .input(ZBookingIdInput)
    .output(ZAdminBookingTimeline)
    .query(({ ctx, input }) => ctx.services.adminOps.bookings.timeline(input.bookingId)),
  /** Cancels as an admin: free for the student (hold released, or refunded when already charged). */
  cancel: permissionProcedure("admin:bookings")
    .input(ZAdminCancelInput)
    .output(ZAdminCancel)
    .mutation(({ ctx, input }) => ctx.services.adminOps.bookings.cancel({ actor: ctx.actor, ip: ctx.ip }, input)),
  /** Refunds everything still settled; idempotent. */
  refund: permissionProcedure("admin:payments")
    .input(ZAdminRefundInput)
    .output(ZAdminRefund)
    .mutation(({ ctx, input }) => ctx.services.adminOps.bookings.refund({ actor: ctx.actor, ip: ctx.ip }, input)),
});

export const adminPaymentsRouter = createTRPCRouter({
  counts: permissionProcedure("admin:payments")
    .output(ZPipelineCounts)
    .query(({ ctx }) => ctx.services.adminOps.payments.counts()),
  list: permissionProcedure("admin:payments")
    .input(ZPipelineListInput)
    .output(ZPipelineList)
    .query(({ ctx, input }) => ctx.services.adminOps.payments.list(input)),
  /** Ledger totals beside a recount from the payment rows, with a reconciled verdict. */
  reconciliation: permissionProcedure("admin:payments")
    .output(ZReconciliation)
    .query(({ ctx }) => ctx.services.adminOps.payments.reconciliation()),
  /** Retries a failed authorization or capture now. */
  retry: permissionProcedure("admin:payments")
    .input(ZBookingIdInput)
    .output(ZPaymentRetry)
    .mutation(({ ctx, input }) => ctx.services.adminOps.payments.retry({ actor: ctx.actor, ip: ctx.ip }, input)),
});

export const adminModerationRouter = createTRPCRouter({
  /** Reports, open first. */
  queue: permissionProcedure("admin:moderation")
    .input(ZReportQueueInput)
    .output(ZReportQueue)
    .query(({ ctx, input }) => ctx.services.adminOps.moderation.queue(input)),
  /** Hide the thing, dismiss the report, warn or suspend the author. */
  resolve: permissionProcedure("admin:moderation")
    .input(ZResolveReportInput)
    .output(ZResolveReport)
    .mutation(({ ctx, input }) => ctx.services.adminOps.moderation.resolve({ actor: ctx.actor, ip: ctx.ip }, input)),
});

export const adminJobsRouter = createTRPCRouter({
  /** Recent runs of the durable runner and their failures. */
  list: permissionProcedure("admin:jobs")
    .input(ZJobListInput)
    .output(ZJobList)
    .query(({ ctx, input }) => ctx.services.adminOps.jobs.list(input)),
  /** Queues a failed run again (it resumes at the step that failed). */
  retry: permissionProcedure("admin:jobs")
    .input(ZJobRetryInput)
    .output(ZJobRetry)
    .mutation(({ ctx, input }) => ctx.services.adminOps.jobs.retry({ actor: ctx.actor, ip: ctx.ip }, input)),
});
