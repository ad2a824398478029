import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { rowsOf } from "~/server/db/client";
import { callerFor, createTestRuntime, createTestUser, type TestRuntime } from "~/test/harness";
import { createTestClock } from "~/test/clock";
import { TEST_CARDS, ledgerByAccount, ledgerImbalances, onboardInstructor, saveCard } from "~/test/payments-fixtures";
import { bookingPayments, bookings, instructorProfiles, notifications, stripeEvents } from "~/server/db/schema";
import { newId } from "~/lib/ids";
import type { UserRow } from "~/server/repositories/users";
import { asLocalGateway } from "~/server/integrations/payments";
import { handleStripeWebhook } from "~/server/api/stripe-webhook";
import { createBookableInstructor } from "~/test/catalog-fixtures";

/**
 * The money flow on the local gateway (Stripe's test cards and state machine) and a real database, driven by a
 * movable clock through the durable runner (`rt.events.runDue()`). After every test a SQL query asserts that
 * the ledger balances.
 */
const H = 3_600_000;
const T0 = new Date("2026-12-01T12:00:00Z"); // 07:00 New York
/** 10:00 New York (15:00Z) on 2026-12-(day), or later days of the next months via a day offset. */
const at = (day: number, hourNy = 10) => new Date(Date.UTC(2026, 11, day, hourNy + 5));
const RATE = 6000; // $60/h → a 60-minute lesson is 6000 cents

const clock = createTestClock(T0);
let rt: TestRuntime;
let instructor: UserRow;
let serviceId: string;

async function makeInstructor(opts: { founding?: boolean } = {}) {
  const { user: u, serviceId } = await createBookableInstructor(rt, {
    firstName: "Ines",
    lastName: "Moreau",
    hourlyRateCents: RATE,
  });
  await rt.dbh.db
    .update(instructorProfiles)
    .set({ founding: opts.founding ?? false })
    .where(eq(instructorProfiles.userId, u.id));
  await onboardInstructor(rt, u);
  return { user: u, serviceId };
}

async function makeStudent(card: string | null = TEST_CARDS.visa) {
  const u = await createTestUser(rt, { role: "student", firstName: "Sam", lastName: "Carter" });
  return { user: u, card: card ? await saveCard(rt, u, card) : undefined };
}

const api = (u: UserRow) => callerFor(rt, u, "203.0.113.7");
const services = () => rt.services;
const book = async (s: { user: UserRow; card?: string }, start: Date, svc = serviceId) =>
  (await api(s.user)).booking.create({
    instructorServiceId: svc,
    start,
    durationMinutes: 60,
    location: { type: "online" },
    notes: "",
    paymentMethodId: s.card,
  });
const payment = async (bookingId: string) =>
  (await rt.dbh.db.select().from(bookingPayments).where(eq(bookingPayments.bookingId, bookingId)))[0]!;
const bookingRow = async (bookingId: string) =>
  (await rt.dbh.db.select().from(bookings).where(eq(bookings.id, bookingId)))[0]!;
/** Moves the clock and runs every background step that has become due. */
async function runAt(t: Date) {
  clock.set(t);
  await rt.events.runDue();
}

beforeAll(async () => {
  rt = await createTestRuntime({ now: clock.now, events: { background: false } });
  ({ user: instructor, serviceId } = await makeInstructor());
});
afterEach(async () => {
  clock.set(T0);
  // The ledger balances after every test: each transaction sums to zero, and so does everything.
  const l = await ledgerImbalances(rt);
  expect(l.unbalanced).toEqual([]);
  expect(l.grandTotal).toBe(0);
});
afterAll(async () => rt?.close());

