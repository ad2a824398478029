import { formatInZone } from "~/lib/time/zoned";
import type { EventName } from "~/server/events/catalog";
import type { BookingService } from "~/server/services/booking/booking-service";
import { defineFunction, type FunctionHandler } from "../../define";

type Summary = NonNullable<Awaited<ReturnType<BookingService["summary"]>>>;
type BookingEvent = Extract<EventName, `booking/${string}`>;

const when = (s: Summary, zone: string) => formatInZone(new Date(s.startAt), zone, "ccc d LLL, h:mm a ZZZZ");

/** The line each lifecycle event writes into the pair's conversation (in the instructor's zone). */
const SYSTEM_LINE: Record<Exclude<BookingEvent, "booking/auto-complete-sweep">, (s: Summary) => string> = {
  "booking/created": (s) => `${s.studentName} booked ${s.subjectName} on ${when(s, s.instructorTimeZone)}.`,
  "booking/cancelled": (s) => `The ${s.subjectName} lesson on ${when(s, s.instructorTimeZone)} was cancelled.`,
  "booking/rescheduled": (s) => `The ${s.subjectName} lesson moved to ${when(s, s.instructorTimeZone)}.`,
  "booking/completed": (s) => `The ${s.subjectName} lesson on ${when(s, s.instructorTimeZone)} is complete.`,
  "booking/no-show": (s) =>
    `A no-show was reported for the ${s.subjectName} lesson on ${when(s, s.instructorTimeZone)}.`,
};

/**
 * On every booking lifecycle event: a system message in the pair's conversation and a notification to each side
 * through the notification flows (in-app; email with a calendar file for created / cancelled / rescheduled; the
 * review request after completion). Each step is idempotent (dedupe and delivery keys derived from event +
 * booking, claimed by the dispatch service per channel), so a retried step never sends twice.
 */
function handlerFor(name: keyof typeof SYSTEM_LINE): FunctionHandler<typeof name> {
  return async ({ event, step, services }) => {
    const summary = await step.run("load", () => services.booking.summary(event.data.bookingId));
    if (!summary) return { skipped: "booking not found" };
    const key = `${name}:${summary.bookingId}`;
    await step.run("system-message", () =>
      services.messaging.postSystemMessage({
        studentId: summary.studentId,
        instructorId: summary.instructorId,
        bookingId: summary.bookingId,
        text: SYSTEM_LINE[name](summary),
        dedupeKey: key,
      }),
    );
    const extra = "previousBookingId" in event.data ? { previousBookingId: event.data.previousBookingId } : {};
    const student = await step.run("notify-student", () =>
      services.notificationFlows.lifecycle(name, summary.bookingId, "student", extra),
    );
    const instructor = await step.run("notify-instructor", () =>
      services.notificationFlows.lifecycle(name, summary.bookingId, "instructor", extra),
    );
    return { notified: true, student, instructor };
  };
}

export const bookingNotificationFunctions = (Object.keys(SYSTEM_LINE) as (keyof typeof SYSTEM_LINE)[]).map((name) =>
  defineFunction({ id: `booking-notify-${name.split("/")[1]}`, event: name, handler: handlerFor(name) }),
);
