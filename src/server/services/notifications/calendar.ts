import { createEvent } from "ics";
import type { EmailAttachment } from "~/server/integrations/email";
import { formatInZone } from "~/lib/time/zoned";

export type CalendarLesson = {
  bookingId: string;
  title: string;
  description: string;
  location: string;
  /** Absolute URL of the lesson page. */
  url: string;
  startAt: Date;
  endAt: Date;
};

/** "Tue 1 Dec 2026, 3:00 PM EST (America/New_York)": a lesson time in the reader's zone, the zone named. */
export function lessonTimeText(at: Date, zone: string): string {
  return `${formatInZone(at, zone, "ccc d LLL yyyy, h:mm a ZZZZ")} (${zone})`;
}

/** One stable UID per booking, so a calendar app updates (or cancels) the event it already has. */
const uidOf = (bookingId: string) => `booking-${bookingId}@instainstru`;

/**
 * The lesson as an iCalendar file. Times are written in UTC (`…Z`), so every calendar app shows them in its own
 * zone; the lesson's zone is spelled out in the email text. A cancellation is METHOD:CANCEL with the same UID.
 */
export function lessonIcs(lesson: CalendarLesson, opts: { cancelled?: boolean } = {}): EmailAttachment {
  const { error, value } = createEvent({
    uid: uidOf(lesson.bookingId),
    method: opts.cancelled ? "CANCEL" : "PUBLISH",
    status: opts.cancelled ? "CANCELLED" : "CONFIRMED",
    sequence: opts.cancelled ? 1 : 0,
    productId: "instainstru/lessons",
    title: lesson.title,
    description: lesson.description,
    location: lesson.location,
    url: lesson.url,
    start: lesson.startAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: lesson.endAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
  });
  if (error || !value) throw new Error(`ics: ${error?.message ?? "no output"}`);
  return { filename: "lesson.ics", content: value, contentType: "text/calendar; charset=utf-8" };
}

const compactUtc = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

/** Add-to-calendar links (Google Calendar and Outlook.com event composers). */
export function calendarLinks(lesson: CalendarLesson): { google: string; outlook: string } {
  const google = new URL("https://calendar.google.com/calendar/render");
  google.search = new URLSearchParams({
    action: "TEMPLATE",
    text: lesson.title,
    dates: `${compactUtc(lesson.startAt)}/${compactUtc(lesson.endAt)}`,
    details: `${lesson.description}\n${lesson.url}`,
    location: lesson.location,
  }).toString();
  const outlook = new URL("https://outlook.live.com/calendar/0/action/compose");
  outlook.search = new URLSearchParams({
    path: "/calendar/action/compose",
    rru: "addevent",
    subject: lesson.title,
    startdt: lesson.startAt.toISOString(),
    enddt: lesson.endAt.toISOString(),
    body: `${lesson.description}\n${lesson.url}`,
    location: lesson.location,
  }).toString();
  return { google: google.toString(), outlook: outlook.toString() };
}