describe("cards and the ledger guard", () => {
  it("limits card attempts per student (a card tester gets a handful of tries)", async () => {
    const s = await makeStudent(null);
    const a = await api(s.user);
    const setup = await a.payments.startCardSetup();
    const codes: string[] = [];
    for (let i = 0; i < 11; i++) {
      const e = await a.payments
        .confirmLocalCard({ ...setup, number: TEST_CARDS.declined, expMonth: 12, expYear: 2034, cvc: "123" })
        .catch((err: { code: string }) => err);
      codes.push((e as { code: string }).code);
    }
    expect(codes.slice(0, 10)).toEqual(Array(10).fill("BAD_REQUEST"));
    expect(codes[10]).toBe("TOO_MANY_REQUESTS");
    // Another student is not affected.
    const other = await makeStudent(null);
    await expect(saveCard(rt, other.user, TEST_CARDS.visa)).resolves.toEqual(expect.any(String));
  });

  it("saves cards (a declined one is refused with a cardholder-safe message), keeps a default, protects a card in use", async () => {
    const s = await makeStudent(null);
    const a = await api(s.user);
    expect(await a.payments.config()).toEqual({ mode: "local", publishableKey: null });
    const setup = await a.payments.startCardSetup();
    const declined = await a.payments
      .confirmLocalCard({ ...setup, number: TEST_CARDS.declined, expMonth: 12, expYear: 2034, cvc: "123" })
      .catch((e: unknown) => e);
    expect(declined).toMatchObject({
      code: "BAD_REQUEST",
      message: "Your card was declined.",
      cause: { data: { declineCode: "generic_decline" } },
    });
    // A SetupIntent's idempotency key is the user and the clock's millisecond: each new setup at a later instant.
    clock.advance(1);
    const first = await saveCard(rt, s.user, TEST_CARDS.visa);
    clock.advance(1);
    const second = await saveCard(rt, s.user, "5555555555554444");
    expect(await a.payments.listCards()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ paymentMethodId: first, brand: "visa", last4: "4242", isDefault: true }),
        expect.objectContaining({ paymentMethodId: second, brand: "mastercard", last4: "4444", isDefault: false }),
      ]),
    );
    await a.payments.setDefaultCard({ paymentMethodId: second });
    expect((await a.payments.listCards()).find((c) => c.isDefault)?.paymentMethodId).toBe(second);
    await book({ user: s.user, card: first }, at(29));
    await expect(a.payments.removeCard({ paymentMethodId: first })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await a.payments.removeCard({ paymentMethodId: second })).toEqual({ ok: true });
    // Someone else's card is not yours to book with or remove.
    const other = await makeStudent();
    await expect((await api(other.user)).payments.removeCard({ paymentMethodId: first })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(book({ user: other.user, card: first }, at(29, 12))).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("refuses to commit an unbalanced ledger transaction", async () => {
    const tx = newId();
    await expect(
      rt.dbh.db.transaction(async (t) => {
        await t.execute(
          sql`insert into ledger_entries (id, transaction_id, account, amount_cents, kind) values (${newId()}, ${tx}, 'platform_fee', -100, 'test')`,
        );
      }),
    ).rejects.toThrow();
    expect(
      await rt.dbh.db
        .execute(sql`select 1 from ledger_entries where transaction_id = ${tx}`)
        .then((r) => rowsOf(r).length),
    ).toBe(0);
  });
});

