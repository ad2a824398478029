import type { NotificationCategory } from "~/server/db/schema";
import type { UserRepository } from "~/server/repositories/users";
import type { BookingService } from "~/server/services/booking/booking-service";
import { absoluteUrl } from "./email/render";
import {
  lessonBookedEmail,
  lessonCancelledEmail,
  lessonReminderEmail,
  lessonRescheduledEmail,
  paymentFailedEmail,
  paymentReceiptEmail,
  reviewRequestEmail,
  securityNoticeEmail,
  type LessonEmailProps,
  type SecurityNoticeProps,
} from "./email/templates";
import { calendarLinks, lessonIcs, lessonTimeText, type CalendarLesson } from "./calendar";
import type { DispatchResult, DispatchService } from "./dispatch-service";

/** Lesson reminders: how long before the start each one goes out (PRODUCT.md §8: 24 h and 1 h). */
export const REMINDER_LEADS = [
  { lead: "24h", ms: 24 * 3_600_000, text: "24 hours" },
  { lead: "1h", ms: 3_600_000, text: "1 hour" },
] as const;
export type ReminderLead = (typeof REMINDER_LEADS)[number]["lead"];

/** Booking states that still get reminders. */
const REMINDABLE = new Set(["confirmed", "pending_payment"]);

type Summary = NonNullable<Awaited<ReturnType<BookingService["summary"]>>>;
type Side = "student" | "instructor";
type LifecycleEvent =
  "booking/created" | "booking/cancelled" | "booking/rescheduled" | "booking/completed" | "booking/no-show";

type Deps = {
  dispatch: DispatchService;
  booking: Pick<BookingService, "summary">;
  users: UserRepository;
  appUrl: string;
  now?: () => Date;
};

const PLACE: Record<string, Record<Side, string>> = {
  online: { student: "Online", instructor: "Online" },
  student_location: { student: "At your place", instructor: "At the student's place" },
  instructor_location: { student: "At the instructor's studio", instructor: "At your studio" },
  neutral_location: { student: "At an agreed place", instructor: "At an agreed place" },
};

const money = (cents: number) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);

/**
 * What each notification says, and to whom: builds the content of every notification flow (booking lifecycle,
 * reminders, review request, payment notices, security notices) and hands it to the dispatch service, which
 * alone decides delivery. Called from the Inngest functions' steps; each call is idempotent by its key.
 */
