import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { createTestRuntime, createTestUser, type TestRuntime } from "~/test/harness";
import { bookings, categories, instructorServices, subjects } from "~/server/db/schema";
import { newId } from "~/lib/ids";
import { jobRuns } from "~/server/db/schema";
import { createTestClock } from "~/test/clock";
import { setFunctionRuntime } from "../../services";
import { AUTO_COMPLETE_SWEEP_CRON, autoCompleteCreated, autoCompleteSweep } from "./auto-complete";
import { definedFunctions } from "../..";

let rt: TestRuntime;
let studentId: string;
let instructorId: string;
let serviceId: string;

beforeAll(async () => {
  rt = await createTestRuntime();
  setFunctionRuntime(rt);
  studentId = (await createTestUser(rt, { role: "student" })).id;
  instructorId = (await createTestUser(rt, { role: "instructor" })).id;
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
      instructorId,
      subjectId: sub!.id,
      hourlyRateCents: 6000,
      durations: [60],
      locationTypes: ["online"],
      ageGroups: ["adults"],
      levels: ["beginner"],
    })
    .returning();
  serviceId = svc!.id;
});
afterAll(async () => {
  setFunctionRuntime(null);
  await rt?.close();
});

/** A lesson that ended `hoursAgo` hours ago. */
async function pastBooking(hoursAgo: number, extra: Partial<typeof bookings.$inferInsert> = {}) {
  const end = new Date(Date.now() - hoursAgo * 3_600_000);
  const start = new Date(end.getTime() - 3_600_000);
  const [b] = await rt.dbh.db
    .insert(bookings)
    .values({
      studentId,
      instructorId,
      serviceId,
      startAt: start,
      endAt: end,
      blockedUntil: new Date(end.getTime() + 900_000),
      status: "confirmed",
      locationType: "online",
      priceCents: 6000,
      ...extra,
    })
    .returning();
  return b!;
}

// A new engine per test: an engine keeps step results between runs (STACK.md).
const run = (bookingId: string) =>
  new InngestTestEngine({
    function: autoCompleteCreated.fn,
    events: [{ name: "booking/created", data: { bookingId, studentId, instructorId } }],
    // Every sleep must be mocked or execute() never resolves.
    steps: [{ id: "until-auto-complete", handler: () => undefined }],
  }).execute();

describe("booking-auto-complete", () => {
  it("completes a confirmed lesson once its 24 h have passed", async () => {
    const b = await pastBooking(25);
    const { result } = await run(b.id);
    expect(result).toEqual({ completed: true });
    const [row] = await rt.dbh.db.select().from(bookings).where(eq(bookings.id, b.id));
    expect(row!.status).toBe("completed");
    expect(row!.completedAt).toBeInstanceOf(Date);
  });

  it("leaves a lesson with a no-show report alone", async () => {
    const b = await pastBooking(30, { noShowReportedAt: new Date(), noShowReportedBy: "student" });
    const { result } = await run(b.id);
    expect(result).toEqual({ completed: false });
    expect((await rt.dbh.db.select().from(bookings).where(eq(bookings.id, b.id)))[0]!.status).toBe("confirmed");
  });

  it("skips bookings that are no longer confirmed", async () => {
    const b = await pastBooking(40, { status: "cancelled" });
    const { result } = await run(b.id);
    expect(result).toEqual({ skipped: "not confirmed" });
  });

  it("does not complete early when the timer fires before the due time", async () => {
    const b = await pastBooking(2); // ended 2 h ago: due in 22 h
    const { result } = await run(b.id);
    expect(result).toEqual({ completed: false });
    expect((await rt.dbh.db.select().from(bookings).where(eq(bookings.id, b.id)))[0]!.status).toBe("confirmed");
  });
});

