import { createTRPCRouter, permissionProcedure, publicProcedure } from "~/server/api/trpc";
import {
  ZBookingId,
  ZCancelInput,
  ZCreateBookingInput,
  ZCreateReviewInput,
  ZInstructorListInput,
  ZListInput,
  ZListReviewsInput,
  ZQuoteInput,
  ZReplyInput,
  ZRescheduleInput,
  ZUpdateReviewInput,
  ZBookingPage,
  ZBookingView,
  ZPublicReviewPage,
  ZQuote,
  ZReview,
} from "./booking.schemas";

const own = permissionProcedure("booking:manage:own");

export const bookingRouter = createTRPCRouter({
  quote: publicProcedure
    .input(ZQuoteInput)
    .output(ZQuote)
    .query(({ ctx, input }) => ctx.services.booking.quote(input)),
  create: permissionProcedure("booking:create")
    .input(ZCreateBookingInput)
    .output(ZBookingView)
    .mutation(({ ctx, input }) => ctx.services.booking.create(ctx.actor, input)),
  get: permissionProcedure("booking:read:own")
    .input(ZBookingId)
    .output(ZBookingView)
    .query(({ ctx, input }) => ctx.services.booking.get(ctx.actor, input.bookingId)),
  listForStudent: permissionProcedure("booking:create")
    .input(ZListInput)
    .output(ZBookingPage)
    .query(({ ctx, input }) => ctx.services.booking.listForStudent(ctx.actor, input)),
  listForInstructor: permissionProcedure("instructor:manage:own")
    .input(ZInstructorListInput)
    .output(ZBookingPage)
    .query(({ ctx, input }) => ctx.services.booking.listForInstructor(ctx.actor, input)),
  cancel: own
    .input(ZCancelInput)
    .output(ZBookingView)
    .mutation(({ ctx, input }) => ctx.services.booking.cancel(ctx.actor, input)),
  reschedule: own
    .input(ZRescheduleInput)
    .output(ZBookingView)
    .mutation(({ ctx, input }) => ctx.services.booking.reschedule(ctx.actor, input)),
  markComplete: own
    .input(ZBookingId)
    .output(ZBookingView)
    .mutation(({ ctx, input }) => ctx.services.booking.markComplete(ctx.actor, input)),
  reportNoShow: own
    .input(ZBookingId)
    .output(ZBookingView)
    .mutation(({ ctx, input }) => ctx.services.booking.reportNoShow(ctx.actor, input)),
  createReview: permissionProcedure("review:write")
    .input(ZCreateReviewInput)
    .output(ZReview)
    .mutation(({ ctx, input }) => ctx.services.booking.createReview(ctx.actor, input)),
  updateReview: permissionProcedure("review:write")
    .input(ZUpdateReviewInput)
    .output(ZReview)
    .mutation(({ ctx, input }) => ctx.services.booking.updateReview(ctx.actor, input)),
  replyToReview: permissionProcedure("instructor:manage:own")
    .input(ZReplyInput)
    .output(ZReview.nullable())
    .mutation(({ ctx, input }) => ctx.services.booking.replyToReview(ctx.actor, input)),
  reviews: publicProcedure
    .input(ZListReviewsInput)
    .output(ZPublicReviewPage)
    .query(({ ctx, input }) => ctx.services.booking.listReviews(input)),
});