export function createNotificationFlows(deps: Deps) {
  const now = deps.now ?? (() => new Date());

  async function person(userId: string) {
    const u = await deps.users.findById(userId);
    return u ? { firstName: u.firstName, timeZone: u.timeZone } : null;
  }

  /** Per side: names, times in the reader's zone, lesson link, calendar file and links. */
  async function lessonFor(s: Summary, side: Side) {
    const userId = side === "student" ? s.studentId : s.instructorId;
    const p = await person(userId);
    const zone = side === "student" ? s.studentTimeZone : s.instructorTimeZone;
    const lessonPath = side === "student" ? `/lessons/${s.bookingId}` : "/instructor/bookings";
    const startAt = new Date(s.startAt);
    const endAt = new Date(s.endAt);
    const other = side === "student" ? s.instructorName : s.studentName;
    const place = PLACE[s.locationType]?.[side] ?? "See the lesson page";
    const cal: CalendarLesson = {
      bookingId: s.bookingId,
      title: `${s.subjectName} lesson with ${other}`,
      description: `${s.subjectName} lesson booked on InstaInstru.`,
      location: place,
      url: absoluteUrl(deps.appUrl, lessonPath),
      startAt,
      endAt,
    };
    const props: LessonEmailProps = {
      recipientFirstName: p?.firstName ?? "there",
      audience: side,
      subjectName: s.subjectName,
      otherName: other,
      when: lessonTimeText(startAt, zone),
      durationMinutes: Math.round((endAt.getTime() - startAt.getTime()) / 60_000),
      place,
      lessonPath,
      calendar: calendarLinks(cal),
    };
    return { userId, zone, props, cal, lessonPath };
  }

  return {
    /**
     * Booking created / cancelled / rescheduled / completed / no-show, to one side: in-app always (unless turned
     * off); email for created, cancelled, rescheduled (with the .ics) and, for the student, the review request.
     */
    async lifecycle(
      name: LifecycleEvent,
      bookingId: string,
      side: Side,
      extra: { previousBookingId?: string } = {},
    ): Promise<DispatchResult | null> {
      const s = await deps.booking.summary(bookingId);
      if (!s) return null;
      const l = await lessonFor(s, side);
      const key = `${name}:${s.bookingId}`;
      const base = { userId: l.userId, kind: name.replace("/", "."), key, category: "lesson_updates" as const };
      const p = l.props;
      switch (name) {
        case "booking/created":
          return deps.dispatch.send({
            ...base,
            inApp: {
              title: side === "student" ? "Lesson booked" : "New booking",
              body: `${s.subjectName} with ${p.otherName}, ${p.when}.`,
              link: l.lessonPath,
            },
            email: { template: lessonBookedEmail, props: p, attachments: [lessonIcs(l.cal)] },
          });
        case "booking/cancelled": {
          const fee =
            side === "student" && s.cancellationFeeCents ? `Cancellation fee: ${money(s.cancellationFeeCents)}.` : null;
          return deps.dispatch.send({
            ...base,
            inApp: {
              title: "Lesson cancelled",
              body: `${s.subjectName} with ${p.otherName} on ${p.when} was cancelled.${fee ? ` ${fee}` : ""}`,
              link: l.lessonPath,
            },
            email: {
              template: lessonCancelledEmail,
              props: { ...p, calendar: undefined, feeText: fee },
              attachments: [lessonIcs(l.cal, { cancelled: true })],
            },
          });
        }
        case "booking/rescheduled": {
          const prev = extra.previousBookingId ? await deps.booking.summary(extra.previousBookingId) : null;
          const previousWhen = prev ? lessonTimeText(new Date(prev.startAt), l.zone) : "its earlier time";
          return deps.dispatch.send({
            ...base,
            inApp: {
              title: "Lesson rescheduled",
              body: `${s.subjectName} with ${p.otherName} is now ${p.when}.`,
              link: l.lessonPath,
            },
            email: { template: lessonRescheduledEmail, props: { ...p, previousWhen }, attachments: [lessonIcs(l.cal)] },
          });
        }
        case "booking/completed":
          // The review request (student) after completion; the instructor gets an in-app note only.
          return side === "student"
            ? deps.dispatch.send({
                ...base,
                inApp: {
                  title: "How was your lesson?",
                  body: `Leave a review for ${p.otherName}.`,
                  link: l.lessonPath,
                },
                email: { template: reviewRequestEmail, props: p },
              })
            : deps.dispatch.send({
                ...base,
                inApp: {
                  title: "Lesson completed",
                  body: `${s.subjectName} with ${p.otherName} is complete.`,
                  link: l.lessonPath,
                },
              });
        case "booking/no-show":
          return deps.dispatch.send({
            ...base,
            inApp: {
              title: "No-show reported",
              body: `A no-show was reported for ${s.subjectName} with ${p.otherName} on ${p.when}.`,
              link: l.lessonPath,
            },
          });
      }
    },

    /**
     * When the reminders of a booking are due: each lead's time if still in the future, with the start they
     * were planned for (a reminder re-checks it on waking). Null for a booking that gets no reminders.
     */
    async reminderPlan(
      bookingId: string,
    ): Promise<{ startAt: string; reminders: { lead: ReminderLead; at: string }[] } | null> {
      const s = await deps.booking.summary(bookingId);
      if (!s || !REMINDABLE.has(s.status)) return null;
      const start = new Date(s.startAt).getTime();
      const reminders = REMINDER_LEADS.filter((r) => start - r.ms > now().getTime()).map((r) => ({
        lead: r.lead,
        at: new Date(start - r.ms).toISOString(),
      }));
      return { startAt: s.startAt, reminders };
    },

    /**
     * Sends one reminder to both sides, unless the booking changed since it was planned (cancelled, rescheduled
     * — a reschedule makes a new booking with its own reminders — or moved): then it is skipped.
     */
    async sendReminder(
      bookingId: string,
      lead: ReminderLead,
      plannedStartAt: string,
    ): Promise<{ sent: boolean; reason?: string; results?: DispatchResult[] }> {
      const s = await deps.booking.summary(bookingId);
      if (!s || !REMINDABLE.has(s.status)) return { sent: false, reason: "booking not active" };
      if (s.startAt !== plannedStartAt) return { sent: false, reason: "booking moved" };
      const leadText = REMINDER_LEADS.find((r) => r.lead === lead)!.text;
      const results: DispatchResult[] = [];
      for (const side of ["student", "instructor"] as const) {
        const l = await lessonFor(s, side);
        results.push(
          await deps.dispatch.send({
            userId: l.userId,
            category: "reminders",
            kind: `booking.reminder_${lead}`,
            key: `reminder:${lead}:${s.bookingId}`,
            inApp: {
              title: `Lesson in ${leadText}`,
              body: `${s.subjectName} with ${l.props.otherName}, ${l.props.when}.`,
              link: l.lessonPath,
            },
            email: { template: lessonReminderEmail, props: { ...l.props, lead: leadText } },
            sms: { text: `${s.subjectName} with ${l.props.otherName} starts in ${leadText} (${l.props.when}).` },
          }),
        );
      }
      return { sent: true, results };
    },

    /** A declined authorization (once per attempt): what happened and the deadline to fix it. */
    async paymentFailed(input: {
      bookingId: string;
      attempt: number;
      reason: string;
      deadline: Date;
    }): Promise<DispatchResult | null> {
      const s = await deps.booking.summary(input.bookingId);
      if (!s) return null;
      const l = await lessonFor(s, "student");
      const deadline = lessonTimeText(input.deadline, l.zone);
      return deps.dispatch.send({
        userId: s.studentId,
        category: "payments",
        kind: "payment.authorization_failed",
        key: `payment-auth-failed:${s.bookingId}:${input.attempt}`,
        inApp: {
          title: "Your card was declined",
          body: `${input.reason} Update your card before ${deadline} or the lesson will be cancelled.`,
          link: l.lessonPath,
        },
        email: {
          template: paymentFailedEmail,
          props: {
            recipientFirstName: l.props.recipientFirstName,
            subjectName: s.subjectName,
            instructorName: s.instructorName,
            when: l.props.when,
            amount: money(s.priceCents),
            lessonPath: l.lessonPath,
            reason: input.reason,
            deadline,
          },
        },
        sms: { text: `Your card was declined for ${s.subjectName} on ${l.props.when}. Update it before ${deadline}.` },
      });
    },

    /** A receipt to the student once the lesson's payment was captured. */
    async receipt(bookingId: string, amountCents?: number): Promise<DispatchResult | null> {
      const s = await deps.booking.summary(bookingId);
      if (!s) return null;
      const l = await lessonFor(s, "student");
      const amount = money(amountCents ?? s.priceCents);
      return deps.dispatch.send({
        userId: s.studentId,
        category: "payments",
        kind: "payment.receipt",
        key: `payment-receipt:${s.bookingId}`,
        inApp: {
          title: "Payment receipt",
          body: `${amount} for ${s.subjectName} with ${s.instructorName}.`,
          link: l.lessonPath,
        },
        email: {
          template: paymentReceiptEmail,
          props: {
            recipientFirstName: l.props.recipientFirstName,
            subjectName: s.subjectName,
            instructorName: s.instructorName,
            when: l.props.when,
            amount,
            lessonPath: l.lessonPath,
            paidAt: lessonTimeText(now(), l.zone),
          },
        },
      });
    },

    /**
     * A security notice (new sign-in from a new device, password or 2FA change): in-app and email whatever the
     * preferences. `key` makes it once per occurrence (e.g. the session id).
     */
    async securityNotice(input: {
      userId: string;
      kind: SecurityNoticeProps["kind"];
      key: string;
      at: Date;
      device?: string | null;
    }): Promise<DispatchResult | null> {
      const p = await person(input.userId);
      if (!p) return null;
      const props: SecurityNoticeProps = {
        recipientFirstName: p.firstName,
        kind: input.kind,
        when: lessonTimeText(input.at, p.timeZone),
        device: input.device ?? null,
      };
      const category: NotificationCategory = "security";
      return deps.dispatch.send({
        userId: input.userId,
        category,
        kind: `security.${input.kind}`,
        key: `security:${input.kind}:${input.key}`,
        inApp: {
          title: securityNoticeEmail.subject(props),
          body: `${props.when}${props.device ? ` · ${props.device}` : ""}`,
          link: "/account/security",
        },
        email: { template: securityNoticeEmail, props },
      });
    },
  };
}
export type NotificationFlows = ReturnType<typeof createNotificationFlows>;
