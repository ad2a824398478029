import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { newId } from "~/lib/ids";
import { env } from "~/server/config/env";
import type { Runtime } from "~/server/runtime";
import { createRuntime } from "~/server/runtime";
import { createLocalCaptchaVerifier } from "~/server/integrations/turnstile";
import {
  bookings,
  categories,
  instructorServices,
  jobRuns,
  notificationDeliveries,
  notifications,
  outbox,
  subjects,
  users,
} from "~/server/db/schema";
import { createTestClock, type TestClock } from "~/test/clock";
import { createTestRuntime, createTestUser, type TestRuntime } from "~/test/harness";
import { setFunctionRuntime } from "../../services";
import { bookingNotificationFunctions } from "../booking/lifecycle-notifications";
import { remindersOnCreated, remindersOnRescheduled } from "./reminders";
import { securityNotice } from "./security-notice";

const HOUR = 3_600_000;
/** Only the notification functions run here (the payment/auto-complete flows have their own tests). */
const FUNCTIONS = [...bookingNotificationFunctions, remindersOnCreated, remindersOnRescheduled, securityNotice].map(
  (d) => d.spec,
) as never;

type People = { student: { id: string; email: string }; instructor: { id: string; email: string }; serviceId: string };

async function seedPeople(rt: Runtime): Promise<People> {
  const student = await createTestUser(rt, { role: "student", firstName: "Sam", lastName: "Carter" });
  const instructor = await createTestUser(rt, {
    role: "instructor",
    firstName: "Maria",
    lastName: "Garcia",
    timeZone: "America/Los_Angeles",
  });
  // Only the student has a verified phone: SMS reaches verified numbers only.
  await rt.dbh.db
    .update(users)
    .set({ phone: `+1212555${String(Math.floor(Math.random() * 9000) + 1000)}`, phoneVerifiedAt: new Date() })
    .where(eq(users.id, student.id));
  const [cat] = await rt.dbh.db
    .insert(categories)
    .values({ slug: `c-${newId().toLowerCase()}`, name: "Music" })
    .returning();
  const [sub] = await rt.dbh.db
    .insert(subjects)
    .values({ categoryId: cat!.id, slug: `s-${newId().toLowerCase()}`, name: "Piano" })
    .returning();
  const [svc] = await rt.dbh.db
    .insert(instructorServices)
    .values({
      instructorId: instructor.id,
      subjectId: sub!.id,
      hourlyRateCents: 6000,
      durations: [60],
      locationTypes: ["online"],
      ageGroups: ["adults"],
      levels: ["beginner"],
    })
    .returning();
  return { student, instructor, serviceId: svc!.id };
}

/** A confirmed booking as booking.create leaves it, and its event (published after commit). */
async function book(rt: Runtime, p: People, start: Date, extra: Partial<typeof bookings.$inferInsert> = {}) {
  const end = new Date(start.getTime() + HOUR);
  const [b] = await rt.dbh.db
    .insert(bookings)
    .values({
      studentId: p.student.id,
      instructorId: p.instructor.id,
      serviceId: p.serviceId,
      startAt: start,
      endAt: end,
      blockedUntil: new Date(end.getTime() + 15 * 60_000),
      status: "confirmed",
      locationType: "online",
      priceCents: 6000,
      ...extra,
    })
    .returning();
  const ref = { bookingId: b!.id, studentId: p.student.id, instructorId: p.instructor.id };
  if (!extra.rescheduledFromId)
    await rt.events.publish({ name: "booking/created", data: ref, id: `booking/created:${b!.id}` });
  return b!;
}

const mailTo = (rt: Runtime, email: string) =>
  rt.dbh.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.channel, "email"), eq(outbox.recipient, email)));
const smsTo = async (rt: Runtime, userId: string) => {
  const [u] = await rt.dbh.db.select().from(users).where(eq(users.id, userId));
  return rt.dbh.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.channel, "sms"), eq(outbox.recipient, u!.phone!)));
};
const subjectsOf = (rows: { subject: string | null }[]) => rows.map((r) => r.subject ?? "");
const count = (rows: { subject: string | null }[], re: RegExp) => subjectsOf(rows).filter((s) => re.test(s)).length;

