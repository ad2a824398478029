import { defineFunction } from "../../define";

/** A receipt to the student when the lesson's payment is captured (once per booking: delivery key). */
export const paymentReceipt = defineFunction({
  id: "notify-payment-receipt",
  event: "payment/captured",
  handler: async ({ event, step, services }) =>
    step.run("send-receipt", async () => {
      const payment = await services.payments.flow.paymentOf(event.data.bookingId);
      return services.notificationFlows.receipt(
        event.data.bookingId,
        payment ? payment.capturedCents + payment.creditUsedCents : undefined,
      );
    }),
});
