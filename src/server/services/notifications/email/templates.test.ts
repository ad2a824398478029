import { describe, expect, it } from "vitest";
import { renderEmail, type EmailTemplate, type RenderedEmail } from "./render";
import {
  lessonBookedEmail,
  lessonCancelledEmail,
  lessonReminderEmail,
  lessonRescheduledEmail,
  paymentFailedEmail,
  paymentReceiptEmail,
  reviewRequestEmail,
  securityNoticeEmail,
  unreadMessagesEmail,
  type LessonEmailProps,
} from "./templates";

const APP = "https://app.instainstru.test";
const PREFS = `${APP}/account/notifications?token=abc.def`;

const lesson: LessonEmailProps = {
  recipientFirstName: "Sam",
  audience: "student",
  subjectName: "Piano",
  otherName: "Maria G.",
  when: "Tue 1 Dec, 3:00 PM EST (America/New_York)",
  durationMinutes: 60,
  place: "At the instructor's studio",
  lessonPath: "/lessons/01JABCDEFGHJKMNPQRSTVWXYZ0",
  calendar: {
    google: "https://calendar.google.com/calendar/render?action=TEMPLATE",
    outlook: "https://outlook.live.com/calendar/0/action/compose",
  },
};

/** Every template with sample props: each is rendered, sanity-checked and its text part snapshotted. */
const pay = {
  recipientFirstName: "Sam",
  subjectName: "Piano",
  instructorName: "Maria G.",
  when: lesson.when,
  amount: "$60.00",
  lessonPath: "/lessons/01JABCDEFGHJKMNPQRSTVWXYZ0",
};
const t = <P>(template: EmailTemplate<P>, props: P) => [template, props] as [EmailTemplate<never>, unknown];
export const SAMPLES: [EmailTemplate<never>, unknown][] = [
  t(lessonBookedEmail, lesson),
  t(lessonCancelledEmail, { ...lesson, calendar: undefined, feeText: "Cancellation fee: $30.00." }),
  t(lessonRescheduledEmail, { ...lesson, previousWhen: "Mon 30 Nov, 3:00 PM EST (America/New_York)" }),
  t(lessonReminderEmail, { ...lesson, lead: "1 hour" }),
  t(reviewRequestEmail, lesson),
  t(paymentFailedEmail, {
    ...pay,
    reason: "Your card was declined.",
    deadline: "Tue 1 Dec, 3:00 AM EST (America/New_York)",
  }),
  t(paymentReceiptEmail, { ...pay, paidAt: "Wed 2 Dec, 4:00 PM EST (America/New_York)" }),
  t(unreadMessagesEmail, {
    recipientFirstName: "Maria",
    senderName: "Sam C.",
    count: 2,
    quoted: ["Hi!", "Are you free <Tuesday> & {{later}}?"],
    more: 0,
    threadPath: "/instructor/inbox/01JABCDEFGHJKMNPQRSTVWXYZ1",
  }),
  t(securityNoticeEmail, {
    recipientFirstName: "Sam",
    kind: "new_sign_in",
    when: "Tue 1 Dec, 3:00 PM EST (America/New_York)",
    device: "Firefox on Linux",
  }),
];

/** HTML a mail client can trust: doctype, language, nothing unresolved, every link absolute. */
export function expectSaneHtml(m: RenderedEmail) {
  expect(m.html.startsWith("<!DOCTYPE html")).toBe(true);
  expect(m.html).toMatch(/<html[^>]* lang="en"/);
  expect(m.html.replace("{{later}}", "")).not.toContain("{{");
  expect(m.text.replace("{{later}}", "")).not.toContain("{{");
  expect(m.html).not.toMatch(/undefined|\[object Object\]/);
  const hrefs = [...m.html.matchAll(/href="([^"]*)"/g)].map((x) => x[1]!);
  expect(hrefs.length).toBeGreaterThan(0);
  for (const h of hrefs) expect(h).toMatch(/^https?:\/\//);
}

describe("email templates", () => {
  it.each(SAMPLES.map(([t, p]) => [t.id, t, p] as const))("%s renders sane HTML and a text part", async (id, t, p) => {
    const m = await renderEmail(t, p as never, { appUrl: APP, preferencesUrl: PREFS });
    expectSaneHtml(m);
    expect(m.subject.length).toBeGreaterThan(0);
    if (t.critical) expect(m.html).not.toContain(PREFS);
    else expect(m.html).toContain(PREFS.replace("&", "&amp;"));
    expect(m.text).toMatchSnapshot(id);
  });

  it("lesson-booked names the lesson, both links and the preferences link in the text part", async () => {
    const m = await renderEmail(lessonBookedEmail, lesson, { appUrl: APP, preferencesUrl: PREFS });
    expect(m.subject).toBe("Booked: Piano with Maria G., Tue 1 Dec, 3:00 PM EST (America/New_York)");
    expect(m.text).toContain(`${APP}/lessons/01JABCDEFGHJKMNPQRSTVWXYZ0`);
    expect(m.text).toContain("Add to Google Calendar");
    expect(m.text).toContain(PREFS);
    const instructor = await renderEmail(
      lessonBookedEmail,
      { ...lesson, audience: "instructor", otherName: "Sam C." },
      { appUrl: APP, preferencesUrl: null },
    );
    expect(instructor.subject).toMatch(/^New booking: Piano with Sam C\./);
    expect(instructor.text).not.toContain("unsubscribe");
  });
});