describe("authorize → capture", () => {
  it("saves the card at booking, authorizes 24 h before, captures 24 h after the end with the fee split", async () => {
    const s = await makeStudent();
    const start = at(5);
    const b = await book(s, start);
    expect(b.status).toBe("confirmed");
    expect(b.payment).toMatchObject({ state: "scheduled", cardAmountCents: 6000, creditAppliedCents: 0 });
    expect(b.payment!.authorizeAt).toEqual(new Date(start.getTime() - 24 * H));

    await runAt(T0);
    expect((await payment(b.id)).state).toBe("scheduled"); // not yet due
    await runAt(new Date(start.getTime() - 24 * H));
    const authorized = await payment(b.id);
    expect(authorized).toMatchObject({
      state: "authorized",
      attempts: 1,
      cardBrand: "visa",
      cardLast4: "4242",
      feePercent: 15,
      platformFeeCents: 900,
      instructorShareCents: 5100,
    });
    const pi = await rt.payments.getPaymentIntent(authorized.paymentIntentId!);
    expect(pi).toMatchObject({ status: "requires_capture", amountCents: 6000 });
    const raw = (await asLocalGateway(rt.payments)!.inspect(authorized.paymentIntentId!)) as Record<string, unknown>;
    expect(raw).toMatchObject({ capture_method: "manual", application_fee_amount: 900 });

    // The student sees the payment without the fee split; the instructor sees it; an outsider gets NOT_FOUND.
    const asStudent = await (await api(s.user)).payments.forBooking({ bookingId: b.id });
    expect(asStudent).toMatchObject({
      state: "authorized",
      card: { brand: "visa", last4: "4242" },
      platformFeeCents: null,
      instructorShareCents: null,
      feePercent: null,
    });
    expect(await (await api(instructor)).payments.forBooking({ bookingId: b.id })).toMatchObject({
      platformFeeCents: 900,
      instructorShareCents: 5100,
      feePercent: 15,
    });
    const outsider = await makeStudent(null);
    await expect((await api(outsider.user)).payments.forBooking({ bookingId: b.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    await runAt(new Date(start.getTime() + 1 * H + 23 * H)); // end + 23 h: not yet
    expect((await payment(b.id)).state).toBe("authorized");
    await runAt(new Date(start.getTime() + 1 * H + 24 * H));
    const captured = await payment(b.id);
    expect(captured).toMatchObject({ state: "captured", capturedCents: 6000, refundedCents: 0 });
    expect(await rt.payments.getPaymentIntent(captured.paymentIntentId!)).toMatchObject({
      status: "succeeded",
      amountReceivedCents: 6000,
    });
    expect(await ledgerByAccount(rt, b.id)).toEqual({
      student_card: 6000,
      platform_fee: -900,
      instructor_payable: -5100,
    });

    // Running everything again changes nothing (idempotent steps).
    await runAt(new Date(start.getTime() + 30 * H));
    await services().payments.flow.captureDue(b.id);
    expect(await ledgerByAccount(rt, b.id)).toEqual({
      student_card: 6000,
      platform_fee: -900,
      instructor_payable: -5100,
    });
    const receipts = await (await api(s.user)).payments.receipts({ limit: 10 });
    expect(receipts.items[0]).toMatchObject({
      bookingId: b.id,
      chargedCents: 6000,
      status: "captured",
      instructorName: "Ines M.",
    });
  });

  it("authorizes inside create when the lesson is under 24 h away; a decline cancels it and frees the slot", async () => {
    const ok = await makeStudent();
    const b = await book(ok, at(1, 19)); // 12 h after T0
    expect(b.status).toBe("confirmed");
    expect(b.payment?.state).toBe("authorized");

    const bad = await makeStudent(TEST_CARDS.declinesOnCharge);
    const start = at(1, 17);
    const err = await book(bad, start).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: "BAD_REQUEST",
      message: "Your card was declined.",
      cause: { data: { reason: "PAYMENT_DECLINED" } },
    });
    const [row] = await rt.dbh.db
      .select()
      .from(bookings)
      .where(and(eq(bookings.studentId, bad.user.id), eq(bookings.startAt, start)));
    expect(row).toMatchObject({ status: "cancelled", cancelledBy: "system", cancellationReason: "payment_declined" });
    expect((await payment(row!.id)).state).toBe("released");
    // The slot is free again.
    const again = await book(await makeStudent(), start);
    expect(again.status).toBe("confirmed");
  });

  it("a retry of a declined create with the same idempotency key gets the same decline, not the cancelled booking", async () => {
    const bad = await makeStudent(TEST_CARDS.declinesOnCharge);
    const input = {
      instructorServiceId: serviceId,
      start: at(1, 14),
      durationMinutes: 60 as const,
      location: { type: "online" as const },
      notes: "",
      paymentMethodId: bad.card,
      idempotencyKey: "retry-after-decline-1",
    };
    const caller = await api(bad.user);
    const first = await caller.booking.create(input).catch((e: unknown) => e);
    const retry = await caller.booking.create(input).catch((e: unknown) => e);
    for (const err of [first, retry])
      expect(err).toMatchObject({
        code: "BAD_REQUEST",
        message: "Your card was declined.",
        cause: { data: { reason: "PAYMENT_DECLINED" } },
      });
    const rows = await rt.dbh.db.select().from(bookings).where(eq(bookings.studentId, bad.user.id));
    expect(rows.map((r) => r.status)).toEqual(["cancelled"]);
  });
});

describe("declines", () => {
  it("notifies the student, retries on a backoff and cancels the booking at T−12 h when still unpaid", async () => {
    const s = await makeStudent(TEST_CARDS.declinesOnCharge);
    const start = at(8);
    const b = await book(s, start);
    await runAt(T0);
    await runAt(new Date(start.getTime() - 24 * H));
    const first = await payment(b.id);
    expect(first).toMatchObject({ state: "auth_failed", attempts: 1, lastError: "Your card was declined." });
    const note = await rt.dbh.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, s.user.id), eq(notifications.kind, "payment.authorization_failed")));
    expect(note).toHaveLength(1);
    expect((await bookingRow(b.id)).status).toBe("confirmed");
    for (let h = 23; h >= 12; h--) await runAt(new Date(start.getTime() - h * H));
    const last = await payment(b.id);
    expect(last.attempts).toBeGreaterThanOrEqual(3);
    expect(last.state).toBe("released");
    expect(await bookingRow(b.id)).toMatchObject({
      status: "cancelled",
      cancelledBy: "system",
      cancellationReason: "payment_not_authorized",
      cancellationFeeCents: 0,
    });
    // Both sides are told (the lifecycle notification function ran on booking/cancelled).
    for (const userId of [s.user.id, instructor.id]) {
      const n = await rt.dbh.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, userId), eq(notifications.kind, "booking.cancelled")));
      expect(n.length).toBeGreaterThanOrEqual(1);
    }
    const retried = await rt.dbh.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, s.user.id), eq(notifications.kind, "payment.authorization_failed")));
    expect(retried.length).toBe(last.attempts);
  });

  it("lets the student retry with another card", async () => {
    const s = await makeStudent(TEST_CARDS.declinesOnCharge);
    const start = at(9);
    const b = await book(s, start);
    clock.set(new Date(start.getTime() - 24 * H));
    await services().payments.flow.authorize(b.id);
    expect((await payment(b.id)).state).toBe("auth_failed");
    const good = await saveCard(rt, s.user, TEST_CARDS.visa);
    const view = await (await api(s.user)).payments.retryAuthorization({ bookingId: b.id, paymentMethodId: good });
    expect(view).toMatchObject({ state: "authorized", attempts: 2, card: { last4: "4242" }, lastError: null });
    await expect((await api(instructor)).payments.retryAuthorization({ bookingId: b.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});

describe("cancellations", () => {
  async function authorizedBooking(day: number) {
    const s = await makeStudent();
    const start = at(day);
    const b = await book(s, start);
    clock.set(new Date(start.getTime() - 24 * H));
    await services().payments.flow.authorize(b.id);
    expect((await payment(b.id)).state).toBe("authorized");
    return { s, b, start };
  }

  it("a student cancelling 12–24 h before pays 50 % by partial capture; the rest of the hold is released", async () => {
    const { s, b, start } = await authorizedBooking(11);
    clock.set(new Date(start.getTime() - 18 * H));
    const cancelled = await (await api(s.user)).booking.cancel({ bookingId: b.id, reason: "" });
    expect(cancelled.cancellationFeeCents).toBe(3000);
    const p = await payment(b.id);
    expect(p).toMatchObject({ state: "captured", capturedCents: 3000 });
    expect(await rt.payments.getPaymentIntent(p.paymentIntentId!)).toMatchObject({
      status: "succeeded",
      amountReceivedCents: 3000,
    });
    expect(await ledgerByAccount(rt, b.id)).toEqual({
      student_card: 3000,
      platform_fee: -450,
      instructor_payable: -2550,
    });
  });

  it("under 12 h the full price is captured; 24 h or more before, nothing is charged", async () => {
    const late = await authorizedBooking(12);
    clock.set(new Date(late.start.getTime() - 6 * H));
    await (await api(late.s.user)).booking.cancel({ bookingId: late.b.id, reason: "" });
    expect(await payment(late.b.id)).toMatchObject({ state: "captured", capturedCents: 6000 });

    const early = await makeStudent();
    const b = await book(early, at(13));
    await (await api(early.user)).booking.cancel({ bookingId: b.id, reason: "" });
    expect(await payment(b.id)).toMatchObject({ state: "released", capturedCents: 0 });
    expect(await ledgerByAccount(rt, b.id)).toEqual({});
  });

  it("an instructor cancellation releases the hold; after a capture, a refund reverses the transfer", async () => {
    const { b, start } = await authorizedBooking(14);
    clock.set(new Date(start.getTime() - 6 * H));
    await (await api(instructor)).booking.cancel({ bookingId: b.id, reason: "sick" });
    const p = await payment(b.id);
    expect(p).toMatchObject({ state: "released", capturedCents: 0 });
    expect(await rt.payments.getPaymentIntent(p.paymentIntentId!)).toMatchObject({ status: "canceled" });

    // The student reports that the instructor never came (before the capture): the hold is released.
    const absent = await authorizedBooking(15);
    clock.set(new Date(absent.start.getTime() + 3 * H));
    await (await api(absent.s.user)).booking.reportNoShow({ bookingId: absent.b.id });
    expect(await payment(absent.b.id)).toMatchObject({ state: "released", capturedCents: 0 });
    expect(await ledgerByAccount(rt, absent.b.id)).toEqual({});
  });

  it("a refund after the capture reverses the instructor's transfer and the platform fee in proportion", async () => {
    const { b, start } = await authorizedBooking(28);
    await runAt(new Date(start.getTime() + 25 * H));
    const captured = await payment(b.id);
    expect(captured.state).toBe("captured");
    await services().payments.flow.refund(b.id, 3000);
    expect(await payment(b.id)).toMatchObject({ state: "partially_refunded", refundedCents: 3000 });
    await services().payments.flow.refund(b.id);
    const refunded = await payment(b.id);
    expect(refunded).toMatchObject({ state: "refunded", capturedCents: 6000, refundedCents: 6000 });
    expect(await ledgerByAccount(rt, b.id)).toEqual({
      student_card: 6000,
      refunds: -6000,
      platform_fee: 0,
      instructor_payable: 0,
    });
    const refunds = await rt.dbh.db.execute(
      sql`select data from local_gateway_objects where type = 'refund' and parent_id = ${captured.paymentIntentId}`,
    );
    const rows = rowsOf<{
      data: { amount: number; x_transfer_reversal_amount: number; x_application_fee_refund_amount: number };
    }>(refunds);
    expect(rows.map((r) => r.data.amount).sort()).toEqual([3000, 3000]);
    // Destination charge: the whole amount was transferred, so the reversal equals the refund, and the application
    // fee goes back to the connected account — the instructor's net is −5100, their share.
    const reversed = rows.reduce((sum, r) => sum + r.data.x_transfer_reversal_amount, 0);
    const feeBack = rows.reduce((sum, r) => sum + r.data.x_application_fee_refund_amount, 0);
    expect([reversed, feeBack]).toEqual([6000, 900]);
    expect(reversed - feeBack).toBe(5100);
  });
});

describe("reschedule", () => {
  it("keeps the hold when it outlives the new capture time, and re-authorizes when it would not", async () => {
    const s = await makeStudent();
    const start = at(16);
    const b = await book(s, start);
    clock.set(new Date(start.getTime() - 24 * H));
    await services().payments.flow.authorize(b.id);
    const held = await payment(b.id);

    const moved = await (await api(s.user)).booking.reschedule({ bookingId: b.id, newStart: at(17) });
    const kept = await payment(moved.id);
    expect(kept).toMatchObject({
      state: "authorized",
      paymentIntentId: held.paymentIntentId,
      creditAppliedCents: 0,
      cardAmountCents: 6000,
    });
    expect(await payment(b.id)).toMatchObject({ state: "released", paymentIntentId: null });

    // Eight days later: past the hold's life — back to scheduled, the old hold released at the gateway.
    const far = await (await api(s.user)).booking.reschedule({ bookingId: moved.id, newStart: at(25) });
    const again = await payment(far.id);
    expect(again).toMatchObject({ state: "scheduled", paymentIntentId: null, attempts: 0 });
    expect(again.authorizeAt).toEqual(new Date(at(25).getTime() - 24 * H));
    expect(await rt.payments.getPaymentIntent(held.paymentIntentId!)).toMatchObject({ status: "canceled" });
    await runAt(new Date(at(25).getTime() - 24 * H));
    expect((await payment(far.id)).state).toBe("authorized");
    await runAt(new Date(at(25).getTime() + 25 * H));
    expect(await payment(far.id)).toMatchObject({ state: "captured", capturedCents: 6000 });
  });
});

describe("credits", () => {
  it("applies credits first, captures card + credit, and returns credit on a free cancellation", async () => {
    const s = await makeStudent();
    await services().payments.accounts.grantCredit(s.user.id, 2500, "Welcome credit");
    const b = await book(s, at(18));
    expect(b.payment).toMatchObject({ creditAppliedCents: 2500, cardAmountCents: 3500 });
    expect((await (await api(s.user)).payments.credits()).balanceCents).toBe(0);
    await runAt(new Date(at(18).getTime() - 24 * H));
    const p = await payment(b.id);
    const raw = (await asLocalGateway(rt.payments)!.inspect(p.paymentIntentId!)) as Record<string, unknown>;
    expect(raw).toMatchObject({ amount: 3500, application_fee_amount: 0 }); // the credit is funded from the platform fee
    await runAt(new Date(at(18).getTime() + 25 * H));
    expect(await ledgerByAccount(rt, b.id)).toEqual({
      student_card: 3500,
      student_credit: 2500,
      platform_fee: -900,
      instructor_payable: -5100,
    });

    // Credits covering the whole price: no card needed, nothing authorized; a free cancellation gives them back.
    clock.set(T0);
    const rich = await makeStudent(null);
    await services().payments.accounts.grantCredit(rich.user.id, 10_000, "Gift");
    const paid = await book(rich, at(19));
    expect(paid.payment).toMatchObject({ state: "not_required", creditAppliedCents: 6000, cardAmountCents: 0 });
    await expect(book(rich, at(20))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { data: { reason: "CARD_REQUIRED" } },
    });
    await (await api(rich.user)).booking.cancel({ bookingId: paid.id, reason: "" });
    expect((await (await api(rich.user)).payments.credits()).balanceCents).toBe(10_000);
  });

  it("20 simultaneous bookings spending one credit balance never overspend it", async () => {
    const s = await makeStudent();
    await services().payments.accounts.grantCredit(s.user.id, 30_000, "Bulk");
    const starts = Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2027, 0, 5 + i, 15)));
    const results = await Promise.allSettled(starts.map((st) => book(s, st)));
    const made = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    expect(made).toHaveLength(20);
    const applied = made.reduce((sum, b) => sum + b.payment!.creditAppliedCents, 0);
    expect(applied).toBe(30_000);
    expect((await (await api(s.user)).payments.credits()).balanceCents).toBe(0);
    expect(made.filter((b) => b.payment!.creditAppliedCents === 6000)).toHaveLength(5);
  });
});

