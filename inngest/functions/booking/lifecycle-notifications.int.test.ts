import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { callerFor, createTestRuntime, createTestUser, type TestRuntime } from "~/test/harness";
import { saveCard } from "~/test/payments-fixtures";
import { createBookableInstructor } from "~/test/catalog-fixtures";
import { bookings, messages, notifications } from "~/server/db/schema";
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
  ({ user: instructor, serviceId } = await createBookableInstructor(rt, {
    firstName: "Ines",
    lastName: "Moreau",
    hourlyRateCents: 6000,
  }));
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
