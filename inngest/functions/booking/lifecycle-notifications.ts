import { formatInZone } from "~/lib/time/zoned";
import type { EventName } from "~/server/events/catalog";
import type { BookingService } from "~/server/services/booking/booking-service";
import { defineFunction, type FunctionHandler } from "../../define";

type Summary = NonNullable<Awaited<ReturnType<BookingService["summary"]>>>;
type BookingEvent = Extract<EventName, `booking/${string}`>;

const when = (s: Summary, zone: string) => formatInZone(new Date(s.startAt), zone, "ccc d LLL, h:mm a ZZZZ");
const money = (cents: number) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);

/** What each side reads for each lifecycle event: the conversation line, and each person's notification. */
const COPY: Record<
  Exclude<BookingEvent, "booking/confirmed">,
  (s: Summary) => { system: string; student: [string, string]; instructor: [string, string] }
> = {
  "booking/created": (s) => ({
    system: `${s.studentName} booked ${s.subjectName} on ${when(s, s.instructorTimeZone)}.`,
    student: ["Lesson booked", `${s.subjectName} with ${s.instructorName}, ${when(s, s.studentTimeZone)}.`],
    instructor: ["New booking", `${s.studentName} booked ${s.subjectName} on ${when(s, s.instructorTimeZone)}.`],
  }),
  "booking/cancelled": (s) => ({
    system: `The ${s.subjectName} lesson on ${when(s, s.instructorTimeZone)} was cancelled.`,
    student: [
      "Lesson cancelled",
      `${s.subjectName} on ${when(s, s.studentTimeZone)} was cancelled.${s.cancellationFeeCents ? ` Cancellation fee: ${money(s.cancellationFeeCents)}.` : ""}`,
    ],
    instructor: [
      "Lesson cancelled",
      `${s.subjectName} with ${s.studentName} on ${when(s, s.instructorTimeZone)} was cancelled.`,
    ],
  }),
  "booking/rescheduled": (s) => ({
    system: `The ${s.subjectName} lesson moved to ${when(s, s.instructorTimeZone)}.`,
    student: ["Lesson rescheduled", `${s.subjectName} with ${s.instructorName} is now ${when(s, s.studentTimeZone)}.`],
    instructor: [
      "Lesson rescheduled",
      `${s.subjectName} with ${s.studentName} is now ${when(s, s.instructorTimeZone)}.`,
    ],
  }),
  "booking/completed": (s) => ({
    system: `The ${s.subjectName} lesson on ${when(s, s.instructorTimeZone)} is complete.`,
    student: ["How was your lesson?", `Leave a review for ${s.instructorName}.`],
    instructor: ["Lesson completed", `${s.subjectName} with ${s.studentName} is complete.`],
  }),
  "booking/no-show": (s) => ({
    system: `A no-show was reported for the ${s.subjectName} lesson on ${when(s, s.instructorTimeZone)}.`,
    student: ["No-show reported", `A no-show was reported for ${s.subjectName} on ${when(s, s.studentTimeZone)}.`],
    instructor: ["No-show reported", `A no-show was reported for ${s.subjectName} with ${s.studentName}.`],
  }),
};

/**
 * On every booking lifecycle event: a system message in the pair's conversation and an in-app notification
 * to each side. Each step is idempotent (dedupe keys derived from event + booking), so retries never double.
 */
function handlerFor(name: keyof typeof COPY): FunctionHandler<typeof name> {
  return async ({ event, step, services }) => {
    const summary = await step.run("load", () => services.booking.summary(event.data.bookingId));
    if (!summary) return { skipped: "booking not found" };
    const copy = COPY[name](summary);
    const key = `${name}:${summary.bookingId}`;
    await step.run("system-message", () =>
      services.messaging.postSystemMessage({
        studentId: summary.studentId,
        instructorId: summary.instructorId,
        bookingId: summary.bookingId,
        text: copy.system,
        dedupeKey: key,
      }),
    );
    await step.run("notify-student", () =>
      services.notifications.notify({
        userId: summary.studentId,
        category: "lesson_updates",
        kind: name.replace("/", "."),
        title: copy.student[0],
        body: copy.student[1],
        link: `/lessons/${summary.bookingId}`,
        dedupeKey: key,
      }),
    );
    await step.run("notify-instructor", () =>
      services.notifications.notify({
        userId: summary.instructorId,
        category: "lesson_updates",
        kind: name.replace("/", "."),
        title: copy.instructor[0],
        body: copy.instructor[1],
        link: "/instructor/bookings",
        dedupeKey: key,
      }),
    );
    return { notified: true };
  };
}

export const bookingNotificationFunctions = (Object.keys(COPY) as (keyof typeof COPY)[]).map((name) =>
  defineFunction({ id: `booking-notify-${name.split("/")[1]}`, event: name, handler: handlerFor(name) }),
);