describe("fee tiers", () => {
  async function completedLessons(instructorId: string, svc: string, n: number) {
    const rows = Array.from({ length: n }, (_, i) => {
      const start = new Date(T0.getTime() - (i + 2) * 24 * H);
      return {
        studentId: instructor.id === instructorId ? instructorId : instructorId, // the student is irrelevant to the tier
        instructorId,
        serviceId: svc,
        startAt: start,
        endAt: new Date(start.getTime() + H),
        blockedUntil: new Date(start.getTime() + H),
        status: "completed" as const,
        locationType: "online" as const,
        priceCents: 6000,
        completedAt: new Date(start.getTime() + 2 * H),
      };
    });
    if (rows.length) await rt.dbh.db.insert(bookings).values(rows);
  }

  it("15 % → 12 % from 10 completed lessons in 90 days → 10 % from 25; founding 8 %", async () => {
    const cases: [number, boolean, number][] = [
      [9, false, 15],
      [10, false, 12],
      [25, false, 10],
      [0, true, 8],
    ];
    for (const [n, founding, percent] of cases) {
      const i = await makeInstructor({ founding });
      await completedLessons(i.user.id, i.serviceId, n);
      const s = await makeStudent();
      const b = await book(s, at(21), i.serviceId);
      const fee = Math.floor((6000 * percent + 50) / 100);
      expect(await payment(b.id)).toMatchObject({
        feePercent: percent,
        platformFeeCents: fee,
        instructorShareCents: 6000 - fee,
      });
      const status = await (await api(i.user)).payouts.status();
      expect(status.feeTier).toMatchObject({ percent, founding, completedLast90Days: n });
      expect(status.account.state).toBe("complete");
    }
  });
});

