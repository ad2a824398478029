/**
 * Idempotency keys reserved before the work (issue 9, item 9), on the real database: identical concurrent retries
 * get the one booking; a different payload under the same key is a CONFLICT; a failed attempt frees the key.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { callerFor, createTestRuntime, createTestUser, type TestRuntime } from "~/test/harness";
import { insertBookableService } from "~/test/catalog-fixtures";
import { TEST_CARDS, onboardInstructor, saveCard } from "~/test/payments-fixtures";
import { bookings, idempotencyKeys } from "~/server/db/schema";
import { newId } from "~/lib/ids";
import { createIdempotencyRepository } from "~/server/repositories/idempotency";
import { createIdempotencyService } from "./idempotency-service";
import type { UserRow } from "~/server/repositories/users";

let rt: TestRuntime;
let instructor: UserRow;
let serviceId: string;

const T0 = new Date("2026-12-01T12:00:00Z");
/** 10:00 New York on 2026-12-(day). */
const at = (day: number) => new Date(Date.UTC(2026, 11, day, 15));

async function student() {
  const u = await createTestUser(rt, { role: "student" });
  const card = await saveCard(rt, u, TEST_CARDS.visa).catch(() => undefined); // absent when payments are not wired
  return { u, card, api: await callerFor(rt, u, "203.0.113.7") };
}
const book = (s: Awaited<ReturnType<typeof student>>, start: Date, key?: string, notes = "") =>
  s.api.booking.create({
    instructorServiceId: serviceId,
    start,
    durationMinutes: 60,
    location: { type: "online" },
    notes,
    idempotencyKey: key,
    paymentMethodId: s.card,
  });
const rowsFor = (studentId: string) => rt.dbh.db.select().from(bookings).where(eq(bookings.studentId, studentId));

beforeAll(async () => {
  // Booking rules read the fixed T0; the durable runner keeps the wall clock.
  rt = await createTestRuntime({ now: () => T0, events: { now: () => new Date() } });
  instructor = await createTestUser(rt, { role: "instructor" });
  await onboardInstructor(rt, instructor).catch(() => undefined);
  const db = rt.dbh.db;
  serviceId = await insertBookableService(db, instructor.id);
});
afterAll(async () => rt?.close());

describe("booking.create with an idempotency key", () => {
  it("10 concurrent identical calls make one booking row and all 10 get its id", async () => {
    const s = await student();
    const key = newId();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => book(s, at(3), key)));
    const ids = results.map((r) => (r.status === "fulfilled" ? r.value.id : `rejected: ${String(r.reason)}`));
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const rows = await rowsFor(s.u.id);
    expect(rows.map((r) => r.id)).toEqual([ids[0]]);
    const [k] = await rt.dbh.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, s.u.id), eq(idempotencyKeys.key, key)));
    expect(k).toMatchObject({ scope: "booking.create", status: "completed", resultRef: ids[0] });
    // A later retry replays the same booking instead of failing on its own time slot.
    expect((await book(s, at(3), key)).id).toBe(ids[0]);
  });

  it("the same key with a different payload is a CONFLICT that says so, and books nothing", async () => {
    const s = await student();
    const key = newId();
    const first = await book(s, at(4), key);
    const again = await book(s, at(5), key).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(TRPCError);
    expect((again as TRPCError).code).toBe("CONFLICT");
    expect((again as TRPCError).message).toMatch(/already used for a different request/);
    expect((await rowsFor(s.u.id)).map((r) => r.id)).toEqual([first.id]);
  });

  it("2 concurrent calls with one key and different payloads: one wins, the other gets CONFLICT", async () => {
    const s = await student();
    const key = newId();
    const [a, b] = await Promise.allSettled([book(s, at(6), key), book(s, at(7), key)]);
    const won = [a, b].filter((r) => r.status === "fulfilled");
    const lost = [a, b].filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0]!.reason as TRPCError).code).toBe("CONFLICT");
    expect(await rowsFor(s.u.id)).toHaveLength(1);
  });

  it("a failed attempt releases the key, so a retry can succeed", async () => {
    const s = await student();
    const other = await student();
    const key = newId();
    await book(other, at(8)); // the slot is taken: the first attempt fails
    const failed = await book(s, at(8), key).catch((e: unknown) => e);
    expect((failed as TRPCError).code).toBe("CONFLICT");
    expect(
      await rt.dbh.db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, s.u.id), eq(idempotencyKeys.key, key))),
    ).toHaveLength(0);
    // The same key, with a payload the user corrected after the failure, now books.
    const ok = await book(s, at(9), key);
    expect((await rowsFor(s.u.id)).map((r) => r.id)).toEqual([ok.id]);
  });
});

describe("the reusable idempotency service", () => {
  it("runs work once across concurrent callers and replays the stored reference", async () => {
    const svc = createIdempotencyService({ repo: createIdempotencyRepository(rt.dbh.db) });
    const u = await createTestUser(rt, { role: "student" });
    let runs = 0;
    const call = () =>
      svc.run(
        { scope: "test.op", userId: u.id, key: "k-123456" },
        { amount: 5, when: new Date(0) },
        {
          work: async (done) => {
            runs++;
            await new Promise((r) => setTimeout(r, 50));
            await done(`ref-${runs}`);
            return `ref-${runs}`;
          },
          replay: async (ref) => ref,
        },
      );
    const out = await Promise.all(Array.from({ length: 5 }, call));
    expect(runs).toBe(1);
    expect(new Set(out)).toEqual(new Set(["ref-1"]));
    // Key order and Date vs ISO string do not change the request's identity.
    const same = await svc.run(
      { scope: "test.op", userId: u.id, key: "k-123456" },
      { when: new Date(0).toISOString(), amount: 5 },
      { work: () => Promise.resolve("x"), replay: async (r) => r },
    );
    expect(same).toBe("ref-1");
  });
});
