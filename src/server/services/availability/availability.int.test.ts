import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { callerFor, sessionFor, createTestRuntime, createTestUser, type TestRuntime } from "~/test/harness";
import { addDays, localDateToday, weekStartOf } from "~/lib/time/zoned";
import { bookings, instructorProfiles, instructorServices, subjects, categories } from "~/server/db/schema";
import type { UserRow } from "~/server/repositories/users";
import { createAvailabilityService } from "./availability-service";
import { createAvailabilityRepository } from "~/server/repositories/availability";
import { createBookingRepository } from "~/server/repositories/bookings";

let rt: TestRuntime;
let instructor: UserRow;
let other: UserRow;
let student: UserRow;
let serviceId: string;
const zone = "America/New_York";
// A week comfortably in the future (the week after next), Monday-start in the instructor's zone.
const futureWeek = () => addDays(weekStartOf(localDateToday(zone)), 14);

async function makeService(instructorId: string, durations = [30, 60, 90]) {
  const [cat] = await rt.dbh.db
    .insert(categories)
    .values({ slug: `c-${instructorId.slice(-6)}`, name: "Music" })
    .returning();
  const [sub] = await rt.dbh.db
    .insert(subjects)
    .values({ categoryId: cat!.id, slug: `s-${instructorId.slice(-6)}`, name: "Piano" })
    .returning();
  const [svc] = await rt.dbh.db
    .insert(instructorServices)
    .values({
      instructorId,
      subjectId: sub!.id,
      hourlyRateCents: 6000,
      durations,
      locationTypes: ["online"],
      ageGroups: ["adults"],
      levels: ["beginner"],
    })
    .returning();
  return svc!.id;
}

/** The service with a fixed clock, for tests about time. */
function serviceAt(now: Date) {
  return createAvailabilityService({
    db: rt.dbh.db,
    availability: createAvailabilityRepository(rt.dbh.db),
    bookings: createBookingRepository(rt.dbh.db),
    cache: rt.cache,
    now: () => now,
  });
}

async function actorOf(u: UserRow) {
  const a = await rt.services.session.resolveActor(await sessionFor(rt, u));
  if (!a) throw new Error("no actor");
  return a;
}

beforeAll(async () => {
  rt = await createTestRuntime();
  instructor = await createTestUser(rt, { role: "instructor", timeZone: zone });
  other = await createTestUser(rt, { role: "instructor" });
  student = await createTestUser(rt, { role: "student" });
  serviceId = await makeService(instructor.id);
});
afterAll(async () => rt?.close());

