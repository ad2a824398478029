import { z } from "zod";
import { authedProcedure, createTRPCRouter, publicProcedure } from "~/server/api/trpc";
import {
  ZLoginInput,
  ZLoginRequirementsInput,
  ZLoginResult,
  ZSignUpInput,
  ZTotpCode,
  ZTwoFactorInput,
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
    .query(({ ctx, input }) => ctx.services.auth.loginRequirements(input.email)),

  verifySecondFactor: publicProcedure
    .input(ZTwoFactorInput)
    .mutation(({ ctx, input }) => ctx.services.auth.verifySecondFactor(input, ctx.ip)),

  startTotpEnrolment: authedProcedure.mutation(({ ctx }) => ctx.services.auth.startTotpEnrolment(ctx.actor.userId)),

  confirmTotpEnrolment: authedProcedure
    .input(ZTotpCode)
    .mutation(({ ctx, input }) => ctx.services.auth.confirmTotpEnrolment(ctx.actor.userId, input.code)),

  regenerateBackupCodes: authedProcedure
    .input(ZTotpCode)
    .mutation(({ ctx, input }) => ctx.services.auth.regenerateBackupCodes(ctx.actor.userId, input.code)),

  disableTotp: authedProcedure.input(ZTotpCode).mutation(({ ctx, input }) => ctx.services.auth.disableTotp(ctx.actor.userId, input.code)),

  backupCodesLeft: authedProcedure.query(({ ctx }) => ctx.services.auth.backupCodesLeft(ctx.actor.userId)),
});
