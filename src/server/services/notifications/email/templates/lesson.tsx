import { CallToAction, Details, LinkLine, P } from "../layout";
import { defineEmailTemplate } from "../render";

/** What every lesson mail shows; times are preformatted in the reader's zone with the zone's name. */
export type LessonEmailProps = {
  recipientFirstName: string;
  /** Whose side the reader is on: the copy names the other person. */
  audience: "student" | "instructor";
  subjectName: string;
  /** The other side's public name ("Maria G." / "Sam C."). */
  otherName: string;
  /** "Tue 1 Dec, 3:00 PM EST (America/New_York)". */
  when: string;
  durationMinutes: number;
  /** "Online", "At the instructor's studio", … */
  place: string;
  /** App path of the lesson for this reader. */
  lessonPath: string;
  /** Add-to-calendar links (absolute). */
  calendar?: { google: string; outlook: string };
};

const lessonRows = (p: LessonEmailProps): [string, string][] => [
  ["Lesson", `${p.subjectName} (${p.durationMinutes} min)`],
  [p.audience === "student" ? "Instructor" : "Student", p.otherName],
  ["When", p.when],
  ["Where", p.place],
];

const calendarLinks = (p: LessonEmailProps) =>
  p.calendar ? (
    <LinkLine
      links={[
        ["Add to Google Calendar", p.calendar.google],
        ["Add to Outlook", p.calendar.outlook],
      ]}
    />
  ) : null;

export const lessonBookedEmail = defineEmailTemplate<LessonEmailProps>({
  id: "lesson-booked",
  subject: (p) =>
    p.audience === "student"
      ? `Booked: ${p.subjectName} with ${p.otherName}, ${p.when}`
      : `New booking: ${p.subjectName} with ${p.otherName}, ${p.when}`,
  heading: (p) => (p.audience === "student" ? "Your lesson is booked" : "You have a new booking"),
  reason: () => "You get lesson updates for your InstaInstru bookings.",
  Body: ({ props: p, ctx }) => (
    <>
      <P>
        Hi {p.recipientFirstName},{" "}
        {p.audience === "student"
          ? `your ${p.subjectName} lesson with ${p.otherName} is confirmed.`
          : `${p.otherName} booked a ${p.subjectName} lesson with you.`}
      </P>
      <Details rows={lessonRows(p)} />
      <CallToAction href={ctx.url(p.lessonPath)}>View lesson</CallToAction>
      {calendarLinks(p)}
      <P>The attached calendar file (.ics) adds the lesson to any calendar app.</P>
    </>
  ),
});

export const lessonCancelledEmail = defineEmailTemplate<LessonEmailProps & { feeText?: string | null }>({
  id: "lesson-cancelled",
  subject: (p) => `Cancelled: ${p.subjectName} with ${p.otherName}, ${p.when}`,
  heading: () => "Lesson cancelled",
  reason: () => "You get lesson updates for your InstaInstru bookings.",
  Body: ({ props: p, ctx }) => (
    <>
      <P>
        Hi {p.recipientFirstName}, your {p.subjectName} lesson with {p.otherName} was cancelled.
        {p.feeText ? ` ${p.feeText}` : ""}
      </P>
      <Details rows={lessonRows(p)} />
      <CallToAction href={ctx.url(p.lessonPath)}>View details</CallToAction>
      <P>The attached calendar file removes the lesson from your calendar.</P>
    </>
  ),
});

export const lessonRescheduledEmail = defineEmailTemplate<LessonEmailProps & { previousWhen: string }>({
  id: "lesson-rescheduled",
  subject: (p) => `Rescheduled: ${p.subjectName} with ${p.otherName}, now ${p.when}`,
  heading: () => "Lesson rescheduled",
  reason: () => "You get lesson updates for your InstaInstru bookings.",
  Body: ({ props: p, ctx }) => (
    <>
      <P>
        Hi {p.recipientFirstName}, your {p.subjectName} lesson with {p.otherName} moved from {p.previousWhen} to{" "}
        {p.when}.
      </P>
      <Details rows={lessonRows(p)} />
      <CallToAction href={ctx.url(p.lessonPath)}>View lesson</CallToAction>
      {calendarLinks(p)}
      <P>The attached calendar file (.ics) has the new time.</P>
    </>
  ),
});

export const lessonReminderEmail = defineEmailTemplate<LessonEmailProps & { lead: string }>({
  id: "lesson-reminder",
  subject: (p) => `Reminder: ${p.subjectName} with ${p.otherName} in ${p.lead}`,
  heading: (p) => `Your lesson starts in ${p.lead}`,
  reason: () => "You get lesson reminders for your InstaInstru bookings.",
  Body: ({ props: p, ctx }) => (
    <>
      <P>
        Hi {p.recipientFirstName}, a reminder that your {p.subjectName} lesson with {p.otherName} starts in {p.lead}.
      </P>
      <Details rows={lessonRows(p)} />
      <CallToAction href={ctx.url(p.lessonPath)}>View lesson</CallToAction>
    </>
  ),
});

export const reviewRequestEmail = defineEmailTemplate<LessonEmailProps>({
  id: "review-request",
  subject: (p) => `How was your ${p.subjectName} lesson with ${p.otherName}?`,
  heading: () => "How was your lesson?",
  reason: () => "You get lesson updates for your InstaInstru bookings.",
  Body: ({ props: p, ctx }) => (
    <>
      <P>
        Hi {p.recipientFirstName}, your {p.subjectName} lesson with {p.otherName} on {p.when} is complete. A short
        review helps other students and {p.otherName}.
      </P>
      <CallToAction href={ctx.url(p.lessonPath)}>Leave a review</CallToAction>
    </>
  ),
});
