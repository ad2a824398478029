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

/** Hourly, at 20 minutes past (away from the top of the hour, when the daily jobs run). */
export const AUTO_COMPLETE_SWEEP_CRON = "20 * * * *";

/**
 * The safety net for the per-booking timer (PRODUCT.md §4): hourly, every confirmed lesson more than 24 h past its
 * end with no no-show report is completed (a timer lost to a dropped event or a bug). Completion is idempotent, so
 * a booking the timer completes at the same moment is counted once.
 */
export const autoCompleteSweep = defineFunction({
  id: "booking-auto-complete-sweep",
  event: "booking/auto-complete-sweep",
  cron: AUTO_COMPLETE_SWEEP_CRON,
  retries: 3,
  handler: async ({ step, services }) => ({
    completed: await step.run("sweep", () => services.booking.autoCompleteDue()),
  }),
});
