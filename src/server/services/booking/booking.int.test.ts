import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { callerFor, createTestRuntime, createTestUser, type TestRuntime } from "~/test/harness";
import { bookings, instructorProfiles, instructorServiceAreas, regions, reviews, users } from "~/server/db/schema";
import { newId } from "~/lib/ids";
import type { UserRow } from "~/server/repositories/users";
import { createTestClock } from "~/test/clock";
import { ledgerImbalances } from "~/test/payments-fixtures";
import { insertBookableService } from "~/test/catalog-fixtures";

let rt: TestRuntime;
let instructor: UserRow;
let instructor2: UserRow;
let student: UserRow;
let intruder: UserRow;
let serviceId: string;
let service2Id: string;
let coveredRegion: string;
let uncoveredRegion: string;

const T0 = new Date("2026-12-01T12:00:00Z"); // the fixed "now" for policy tests (07:00 New York)
/** A start at 10:00 New York (15:00Z) on day 2026-12-(d). */
const at = (day: number, hourNy = 10) => new Date(Date.UTC(2026, 11, day, hourNy + 5));
const H = 3_600_000;
/** The runtime's clock: each caller helper sets it to the moment its calls happen at. */
const clock = createTestClock(T0);

/** The instructor's bookable service: 45 or 60 minutes, online or at the student's, open 08–20 every day. */
const makeInstructor = (u: UserRow) =>
  insertBookableService(rt.dbh.db, u.id, { durations: [45, 60], locationTypes: ["online", "student_location"] });

/**
 * These tests are about booking rules, not money: students pay with platform credit (which covers any price
 * here, so no card is needed). The card flow is tested in services/payments/payments.int.test.ts.
 */
async function giveCredit(users: UserRow[]) {
  const payments = rt.services.payments.accounts;
  for (const u of users) await payments.grantCredit(u.id, 1_000_000, "Test credit");
}

/** Students inserted in bulk with a shared hash (100 Argon2 hashes would only slow the test). */
async function makeStudents(n: number): Promise<UserRow[]> {
  const hash = (await rt.dbh.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, student.id)))[0]!.h;
  const made = await rt.dbh.db
    .insert(users)
    .values(
      Array.from({ length: n }, (_, i) => ({
        email: `bulk${i}.${newId().toLowerCase()}@example.test`,
        passwordHash: hash,
        role: "student" as const,
        firstName: "Bulk",
        lastName: `Student${i}`,
        emailVerifiedAt: new Date(), // bookable
      })),
    )
    .returning();
  await giveCredit(made);
  return made;
}

beforeAll(async () => {
  // Policy rules read the test clock; the durable runner keeps the wall clock, so no lesson-time job (reminder,
  // auto-complete) wakes up behind these tests' backs when the clock is moved past a lesson.
  rt = await createTestRuntime({ now: clock.now, events: { now: () => new Date() } });
  instructor = await createTestUser(rt, { role: "instructor", firstName: "Ines", lastName: "Moreau" });
  instructor2 = await createTestUser(rt, { role: "instructor" });
  student = await createTestUser(rt, { role: "student", firstName: "Sam", lastName: "Carter" });
  intruder = await createTestUser(rt, { role: "student" });
  await giveCredit([student, intruder]);
  serviceId = await makeInstructor(instructor);
  service2Id = await makeInstructor(instructor2);
  const [borough] = await rt.dbh.db
    .insert(regions)
    .values({
      slug: `b-${newId().toLowerCase()}`,
      name: "Brooklyn",
      kind: "borough",
      lat: 40.65,
      lng: -73.95,
      radiusKm: 8,
    })
    .returning();
  const [hood] = await rt.dbh.db
    .insert(regions)
    .values({
      slug: `h-${newId().toLowerCase()}`,
      name: "Park Slope",
      kind: "neighbourhood",
      parentId: borough!.id,
      lat: 40.67,
      lng: -73.98,
      radiusKm: 1,
    })
    .returning();
  const [far] = await rt.dbh.db
    .insert(regions)
    .values({
      slug: `f-${newId().toLowerCase()}`,
      name: "Riverdale",
      kind: "neighbourhood",
      lat: 40.89,
      lng: -73.91,
      radiusKm: 1,
    })
    .returning();
  coveredRegion = hood!.id;
  uncoveredRegion = far!.id;
  await rt.dbh.db.insert(instructorServiceAreas).values({ instructorId: instructor.id, regionId: hood!.id });
});
afterAll(async () => {
  // Whatever the bookings did to the money, the ledger balances.
  if (rt) expect((await ledgerImbalances(rt)).unbalanced).toEqual([]);
  await rt?.close();
});

