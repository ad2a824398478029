import { createTRPCRouter, permissionProcedure, publicProcedure } from "~/server/api/trpc";
import { stripePublishableKey } from "~/server/config/env";
import {
  ZAccountView,
  ZBookingIdInput,
  ZCardView,
  ZConfigView,
  ZConfirmLocalCardInput,
  ZCreditsView,
  ZOk,
  ZOnboardingView,
  ZPaymentMethodInput,
  ZPaymentView,
  ZPayoutStatusView,
  ZReceiptsInput,
  ZReceiptsView,
  ZRetryAuthorizationInput,
  ZSetupIntentInput,
  ZSetupIntentView,
} from "./payments.schemas";
import { z } from "zod";

const student = permissionProcedure("payment:manage:own");
const instructor = permissionProcedure("payout:manage:own");

/** Students' cards, credits, receipts and lesson payments (PAYMENTS_CONTRACT.md). */
export const paymentsRouter = createTRPCRouter({
  config: publicProcedure
    .output(ZConfigView)
    .query(({ ctx }) => ({ mode: ctx.rt.payments.kind, publishableKey: stripePublishableKey() ?? null })),
  startCardSetup: student
    .output(ZSetupIntentView)
    .mutation(({ ctx }) => ctx.services.payments.accounts.startCardSetup(ctx.actor.userId)),
  confirmLocalCard: student
    .input(ZConfirmLocalCardInput)
    .output(ZCardView)
    .mutation(({ ctx, input }) => ctx.services.payments.accounts.confirmLocalCard(ctx.actor.userId, input)),
  completeCardSetup: student
    .input(ZSetupIntentInput)
    .output(ZCardView)
    .mutation(({ ctx, input }) => ctx.services.payments.accounts.completeCardSetup(ctx.actor.userId, input)),
  listCards: student
    .output(z.array(ZCardView))
    .query(({ ctx }) => ctx.services.payments.accounts.listCards(ctx.actor.userId)),
  removeCard: student
    .input(ZPaymentMethodInput)
    .output(ZOk)
    .mutation(({ ctx, input }) => ctx.services.payments.accounts.removeCard(ctx.actor.userId, input.paymentMethodId)),
  setDefaultCard: student
    .input(ZPaymentMethodInput)
    .output(z.array(ZCardView))
    .mutation(({ ctx, input }) =>
      ctx.services.payments.accounts.setDefaultCard(ctx.actor.userId, input.paymentMethodId),
    ),
  credits: student.output(ZCreditsView).query(({ ctx }) => ctx.services.payments.accounts.credits(ctx.actor.userId)),
  receipts: student
    .input(ZReceiptsInput)
    .output(ZReceiptsView)
    .query(({ ctx, input }) => ctx.services.payments.views.receipts(ctx.actor, input)),
  // Student, instructor of the booking or admin; NOT_FOUND for anyone else (checked in the view).
  forBooking: permissionProcedure("booking:read:own")
    .input(ZBookingIdInput)
    .output(ZPaymentView)
    .query(({ ctx, input }) => ctx.services.payments.views.forBooking(ctx.actor, input.bookingId)),
  retryAuthorization: student
    .input(ZRetryAuthorizationInput)
    .output(ZPaymentView)
    .mutation(async ({ ctx, input }) => {
      await ctx.services.payments.flow.retryAuthorization(ctx.actor, input);
      return ctx.services.payments.views.forBooking(ctx.actor, input.bookingId);
    }),
});

/** Instructors' Connect onboarding, fee tier and earnings. */
export const payoutsRouter = createTRPCRouter({
  status: instructor.output(ZPayoutStatusView).query(({ ctx }) => ctx.services.payments.views.payoutStatus(ctx.actor)),
  startOnboarding: instructor
    .output(ZOnboardingView)
    .mutation(({ ctx }) => ctx.services.payments.accounts.startOnboarding(ctx.actor.userId)),
  refreshStatus: instructor
    .output(ZAccountView)
    .mutation(({ ctx }) => ctx.services.payments.accounts.refreshStatus(ctx.actor.userId)),
});
