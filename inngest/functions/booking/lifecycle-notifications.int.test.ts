import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { callerFor, createTestRuntime, createTestUser, type TestRuntime } from "~/test/harness";
import { saveCard } from "~/test/payments-fixtures";
import {
  availabilityPatterns,
  bookings,
  categories,
  instructorServices,
  messages,
  notifications,
  subjects,
} from "~/server/db/schema";
import { emptyDay, setRange } from "~/lib/availability/bitmap";
import { newId } from "~/lib/ids";
import type { UserRow } from "~/server/repositories/users";
import { setFunctionRuntime } from "../../services";
import { bookingNotificationFunctions } from "./lifecycle-notifications";

let rt: TestRuntime;
let student: UserRow;
let instructor: UserRow;
let serviceId: string;

beforeAll(async () => {
  rt = await createTestRuntime();
  setFunctionRuntime(rt);
  student = await createTestUser(rt, { role: "student", firstName: "Sam", lastName: "Carter" });
  instructor = await createTestUser(rt, { role: "instructor", firstName: "Ines", lastName: "Moreau" });
  await rt.dbh.db
    .insert(availabilityPatterns)
    .values(
      [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        instructorId: instructor.id,
        weekday,
        bits: setRange(emptyDay(), 8 * 60, 20 * 60),
      })),
    );
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
  serviceId = svc!.id;
});
afterAll(async () => {
  setFunctionRuntime(null);
  await rt?.close();
});

describe("booking lifecycle notifications", () => {
  it("writes a system message and notifies both sides when a lesson is booked and cancelled (local engine)", async () => {
    const api = await callerFor(rt, student);
    const start = new Date(Date.now() + 5 * 86_400_000);
    start.setUTCHours(15, 0, 0, 0);
    const paymentMethodId = await saveCard(rt, student);
    const b = await api.booking.create({
      instructorServiceId: serviceId,
      start,
      durationMinutes: 60,
      location: { type: "online" },
      notes: "",
      paymentMethodId,
    });
    await api.booking.cancel({ bookingId: b.id, reason: "" });
    await rt.events.idle();
    const system = await rt.dbh.db
      .select()
      .from(messages)
      .where(and(eq(messages.bookingId, b.id), eq(messages.kind, "system")));
    // Events are processed concurrently (as on Inngest), so their lines may land in either order.
    expect(system.map((m) => m.body).sort()).toEqual([
      expect.stringMatching(/^Sam C\. booked Piano on /),
      expect.stringMatching(/^The Piano lesson on .* was cancelled\.$/),
    ]);
    const toStudent = await rt.dbh.db.select().from(notifications).where(eq(notifications.userId, student.id));
    const toInstructor = await rt.dbh.db.select().from(notifications).where(eq(notifications.userId, instructor.id));
    expect(toStudent.map((n) => n.title).sort()).toEqual(["Lesson booked", "Lesson cancelled"]);
    expect(toInstructor.map((n) => n.title).sort()).toEqual(["Lesson cancelled", "New booking"]);
    expect(JSON.stringify([system, toStudent, toInstructor])).not.toContain("Carter");
  });

  it("is idempotent when the same event is processed twice (@inngest/test)", async () => {
    const [b] = await rt.dbh.db
      .insert(bookings)
      .values({
        studentId: student.id,
        instructorId: instructor.id,
        serviceId,
        startAt: new Date("2027-01-10T15:00:00Z"),
        endAt: new Date("2027-01-10T16:00:00Z"),
        blockedUntil: new Date("2027-01-10T16:15:00Z"),
        status: "completed",
        locationType: "online",
        priceCents: 6000,
      })
      .returning();
    const fn = bookingNotificationFunctions.find((f) => f.spec.event === "booking/completed")!;
    const event = {
      name: "booking/completed" as const,
      data: { bookingId: b!.id, studentId: student.id, instructorId: instructor.id },
    };
    for (let i = 0; i < 2; i++) {
      const { result } = await new InngestTestEngine({ function: fn.fn, events: [event] }).execute();
      expect(result).toMatchObject({ notified: true });
    }
    expect(await rt.dbh.db.select().from(messages).where(eq(messages.bookingId, b!.id))).toHaveLength(1);
    const n = await rt.dbh.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, student.id), eq(notifications.kind, "booking.completed")));
    expect(n).toHaveLength(1);
    expect(n[0]).toMatchObject({ title: "How was your lesson?", link: `/lessons/${b!.id}` });
  });
});
