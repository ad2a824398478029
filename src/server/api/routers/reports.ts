import { createTRPCRouter, permissionProcedure } from "~/server/api/trpc";
import { ZReportFiled, ZReportMessageInput, ZReportReviewInput } from "./admin-ops.schemas";

/** Users report what breaks the guidelines; admins decide in /admin/moderation. Rate-limited per user. */
export const reportsRouter = createTRPCRouter({
  /** A message of one's own conversation (NOT_FOUND for anyone else's). */
  message: permissionProcedure("message:send")
    .input(ZReportMessageInput)
    .output(ZReportFiled)
    .mutation(({ ctx, input }) => ctx.services.adminOps.moderation.reportMessage(ctx.actor, input)),
  /** A published review on an instructor's profile. */
  review: permissionProcedure("account:manage:own")
    .input(ZReportReviewInput)
    .output(ZReportFiled)
    .mutation(({ ctx, input }) => ctx.services.adminOps.moderation.reportReview(ctx.actor, input)),
});
