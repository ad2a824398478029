import { defineFunction, type FunctionHandler } from "../../define";

/**
 * Lesson reminders 24 h and 1 h before the start (PRODUCT.md §8), to both sides. The plan (wake times and the
 * start they were computed for) is a memoised step, so a replay or a restart of the embedded runner wakes at the
 * same moments. A cancellation cancels the sleeping run (cancelOn); a reschedule makes a new booking whose own
 * `booking/rescheduled` run plans the new times, and the old run finds its booking cancelled on waking and skips.
 * The send step re-checks the booking anyway (state and start time), so a changed booking is never reminded.
 */
const handler: FunctionHandler<"booking/created" | "booking/rescheduled"> = async ({ event, step, services }) => {
  const bookingId = event.data.bookingId;
  const plan = await step.run("plan", () => services.notificationFlows.reminderPlan(bookingId));
  if (!plan) return { skipped: "no reminders" };
  const outcomes: Record<string, unknown> = {};
  for (const r of plan.reminders) {
    await step.sleepUntil(`until-${r.lead}`, r.at);
    outcomes[r.lead] = await step.run(`remind-${r.lead}`, () =>
      services.notificationFlows.sendReminder(bookingId, r.lead, plan.startAt),
    );
  }
  return outcomes;
};

const cancelOn = [{ event: "booking/cancelled" as const, match: "data.bookingId" }];

export const remindersOnCreated = defineFunction({
  id: "notify-lesson-reminders",
  event: "booking/created",
  cancelOn,
  handler,
});
export const remindersOnRescheduled = defineFunction({
  id: "notify-lesson-reminders-rescheduled",
  event: "booking/rescheduled",
  cancelOn,
  handler,
});