describe("notification flows on the durable runner (real database, test clock)", () => {
  let rt: TestRuntime;
  let clock: TestClock;
  let p: People;

  beforeAll(async () => {
    clock = createTestClock("2031-03-01T12:00:00.000Z");
    rt = await createTestRuntime({ now: clock.now, events: { background: false, functions: FUNCTIONS } });
    p = await seedPeople(rt);
  });
  afterAll(async () => rt?.close());

  it("booking created: both sides get an email with the .ics, an in-app notification, then reminders at 24 h and 1 h", async () => {
    const start = new Date("2031-03-03T15:00:00.000Z");
    const b = await book(rt, p, start);
    await rt.events.runDue();

    const studentMail = await mailTo(rt, p.student.email);
    const instructorMail = await mailTo(rt, p.instructor.email);
    expect(subjectsOf(studentMail)).toEqual([
      "Booked: Piano with Maria G., Mon 3 Mar 2031, 10:00 AM EST (America/New_York)",
    ]);
    expect(subjectsOf(instructorMail)).toEqual([
      "New booking: Piano with Sam C., Mon 3 Mar 2031, 7:00 AM PST (America/Los_Angeles)",
    ]);
    expect(studentMail[0]!.body).toContain("[Attached: lesson.ics]");
    expect(studentMail[0]!.body).toContain("calendar.google.com");
    expect(studentMail[0]!.body).toContain("/account/notifications?token=");
    const inApp = await rt.dbh.db.select().from(notifications).where(eq(notifications.kind, "booking.created"));
    expect(inApp.map((n) => n.userId).sort()).toEqual([p.instructor.id, p.student.id].sort());

    const reminder = async () =>
      (
        await rt.dbh.db
          .select()
          .from(jobRuns)
          .where(and(eq(jobRuns.functionId, "notify-lesson-reminders"), eq(jobRuns.eventId, `booking/created:${b.id}`)))
      )[0]!;
    expect(await reminder()).toMatchObject({ status: "sleeping", wakeAt: new Date(start.getTime() - 24 * HOUR) });

    clock.set(start.getTime() - 24 * HOUR - 60_000);
    await rt.events.runDue();
    expect(count(await mailTo(rt, p.student.email), /^Reminder/)).toBe(0);

    clock.set(start.getTime() - 24 * HOUR);
    await rt.events.runDue();
    expect(count(await mailTo(rt, p.student.email), /^Reminder: Piano with Maria G\. in 24 hours$/)).toBe(1);
    expect(count(await mailTo(rt, p.instructor.email), /^Reminder: Piano with Sam C\. in 24 hours$/)).toBe(1);
    expect((await smsTo(rt, p.student.id)).map((s) => s.body)).toEqual([
      "InstaInstru: Piano with Maria G. starts in 24 hours (Mon 3 Mar 2031, 10:00 AM EST (America/New_York)).",
    ]);
    expect(await reminder()).toMatchObject({ status: "sleeping", wakeAt: new Date(start.getTime() - HOUR) });

    clock.set(start.getTime() - HOUR);
    await rt.events.runDue();
    await rt.events.runDue();
    expect(count(await mailTo(rt, p.student.email), /^Reminder/)).toBe(2);
    expect(count(await mailTo(rt, p.instructor.email), /^Reminder/)).toBe(2);
    expect(await reminder()).toMatchObject({ status: "completed" });

    // A retried step (or a second call) never sends again: the delivery keys are taken.
    const again = await rt.services.notificationFlows.sendReminder(b.id, "1h", start.toISOString());
    expect(again.results?.map((r) => r.email)).toEqual(["duplicate", "duplicate"]);
    expect(count(await mailTo(rt, p.student.email), /^Reminder/)).toBe(2);
    const keys = await rt.dbh.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.userId, p.student.id));
    expect(keys.every((k) => k.status === "sent")).toBe(true);
  });

  it("a cancelled booking sends its cancellation and no reminder", async () => {
    clock.set("2031-03-10T12:00:00.000Z");
    const start = new Date("2031-03-12T18:00:00.000Z");
    const b = await book(rt, p, start);
    await rt.events.runDue();
    await rt.dbh.db
      .update(bookings)
      .set({ status: "cancelled", cancelledAt: clock.now(), cancelledBy: "student", cancellationFeeCents: 0 })
      .where(eq(bookings.id, b.id));
    await rt.events.publish({
      name: "booking/cancelled",
      data: {
        bookingId: b.id,
        studentId: p.student.id,
        instructorId: p.instructor.id,
        cancelledBy: "student",
        feeCents: 0,
      },
      id: `booking/cancelled:${b.id}`,
    });
    await rt.events.runDue();
    expect(count(await mailTo(rt, p.instructor.email), /^Cancelled: Piano with Sam C\./)).toBe(1);
    const before = count(await mailTo(rt, p.student.email), /^Reminder/);

    clock.set(start.getTime() - 30 * 60_000);
    await rt.events.runDue();
    expect(count(await mailTo(rt, p.student.email), /^Reminder/)).toBe(before);
    const [run] = await rt.dbh.db
      .select()
      .from(jobRuns)
      .where(and(eq(jobRuns.functionId, "notify-lesson-reminders"), eq(jobRuns.eventId, `booking/created:${b.id}`)));
    expect(run!.status).toBe("cancelled");
  });

  it("a rescheduled booking reminds at the new time only", async () => {
    clock.set("2031-04-01T12:00:00.000Z");
    const oldStart = new Date("2031-04-03T15:00:00.000Z");
    const newStart = new Date("2031-04-05T20:00:00.000Z");
    const old = await book(rt, p, oldStart);
    await rt.events.runDue();
    // What booking.reschedule leaves: the old booking cancelled (reason "rescheduled"), a new one, one event.
    await rt.dbh.db
      .update(bookings)
      .set({ status: "cancelled", cancelledAt: clock.now(), cancelledBy: "student", cancellationReason: "rescheduled" })
      .where(eq(bookings.id, old.id));
    const next = await book(rt, p, newStart, { rescheduledFromId: old.id, rescheduleCount: 1 });
    await rt.events.publish({
      name: "booking/rescheduled",
      data: { bookingId: next.id, studentId: p.student.id, instructorId: p.instructor.id, previousBookingId: old.id },
      id: `booking/rescheduled:${next.id}`,
    });
    await rt.events.runDue();
    const rescheduled = subjectsOf(await mailTo(rt, p.student.email)).filter((s) => s.startsWith("Rescheduled"));
    expect(rescheduled).toEqual([
      "Rescheduled: Piano with Maria G., now Sat 5 Apr 2031, 4:00 PM EDT (America/New_York)",
    ]);
    const before = count(await mailTo(rt, p.student.email), /^Reminder/);

    // The old time passes: nothing (the old run wakes, finds its booking cancelled and skips).
    clock.set(oldStart.getTime() - 30 * 60_000);
    await rt.events.runDue();
    expect(count(await mailTo(rt, p.student.email), /^Reminder/)).toBe(before);

    clock.set(newStart.getTime() - 24 * HOUR);
    await rt.events.runDue();
    expect(count(await mailTo(rt, p.student.email), /^Reminder/)).toBe(before + 1);
    const [newRun] = await rt.dbh.db
      .select()
      .from(jobRuns)
      .where(eq(jobRuns.eventId, `booking/rescheduled:${next.id}`));
    expect(newRun).toBeDefined();
  });

  it("preferences are honoured per category × channel; security notices bypass them", async () => {
    clock.set("2031-05-01T12:00:00.000Z");
    for (const category of ["lesson_updates", "reminders", "messages", "payments", "promotions"] as const)
      for (const channel of ["email", "sms", "in_app"] as const)
        await rt.services.notifications.setPreference(p.student.id, category, channel, false);
    await expect(rt.services.notifications.setPreference(p.student.id, "security", "email", false)).rejects.toThrow(
      /can't be turned off/,
    );

    const mailBefore = (await mailTo(rt, p.student.email)).length;
    const smsBefore = (await smsTo(rt, p.student.id)).length;
    const start = new Date("2031-05-03T15:00:00.000Z");
    const b = await book(rt, p, start);
    await rt.events.runDue();
    clock.set(start.getTime() - HOUR);
    await rt.events.runDue();
    await rt.events.runDue();
    expect((await mailTo(rt, p.student.email)).length).toBe(mailBefore);
    expect((await smsTo(rt, p.student.id)).length).toBe(smsBefore);
    // The instructor kept the defaults and still hears about it.
    expect(count(await mailTo(rt, p.instructor.email), /^New booking: Piano with Sam C\., Sat 3 May/)).toBe(1);
    const studentInApp = await rt.dbh.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, p.student.id), eq(notifications.dedupeKey, `booking/created:${b.id}`)));
    expect(studentInApp).toHaveLength(0);

    // Security notice: email + in-app whatever the preferences, and no unsubscribe link in it.
    await rt.events.publish({
      name: "security/notice",
      data: { userId: p.student.id, kind: "password_changed", key: "k1", at: clock.now().toISOString(), device: null },
      id: "security/notice:k1",
    });
    await rt.events.runDue();
    const security = (await mailTo(rt, p.student.email)).filter(
      (m) => m.subject === "Your InstaInstru password was changed",
    );
    expect(security).toHaveLength(1);
    expect(security[0]!.body).not.toContain("unsubscribe");
    const sec = await rt.dbh.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, p.student.id), eq(notifications.kind, "security.password_changed")));
    expect(sec).toHaveLength(1);
  });
});

