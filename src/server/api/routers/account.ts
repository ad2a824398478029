import { createTRPCRouter, permissionProcedure, publicProcedure } from "~/server/api/trpc";
import { z } from "zod";
import {
  ZChangePasswordInput,
  ZMeView,
  ZPhoneCodeSent,
  ZRequestPhoneCodeInput,
  ZUpdateProfileInput,
  ZVerifyPhoneCodeInput,
  ZDataExportView,
  ZDeleteAccountInput,
} from "./account.schemas";

const own = permissionProcedure("account:manage:own");

export const accountRouter = createTRPCRouter({
  /** The signed-in user, or null when signed out. */
  me: publicProcedure
    .output(ZMeView.nullable())
    .query(({ ctx }) => (ctx.actor ? ctx.services.account.me(ctx.actor.userId) : null)),
  updateProfile: own
    .input(ZUpdateProfileInput)
    .output(ZMeView)
    .mutation(({ ctx, input }) => ctx.services.account.updateProfile(ctx.actor.userId, input)),
  changePassword: own
    .input(ZChangePasswordInput)
    .output(z.void())
    .mutation(({ ctx, input }) => ctx.services.account.changePassword(ctx.actor.userId, input)),
  requestPhoneCode: own
    .input(ZRequestPhoneCodeInput)
    .output(ZPhoneCodeSent)
    .mutation(({ ctx, input }) => ctx.services.account.requestPhoneCode(ctx.actor.userId, input.phone)),
  verifyPhoneCode: own
    .input(ZVerifyPhoneCodeInput)
    .output(ZMeView)
    .mutation(({ ctx, input }) => ctx.services.account.verifyPhoneCode(ctx.actor.userId, input.code)),

  /* GDPR (PRODUCT.md §1): "Download my data" and account deletion. */
  requestExport: own
    .output(ZDataExportView)
    .mutation(({ ctx }) => ctx.services.privacy.requestExport(ctx.actor.userId)),
  exports: own.output(z.array(ZDataExportView)).query(({ ctx }) => ctx.services.privacy.listExports(ctx.actor.userId)),
  deleteAccount: own
    .input(ZDeleteAccountInput)
    .output(z.void())
    .mutation(({ ctx, input }) => ctx.services.privacy.deleteAccount(ctx.actor, input)),
});