describe("concurrency", () => {
  it("a capture racing a cancellation ends in exactly one consistent outcome", async () => {
    for (const day of [22, 23, 24]) {
      const s = await makeStudent();
      const start = at(day);
      const b = await book(s, start);
      clock.set(new Date(start.getTime() - 20 * H));
      await services().payments.flow.authorize(b.id, { force: true });
      // Make the capture due now, so it races the instructor's cancellation.
      await rt.dbh.db
        .update(bookingPayments)
        .set({ captureAt: new Date(clock.now().getTime() - H) })
        .where(eq(bookingPayments.bookingId, b.id));
      await Promise.allSettled([
        (await api(instructor)).booking.cancel({ bookingId: b.id, reason: "race" }),
        services().payments.flow.captureDue(b.id),
      ]);
      await services().payments.flow.settleBooking(b.id);
      const p = await payment(b.id);
      const pi = await rt.payments.getPaymentIntent(p.paymentIntentId!);
      if (p.state === "released") {
        expect(p).toMatchObject({ capturedCents: 0, refundedCents: 0 });
        expect(pi.status).toBe("canceled");
        expect(await ledgerByAccount(rt, b.id)).toEqual({});
      } else {
        expect(p).toMatchObject({ state: "refunded", capturedCents: 6000, refundedCents: 6000 });
        expect(pi.status).toBe("succeeded");
        expect(await ledgerByAccount(rt, b.id)).toEqual({
          student_card: 6000,
          refunds: -6000,
          platform_fee: 0,
          instructor_payable: 0,
        });
      }
      expect((await bookingRow(b.id)).status).toBe("cancelled");
    }
  });
});

