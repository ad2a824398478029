import { defineFunction, type FunctionHandler } from "../../define";

/** Authorization attempts (the first included) before waiting for the T−12 h deadline. */
export const MAX_AUTHORIZE_ATTEMPTS = 4;

/**
 * Authorizes a booking's card 24 h before the lesson (PRODUCT.md §5). A decline notifies the student and retries on
 * a backoff (1 h, 3 h, 6 h, never past T−12 h); a booking still unpaid at T−12 h is cancelled by the system, which
 * releases the slot and notifies both sides (booking/cancelled). Each step is a `step.run` and idempotent: the
 * service decides from the stored state, and the gateway call carries `booking:<id>:authorize:<attempt>`.
 */
const handler: FunctionHandler<"payment/authorize-scheduled"> = async ({ event, step, services }) => {
  const bookingId = event.data.bookingId;
  const plan = await step.run("plan", () => services.payments.flow.authorizationPlan(bookingId));
  if (!plan) return { skipped: "nothing to authorize" };
  await step.sleepUntil("until-authorize", plan.authorizeAt);
  for (let attempt = 1; attempt <= MAX_AUTHORIZE_ATTEMPTS; attempt++) {
    const r = await step.run(`authorize-${attempt}`, () => services.payments.flow.authorize(bookingId));
    if (r.outcome === "not_due") {
      await step.sleepUntil(`until-due-${attempt}`, r.at);
      continue;
    }
    if (r.outcome !== "failed") return { outcome: r.outcome, attempt };
    await step.run(`notify-declined-${attempt}`, async () => {
      const failure = await services.payments.flow.authorizationFailure(bookingId);
      return failure
        ? services.notificationFlows.paymentFailed({
            bookingId,
            attempt,
            reason: failure.reason,
            deadline: new Date(failure.deadline),
          })
        : null;
    });
    if (!r.retryAt) break;
    await step.sleepUntil(`retry-wait-${attempt}`, r.retryAt);
  }
  await step.sleepUntil("until-deadline", plan.deadline);
  const cancelled = await step.run("cancel-if-unpaid", async () =>
    (await services.payments.flow.isUnpaidPastDeadline(bookingId))
      ? services.booking.cancelBySystem(bookingId, "payment_not_authorized")
      : false,
  );
  return { outcome: cancelled ? "cancelled_unpaid" : "paid_meanwhile" };
};

export const authorizePayment = defineFunction({
  id: "payment-authorize",
  event: "payment/authorize-scheduled",
  retries: 3,
  handler,
});
