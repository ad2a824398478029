import { z } from "zod";
import { authedProcedure, createTRPCRouter, publicProcedure } from "~/server/api/trpc";
import {
  ZLoginInput,
  ZLoginRequirementsInput,
  ZLoginResult,
  ZSignUpInput,
  ZTotpCode,
  ZTwoFactorInput,
  ZBackupCodes,
  ZLoginRequirements,
  ZSecondFactorResult,
  ZTotpEnrolment,
  ZEmailToken,
  ZMessageView,
  ZRequestPasswordResetInput,
  ZResetPasswordInput,
} from "./auth.schemas";

export const authRouter = createTRPCRouter({
  signUp: publicProcedure
    .input(ZSignUpInput)
    .output(z.object({ ticket: z.string() }))
    .mutation(async ({ ctx, input }) => ({ ticket: (await ctx.services.auth.signUp(input, ctx.ip)).ticket })),

  login: publicProcedure
    .input(ZLoginInput)
    .output(ZLoginResult)
    .mutation(({ ctx, input }) => ctx.services.auth.login(input, ctx.ip)),

  loginRequirements: publicProcedure
    .input(ZLoginRequirementsInput)
    .output(ZLoginRequirements)
    .query(({ ctx, input }) => ctx.services.auth.loginRequirements(input.email)),

  verifySecondFactor: publicProcedure
    .input(ZTwoFactorInput)
    .output(ZSecondFactorResult)
    .mutation(({ ctx, input }) => ctx.services.auth.verifySecondFactor(input, ctx.ip)),

  startTotpEnrolment: authedProcedure
    .output(ZTotpEnrolment)
    .mutation(({ ctx }) => ctx.services.auth.startTotpEnrolment(ctx.actor.userId)),

  confirmTotpEnrolment: authedProcedure
    .input(ZTotpCode)
    .output(ZBackupCodes)
    .mutation(({ ctx, input }) => ctx.services.auth.confirmTotpEnrolment(ctx.actor.userId, input.code)),

  regenerateBackupCodes: authedProcedure
    .input(ZTotpCode)
    .output(ZBackupCodes)
    .mutation(({ ctx, input }) => ctx.services.auth.regenerateBackupCodes(ctx.actor.userId, input.code)),

  disableTotp: authedProcedure
    .input(ZTotpCode)
    .output(z.void())
    .mutation(({ ctx, input }) => ctx.services.auth.disableTotp(ctx.actor.userId, input.code)),

  backupCodesLeft: authedProcedure
    .output(z.number().int())
    .query(({ ctx }) => ctx.services.auth.backupCodesLeft(ctx.actor.userId)),

  /* Recovery and verification by emailed single-use links (PRODUCT.md §1). */

  /** Same answer whether or not the address has an account. */
  requestPasswordReset: publicProcedure
    .input(ZRequestPasswordResetInput)
    .output(ZMessageView)
    .mutation(({ ctx, input }) => ctx.services.recovery.requestPasswordReset(input.email, ctx.ip)),

  checkResetToken: publicProcedure
    .input(ZEmailToken)
    .output(z.object({ valid: z.boolean() }))
    .query(({ ctx, input }) => ctx.services.recovery.checkResetToken(input.token)),

  resetPassword: publicProcedure
    .input(ZResetPasswordInput)
    .output(z.void())
    .mutation(({ ctx, input }) => ctx.services.recovery.resetPassword(input, ctx.ip)),

  verifyEmail: publicProcedure
    .input(ZEmailToken)
    .output(z.object({ verified: z.literal(true) }))
    .mutation(({ ctx, input }) => ctx.services.recovery.verifyEmail(input.token)),

  resendVerification: authedProcedure
    .output(z.object({ sent: z.boolean() }))
    .mutation(({ ctx }) => ctx.services.recovery.sendVerification(ctx.actor.userId)),
});
