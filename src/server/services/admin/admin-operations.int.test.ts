import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { rowsOf } from "~/server/db/client";
import { auditLog, bookingPayments, instructorProfiles, jobRuns, users } from "~/server/db/schema";
import { PaymentGatewayError } from "~/server/integrations/payments/port";
import type { UserRow } from "~/server/repositories/users";
import { callerFor, createTestRuntime, createTestUser, sessionFor, type TestRuntime } from "~/test/harness";
import { createTestClock } from "~/test/clock";
import { ledgerByAccount, ledgerImbalances, onboardInstructor, saveCard } from "~/test/payments-fixtures";
import { listProcedures, procedureOf } from "~/test/router-walk";
import { buildWorld, type World } from "~/test/world";

/**
 * Admin console operations (issue 12) through the routers on a real database: permissions, one audit row per
 * mutation, refunds that keep the ledger balanced and are idempotent, a failed capture retried, moderation.
 */
const H = 3_600_000;
const T0 = new Date("2026-12-01T12:00:00Z");
const clock = createTestClock(T0);
let rt: TestRuntime;
let w: World;
let card: string;

const api = (u: Pick<UserRow, "id" | "sessionVersion">) => callerFor(rt, u, "198.51.100.20");
const admin = () => api(w.admin);
const auditCount = async () =>
  rowsOf<{ n: number }>(await rt.dbh.db.execute(sql`select count(*)::int as n from ${auditLog}`))[0]!.n;
/** Runs `fn` and asserts that it wrote exactly one audit row; returns the result and that row. */
async function oneAuditRow<T>(fn: () => Promise<T>) {
  const before = await auditCount();
  const result = await fn();
  expect(await auditCount()).toBe(before + 1);
  const [row] = await rt.dbh.db
    .select()
    .from(auditLog)
    .orderBy(sql`${auditLog.id} desc`)
    .limit(1);
  return { result, row: row! };
}
const payment = async (bookingId: string) =>
  (await rt.dbh.db.select().from(bookingPayments).where(eq(bookingPayments.bookingId, bookingId)))[0]!;

/** A paid lesson of student A with instructor A on `day` (10:00 New York), authorized 24 h before. */
async function paidLesson(day: number) {
  const start = new Date(Date.UTC(2026, 11, day, 15));
  clock.set(T0);
  const b = await (
    await api(w.studentA)
  ).booking.create({
    instructorServiceId: w.serviceA,
    start,
    durationMinutes: 60,
    location: { type: "online" },
    notes: "",
    paymentMethodId: card,
  });
  clock.set(new Date(start.getTime() - 24 * H));
  await rt.services.payments.flow.authorize(b.id);
  expect((await payment(b.id)).state).toBe("authorized");
  return { id: b.id, start };
}

beforeAll(async () => {
  rt = await createTestRuntime({ now: clock.now, events: { background: false } });
  w = await buildWorld(rt, T0);
  await onboardInstructor(rt, w.instructorA);
  card = await saveCard(rt, w.studentA);
});
afterEach(async () => {
  clock.set(T0);
  const l = await ledgerImbalances(rt);
  expect(l.unbalanced).toEqual([]);
  expect(l.grandTotal).toBe(0);
});
afterAll(async () => rt?.close());

describe("access", () => {
  const OPS = /^admin\.(instructors|bookings|payments|moderation|jobs)\./;
  it("every operations procedure refuses students, instructors and admins without 2FA (FORBIDDEN)", async () => {
    const paths = listProcedures()
      .filter((p) => OPS.test(p.path))
      .map((p) => p.path);
    expect(paths.length).toBeGreaterThanOrEqual(16);
    const noTwoFactor = await createTestUser(rt, { role: "admin", firstName: "No", lastName: "Totp" });
    const before = await auditCount();
    for (const who of [w.studentA, w.instructorA, noTwoFactor]) {
      const caller = await api(who);
      for (const path of paths) {
        const err = await procedureOf(caller, path)({}).catch((e: { code?: string }) => e);
        expect({ path, who: who.role, code: (err as { code?: string }).code }).toEqual({
          path,
          who: who.role,
          code: "FORBIDDEN",
        });
      }
    }
    expect(await auditCount()).toBe(before);
  });
});

