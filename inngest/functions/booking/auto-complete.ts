import { defineFunction, type FunctionHandler } from "../../define";

/**
 * A lesson nobody marked complete completes by itself 24 h after its end, unless a no-show was reported
 * (PRODUCT.md §4). One durable timer per booking; the completion itself is idempotent, so a cancelled,
 * rescheduled or already-completed booking is simply left alone when the timer fires.
 */
const handler: FunctionHandler<"booking/created" | "booking/rescheduled"> = async ({ event, step, services }) => {
  const dueAt = await step.run("due-at", () => services.booking.autoCompleteDueAt(event.data.bookingId));
  if (dueAt === null) return { skipped: "not confirmed" };
  // An absolute time from a memoised step: a replay (or a restart of the embedded runner) wakes at the same time.
  await step.sleepUntil("until-auto-complete", new Date(dueAt));
  const completed = await step.run("auto-complete", () => services.booking.autoComplete(event.data.bookingId));
  return { completed };
};

export const autoCompleteCreated = defineFunction({ id: "booking-auto-complete", event: "booking/created", handler });
export const autoCompleteRescheduled = defineFunction({
  id: "booking-auto-complete-rescheduled",
  event: "booking/rescheduled",
  handler,
});