describe("a restart while a reminder sleeps", () => {
  it("a new runtime over the same database delivers it once, at the right time", async () => {
    // One database both runtimes open: a fresh PostgreSQL database, or a PGlite directory.
    let databaseUrl: string | undefined;
    let pgliteDir: string | undefined;
    let cleanup: () => Promise<void>;
    if (env.TEST_DATABASE_URL) {
      const name = `ii_test_${newId().toLowerCase()}`;
      const admin = postgres(env.TEST_DATABASE_URL, { max: 1, onnotice: () => undefined });
      await admin.unsafe(`create database ${name}`);
      await admin.end();
      const url = new URL(env.TEST_DATABASE_URL);
      url.pathname = `/${name}`;
      databaseUrl = url.toString();
      cleanup = async () => {
        const a = postgres(env.TEST_DATABASE_URL!, { max: 1, onnotice: () => undefined });
        await a.unsafe(`drop database if exists ${name} with (force)`);
        await a.end();
      };
    } else {
      pgliteDir = await mkdtemp(join(tmpdir(), "ii-restart-"));
      cleanup = () => rm(pgliteDir!, { recursive: true, force: true });
    }
    const clock = createTestClock("2031-06-01T12:00:00.000Z");
    const open = () =>
      createRuntime({
        databaseUrl,
        pgliteDir,
        migrate: true,
        namespace: `test:${newId()}:`,
        captcha: createLocalCaptchaVerifier(),
        now: clock.now,
        events: { background: false, functions: FUNCTIONS },
      });
    const start = new Date("2031-06-03T15:00:00.000Z");
    let a: Runtime | null = await open();
    let b: Runtime | null = null;
    try {
      const p = await seedPeople(a);
      const booking = await book(a, p, start);
      await a.events.runDue();
      expect(count(await mailTo(a, p.student.email), /^Booked/)).toBe(1);
      await a.close();
      a = null;

      clock.set(start.getTime() - 24 * HOUR - 1000);
      b = await open();
      expect(await b.events.runDue()).toBe(0); // not yet due
      clock.set(start.getTime() - 24 * HOUR);
      await b.events.runDue();
      await b.events.runDue();
      expect(count(await mailTo(b, p.student.email), /^Reminder: .* in 24 hours$/)).toBe(1);
      expect(count(await mailTo(b, p.instructor.email), /^Reminder: .* in 24 hours$/)).toBe(1);
      // The confirmation was not sent again by the new runtime.
      expect(count(await mailTo(b, p.student.email), /^Booked/)).toBe(1);
      const [run] = await b.dbh.db
        .select()
        .from(jobRuns)
        .where(
          and(eq(jobRuns.functionId, "notify-lesson-reminders"), eq(jobRuns.eventId, `booking/created:${booking.id}`)),
        );
      expect(run).toMatchObject({ status: "sleeping", wakeAt: new Date(start.getTime() - HOUR) });
    } finally {
      await a?.close();
      await b?.close();
      await cleanup();
    }
  }, 300_000);
});