describe("payments", () => {
  it("an admin refund returns the money, keeps the ledger balanced, and a repeat changes nothing", async () => {
    const { id, start } = await paidLesson(10);
    clock.set(new Date(start.getTime() + 25 * H));
    await rt.services.payments.flow.captureDue(id);
    expect(await payment(id)).toMatchObject({ state: "captured", capturedCents: 6000 });

    // Nothing to refund before a charge is refused; the filter finds the booking.
    const list = await (await admin()).admin.bookings.list({ student: "sam carter", status: "completed" });
    expect(list.items.map((b) => b.id)).not.toContain(id); // still confirmed, not completed
    const byStudent = await (await admin()).admin.bookings.list({ student: "Carter-Private", page: 1, pageSize: 50 });
    expect(byStudent.items.find((b) => b.id === id)).toMatchObject({ paymentState: "captured", subject: "Piano" });

    const { result, row } = await oneAuditRow(async () =>
      (await admin()).admin.bookings.refund({ bookingId: id, reason: "Instructor never showed up" }),
    );
    expect(result).toMatchObject({ outcome: "refunded", state: "refunded", refundedCents: 6000 });
    expect(row).toMatchObject({
      action: "admin.booking.refund",
      targetType: "booking",
      targetId: id,
      actorId: w.admin.id,
    });
    expect(row.data).toMatchObject({
      before: { state: "captured", refundedCents: 0 },
      after: { state: "refunded", refundedCents: 6000 },
      note: "Instructor never showed up",
    });
    const ledger = await ledgerByAccount(rt, id);
    expect(ledger).toEqual({ student_card: 6000, refunds: -6000, platform_fee: 0, instructor_payable: 0 });

    // Idempotent: the same refund again moves no money (one more audit row records the attempt).
    const again = await oneAuditRow(async () =>
      (await admin()).admin.bookings.refund({ bookingId: id, reason: "Instructor never showed up" }),
    );
    expect(again.result).toMatchObject({ outcome: "unchanged", state: "refunded", refundedCents: 6000 });
    expect(await ledgerByAccount(rt, id)).toEqual(ledger);
    const refunds = rowsOf<{ n: number }>(
      await rt.dbh.db.execute(
        sql`select count(*)::int as n from local_gateway_objects where type = 'refund' and parent_id = ${(await payment(id)).paymentIntentId}`,
      ),
    )[0]!.n;
    expect(refunds).toBe(1);

    // The timeline shows the booking, the payment steps and the admin action in time order.
    const t = await (await admin()).admin.bookings.timeline({ bookingId: id });
    const labels = t.entries.map((e) => `${e.source}:${e.label}`);
    for (const label of [
      "lifecycle:Booked",
      "message:Sam Carter-Private",
      "event:booking/created",
      "payment:Card authorized",
      "payment:Payment captured",
      "payment:Refunded",
      "admin:admin.booking.refund",
    ])
      expect(
        labels.some((l) => l.startsWith(label)),
        label,
      ).toBe(true);
    const times = t.entries.map((e) => e.at.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(t.payment).toMatchObject({ state: "refunded", refundedCents: 6000 });

    const rec = await (await admin()).admin.payments.reconciliation();
    expect(rec.reconciled).toBe(true);
    expect(rec.lines.find((l) => l.label === "Card refunded")).toMatchObject({ ledgerCents: 6000, recountCents: 6000 });
  });

  it("refusing to refund an uncharged booking writes nothing", async () => {
    const { id } = await paidLesson(12);
    const before = await auditCount();
    await expect((await admin()).admin.bookings.refund({ bookingId: id, reason: "x" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await auditCount()).toBe(before);
  });

  it("a failed capture shows in the failed bucket and an admin retry captures it", async () => {
    const { id, start } = await paidLesson(14);
    clock.set(new Date(start.getTime() + 25 * H));
    const gateway = rt.payments as { capture: typeof rt.payments.capture };
    const capture = gateway.capture;
    gateway.capture = async () => {
      throw new PaymentGatewayError("Stripe is down", "api_error", "api_connection_error");
    };
    try {
      await expect(rt.services.payments.flow.captureDue(id)).rejects.toThrow();
    } finally {
      gateway.capture = capture;
    }
    expect(await payment(id)).toMatchObject({ state: "authorized", capturedCents: 0 });
    expect((await payment(id)).lastError).not.toBeNull();
    const a = await admin();
    expect((await a.admin.payments.counts()).failed).toBeGreaterThanOrEqual(1);
    const failed = await a.admin.payments.list({ bucket: "failed" });
    expect(failed.items.map((p) => p.bookingId)).toContain(id);

    const { result, row } = await oneAuditRow(() => a.admin.payments.retry({ bookingId: id }));
    expect(result).toMatchObject({ outcome: "captured", state: "captured" });
    expect(row).toMatchObject({ action: "admin.payment.retry", targetId: id });
    expect(row.data).toMatchObject({ before: { state: "authorized" }, after: { state: "captured", lastError: null } });
    expect(await payment(id)).toMatchObject({ state: "captured", capturedCents: 6000 });
    // Nothing failed to retry any more.
    await expect(a.admin.payments.retry({ bookingId: id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await a.admin.payments.reconciliation()).reconciled).toBe(true);
  });

  it("an admin cancellation is free for the student: the hold is released", async () => {
    const { id } = await paidLesson(16);
    const { result, row } = await oneAuditRow(async () =>
      (await admin()).admin.bookings.cancel({ bookingId: id, reason: "Duplicate booking" }),
    );
    expect(result).toMatchObject({ status: "cancelled", paymentState: "released" });
    expect(row.data).toMatchObject({ before: { status: "confirmed" }, after: { status: "cancelled" } });
  });
});

describe("moderation", () => {
  it("a participant reports a message; a stranger gets NOT_FOUND; hiding shows it as removed to both", async () => {
    await expect(
      (await api(w.studentB)).reports.message({ messageId: w.message, reason: "spam" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      (await api(w.instructorB)).reports.message({ messageId: w.message, reason: "spam" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The sender can't report their own message.
    await expect(
      (await api(w.studentA)).reports.message({ messageId: w.message, reason: "oops" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const filed = await (await api(w.instructorA)).reports.message({ messageId: w.message, reason: "Rude message" });
    expect(filed.status).toBe("open");
    // Reporting twice keeps one report.
    expect(
      (await (await api(w.instructorA)).reports.message({ messageId: w.message, reason: "Rude message" })).reportId,
    ).toBe(filed.reportId);

    const queue = await (await admin()).admin.moderation.queue({});
    expect(queue.items[0]).toMatchObject({
      id: filed.reportId,
      targetType: "message",
      content: "Hi! Do you teach beginners?",
      status: "open",
      authorId: w.studentA.id,
    });

    const { result, row } = await oneAuditRow(async () =>
      (await admin()).admin.moderation.resolve({ reportId: filed.reportId, action: "hide", note: "Harassment" }),
    );
    expect(result).toMatchObject({ status: "hidden", reportsClosed: 1 });
    expect(row).toMatchObject({ action: "admin.moderation.hide", targetType: "message", targetId: w.message });
    expect(row.data).toMatchObject({ before: { visible: true }, after: { visible: false } });

    for (const who of [w.studentA, w.instructorA]) {
      const h = await (await api(who)).conversations.history({ conversationId: w.conversation, limit: 50 });
      const m = h.messages.find((x) => x.id === w.message)!;
      expect(m).toMatchObject({ body: null, deleted: true, moderated: true });
      expect(JSON.stringify(h)).not.toContain("Do you teach beginners");
      // The inbox preview says who removed it, too.
      const inbox = await (await api(who)).conversations.list({ state: "active", limit: 50 });
      const preview = inbox.items.find((c) => c.id === w.conversation)?.lastMessage;
      expect(preview).toMatchObject({ id: w.message, body: null, deleted: true, moderated: true });
    }
    // Decided once.
    await expect(
      (await admin()).admin.moderation.resolve({ reportId: filed.reportId, action: "dismiss", note: "" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    // The booking timeline shows it removed too.
    const t = await (await admin()).admin.bookings.timeline({ bookingId: w.upcomingBooking });
    expect(t.entries.find((e) => e.source === "message")?.detail).toBe("Message removed by moderator");
  });

  it("a published review can be reported and hidden from the profile; warn and dismiss write one row each", async () => {
    const r = await (await api(w.studentB)).reports.review({ reviewId: w.review, reason: "Fake review" });
    const shown = await (await api(w.studentB)).booking.reviews({ instructorId: w.instructorA.id, limit: 10 });
    expect(shown.items.map((x) => x.id)).toContain(w.review);
    const warned = await oneAuditRow(async () =>
      (await admin()).admin.moderation.resolve({ reportId: r.reportId, action: "warn", note: "Keep it factual" }),
    );
    expect(warned.row.action).toBe("admin.moderation.warn");
    // A second report of the same review, then hidden.
    const r2 = await (await api(w.instructorB)).reports.review({ reviewId: w.review, reason: "Not a real lesson" });
    await oneAuditRow(async () =>
      (await admin()).admin.moderation.resolve({ reportId: r2.reportId, action: "hide", note: "" }),
    );
    const after = await (await api(w.studentB)).booking.reviews({ instructorId: w.instructorA.id, limit: 10 });
    expect(after.items.map((x) => x.id)).not.toContain(w.review);
    await expect((await api(w.studentB)).reports.review({ reviewId: w.review, reason: "again" })).rejects.toMatchObject(
      { code: "NOT_FOUND" },
    );
  });

  it("suspending the author through a report signs them out and writes one audit row", async () => {
    const spammer = await createTestUser(rt, { role: "student", firstName: "Spam", lastName: "Sender" });
    const started = await (
      await api(spammer)
    ).conversations.start({
      otherUserId: w.instructorB.id,
      message: { clientId: "spam-0001", body: "Buy followers cheap" },
    });
    const r = await (await api(w.instructorB)).reports.message({ messageId: started.message!.id, reason: "Spam" });
    const session = await sessionFor(rt, spammer);
    expect(await rt.services.session.resolveActor(session)).not.toBeNull();
    await oneAuditRow(async () =>
      (await admin()).admin.moderation.resolve({ reportId: r.reportId, action: "suspend", note: "Spam" }),
    );
    const [u] = await rt.dbh.db.select().from(users).where(eq(users.id, spammer.id));
    expect(u!.status).toBe("suspended");
    // The session they had is signed out.
    expect(await rt.services.session.resolveActor(session)).toBeNull();
  });

  it("reports are rate-limited per user (20 an hour)", async () => {
    const chatty = await createTestUser(rt, { role: "student", firstName: "Many", lastName: "Reports" });
    const c = await (
      await api(chatty)
    ).conversations.start({
      otherUserId: w.instructorB.id,
      message: { clientId: "chatty-0001", body: "Hello" },
    });
    const reply = await (
      await api(w.instructorB)
    ).conversations.send({
      conversationId: c.conversation.id,
      clientId: "reply-00001",
      body: "Hi there",
    });
    const caller = await api(chatty);
    const codes: string[] = [];
    for (let i = 0; i < 21; i++) {
      const r = await caller.reports
        .message({ messageId: reply.id, reason: `report ${i}` })
        .then(() => "OK")
        .catch((err: { code: string }) => err.code);
      codes.push(r);
    }
    expect(codes.slice(0, 20)).toEqual(Array(20).fill("OK"));
    expect(codes[20]).toBe("TOO_MANY_REQUESTS");
  });
});

describe("instructors and jobs", () => {
  it("reject needs a reason; approve, founding and hiding a profile field each write one row", async () => {
    const a = await admin();
    await expect(
      a.admin.instructors.decide({ instructorId: w.instructorB.id, decision: "reject", reason: "" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const rejected = await oneAuditRow(() =>
      a.admin.instructors.decide({ instructorId: w.instructorB.id, decision: "reject", reason: "ID mismatch" }),
    );
    expect(rejected.result.status).toBe("failed");
    const queue = await a.admin.instructors.list({ check: "failed" });
    expect(queue.items.map((i) => i.id)).toContain(w.instructorB.id);
    expect(queue.items.find((i) => i.id === w.instructorB.id)?.listed).toBe(false);

    const founding = await oneAuditRow(() =>
      a.admin.instructors.setFounding({ instructorId: w.instructorA.id, founding: true }),
    );
    expect(founding.row.data).toMatchObject({ before: { founding: false }, after: { founding: true } });
    const [p] = await rt.dbh.db
      .select()
      .from(instructorProfiles)
      .where(eq(instructorProfiles.userId, w.instructorA.id));
    expect(p!.founding).toBe(true);

    const publicBefore = await (await api(w.studentB)).instructor.publicProfile({ id: w.instructorA.id });
    expect(publicBefore.headline).toContain("piano");
    await oneAuditRow(() =>
      a.admin.instructors.setFieldHidden({
        instructorId: w.instructorA.id,
        field: "headline",
        hidden: true,
        reason: "Contact details in headline",
      }),
    );
    const publicAfter = await (await api(w.studentB)).instructor.publicProfile({ id: w.instructorA.id });
    expect(publicAfter.headline).toBe("");
    expect(publicAfter.bio).toBe(publicBefore.bio);
    // Search cards leave it out too (the hide moves the profile's change mark, so the index reloads).
    await rt.services.search.refreshIndex();
    const found = await (await api(w.studentB)).search.instructors({ q: "piano", limit: 24 });
    const card = found.cards.find((c) => c.id === w.instructorA.id);
    expect(card).toBeDefined();
    expect(card!.headline).toBe("");
  });

  it("lists failed job runs and retries one once", async () => {
    const id = "run-admin-test-1";
    await rt.dbh.db.insert(jobRuns).values({
      id,
      functionId: "payments-capture",
      eventName: "booking/created",
      eventData: { bookingId: "none" },
      status: "failed",
      wakeAt: T0,
      attempt: 4,
      maxAttempts: 4,
      lastError: "boom",
      createdAt: T0,
      updatedAt: T0,
      finishedAt: T0,
    });
    const a = await admin();
    const list = await a.admin.jobs.list({ status: "failed" });
    expect(list.runner).toBe("local");
    expect(list.items.find((r) => r.id === id)).toMatchObject({ status: "failed", lastError: "boom" });
    const { row } = await oneAuditRow(() => a.admin.jobs.retry({ runId: id }));
    expect(row.data).toMatchObject({ before: { status: "failed", attempt: 4 }, after: { status: "queued" } });
    const [run] = await rt.dbh.db.select().from(jobRuns).where(eq(jobRuns.id, id));
    expect(run).toMatchObject({ status: "queued", attempt: 0, finishedAt: null });
    await expect(a.admin.jobs.retry({ runId: id })).rejects.toMatchObject({ code: "CONFLICT" });
    await rt.dbh.db.delete(jobRuns).where(eq(jobRuns.id, id));
  });
});
