import type { EventName } from "~/server/events/catalog";
import { defineFunction, type FunctionHandler } from "../../define";

/**
 * The payment consequence of a cancellation or no-show (PRODUCT.md §4–5): release the hold, capture the
 * cancellation fee in part, charge a no-show, or refund with transfer reversal after a capture. The booking
 * service runs the same settlement at once; this function is the retry when that attempt failed. Idempotent.
 */
function handlerFor<N extends Extract<EventName, "booking/cancelled" | "booking/no-show">>(): FunctionHandler<N> {
  return async ({ event, step, services }) =>
    step.run("settle", () => services.payments.flow.settleBooking(event.data.bookingId));
}

export const settleCancelledPayment = defineFunction({
  id: "payment-settle-cancelled",
  event: "booking/cancelled",
  retries: 5,
  handler: handlerFor<"booking/cancelled">(),
});
export const settleNoShowPayment = defineFunction({
  id: "payment-settle-no-show",
  event: "booking/no-show",
  retries: 5,
  handler: handlerFor<"booking/no-show">(),
});