describe("weeks", () => {
  it("round-trips a saved week and bumps the version", async () => {
    const api = await callerFor(rt, instructor);
    const weekStart = futureWeek();
    const before = await api.availability.getWeek({ weekStart });
    expect(before.version).toBe(0);
    expect(before.days).toHaveLength(7);
    const saved = await api.availability.saveWeek({
      weekStart,
      expectedVersion: 0,
      days: [
        {
          date: weekStart,
          windows: [
            { start: "13:00", end: "15:00" },
            { start: "09:00", end: "12:30" },
            { start: "12:30", end: "13:00" },
          ],
        },
        { date: addDays(weekStart, 6), windows: [{ start: "22:00", end: "24:00" }] },
      ],
    });
    expect(saved.version).toBe(1);
    const again = await api.availability.getWeek({ weekStart });
    // Adjacent windows merge; order is normalised.
    expect(again.days[0]).toMatchObject({
      date: weekStart,
      windows: [{ start: "09:00", end: "15:00" }],
      source: "custom",
    });
    expect(again.days[6]!.windows).toEqual([{ start: "22:00", end: "24:00" }]);
    expect(again.days[1]).toMatchObject({ windows: [], source: "none" });
  });

  it("refuses a stale version with CONFLICT carrying the current week", async () => {
    const api = await callerFor(rt, instructor);
    const weekStart = addDays(futureWeek(), 7);
    await api.availability.saveWeek({
      weekStart,
      expectedVersion: 0,
      days: [{ date: weekStart, windows: [{ start: "10:00", end: "11:00" }] }],
    });
    const err = (await api.availability
      .saveWeek({
        weekStart,
        expectedVersion: 0,
        days: [{ date: weekStart, windows: [{ start: "08:00", end: "09:00" }] }],
      })
      .catch((e: unknown) => e)) as {
      code: string;
      cause: { data: { currentVersion: number; current: { days: { windows: unknown[] }[] } } };
    };
    expect(err.code).toBe("CONFLICT");
    expect(err.cause.data.currentVersion).toBe(1);
    expect(err.cause.data.current.days[0]!.windows).toEqual([{ start: "10:00", end: "11:00" }]);
    // Nothing of the losing save was written.
    expect((await api.availability.getWeek({ weekStart })).days[0]!.windows).toEqual([
      { start: "10:00", end: "11:00" },
    ]);
  });

  it("lets exactly one of several concurrent saves with the same version win", async () => {
    const api = await callerFor(rt, instructor);
    const weekStart = addDays(futureWeek(), 14);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        api.availability.saveWeek({
          weekStart,
          expectedVersion: 0,
          days: [{ date: weekStart, windows: [{ start: `${10 + i}:00`, end: `${11 + i}:00` }] }],
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(
      results.filter((r) => r.status === "rejected").every((r) => (r.reason as { code: string }).code === "CONFLICT"),
    ).toBe(true);
    expect((await api.availability.getWeek({ weekStart })).version).toBe(1);
  });

  it("copies a week onto the following weeks", async () => {
    const api = await callerFor(rt, instructor);
    const weekStart = addDays(futureWeek(), 21);
    await api.availability.saveWeek({
      weekStart,
      expectedVersion: 0,
      days: [
        { date: addDays(weekStart, 1), windows: [{ start: "16:00", end: "20:00" }] },
        { date: addDays(weekStart, 5), windows: [{ start: "09:00", end: "12:00" }] },
      ],
    });
    const { copiedTo } = await api.availability.copyWeek({ weekStart, weeks: 2 });
    expect(copiedTo).toEqual([addDays(weekStart, 7), addDays(weekStart, 14)]);
    for (const target of copiedTo) {
      const w = await api.availability.getWeek({ weekStart: target });
      expect(w.version).toBeGreaterThanOrEqual(1);
      expect(w.days.map((d) => d.windows)).toEqual([
        [],
        [{ start: "16:00", end: "20:00" }],
        [],
        [],
        [],
        [{ start: "09:00", end: "12:00" }],
        [],
      ]);
    }
  });

  it("validates input: Monday weeks, window shape, past weeks", async () => {
    const api = await callerFor(rt, instructor);
    const monday = futureWeek();
    await expect(api.availability.getWeek({ weekStart: addDays(monday, 1) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      api.availability.saveWeek({
        weekStart: monday,
        expectedVersion: 0,
        days: [{ date: monday, windows: [{ start: "12:00", end: "11:00" }] }],
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      api.availability.saveWeek({
        weekStart: monday,
        expectedVersion: 0,
        days: [{ date: monday, windows: [{ start: "25:00", end: "26:00" }] }],
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const past = addDays(weekStartOf(localDateToday(zone)), -14);
    await expect(
      api.availability.saveWeek({ weekStart: past, expectedVersion: 0, days: [{ date: past, windows: [] }] }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});

describe("ownership", () => {
  it("keeps other users out of an instructor's calendar", async () => {
    const otherApi = await callerFor(rt, other);
    await expect(
      otherApi.availability.getWeek({ instructorId: instructor.id, weekStart: futureWeek() }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const studentApi = await callerFor(rt, student);
    // Permission is checked before the input is even validated.
    await expect(
      studentApi.availability.saveWeek({ weekStart: futureWeek(), expectedVersion: 0, days: [] as never }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      studentApi.availability.saveWeek({
        weekStart: futureWeek(),
        expectedVersion: 0,
        days: [{ date: futureWeek(), windows: [] }],
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const anon = await callerFor(rt, null);
    await expect(anon.availability.getWeek({ weekStart: futureWeek() })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    // Other's own save succeeds and lands on other's calendar only.
    await otherApi.availability.saveWeek({
      weekStart: futureWeek(),
      expectedVersion: 0,
      days: [{ date: futureWeek(), windows: [{ start: "07:00", end: "08:00" }] }],
    });
    const mine = await (await callerFor(rt, instructor)).availability.getWeek({ weekStart: futureWeek() });
    expect(mine.days[0]!.windows).not.toContainEqual({ start: "07:00", end: "08:00" });
  });
});

describe("slots", () => {
  // Pattern: Mondays 09:00–12:00 and 14:00–15:00 in New York; the clock is fixed.
  const now = new Date("2026-06-01T12:00:00Z"); // Monday 08:00 New York
  let inst: UserRow;
  let svc: string;

  beforeAll(async () => {
    inst = await createTestUser(rt, { role: "instructor", timeZone: zone });
    svc = await makeService(inst.id, [30, 60]);
    await serviceAt(now).savePattern(await actorOf(inst), {
      days: [
        {
          weekday: 1,
          windows: [
            { start: "09:00", end: "12:00" },
            { start: "14:00", end: "15:00" },
          ],
        },
      ],
    });
  });

  it("applies minimum notice, the grid and whole-lesson fit", async () => {
    const s = serviceAt(now);
    const { slots } = await s.getSlots({
      instructorServiceId: svc,
      duration: 60,
      from: now,
      to: new Date("2026-06-02T04:00:00Z"),
    });
    // now 08:00 + 2 h notice → first start 10:00; 60 min must fit before 12:00; 14:00 fits exactly.
    expect(slots.map((d) => d.toISOString())).toEqual([
      "2026-06-01T14:00:00.000Z",
      "2026-06-01T14:15:00.000Z",
      "2026-06-01T14:30:00.000Z",
      "2026-06-01T14:45:00.000Z",
      "2026-06-01T15:00:00.000Z",
      "2026-06-01T18:00:00.000Z",
    ]);
  });

  it("subtracts active bookings widened by the buffer, ignoring cancelled ones", async () => {
    const s = serviceAt(now);
    const next = { from: new Date("2026-06-08T00:00:00Z"), to: new Date("2026-06-09T00:00:00Z") };
    const before = await s.getSlots({ instructorServiceId: svc, duration: 30, ...next });
    expect(before.slots).toHaveLength(11 + 3); // 09:00..11:30 and 14:00..14:30
    const base = {
      studentId: student.id,
      instructorId: inst.id,
      serviceId: svc,
      bufferMinutes: 15,
      locationType: "online" as const,
      priceCents: 3000,
    };
    await rt.dbh.db.insert(bookings).values([
      {
        ...base,
        startAt: new Date("2026-06-08T14:00:00Z"),
        endAt: new Date("2026-06-08T14:30:00Z"),
        blockedUntil: new Date("2026-06-08T14:45:00Z"),
        status: "confirmed",
      },
      {
        ...base,
        startAt: new Date("2026-06-08T18:00:00Z"),
        endAt: new Date("2026-06-08T18:30:00Z"),
        blockedUntil: new Date("2026-06-08T18:45:00Z"),
        status: "cancelled",
      },
    ]);
    await s.invalidateSlots(inst.id);
    const after = await s.getSlots({ instructorServiceId: svc, duration: 30, ...next });
    const local = after.slots.map((d) => d.toISOString().slice(11, 16));
    // 10:00–10:30 New York (UTC-4) booked, blocked 09:45–10:45 with the buffer: 09:15–09:45 still fits, 09:30 does not,
    // the next start is 10:45. The cancelled 14:00 booking holds nothing.
    expect(local).toEqual(["13:00", "13:15", "14:45", "15:00", "15:15", "15:30", "18:00", "18:15", "18:30"]);
  });

  it("respects the horizon and blackouts", async () => {
    const s = serviceAt(now);
    const actor = await actorOf(inst);
    await s.addBlackout(actor, { date: "2026-06-15", reason: "Holiday" });
    const res = await s.getSlots({
      instructorServiceId: svc,
      duration: 60,
      from: new Date("2026-06-15T00:00:00Z"),
      to: new Date("2026-06-16T00:00:00Z"),
    });
    expect(res.slots).toEqual([]);
    await s.removeBlackout(actor, { date: "2026-06-15" });
    const lifted = await s.getSlots({
      instructorServiceId: svc,
      duration: 60,
      from: new Date("2026-06-15T00:00:00Z"),
      to: new Date("2026-06-16T00:00:00Z"),
    });
    expect(lifted.slots.length).toBeGreaterThan(0);
    // Horizon: 90 days after now, nothing.
    await rt.dbh.db.update(instructorProfiles).set({ horizonDays: 10 }).where(eq(instructorProfiles.userId, inst.id));
    await s.invalidateSlots(inst.id);
    const far = await s.getSlots({
      instructorServiceId: svc,
      duration: 60,
      from: new Date("2026-06-15T00:00:00Z"),
      to: new Date("2026-06-16T00:00:00Z"),
    });
    expect(far.slots).toEqual([]);
    await rt.dbh.db.update(instructorProfiles).set({ horizonDays: 90 }).where(eq(instructorProfiles.userId, inst.id));
    await s.invalidateSlots(inst.id);
  });

  it("rejects an unoffered duration and reports the next available start", async () => {
    const s = serviceAt(now);
    await expect(
      s.getSlots({ instructorServiceId: svc, duration: 45, from: now, to: new Date(now.getTime() + 86_400_000) }),
    ).rejects.toMatchObject({
      kind: "validation",
    });
    const next = await s.nextAvailable(inst.id);
    expect(next).toEqual({ start: new Date("2026-06-01T14:00:00Z"), durationMinutes: 30 });
    expect(await s.hasAvailabilityWithin(inst.id, 30)).toBe(true);
  });

  it("is DST-correct on spring-forward and fall-back days", async () => {
    const dstInst = await createTestUser(rt, { role: "instructor", timeZone: zone });
    const dstSvc = await makeService(dstInst.id, [60]);
    const s = serviceAt(new Date("2026-03-01T12:00:00Z"));
    const actor = await actorOf(dstInst);
    // Sunday 2026-03-08: clocks jump 02:00 → 03:00. Available 01:00–04:00 wall clock = 2 real hours.
    await s.saveWeek(actor, {
      weekStart: "2026-03-02",
      expectedVersion: 0,
      days: [{ date: "2026-03-08", windows: [{ start: "01:00", end: "04:00" }] }],
    });
    const spring = await s.getSlots({
      instructorServiceId: dstSvc,
      duration: 60,
      from: new Date("2026-03-08T00:00:00Z"),
      to: new Date("2026-03-09T00:00:00Z"),
    });
    // 01:00 EST (06:00Z) … 03:00 EDT (07:00Z): starts 06:00, 06:15(01:15→02:15 skipped=03:15 EDT) … last start 03:00 EDT = 07:00Z.
    expect(spring.slots[0]!.toISOString()).toBe("2026-03-08T06:00:00.000Z");
    expect(spring.slots[spring.slots.length - 1]!.toISOString()).toBe("2026-03-08T07:00:00.000Z");
    expect(spring.slots.every((d) => d.getTime() + 3_600_000 <= new Date("2026-03-08T08:00:00Z").getTime())).toBe(true);
    // Sunday 2026-11-01: 01:00–02:00 happens twice. Available 00:00–03:00 wall clock = 4 real hours.
    const s2 = serviceAt(new Date("2026-10-20T12:00:00Z"));
    await s2.saveWeek(actor, {
      weekStart: "2026-10-26",
      expectedVersion: 0,
      days: [{ date: "2026-11-01", windows: [{ start: "00:00", end: "03:00" }] }],
    });
    const fall = await s2.getSlots({
      instructorServiceId: dstSvc,
      duration: 60,
      from: new Date("2026-11-01T00:00:00Z"),
      to: new Date("2026-11-02T00:00:00Z"),
    });
    expect(fall.slots[0]!.toISOString()).toBe("2026-11-01T04:00:00.000Z"); // 00:00 EDT
    expect(fall.slots[fall.slots.length - 1]!.toISOString()).toBe("2026-11-01T07:00:00.000Z"); // 02:00 EST, ends 03:00 EST
    expect(fall.slots).toHaveLength(13); // four real hours, 60-min lessons, 15-min grid
  });
});

describe("layer independence", () => {
  it("never alters bookings when availability changes", async () => {
    const api = await callerFor(rt, instructor);
    const weekStart = addDays(futureWeek(), 56);
    const start = new Date(`${weekStart}T15:00:00Z`);
    const [b] = await rt.dbh.db
      .insert(bookings)
      .values({
        studentId: student.id,
        instructorId: instructor.id,
        serviceId,
        startAt: start,
        endAt: new Date(start.getTime() + 3_600_000),
        blockedUntil: new Date(start.getTime() + 4_500_000),
        status: "confirmed",
        locationType: "online",
        priceCents: 6000,
      })
      .returning();
    await api.availability.saveWeek({
      weekStart,
      expectedVersion: 0,
      days: [{ date: weekStart, windows: [{ start: "09:00", end: "18:00" }] }],
    });
    await api.availability.saveWeek({ weekStart, expectedVersion: 1, days: [{ date: weekStart, windows: [] }] });
    await api.availability.copyWeek({ weekStart: addDays(weekStart, -7), weeks: 1 });
    await api.availability.addBlackout({ date: weekStart, reason: "Away" });
    const [after] = await rt.dbh.db.select().from(bookings).where(eq(bookings.id, b!.id));
    expect(after).toEqual(b);
  });
});
