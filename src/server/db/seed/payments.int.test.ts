import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { callerFor, createTestRuntime, type TestRuntime } from "~/test/harness";
import { ledgerImbalances } from "~/test/payments-fixtures";
import { seedDatabase, DEMO_ACCOUNTS } from "./seed";
import { instructorProfiles, paymentAccounts, users } from "~/server/db/schema";

let rt: TestRuntime;
const NOW = new Date("2026-12-01T12:00:00Z");
beforeAll(async () => {
  rt = await createTestRuntime({ now: () => NOW, events: { background: false } });
  await seedDatabase(rt.dbh.db, rt.hasher, rt.secret, {
    now: NOW,
    connectAllInstructors: true,
  });
}, 300_000);
afterAll(async () => rt?.close());

describe("demo payments seed", () => {
  it("gives the demo instructor a complete Connect account and captured earnings, the student receipts", async () => {
    const [instructor] = await rt.dbh.db.select().from(users).where(eq(users.email, DEMO_ACCOUNTS.instructor));
    const [student] = await rt.dbh.db.select().from(users).where(eq(users.email, DEMO_ACCOUNTS.student));
    const status = await (await callerFor(rt, instructor)).payouts.status();
    expect(status.account.state).toBe("complete");
    expect(status.feeTier).toMatchObject({ founding: true, percent: 8 });
    expect(status.earnings.paidCents).toBeGreaterThan(0);
    expect(status.earnings.items.filter((i) => i.state === "paid").length).toBeGreaterThanOrEqual(4);
    const receipts = await (await callerFor(rt, student)).payments.receipts({ limit: 20 });
    expect(receipts.items.filter((r) => r.status === "captured").length).toBeGreaterThanOrEqual(4);
    expect(await (await callerFor(rt, student)).payments.listCards()).toHaveLength(1);
    expect((await ledgerImbalances(rt)).unbalanced).toEqual([]);
    // Every instructor the seed lists with active payouts can be paid (a completed local Connect account).
    const active = await rt.dbh.db
      .select({ id: instructorProfiles.userId })
      .from(instructorProfiles)
      .where(eq(instructorProfiles.payoutStatus, "active"));
    const complete = await rt.dbh.db.select().from(paymentAccounts).where(eq(paymentAccounts.state, "complete"));
    expect(complete.length).toBe(active.length);
  });
});
