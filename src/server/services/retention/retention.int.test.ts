import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { encodeTime } from "ulid";
import {
  accountTokens,
  conversationEvents,
  conversations,
  conversationUserState,
  dataExports,
  idempotencyKeys,
  jobRuns,
  notificationDeliveries,
  outbox,
  searchClicks,
  searchEvents,
  sessions,
} from "~/server/db/schema";
import { createDurableRunner } from "~/server/events/durable-runner";
import { createTestClock } from "~/test/clock";
import { createTestRuntime, createTestUser, type TestRuntime } from "~/test/harness";
import { retentionDaily } from "../../../../inngest/functions/account/retention";

const DAY = 86_400_000;
// The runner starts at noon; the first scheduled purge is the next day's 03:30 UTC.
const clock = createTestClock("2031-06-10T12:00:00Z");
const RUN_AT = new Date("2031-06-11T03:30:00Z");
const ago = (ms: number) => new Date(RUN_AT.getTime() - ms);
let rt: TestRuntime;

beforeAll(async () => {
  rt = await createTestRuntime({ now: clock.now, events: { background: false, schedules: true } });
});
afterAll(async () => rt?.close());

/** A ULID minted at `at` (random part fixed per `n`). */
const idAt = (at: Date, n: number) => encodeTime(at.getTime(), 10) + String(n).padStart(16, "0");