/** A caller for `u` with the clock set to `now` (its calls run at whatever the clock says when they are made). */
const callerAt = (u: UserRow | null, now: Date) => {
  clock.set(now);
  return callerFor(rt, u, "203.0.113.7");
};
const asStudent = (u: UserRow = student, now: Date = T0) => callerAt(u, now);
const online = { type: "online" as const };

describe("create", () => {
  it("books a lesson with a server-computed price and stores it", async () => {
    const api = await asStudent();
    const b = await api.booking.create({
      instructorServiceId: serviceId,
      start: at(3),
      durationMinutes: 45,
      location: online,
      notes: "First lesson",
    });
    expect(b).toMatchObject({
      status: "confirmed",
      priceCents: 4125,
      durationMinutes: 45,
      instructorName: "Ines M.",
      studentName: "Sam C.",
    });
    const [row] = await rt.dbh.db.select().from(bookings).where(eq(bookings.id, b.id));
    expect(row).toMatchObject({
      priceCents: 4125,
      bufferMinutes: 15,
      status: "confirmed",
      studentId: student.id,
      instructorId: instructor.id,
    });
    expect(row!.blockedUntil.getTime()).toBe(at(3).getTime() + 60 * 60_000);
  });

  it("refuses unoffered durations, locations, out-of-area addresses, out-of-hours and too-soon starts", async () => {
    const api = await asStudent();
    const base = {
      instructorServiceId: serviceId,
      start: at(4),
      durationMinutes: 60 as const,
      location: online,
      notes: "",
    };
    await expect(api.booking.create({ ...base, durationMinutes: 30 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(api.booking.create({ ...base, location: { type: "instructor_location" } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      api.booking.create({
        ...base,
        location: { type: "student_location", regionId: uncoveredRegion, addressLine: "1 Far Rd" },
      }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/service area/),
    });
    await expect(api.booking.create({ ...base, start: at(4, 21) })).rejects.toMatchObject({ code: "CONFLICT" }); // after hours
    await expect(api.booking.create({ ...base, start: new Date(T0.getTime() + H) })).rejects.toMatchObject({
      code: "CONFLICT",
    }); // inside 2 h notice
    await expect(api.booking.create({ ...base, start: new Date(at(4).getTime() + 7 * 60_000) })).rejects.toMatchObject({
      code: "CONFLICT",
    }); // off-grid
    const ok = await api.booking.create({
      ...base,
      location: { type: "student_location", regionId: coveredRegion, addressLine: "12 7th Ave" },
    });
    expect(ok.locationDetails).toBe("12 7th Ave");
  });

  it("quotes the price and the cancellation terms without writing", async () => {
    const before = await rt.dbh.db.select().from(bookings);
    const q = await (
      await asStudent()
    ).booking.quote({ instructorServiceId: serviceId, start: at(6), durationMinutes: 60, location: online });
    expect(q).toMatchObject({
      priceCents: 5500,
      terms: { freeUntil: new Date(at(6).getTime() - 24 * H), halfFeeCents: 2750 },
    });
    expect(await rt.dbh.db.select().from(bookings)).toHaveLength(before.length);
  });

  it("returns the same booking for a retried idempotency key", async () => {
    const api = await asStudent();
    const input = {
      instructorServiceId: serviceId,
      start: at(7),
      durationMinutes: 60 as const,
      location: online,
      notes: "",
      idempotencyKey: "retry-key-0001",
    };
    const a = await api.booking.create(input);
    const b = await api.booking.create(input);
    expect(b.id).toBe(a.id);
    expect(
      await rt.dbh.db
        .select()
        .from(bookings)
        .where(and(eq(bookings.studentId, student.id), eq(bookings.startAt, at(7)))),
    ).toHaveLength(1);
  });
});

describe("no double booking", () => {
  it("lets exactly one of 100 simultaneous overlapping creates win for one instructor", async () => {
    const students = await makeStudents(100);
    const callers = await Promise.all(students.map((s) => asStudent(s)));
    // Staggered overlapping starts 10:00, 10:15, 10:30 (all overlap a 60 min lesson + buffer).
    const t = performance.now();
    const results = await Promise.allSettled(
      callers.map((api, i) =>
        api.booking.create({
          instructorServiceId: serviceId,
          start: new Date(at(10).getTime() + (i % 3) * 15 * 60_000),
          durationMinutes: 60,
          location: online,
          notes: "",
        }),
      ),
    );
    const ms = performance.now() - t;
    const ok = results.filter((r) => r.status === "fulfilled");
    const conflicts = results.filter(
      (r) => r.status === "rejected" && (r.reason as { code: string }).code === "CONFLICT",
    );
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(99);
    const active = await rt.dbh.db
      .select()
      .from(bookings)
      .where(
        and(
          eq(bookings.instructorId, instructor.id),
          inArray(bookings.status, ["pending_payment", "confirmed"]),
          inArray(
            bookings.studentId,
            students.map((s) => s.id),
          ),
        ),
      );
    expect(active).toHaveLength(1);
    console.log(`[bench] 100 concurrent overlapping creates on ${rt.label}: ${Math.round(ms)} ms`);
  });

  it("lets a student hold only one of 100 simultaneous bookings at one time across two instructors", async () => {
    const [s] = await makeStudents(1);
    const api = await asStudent(s);
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) =>
        api.booking.create({
          instructorServiceId: i % 2 ? serviceId : service2Id,
          start: at(12),
          durationMinutes: 60,
          location: online,
          notes: "",
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(
      results.filter((r) => r.status === "rejected").every((r) => (r.reason as { code: string }).code === "CONFLICT"),
    ).toBe(true);
    expect(
      await rt.dbh.db
        .select()
        .from(bookings)
        .where(and(eq(bookings.studentId, s!.id), eq(bookings.status, "confirmed"))),
    ).toHaveLength(1);
  });
});

describe("overlap reasons", () => {
  it("reports a student's own overlap as the student's (not the instructor's) and stores nothing", async () => {
    const [s] = await makeStudents(1);
    const api = await asStudent(s);
    const first = await api.booking.create({
      instructorServiceId: serviceId,
      start: at(29),
      durationMinutes: 60,
      location: online,
      notes: "",
    });
    // Another instructor is free at that time; only the student's calendar refuses it (the exclusion constraint).
    const err = await api.booking
      .create({ instructorServiceId: service2Id, start: at(29), durationMinutes: 60, location: online, notes: "" })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: "CONFLICT",
      message: "You already have a lesson at that time.",
      cause: { data: { reason: "student_overlap" } },
    });
    const rows = await rt.dbh.db.select().from(bookings).where(eq(bookings.studentId, s!.id));
    expect(rows.map((r) => [r.id, r.instructorId, r.status])).toEqual([[first.id, instructor.id, "confirmed"]]);
  });
});

describe("cancellation windows", () => {
  async function bookAt(day: number) {
    return (await asStudent()).booking.create({
      instructorServiceId: serviceId,
      start: at(day, 12),
      durationMinutes: 60,
      location: online,
      notes: "",
    });
  }
  const cancelAt = async (id: string, now: Date, u: UserRow = student) =>
    (await callerAt(u, now)).booking.cancel({ bookingId: id, reason: "" });
  const start = (day: number) => at(day, 12);

  it.each([
    ["exactly 24 h before", 24 * H, 0],
    ["just under 24 h", 24 * H - 1, 2750],
    ["exactly 12 h before", 12 * H, 2750],
    ["just under 12 h", 12 * H - 1, 5500],
  ])("student cancelling %s pays the right fee", async (_label, before, fee) => {
    const b = await bookAt(14);
    const c = await cancelAt(b.id, new Date(start(14).getTime() - before));
    expect(c).toMatchObject({ status: "cancelled", cancellationFeeCents: fee, cancelledBy: "student" });
    const [row] = await rt.dbh.db.select().from(bookings).where(eq(bookings.id, b.id));
    expect(row).toMatchObject({ status: "cancelled", cancellationFeeCents: fee });
  });

  it("instructor cancellations are free for the student, even an hour before", async () => {
    const b = await bookAt(15);
    const c = await cancelAt(b.id, new Date(start(15).getTime() - H), instructor);
    expect(c).toMatchObject({ cancellationFeeCents: 0, cancelledBy: "instructor" });
  });

  it("refuses to cancel once the lesson has started (from exactly the start), keeping the row", async () => {
    const b = await bookAt(30);
    expect((await (await asStudent(student, start(30))).booking.get({ bookingId: b.id })).can.cancel).toBe(false);
    expect(
      (await (await asStudent(student, new Date(start(30).getTime() - 1))).booking.get({ bookingId: b.id })).can.cancel,
    ).toBe(true);
    for (const [who, now] of [
      [student, start(30)],
      [instructor, start(30)],
      [student, new Date(start(30).getTime() + 30 * 60_000)],
    ] as const) {
      await expect(cancelAt(b.id, now, who)).rejects.toMatchObject({
        code: "CONFLICT",
        message: "This lesson has started. Report a no-show instead of cancelling.",
      });
    }
    const [row] = await rt.dbh.db.select().from(bookings).where(eq(bookings.id, b.id));
    expect(row).toMatchObject({
      status: "confirmed",
      cancelledAt: null,
      cancelledBy: null,
      cancellationFeeCents: null,
    });
    // One millisecond before the start it is still a (full-price) student cancellation.
    const c = await cancelAt(b.id, new Date(start(30).getTime() - 1));
    expect(c).toMatchObject({ status: "cancelled", cancelledBy: "student", cancellationFeeCents: 5500 });
  });

  it("frees the slot: the time can be booked again", async () => {
    const b = await bookAt(16);
    await cancelAt(b.id, T0);
    const again = await bookAt(16);
    expect(again.status).toBe("confirmed");
  });
});

describe("reschedule", () => {
  it("moves a lesson until 12 h before, at most twice, linking old → new", async () => {
    const api = await asStudent();
    const b = await api.booking.create({
      instructorServiceId: serviceId,
      start: at(18),
      durationMinutes: 60,
      location: online,
      notes: "n",
    });
    const r1 = await api.booking.reschedule({ bookingId: b.id, newStart: at(19) });
    expect(r1).toMatchObject({
      rescheduledFromId: b.id,
      rescheduleCount: 1,
      priceCents: b.priceCents,
      status: "confirmed",
    });
    const [old] = await rt.dbh.db.select().from(bookings).where(eq(bookings.id, b.id));
    expect(old).toMatchObject({ status: "cancelled", cancellationReason: "rescheduled", cancellationFeeCents: 0 });
    // Moving within the lesson's own time (overlapping itself) is allowed.
    const r2 = await api.booking.reschedule({ bookingId: r1.id, newStart: new Date(at(19).getTime() + 30 * 60_000) });
    expect(r2.rescheduleCount).toBe(2);
    await expect(api.booking.reschedule({ bookingId: r2.id, newStart: at(20) })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/at most 2/),
    });
  });

  it("refuses within 12 h of the start (boundary)", async () => {
    const b = await (
      await asStudent()
    ).booking.create({
      instructorServiceId: serviceId,
      start: at(21),
      durationMinutes: 60,
      location: online,
      notes: "",
    });
    const late = await callerAt(student, new Date(at(21).getTime() - 12 * H + 1));
    await expect(late.booking.reschedule({ bookingId: b.id, newStart: at(22) })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const exactly = await callerAt(student, new Date(at(21).getTime() - 12 * H));
    expect((await exactly.booking.reschedule({ bookingId: b.id, newStart: at(22) })).status).toBe("confirmed");
  });
});

describe("ownership", () => {
  it("keeps other students and instructors out", async () => {
    const b = await (
      await asStudent()
    ).booking.create({
      instructorServiceId: serviceId,
      start: at(23),
      durationMinutes: 60,
      location: online,
      notes: "",
    });
    const other = await asStudent(intruder);
    await expect(other.booking.get({ bookingId: b.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.booking.cancel({ bookingId: b.id, reason: "" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.booking.reschedule({ bookingId: b.id, newStart: at(24) })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const otherInstructor = await callerAt(instructor2, T0);
    await expect(otherInstructor.booking.get({ bookingId: b.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const list = await otherInstructor.booking.listForInstructor({ when: "upcoming", limit: 50 });
    expect(list.items.map((x) => x.id)).not.toContain(b.id);
    await expect(other.booking.listForInstructor({ when: "upcoming", limit: 5 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const [row] = await rt.dbh.db.select().from(bookings).where(eq(bookings.id, b.id));
    expect(row!.status).toBe("confirmed");
  });

  it("paginates lists with a cursor, without repeats", async () => {
    const api = await asStudent();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.booking.listForStudent({ when: "upcoming", limit: 3, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const mine = await rt.dbh.db.select({ id: bookings.id }).from(bookings).where(eq(bookings.studentId, student.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(mine.length);
  });
});

describe("after the lesson", () => {
  it("instructor completes, student reviews once, edits within 7 days, instructor replies once; rating aggregates", async () => {
    const b = await (
      await asStudent()
    ).booking.create({
      instructorServiceId: serviceId,
      start: at(25),
      durationMinutes: 60,
      location: online,
      notes: "",
    });
    const teacher = await callerFor(rt, instructor);
    clock.set(at(25).getTime() + 30 * 60_000); // during the lesson
    await expect(teacher.booking.markComplete({ bookingId: b.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      (await asStudent(student, new Date(at(25).getTime() + 2 * H))).booking.markComplete({ bookingId: b.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await teacher.booking.markComplete({ bookingId: b.id })).status).toBe("completed");

    const s = await asStudent(student, new Date(at(26).getTime()));
    const review = await s.booking.createReview({ bookingId: b.id, rating: 4, body: "Great teacher" });
    await expect(s.booking.createReview({ bookingId: b.id, rating: 5, body: "again" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(
      (await asStudent(intruder, at(26))).booking.createReview({ bookingId: b.id, rating: 1, body: "" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await s.booking.updateReview({ reviewId: review.id, rating: 5, body: "Even better" });
    clock.set(review.createdAt.getTime() + 8 * 24 * H);
    await expect(s.booking.updateReview({ reviewId: review.id, rating: 1, body: "" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    clock.set(at(25).getTime() + 2 * H);
    await teacher.booking.replyToReview({ reviewId: review.id, reply: "Thank you!" });
    await expect(teacher.booking.replyToReview({ reviewId: review.id, reply: "again" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const [profile] = await rt.dbh.db
      .select()
      .from(instructorProfiles)
      .where(eq(instructorProfiles.userId, instructor.id));
    expect(profile).toMatchObject({ ratingAvg: 5, ratingCount: 1 });
    const pub = await (await callerFor(rt, null)).booking.reviews({ instructorId: instructor.id, limit: 10 });
    expect(pub.items[0]).toMatchObject({ rating: 5, body: "Even better", reply: "Thank you!", studentName: "Sam C." });
    expect(JSON.stringify(pub)).not.toContain("Carter");
    expect(await rt.dbh.db.select().from(reviews).where(eq(reviews.bookingId, b.id))).toHaveLength(1);
  });

  it("reports no-shows within 48 h, and auto-completes only unreported lessons after 24 h", async () => {
    const s = await asStudent();
    const a = await s.booking.create({
      instructorServiceId: serviceId,
      start: at(27),
      durationMinutes: 60,
      location: online,
      notes: "",
    });
    const c = await s.booking.create({
      instructorServiceId: serviceId,
      start: at(28),
      durationMinutes: 60,
      location: online,
      notes: "",
    });
    const endA = at(27).getTime() + H;
    const teacher = await callerFor(rt, instructor);
    clock.set(endA + 48 * H + 1);
    await expect(teacher.booking.reportNoShow({ bookingId: a.id })).rejects.toMatchObject({ code: "CONFLICT" });
    clock.set(endA + 47 * H);
    expect((await teacher.booking.reportNoShow({ bookingId: a.id })).status).toBe("no_show");
    const booking = rt.services.booking;
    clock.set(at(28).getTime() + H + 24 * H);
    expect(await booking.autoComplete(a.id)).toBe(false);
    clock.set(at(28).getTime() + H + 23 * H);
    expect(await booking.autoComplete(c.id)).toBe(false);
    clock.set(at(28).getTime() + H + 24 * H);
    expect(await booking.autoComplete(c.id)).toBe(true);
    expect(await booking.autoComplete(c.id)).toBe(false); // idempotent
    const rows = await rt.dbh.db
      .select()
      .from(bookings)
      .where(inArray(bookings.id, [a.id, c.id]));
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [a.id]: "no_show", [c.id]: "completed" });
  });
});
