/**
 * Admin console (issue 12, dashboard / users / audit half): permissions on every procedure, one audit row per
 * mutation, suspension ends sessions and live streams and blocks sign-in, and the dashboard's aggregates equal
 * a plain SQL recount of rows inserted here.
 */
import { eq, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "~/lib/ids";
import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { encryptSecret } from "~/server/auth/crypto";
import { rowsOf } from "~/server/db/client";
import {
  auditLog,
  bookings,
  instructorProfiles,
  ledgerEntries,
  searchEvents,
  sessions,
  users,
} from "~/server/db/schema";
import type { UserRow } from "~/server/repositories/users";
import {
  callerFor,
  createTestRuntime,
  createTestUser,
  sessionFor,
  TEST_PASSWORD,
  type TestRuntime,
} from "~/test/harness";
import { buildWorld, type World } from "~/test/world";

let rt: TestRuntime;
let w: World;
let adminNo2fa: UserRow;
let admin2: UserRow;

async function enable2fa(u: UserRow) {
  await rt.dbh.db
    .update(users)
    .set({ totpSecretEnc: encryptSecret(rt.secret, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"), totpEnabledAt: new Date() })
    .where(eq(users.id, u.id));
}

async function auditCount(): Promise<number> {
  const [row] = await rt.dbh.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
  return Number(row?.n ?? 0);
}

async function freshUser(role: "student" | "instructor" | "admin" = "student") {
  return createTestUser(rt, { role, firstName: "Tess", lastName: `Target-${newId().slice(-5)}` });
}

beforeAll(async () => {
  rt = await createTestRuntime({ events: { background: false } });
  w = await buildWorld(rt);
  adminNo2fa = await createTestUser(rt, { role: "admin", firstName: "Nora", lastName: "No2fa" });
  admin2 = await createTestUser(rt, { role: "admin", firstName: "Ben", lastName: "Second" });
  await enable2fa(admin2);
}, 120_000);
afterAll(async () => rt?.close());

/** Every procedure this half of the console adds, with a valid input. */
function calls(target: string): [string, (c: Awaited<ReturnType<typeof callerFor>>) => Promise<unknown>][] {
  const reason = "Permission check";
  return [
    ["admin.dashboard", (c) => c.admin.dashboard({ days: 7 })],
    ["admin.users.list", (c) => c.admin.users.list({})],
    ["admin.users.export", (c) => c.admin.users.export({})],
    ["admin.users.get", (c) => c.admin.users.get({ userId: target })],
    ["admin.users.suspend", (c) => c.admin.users.suspend({ userId: target, reason })],
    ["admin.users.unsuspend", (c) => c.admin.users.unsuspend({ userId: target, reason })],
    ["admin.users.resetTwoFactor", (c) => c.admin.users.resetTwoFactor({ userId: target, reason })],
    ["admin.users.changeRole", (c) => c.admin.users.changeRole({ userId: target, role: "admin", reason })],
    ["admin.audit.list", (c) => c.admin.audit.list({})],
    ["admin.audit.actions", (c) => c.admin.audit.actions()],
    ["admin.audit.export", (c) => c.admin.audit.export({})],
  ];
}

describe("permissions", () => {
  it("students, instructors and admins without 2FA get FORBIDDEN from every procedure, and nothing changes", async () => {
    const target = w.studentB.id;
    const before = await auditCount();
    const [targetBefore] = await rt.dbh.db.select().from(users).where(eq(users.id, target));
    for (const [who, u, message] of [
      ["student", w.studentA, "You don't have permission to do that."],
      ["instructor", w.instructorA, "You don't have permission to do that."],
      ["admin without 2FA", adminNo2fa, "Turn on two-factor authentication to use admin tools."],
    ] as const) {
      const caller = await callerFor(rt, u);
      for (const [path, call] of calls(target)) {
        await expect(call(caller), `${who} → ${path}`).rejects.toMatchObject({ code: "FORBIDDEN", message });
      }
    }
    expect(await auditCount()).toBe(before);
    const [targetAfter] = await rt.dbh.db.select().from(users).where(eq(users.id, target));
    expect(targetAfter).toEqual(targetBefore);
  });

  it("signed-out callers get UNAUTHORIZED", async () => {
    const caller = await callerFor(rt, null);
    for (const [path, call] of calls(w.studentB.id))
      await expect(call(caller), path).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("user actions", () => {
  it("each mutation writes exactly one audit row with before/after, the actor and the reason", async () => {
    const caller = await callerFor(rt, w.admin);
    const target = await freshUser();
    await enable2fa(target);
    const steps: [string, () => Promise<unknown>, Record<string, unknown>, Record<string, unknown>][] = [
      [
        "admin.user.suspend",
        () => caller.admin.users.suspend({ userId: target.id, reason: "Spam reports" }),
        { status: "active" },
        { status: "suspended" },
      ],
      [
        "admin.user.unsuspend",
        () => caller.admin.users.unsuspend({ userId: target.id, reason: "Appeal accepted" }),
        { status: "suspended" },
        { status: "active" },
      ],
      [
        "admin.user.reset_2fa",
        () => caller.admin.users.resetTwoFactor({ userId: target.id, reason: "Lost phone" }),
        { twoFactorEnabled: true },
        { twoFactorEnabled: false },
      ],
      [
        "admin.user.change_role",
        () => caller.admin.users.changeRole({ userId: target.id, role: "instructor", reason: "Now teaches" }),
        { role: "student" },
        { role: "instructor" },
      ],
    ];
    for (const [action, run, before, after] of steps) {
      const n0 = await auditCount();
      await run();
      expect(await auditCount(), action).toBe(n0 + 1);
      const rows = await rt.dbh.db
        .select()
        .from(auditLog)
        .where(sql`${auditLog.action} = ${action} and ${auditLog.targetId} = ${target.id}`);
      expect(rows, action).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actorId: w.admin.id, targetType: "user", targetId: target.id });
      expect(rows[0]!.data).toMatchObject({ before, after });
      expect(typeof rows[0]!.data.note).toBe("string");
      expect(rows[0]!.ipHash).toMatch(/^[0-9a-f]+$/);
    }
    // Stored effects.
    const [u] = await rt.dbh.db.select().from(users).where(eq(users.id, target.id));
    expect(u).toMatchObject({ role: "instructor", status: "active", totpEnabledAt: null, totpSecretEnc: null });
    const profiles = await rt.dbh.db.select().from(instructorProfiles).where(eq(instructorProfiles.userId, target.id));
    expect(profiles).toHaveLength(1);

    // Repeating a done action changes nothing and records nothing.
    const n1 = await auditCount();
    await caller.admin.users.unsuspend({ userId: target.id, reason: "Again" });
    await caller.admin.users.changeRole({ userId: target.id, role: "instructor", reason: "Again" });
    expect(await auditCount()).toBe(n1);
    await expect(caller.admin.users.resetTwoFactor({ userId: target.id, reason: "Again" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await auditCount()).toBe(n1);
  });

  it("an admin can't suspend, demote or reset their own account (FORBIDDEN, nothing recorded)", async () => {
    const caller = await callerFor(rt, w.admin);
    const n0 = await auditCount();
    const me = { userId: w.admin.id, reason: "Myself" };
    await expect(caller.admin.users.suspend(me)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.admin.users.changeRole({ ...me, role: "student" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(caller.admin.users.resetTwoFactor(me)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await auditCount()).toBe(n0);
    const [u] = await rt.dbh.db.select().from(users).where(eq(users.id, w.admin.id));
    expect(u).toMatchObject({ role: "admin", status: "active" });
    // Another admin may demote them.
    const other = await freshUser("admin");
    await (await callerFor(rt, admin2)).admin.users.changeRole({ userId: other.id, role: "student", reason: "Left" });
    const [o] = await rt.dbh.db.select().from(users).where(eq(users.id, other.id));
    expect(o!.role).toBe("student");
  });

  it("the role of someone with a lesson still ahead can't change (CONFLICT, nothing recorded)", async () => {
    const caller = await callerFor(rt, w.admin);
    const n0 = await auditCount();
    for (const [who, role] of [
      [w.instructorA, "student"],
      [w.studentA, "instructor"],
    ] as const) {
      await expect(caller.admin.users.changeRole({ userId: who.id, role, reason: "Switch" })).rejects.toMatchObject({
        code: "CONFLICT",
        message: "This account has 1 upcoming lesson. Cancel it before changing the role.",
      });
      const [u] = await rt.dbh.db.select().from(users).where(eq(users.id, who.id));
      expect(u!.role).toBe(who.role);
    }
    expect(await auditCount()).toBe(n0);
  });

  it("unknown users are NOT_FOUND", async () => {
    const caller = await callerFor(rt, w.admin);
    const ghost = newId();
    await expect(caller.admin.users.get({ userId: ghost })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.admin.users.suspend({ userId: ghost, reason: "Nobody" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("suspension", () => {
  it("revokes every live session at once, closes open live streams and refuses sign-in", async () => {
    const victim = await freshUser();
    const claimsA = await sessionFor(rt, victim);
    const claimsB = await sessionFor(rt, victim);
    expect((await createContextInner({ rt, session: claimsA })).actor?.userId).toBe(victim.id);

    // An open SSE stream of the victim.
    const ac = new AbortController();
    const ctx = await createContextInner({ rt, session: claimsB });
    const it = (await createCaller(ctx, { signal: ac.signal }).conversations.events({}))[Symbol.asyncIterator]();
    expect(((await it.next()).value as unknown as [string, { type: string }])[1].type).toBe("ready");
    const pending = it.next();

    const res = await (await callerFor(rt, w.admin)).admin.users.suspend({ userId: victim.id, reason: "Fraud" });
    expect(res).toEqual({ userId: victim.id, status: "suspended", sessionsRevoked: 2 });

    // The stream ends (as an abort, so the client reconnects — and is then refused) without the request aborting.
    const ended = await Promise.race([
      pending.then(
        (r) => (r.done ? "done" : "item"),
        (e: Error) => e.name,
      ),
      new Promise((r) => setTimeout(() => r("still open"), 5_000)),
    ]);
    expect(ended).toBe("AbortError");
    expect(ac.signal.aborted).toBe(false);
    ac.abort();

    // Existing sessions resolve to nobody; their rows are revoked.
    for (const claims of [claimsA, claimsB])
      expect((await createContextInner({ rt, session: claims })).actor).toBeNull();
    const rows = await rt.dbh.db.select().from(sessions).where(eq(sessions.userId, victim.id));
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r.revokedAt).not.toBeNull();
    await expect(createCaller(await createContextInner({ rt, session: claimsA })).account.me()).resolves.toBeNull();

    // Sign-in is refused with a clear message.
    await expect(
      (await callerFor(rt, null, "198.51.100.40")).auth.login({ email: victim.email, password: TEST_PASSWORD }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: "This account is suspended. Contact support." });

    // Lifted: sign-in works again (old sessions stay revoked).
    await (await callerFor(rt, w.admin)).admin.users.unsuspend({ userId: victim.id, reason: "Cleared" });
    const login = await (
      await callerFor(rt, null, "198.51.100.41")
    ).auth.login({ email: victim.email, password: TEST_PASSWORD });
    expect(login.status).toBe("ok");
    expect((await createContextInner({ rt, session: claimsA })).actor).toBeNull();
  });
});

describe("users list and detail", () => {
  it("searches by email, name and id on the server, filters, sorts and pages", async () => {
    const caller = await callerFor(rt, w.admin);
    const byEmail = await caller.admin.users.list({ q: w.studentA.email.toUpperCase() });
    expect(byEmail.rows.map((r) => r.id)).toEqual([w.studentA.id]);
    expect(byEmail.total).toBe(1);
    const byName = await caller.admin.users.list({ q: "carter-priv" });
    expect(byName.rows.map((r) => r.id)).toEqual([w.studentA.id]);
    expect((await caller.admin.users.list({ q: w.studentA.id })).rows.map((r) => r.id)).toEqual([w.studentA.id]);
    // `%` is literal, not a wildcard.
    expect((await caller.admin.users.list({ q: "%" })).total).toBe(0);

    const [{ n: admins }] = rowsOf<{ n: number }>(
      await rt.dbh.db.execute(sql`select count(*)::int as n from users where role = 'admin'`),
    ) as [{ n: number }];
    const adminsPage = await caller.admin.users.list({ role: "admin", pageSize: 2, sort: "email", dir: "asc" });
    expect(adminsPage.total).toBe(Number(admins));
    expect(adminsPage.rows).toHaveLength(2);
    const page2 = await caller.admin.users.list({ role: "admin", pageSize: 2, page: 2, sort: "email", dir: "asc" });
    const emails = [...adminsPage.rows, ...page2.rows].map((r) => r.email);
    expect(emails).toEqual([...emails].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(new Set(emails).size).toBe(emails.length);

    const csv = await caller.admin.users.export({ role: "admin", sort: "email", dir: "asc" });
    expect(csv.csv.split("\r\n")[0]).toBe(
      "Id,First name,Last name,Email,Role,Status,2FA,Last sign-in (UTC),Joined (UTC)",
    );
    expect(csv.csv.trim().split("\r\n")).toHaveLength(Number(admins) + 1);
    expect(csv.filename).toMatch(/^users-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it("the user page shows role, status, 2FA, sessions, bookings and payments", async () => {
    const caller = await callerFor(rt, w.admin);
    const d = await caller.admin.users.get({ userId: w.studentA.id });
    expect(d.user).toMatchObject({ id: w.studentA.id, role: "student", status: "active", twoFactorEnabled: false });
    expect(d.bookings.map((b) => b.id).sort()).toEqual([w.upcomingBooking, w.completedBooking].sort());
    expect(d.bookings[0]!.instructorName).toBe("Maria Gonzalez-Private");
    expect(d.recentSessions.length).toBeGreaterThan(0);
    expect(d.liveSessions).toBe(d.recentSessions.filter((s) => !s.revokedAt).length);
  });
});

describe("audit log", () => {
  it("shows names for actors and user targets, filters, pages by cursor and exports CSV", async () => {
    const caller = await callerFor(rt, w.admin);
    const target = await freshUser();
    await caller.admin.users.suspend({ userId: target.id, reason: '=HYPERLINK("x")' });
    const page = await caller.admin.audit.list({ action: "admin.user.suspend", targetId: target.id });
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]).toMatchObject({
      actorId: w.admin.id,
      actorName: "Ada Admin",
      targetType: "user",
      targetId: target.id,
      targetName: `${target.firstName} ${target.lastName}`,
    });
    // Actor filter by name or email.
    const byActor = await caller.admin.audit.list({ actor: "ada admin", action: "admin.user.suspend" });
    expect(byActor.rows.every((r) => r.actorId === w.admin.id)).toBe(true);
    expect(byActor.rows.length).toBeGreaterThan(0);
    expect(await caller.admin.audit.actions()).toContain("admin.user.suspend");

    // Keyset pages: every row once, newest first.
    const all: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 100; i++) {
      const p = await caller.admin.audit.list({ limit: 3, cursor });
      all.push(...p.rows.map((r) => r.id));
      if (!p.nextCursor) break;
      cursor = p.nextCursor;
    }
    const stored = await rt.dbh.db
      .select({ id: auditLog.id })
      .from(auditLog)
      .orderBy(sql`${auditLog.createdAt} desc, ${auditLog.id} desc`);
    expect(all).toEqual(stored.map((r) => r.id));
    await expect(caller.admin.audit.list({ cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    // Date range in the admin's zone: today only includes it; tomorrow onwards nothing.
    const today = DateTime.now().setZone(w.admin.timeZone).toISODate()!;
    const tomorrow = DateTime.now().setZone(w.admin.timeZone).plus({ days: 1 }).toISODate()!;
    expect((await caller.admin.audit.list({ targetId: target.id, from: today, to: today })).rows).toHaveLength(1);
    expect((await caller.admin.audit.list({ targetId: target.id, from: tomorrow })).rows).toHaveLength(0);

    const csv = await caller.admin.audit.export({ targetId: target.id });
    const lines = csv.csv.trim().split("\r\n");
    expect(lines).toHaveLength(2);
    // The formula-like note is exported as text.
    expect(lines[1]).toContain("Ada Admin");
    expect(lines[1]).not.toMatch(/,=HYPERLINK/);
  });
});

describe("dashboard", () => {
  it("per-day figures and totals equal a plain SQL recount, days in the admin's zone, range respected", async () => {
    const db = rt.dbh.db;
    const zone = w.admin.timeZone;
    const today = DateTime.now().setZone(zone).startOf("day");
    /** Noon, `daysAgo` local days before today, in the admin's zone. */
    const at = (daysAgo: number, hour = 12) => today.minus({ days: daysAgo }).set({ hour }).toJSDate();
    const bookingAt = (created: Date, status: "confirmed" | "cancelled" | "completed") => {
      const start = new Date(created.getTime() + 5 * 86_400_000);
      return {
        studentId: w.studentB.id,
        instructorId: w.instructorB.id,
        serviceId: w.serviceB,
        startAt: start,
        endAt: new Date(start.getTime() + 3_600_000),
        blockedUntil: new Date(start.getTime() + 4_500_000),
        status,
        locationType: "online" as const,
        priceCents: 5000,
        createdAt: created,
        ...(status === "cancelled" ? { cancelledAt: created, cancelledBy: "student" } : {}),
      };
    };
    // Bookings: 2 days ago (one cancelled), 5 days ago (late evening local: still that local day), 20 days ago
    // (outside a 7-day range). Start times spread so they never overlap.
    const made = [
      bookingAt(at(2), "confirmed"),
      bookingAt(new Date(at(2).getTime() + 3 * 3_600_000), "cancelled"),
      bookingAt(at(5, 23), "completed"),
      bookingAt(at(20), "confirmed"),
    ];
    for (const [i, b] of made.entries()) {
      const shift = (i + 1) * 7 * 3_600_000;
      await db.insert(bookings).values({
        ...b,
        startAt: new Date(b.startAt.getTime() + shift),
        endAt: new Date(b.endAt.getTime() + shift),
        blockedUntil: new Date(b.blockedUntil.getTime() + shift),
      });
    }
    // Ledger: a capture 1 day ago (card 6000 + credit 1000; fee 1050), a refund 1 day ago (card 2000; fee
    // reversed 300), a capture 40 days ago (outside every range but 90).
    const balanced = async (entries: { account: string; amountCents: number; kind: string }[], createdAt: Date) => {
      const id = newId();
      await db
        .insert(ledgerEntries)
        .values(entries.map((e) => ({ transactionId: id, ...e, account: e.account as "student_card", createdAt })));
    };
    await balanced(
      [
        { account: "student_card", amountCents: 6000, kind: "capture" },
        { account: "student_credit", amountCents: 1000, kind: "capture" },
        { account: "platform_fee", amountCents: -1050, kind: "capture" },
        { account: "instructor_payable", amountCents: -5950, kind: "capture" },
      ],
      at(1),
    );
    await balanced(
      [
        { account: "refunds", amountCents: -2000, kind: "refund" },
        { account: "platform_fee", amountCents: 300, kind: "refund" },
        { account: "instructor_payable", amountCents: 1700, kind: "refund" },
      ],
      at(1, 15),
    );
    await balanced(
      [
        { account: "student_card", amountCents: 9999, kind: "capture" },
        { account: "platform_fee", amountCents: -999, kind: "capture" },
        { account: "instructor_payable", amountCents: -9000, kind: "capture" },
      ],
      at(40),
    );
    // Searches: 3 days ago 3 searches (2 with no results); 10 days ago 1 (outside 7 days).
    await db.insert(searchEvents).values(
      [
        [3, 0],
        [3, 0],
        [3, 4],
        [10, 0],
      ].map(([ago, results]) => ({
        query: "tuba lessons",
        normalised: "tuba lessons",
        resultCount: results!,
        ms: 12,
        createdAt: at(ago!),
      })),
    );
    // New accounts: an instructor 4 days ago, a student 30 days ago.
    const newInstructor = await createTestUser(rt, { role: "instructor" });
    const oldStudent = await createTestUser(rt, { role: "student" });
    await db
      .update(users)
      .set({ createdAt: at(4) })
      .where(eq(users.id, newInstructor.id));
    await db
      .update(users)
      .set({ createdAt: at(30) })
      .where(eq(users.id, oldStudent.id));

    const caller = await callerFor(rt, w.admin);
    for (const days of [7, 30, 90] as const) {
      const d = await caller.admin.dashboard({ days });
      expect(d.series).toHaveLength(days);
      expect(d.timeZone).toBe(zone);
      expect(d.series.at(-1)!.date).toBe(today.toISODate());

      /** The plain recount: one query per local day with its bounds from luxon. */
      const recount = async (from: Date, to: Date) => {
        const [r] = rowsOf<Record<string, string | number>>(
          await db.execute(sql`
            select
              (select count(*) from bookings where created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz) as bookings,
              (select count(*) from bookings where status = 'cancelled' and created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz) as cancelled,
              (select coalesce(sum(amount_cents), 0) from ledger_entries where account in ('student_card', 'student_credit') and amount_cents > 0 and created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz) as gmv,
              (select coalesce(-sum(amount_cents), 0) from ledger_entries where account = 'platform_fee' and created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz) as revenue,
              (select coalesce(-sum(amount_cents), 0) from ledger_entries where account = 'refunds' and created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz) as refunds,
              (select count(*) from users where role = 'student' and created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz) as students,
              (select count(*) from users where role = 'instructor' and created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz) as instructors,
              (select count(*) from users where role = 'admin' and created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz) as admins,
              (select count(*) from search_events where created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz) as searches,
              (select count(*) from search_events where result_count = 0 and created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz) as zero`),
        );
        return {
          bookings: Number(r!.bookings),
          cancelled: Number(r!.cancelled),
          gmvCents: Number(r!.gmv),
          platformRevenueCents: Number(r!.revenue),
          refundsCents: Number(r!.refunds),
          newStudents: Number(r!.students),
          newInstructors: Number(r!.instructors),
          newAdmins: Number(r!.admins),
          searches: Number(r!.searches),
          zeroResults: Number(r!.zero),
        };
      };
      for (const day of d.series) {
        const start = DateTime.fromISO(day.date, { zone }).startOf("day");
        const { date, ...figures } = day;
        expect(figures, `${days} days: ${date}`).toEqual(
          await recount(start.toJSDate(), start.plus({ days: 1 }).toJSDate()),
        );
      }
      const first = DateTime.fromISO(d.series[0]!.date, { zone }).startOf("day").toJSDate();
      const whole = await recount(first, today.plus({ days: 1 }).toJSDate());
      expect(d.from).toEqual(first);
      const { newUsers, cancellationRate, zeroResultRate, ...totals } = d.totals;
      expect(totals).toEqual(whole);
      expect(newUsers).toBe(whole.newStudents + whole.newInstructors + whole.newAdmins);
      expect(cancellationRate).toBeCloseTo(whole.bookings ? whole.cancelled / whole.bookings : 0, 10);
      expect(zeroResultRate).toBeCloseTo(whole.searches ? whole.zeroResults / whole.searches : 0, 10);
    }

    // And the known figures of what was inserted here (the world itself has no ledger or searches).
    const week = await caller.admin.dashboard({ days: 7 });
    expect(week.totals).toMatchObject({
      gmvCents: 7000,
      platformRevenueCents: 750,
      refundsCents: 2000,
      searches: 3,
      zeroResults: 2,
    });
    expect(week.totals.zeroResultRate).toBeCloseTo(2 / 3, 10);
    expect(week.series.find((x) => x.date === today.minus({ days: 2 }).toISODate())).toMatchObject({
      bookings: 2,
      cancelled: 1,
    });
    expect(week.series.find((x) => x.date === today.minus({ days: 5 }).toISODate())!.bookings).toBe(1);
    expect(week.series.find((x) => x.date === today.minus({ days: 4 }).toISODate())!.newInstructors).toBe(1);
    const quarter = await caller.admin.dashboard({ days: 90 });
    expect(quarter.totals.gmvCents).toBe(7000 + 9999);
    expect(quarter.totals.searches).toBe(4);
  });
});
