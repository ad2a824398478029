import { defineFunction, type FunctionHandler } from "../../define";

/**
 * Captures a booking's payment 24 h after the lesson ends (PRODUCT.md §5) — the instructor's share goes to their
 * Connect account by destination charge, the platform keeps the application fee. Skipped while a no-show or
 * dispute is open (the no-show's own settlement, or the dispute at Stripe, decides). Idempotent: the service
 * settles from the stored state with `booking:<id>:capture:<attempt>`.
 */
const handler: FunctionHandler<"payment/capture-scheduled"> = async ({ event, step, services }) => {
  const bookingId = event.data.bookingId;
  // A lesson may be rescheduled or the clock may wake us early: wait until the capture is due, a few times at most.
  for (let round = 1; round <= 5; round++) {
    const r = await step.run(`capture-${round}`, () => services.payments.flow.captureDue(bookingId));
    if (r.outcome !== "not_due") return r;
    await step.sleepUntil(`until-capture-${round}`, r.at);
  }
  return { outcome: "gave up waiting" };
};

export const capturePayment = defineFunction({
  id: "payment-capture",
  event: "payment/capture-scheduled",
  retries: 3,
  handler,
});