describe("booking-auto-complete on the durable runner (test clock)", () => {
  it("sleeps until 24 h after the lesson's end, then completes it once", async () => {
    // The pattern for time-driven flows: the runtime's clock (the runner's too) is the test's; nothing runs until
    // runDue().
    const clock = createTestClock("2031-03-03T15:00:00.000Z");
    const own = await createTestRuntime({ now: clock.now, events: { background: false } });
    try {
      const s = (await createTestUser(own, { role: "student" })).id;
      const i = (await createTestUser(own, { role: "instructor" })).id;
      const [cat] = await own.dbh.db
        .insert(categories)
        .values({ slug: `c-${newId().toLowerCase()}`, name: "Music" })
        .returning();
      const [sub] = await own.dbh.db
        .insert(subjects)
        .values({ categoryId: cat!.id, slug: `s-${newId().toLowerCase()}`, name: "Piano" })
        .returning();
      const [svc] = await own.dbh.db
        .insert(instructorServices)
        .values({
          instructorId: i,
          subjectId: sub!.id,
          hourlyRateCents: 6000,
          durations: [60],
          locationTypes: ["online"],
          ageGroups: ["adults"],
          levels: ["beginner"],
        })
        .returning();
      const start = new Date("2031-03-04T15:00:00.000Z");
      const end = new Date(start.getTime() + 3_600_000);
      const [b] = await own.dbh.db
        .insert(bookings)
        .values({
          studentId: s,
          instructorId: i,
          serviceId: svc!.id,
          startAt: start,
          endAt: end,
          blockedUntil: end,
          status: "confirmed",
          locationType: "online",
          priceCents: 6000,
        })
        .returning();
      await own.events.publish({
        name: "booking/created",
        data: { bookingId: b!.id, studentId: s, instructorId: i },
        id: `booking/created:${b!.id}`,
      });
      await own.events.runDue();
      const run = async () =>
        (await own.dbh.db.select().from(jobRuns).where(eq(jobRuns.functionId, "booking-auto-complete")))[0]!;
      expect(await run()).toMatchObject({ status: "sleeping", wakeAt: new Date(end.getTime() + 24 * 3_600_000) });

      const status = async () =>
        (await own.dbh.db.select({ s: bookings.status }).from(bookings).where(eq(bookings.id, b!.id)))[0]!.s;
      clock.set(end.getTime() + 24 * 3_600_000 - 60_000);
      // Other flows of this lesson (its reminders) run here; the completion must not, a minute early.
      await own.events.runDue();
      expect(await run()).toMatchObject({ status: "sleeping" });
      expect(await status()).toBe("confirmed");
      clock.advance(60_000);
      // runDue also runs what became due meanwhile: the completion's own booking/completed notification run.
      expect(await own.events.runDue()).toBeGreaterThanOrEqual(2);
      expect(await run()).toMatchObject({ status: "completed", output: { completed: true } });
      expect(
        (await own.dbh.db.select().from(jobRuns).where(eq(jobRuns.functionId, "booking-notify-completed")))[0],
      ).toMatchObject({ status: "completed", eventId: `booking/completed:${b!.id}` });
      const [row] = await own.dbh.db.select().from(bookings).where(eq(bookings.id, b!.id));
      expect(row).toMatchObject({ status: "completed", completedAt: clock.now() });
    } finally {
      await own.close();
    }
  }, 300_000); // opens its own runtime
});

describe("booking-auto-complete-sweep (the hourly safety net)", () => {
  it("is scheduled hourly among the product's functions", () => {
    expect(autoCompleteSweep.spec).toMatchObject({
      cron: AUTO_COMPLETE_SWEEP_CRON,
      event: "booking/auto-complete-sweep",
    });
    expect(definedFunctions.map((d) => d.spec.id)).toContain("booking-auto-complete-sweep");
  });

  it("completes overdue lessons whose timer never ran, and nothing else; a second sweep finds nothing", async () => {
    const overdue = await pastBooking(50); // no booking/created run: its timer was lost
    const recent = await pastBooking(5);
    const reported = await pastBooking(60, { noShowReportedAt: new Date(), noShowReportedBy: "instructor" });
    const sweep = () =>
      new InngestTestEngine({
        function: autoCompleteSweep.fn,
        events: [{ name: "booking/auto-complete-sweep", data: { scheduledAt: new Date().toISOString() } }],
      }).execute();
    expect((await sweep()).result).toEqual({ completed: 1 });
    const status = async (id: string) =>
      (await rt.dbh.db.select().from(bookings).where(eq(bookings.id, id)))[0]!.status;
    expect(await status(overdue.id)).toBe("completed");
    expect(await status(recent.id)).toBe("confirmed");
    expect(await status(reported.id)).toBe("confirmed");
    expect((await sweep()).result).toEqual({ completed: 0 });
  });
});