describe("webhooks", () => {
  const deliver = async (payload: string, signature: string | null) => {
    const req = new Request("http://localhost/api/webhooks/stripe", {
      method: "POST",
      body: payload,
      headers: signature ? { "stripe-signature": signature } : {},
    });
    const res = await handleStripeWebhook(services(), req);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const local = () => asLocalGateway(rt.payments)!;

  it("refuses a bad signature with 400 and stores nothing", async () => {
    const { payload } = local().signEvent({ type: "account.updated", object: { id: "acct_x" }, id: "evt_bad_sig" });
    expect((await deliver(payload, "t=1,v1=deadbeef")).status).toBe(400);
    expect((await deliver(payload, null)).status).toBe(400);
    expect(await rt.dbh.db.select().from(stripeEvents).where(eq(stripeEvents.id, "evt_bad_sig"))).toHaveLength(0);
  });

  it("processes a duplicate event once, and tolerates events out of order", async () => {
    const s = await makeStudent();
    const start = at(26);
    const b = await book(s, start);
    clock.set(new Date(start.getTime() - 24 * H));
    await services().payments.flow.authorize(b.id);
    const pi = (await payment(b.id)).paymentIntentId!;
    const authorizedSnapshot = {
      id: pi,
      object: "payment_intent",
      status: "requires_capture",
      amount: 6000,
      amount_received: 0,
      metadata: { bookingId: b.id },
    };
    const late = local().signEvent({
      type: "payment_intent.amount_capturable_updated",
      object: authorizedSnapshot,
      id: `evt_${newId()}`,
    });
    await runAt(new Date(start.getTime() + 25 * H));
    expect((await payment(b.id)).state).toBe("captured");

    // An older "authorized" event arriving after the capture does not move the payment back.
    expect((await deliver(late.payload, late.signature)).body).toMatchObject({ status: "processed" });
    expect((await payment(b.id)).state).toBe("captured");
    const canceled = local().signEvent({
      type: "payment_intent.canceled",
      object: { ...authorizedSnapshot, status: "canceled" },
      id: `evt_${newId()}`,
    });
    await deliver(canceled.payload, canceled.signature);
    expect((await payment(b.id)).state).toBe("captured");

    // A refund made at Stripe: mirrored once, even when the event arrives twice.
    const refundEvent = local().signEvent({
      type: "charge.refunded",
      object: { id: "ch_x", object: "charge", payment_intent: pi, amount: 6000, amount_refunded: 2000 },
      id: `evt_${newId()}`,
    });
    expect((await deliver(refundEvent.payload, refundEvent.signature)).body).toMatchObject({ status: "processed" });
    expect((await deliver(refundEvent.payload, refundEvent.signature)).body).toMatchObject({ status: "duplicate" });
    expect(await rt.dbh.db.select().from(stripeEvents).where(eq(stripeEvents.type, "charge.refunded"))).toHaveLength(1);
    // The same refund reported again under another event id changes nothing either.
    const again = local().signEvent({
      type: "charge.refunded",
      object: { id: "ch_x", object: "charge", payment_intent: pi, amount: 6000, amount_refunded: 2000 },
      id: `evt_${newId()}`,
    });
    await deliver(again.payload, again.signature);
    expect(await payment(b.id)).toMatchObject({ state: "partially_refunded", refundedCents: 2000 });
    expect(await ledgerByAccount(rt, b.id)).toEqual({
      student_card: 6000,
      refunds: -2000,
      platform_fee: -600,
      instructor_payable: -3400,
    });
  });

  it("a dispute stops the capture; account.updated stores the instructor's status", async () => {
    const s = await makeStudent();
    const start = at(27);
    const b = await book(s, start);
    clock.set(new Date(start.getTime() - 24 * H));
    await services().payments.flow.authorize(b.id);
    const pi = (await payment(b.id)).paymentIntentId!;
    const dispute = local().signEvent({
      type: "charge.dispute.created",
      object: { id: "dp_1", object: "dispute", payment_intent: pi, amount: 6000 },
      id: `evt_${newId()}`,
    });
    await deliver(dispute.payload, dispute.signature);
    expect((await payment(b.id)).state).toBe("disputed");
    await runAt(new Date(start.getTime() + 25 * H));
    expect(await services().payments.flow.captureDue(b.id)).toMatchObject({ outcome: "held" });
    expect((await payment(b.id)).capturedCents).toBe(0);

    const i = await createTestUser(rt, { role: "instructor" });
    const { url } = await (await api(i)).payouts.startOnboarding();
    expect((await (await api(i)).payouts.status()).account.state).toBe("pending");
    await local().completeOnboarding({ token: new URL(url).searchParams.get("link")!, userId: i.id });
    const acct = (await rt.dbh.db.query.paymentAccounts.findFirst({
      where: (a, { eq: e }) => e(a.instructorId, i.id),
    }))!;
    const ev = local().signEvent({
      type: "account.updated",
      object: { id: acct.stripeAccountId, object: "account" },
      account: acct.stripeAccountId,
      id: `evt_${newId()}`,
    });
    expect((await deliver(ev.payload, ev.signature)).status).toBe(200);
    expect((await (await api(i)).payouts.status()).account).toMatchObject({
      state: "complete",
      chargesEnabled: true,
      payoutsEnabled: true,
    });
  });
});