describe("daily retention", () => {
  it("runs on its schedule, removes exactly the rows past their windows and keeps the rest", async () => {
    const db = rt.dbh.db;
    const student = await createTestUser(rt);
    const other = await createTestUser(rt);
    const instructor = await createTestUser(rt, { role: "instructor" });
    const instructor2 = await createTestUser(rt, { role: "instructor" });
    const instructor3 = await createTestUser(rt, { role: "instructor" });

    // Search events: 91 days old (with a click) goes; 80 days stays.
    const [oldSearch, newSearch] = await db
      .insert(searchEvents)
      .values([
        { query: "old", normalised: "old", resultCount: 0, ms: 1, createdAt: ago(91 * DAY) },
        { query: "new", normalised: "new", resultCount: 0, ms: 1, createdAt: ago(80 * DAY) },
      ])
      .returning();
    await db.insert(searchClicks).values({ searchId: oldSearch!.id, instructorId: instructor.id, position: 1 });
    // Tokens: expired goes, live stays.
    const [, liveToken] = await db
      .insert(accountTokens)
      .values([
        { userId: student.id, purpose: "password_reset", tokenHash: "h-old", expiresAt: ago(60_000) },
        {
          userId: student.id,
          purpose: "email_verify",
          tokenHash: "h-new",
          expiresAt: new Date(RUN_AT.getTime() + DAY),
        },
      ])
      .returning();
    // Idempotency keys: 25 h goes, 1 h stays.
    const [, freshKey] = await db
      .insert(idempotencyKeys)
      .values([
        {
          scope: "booking.create",
          userId: student.id,
          key: "old-key-1",
          requestHash: "x",
          createdAt: ago(25 * 3_600_000),
        },
        { scope: "booking.create", userId: student.id, key: "new-key-1", requestHash: "x", createdAt: ago(3_600_000) },
      ])
      .returning();
    // Sessions: revoked 31 d ago and unused for 31 d go; revoked yesterday and in use stay.
    const [, revokedRecently, , live] = await db
      .insert(sessions)
      .values([
        { userId: student.id, revokedAt: ago(31 * DAY), lastSeenAt: ago(31 * DAY) },
        { userId: student.id, revokedAt: ago(DAY), lastSeenAt: ago(DAY) },
        { userId: student.id, lastSeenAt: ago(31 * DAY) },
        { userId: student.id, lastSeenAt: ago(60_000) },
      ])
      .returning();
    // Exports: an expired link goes, a live one stays.
    const [, liveExport] = await db
      .insert(dataExports)
      .values([
        { userId: student.id, status: "ready", archive: {}, expiresAt: ago(60_000) },
        { userId: student.id, status: "ready", archive: {}, expiresAt: new Date(RUN_AT.getTime() + DAY) },
      ])
      .returning();
    // Conversations: both sides trashed 31 d ago → goes; both 10 d ago → stays; one side still active → stays.
    const [gone, recent, oneSided] = await db
      .insert(conversations)
      .values([
        { studentId: student.id, instructorId: instructor.id },
        { studentId: student.id, instructorId: instructor2.id },
        { studentId: other.id, instructorId: instructor3.id },
      ])
      .returning();
    const state = (conversationId: string, userId: string, s: "active" | "trashed", at: Date) => ({
      conversationId,
      userId,
      state: s,
      updatedAt: at,
    });
    await db
      .insert(conversationUserState)
      .values([
        state(gone!.id, student.id, "trashed", ago(31 * DAY)),
        state(gone!.id, instructor.id, "trashed", ago(40 * DAY)),
        state(recent!.id, student.id, "trashed", ago(10 * DAY)),
        state(recent!.id, instructor2.id, "trashed", ago(31 * DAY)),
        state(oneSided!.id, other.id, "trashed", ago(60 * DAY)),
        state(oneSided!.id, instructor3.id, "active", ago(60 * DAY)),
      ]);
    // Live-stream log: 8 days old goes, 6 days stays (in a conversation that is kept).
    const oldEvent = idAt(ago(8 * DAY), 1);
    const newEvent = idAt(ago(6 * DAY), 2);
    await db.insert(conversationEvents).values([
      { id: oldEvent, conversationId: oneSided!.id, type: "read", payload: {} },
      { id: newEvent, conversationId: oneSided!.id, type: "read", payload: {} },
    ]);
    // Outbox: 31 d goes, 29 d stays.
    const [, recentMail] = await db
      .insert(outbox)
      .values([
        { channel: "email", recipient: "a@example.test", subject: "old", body: "old", createdAt: ago(31 * DAY) },
        { channel: "email", recipient: "a@example.test", subject: "new", body: "new", createdAt: ago(29 * DAY) },
      ])
      .returning();

    // Sent deliveries: 31 d goes, 29 d stays; a pending one (a send in flight) stays whatever its age.
    const [, recentDelivery, pendingDelivery] = await db
      .insert(notificationDeliveries)
      .values([
        {
          userId: student.id,
          channel: "email",
          deliveryKey: "k-old",
          kind: "t",
          status: "sent",
          sentAt: ago(31 * DAY),
        },
        {
          userId: student.id,
          channel: "email",
          deliveryKey: "k-new",
          kind: "t",
          status: "sent",
          sentAt: ago(29 * DAY),
        },
        { userId: student.id, channel: "email", deliveryKey: "k-pending", kind: "t", createdAt: ago(40 * DAY) },
      ])
      .returning();

    // (Other scheduled functions may run too: only the purge's runs are counted.)
    const purges = () => db.select().from(jobRuns).where(eq(jobRuns.functionId, "retention-daily"));
    // Nothing before the schedule.
    clock.set(new Date(RUN_AT.getTime() - 60_000));
    await rt.events.runDue();
    expect(await purges()).toHaveLength(0);
    clock.set(new Date(RUN_AT.getTime() + 60_000));
    await rt.events.runDue();
    await rt.events.runDue();
    expect(await purges()).toHaveLength(1); // once per occurrence

    const [run] = await purges();
    expect(run).toMatchObject({ status: "completed", eventId: `cron:retention-daily:${RUN_AT.toISOString()}` });
    expect(run!.output).toEqual({
      removed: {
        searchEvents: 1,
        accountTokens: 1,
        idempotencyKeys: 1,
        sessions: 2,
        dataExports: 1,
        trashedConversations: 1,
        outbox: 1,
        deliveries: 1,
        conversationEvents: 1,
      },
    });

    const ids = async <T extends { id: string }>(rows: Promise<T[]>) => (await rows).map((r) => r.id).sort();
    expect(await ids(db.select().from(searchEvents))).toEqual([newSearch!.id]);
    expect(await db.select().from(searchClicks)).toEqual([]);
    expect(await ids(db.select().from(accountTokens))).toEqual([liveToken!.id]);
    expect(await ids(db.select().from(idempotencyKeys))).toEqual([freshKey!.id]);
    expect(await ids(db.select().from(sessions).where(eq(sessions.userId, student.id)))).toEqual(
      [revokedRecently!.id, live!.id].sort(),
    );
    expect(await ids(db.select().from(dataExports))).toEqual([liveExport!.id]);
    expect(await ids(db.select().from(conversations))).toEqual([recent!.id, oneSided!.id].sort());
    expect(
      await db
        .select()
        .from(conversationUserState)
        .where(inArray(conversationUserState.conversationId, [gone!.id])),
    ).toEqual([]);
    expect(await ids(db.select().from(conversationEvents))).toEqual([newEvent]);
    expect(await ids(db.select().from(outbox))).toEqual([recentMail!.id]);
    expect(await ids(db.select().from(notificationDeliveries))).toEqual(
      [recentDelivery!.id, pendingDelivery!.id].sort(),
    );

    // The next day's occurrence runs again (and finds nothing left to remove).
    clock.advance(DAY);
    await rt.events.runDue();
    const runs = await purges();
    expect(runs).toHaveLength(2);
    expect(runs.map((r) => (r.output as { removed: { searchEvents: number } }).removed.searchEvents)).toEqual([1, 0]);
  });

  it("two runners on one database start a scheduled function once", async () => {
    const opts = { now: clock.now, background: false, schedules: true };
    const make = () =>
      createDurableRunner({
        db: rt.dbh.db,
        functions: [retentionDaily.spec],
        services: () => rt.services,
        options: opts,
      });
    const a = make();
    const b = make();
    clock.advance(DAY);
    expect((await a.runDue()) + (await b.runDue())).toBe(1);
    await Promise.all([a.close(), b.close()]);
  });

  it("a runner on a test clock fires no schedule unless asked", async () => {
    const quiet = createDurableRunner({
      db: rt.dbh.db,
      functions: [retentionDaily.spec],
      services: () => rt.services,
      options: { now: clock.now, background: false },
    });
    clock.advance(DAY);
    expect(await quiet.runDue()).toBe(0);
    await quiet.close();
  });
});