describe("notification functions with @inngest/test", () => {
  let rt: TestRuntime;
  let p: People;
  beforeAll(async () => {
    rt = await createTestRuntime({ events: { background: false, functions: [] as never } });
    setFunctionRuntime(rt);
    p = await seedPeople(rt);
  });
  afterAll(async () => {
    setFunctionRuntime(null);
    await rt?.close();
  });

  it("reminders: plans both leads, sends both after the (mocked) sleeps", async () => {
    const start = new Date(Date.now() + 3 * 24 * HOUR);
    const b = await book(rt, p, start);
    const { result } = await new InngestTestEngine({
      function: remindersOnCreated.fn,
      events: [
        { name: "booking/created", data: { bookingId: b.id, studentId: p.student.id, instructorId: p.instructor.id } },
      ],
      steps: [
        { id: "until-24h", handler: () => undefined },
        { id: "until-1h", handler: () => undefined },
      ],
    }).execute();
    expect(result).toMatchObject({ "24h": { sent: true }, "1h": { sent: true } });
  });

  it("reminders: a booking cancelled while sleeping is skipped on waking", async () => {
    const b = await book(rt, p, new Date(Date.now() + 4 * 24 * HOUR));
    const { result } = await new InngestTestEngine({
      function: remindersOnCreated.fn,
      events: [
        { name: "booking/created", data: { bookingId: b.id, studentId: p.student.id, instructorId: p.instructor.id } },
      ],
      steps: [
        {
          id: "until-24h",
          handler: async () => {
            await rt.dbh.db.update(bookings).set({ status: "cancelled" }).where(eq(bookings.id, b.id));
          },
        },
        { id: "until-1h", handler: () => undefined },
      ],
    }).execute();
    expect(result).toEqual({
      "24h": { sent: false, reason: "booking not active" },
      "1h": { sent: false, reason: "booking not active" },
    });
  });

  it("booking-notify-created: system message, then both sides notified by email and in-app", async () => {
    const b = await book(rt, p, new Date(Date.now() + 5 * 24 * HOUR));
    const fn = bookingNotificationFunctions.find((f) => f.spec.id === "booking-notify-created")!;
    const { result } = await new InngestTestEngine({
      function: fn.fn,
      events: [
        { name: "booking/created", data: { bookingId: b.id, studentId: p.student.id, instructorId: p.instructor.id } },
      ],
    }).execute();
    expect(result).toMatchObject({
      notified: true,
      student: { inApp: "sent", email: "sent", sms: "not_requested" },
      instructor: { inApp: "sent", email: "sent", sms: "not_requested" },
    });
  });

  it("security notice: sent even with every preference off", async () => {
    await rt.services.notifications.setPreference(p.student.id, "lesson_updates", "email", false);
    const { result } = await new InngestTestEngine({
      function: securityNotice.fn,
      events: [
        {
          name: "security/notice",
          data: {
            userId: p.student.id,
            kind: "new_sign_in",
            key: "s1",
            at: new Date().toISOString(),
            device: "Firefox",
          },
        },
      ],
    }).execute();
    expect(result).toMatchObject({ inApp: "sent", email: "sent" });
  });
});
