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
});
