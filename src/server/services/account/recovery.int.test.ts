import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { accountTokens, auditLog, outbox, sessions, users } from "~/server/db/schema";
import { sha256 } from "~/server/auth/crypto";
import { createTestClock } from "~/test/clock";
import { insertBookableService } from "~/test/catalog-fixtures";
import { saveCard } from "~/test/payments-fixtures";
import {
  callerFor,
  createTestRuntime,
  createTestUser,
  sessionFor,
  TEST_PASSWORD,
  type TestRuntime,
} from "~/test/harness";
import { RESET_REQUEST_ANSWER, RESET_RESPONSE_FLOOR_MS, RESET_TOKEN_TTL_MINUTES } from "./recovery-service";

const clock = createTestClock("2031-03-10T15:00:00Z");
let rt: TestRuntime;
beforeAll(async () => {
  rt = await createTestRuntime({ now: clock.now });
});
afterAll(async () => rt?.close());

/** Emails to `to` (newest first). */
async function mailTo(to: string) {
  return rt.dbh.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.channel, "email"), eq(outbox.recipient, to)))
    .orderBy(desc(outbox.id));
}
/** The token of the newest link to `path` emailed to `to`. */
async function tokenFrom(to: string, path: "/reset-password" | "/verify-email"): Promise<string> {
  for (const m of await mailTo(to)) {
    const hit = new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`).exec(m.body);
    if (hit) return hit[1]!;
  }
  throw new Error(`no ${path} link mailed to ${to}`);
}

describe("forgot password", () => {
  it("answers the same for an unknown address, sends mail only to a real account, and takes as long", async () => {
    const user = await createTestUser(rt, { email: "reset-same@example.test" });
    const anon = await callerFor(rt, null, "198.51.100.1");
    const t0 = performance.now();
    const known = await anon.auth.requestPasswordReset({ email: "Reset-Same@example.test" });
    const t1 = performance.now();
    const unknown = await anon.auth.requestPasswordReset({ email: "nobody-here@example.test" });
    const t2 = performance.now();
    expect(known).toEqual({ message: RESET_REQUEST_ANSWER });
    expect(unknown).toEqual(known);
    expect(t1 - t0).toBeGreaterThanOrEqual(RESET_RESPONSE_FLOOR_MS - 5);
    expect(t2 - t1).toBeGreaterThanOrEqual(RESET_RESPONSE_FLOOR_MS - 5);
    expect(await mailTo(user.email)).toHaveLength(1);
    expect(await mailTo("nobody-here@example.test")).toHaveLength(0);
    // Only the hash is stored.
    const token = await tokenFrom(user.email, "/reset-password");
    const [row] = await rt.dbh.db.select().from(accountTokens).where(eq(accountTokens.userId, user.id));
    expect(row!.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row!.expiresAt.getTime() - clock.now().getTime()).toBe(RESET_TOKEN_TTL_MINUTES * 60_000);
  });

  it("rate-limits per address (the same for unknown addresses)", async () => {
    const anon = await callerFor(rt, null, "198.51.100.2");
    for (let i = 0; i < 3; i++) await anon.auth.requestPasswordReset({ email: "ghost@example.test" });
    await expect(anon.auth.requestPasswordReset({ email: "ghost@example.test" })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
  });

  it("tokens are single-use, expire after 30 min, and a newer link invalidates the older one", async () => {
    const user = await createTestUser(rt, { email: "reset-once@example.test" });
    const anon = await callerFor(rt, null, "198.51.100.3");

    await anon.auth.requestPasswordReset({ email: user.email });
    const expiring = await tokenFrom(user.email, "/reset-password");
    clock.advance((RESET_TOKEN_TTL_MINUTES + 1) * 60_000);
    expect(await anon.auth.checkResetToken({ token: expiring })).toEqual({ valid: false });
    await expect(anon.auth.resetPassword({ token: expiring, password: "a brand new password" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });

    await anon.auth.requestPasswordReset({ email: user.email });
    const older = await tokenFrom(user.email, "/reset-password");
    await anon.auth.requestPasswordReset({ email: user.email });
    const newer = await tokenFrom(user.email, "/reset-password");
    expect(newer).not.toBe(older);
    expect(await anon.auth.checkResetToken({ token: older })).toEqual({ valid: false });
    expect(await anon.auth.checkResetToken({ token: newer })).toEqual({ valid: true });

    clock.advance((RESET_TOKEN_TTL_MINUTES - 1) * 60_000); // still inside the window
    await anon.auth.resetPassword({ token: newer, password: "a brand new password" });
    await expect(anon.auth.resetPassword({ token: newer, password: "yet another password" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    // The first reset's password is the one that holds.
    expect((await anon.auth.login({ email: user.email, password: "a brand new password" })).status).toBe("ok");
  });

  it("enforces the sign-up password rules", async () => {
    const anon = await callerFor(rt, null, "198.51.100.4");
    await expect(anon.auth.resetPassword({ token: "x".repeat(43), password: "short" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("on reset: new Argon2 hash, every session revoked, an audit row and a 'password changed' email", async () => {
    const user = await createTestUser(rt, { email: "reset-revoke@example.test" });
    const phone = await sessionFor(rt, user);
    const laptop = await sessionFor(rt, user);
    expect(await rt.services.session.resolveActor(phone)).not.toBeNull();
    const anon = await callerFor(rt, null, "198.51.100.5");
    await anon.auth.requestPasswordReset({ email: user.email });
    await anon.auth.resetPassword({
      token: await tokenFrom(user.email, "/reset-password"),
      password: "completely different pw",
    });

    expect(await rt.services.session.resolveActor(phone)).toBeNull();
    expect(await rt.services.session.resolveActor(laptop)).toBeNull();
    const rows = await rt.dbh.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((s) => s.revokedAt !== null)).toBe(true);
    const [u] = await rt.dbh.db.select().from(users).where(eq(users.id, user.id));
    expect(u!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(u!.sessionVersion).toBe(user.sessionVersion + 1);
    const audits = await rt.dbh.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, user.id), eq(auditLog.action, "auth.password_reset")));
    expect(audits).toHaveLength(1);
    // The security notice (notifications flow, whatever the preferences) mails them.
    await rt.events.idle();
    expect((await mailTo(user.email)).map((m) => m.subject)).toContain("Your InstaInstru password was changed");

    await expect(anon.auth.login({ email: user.email, password: TEST_PASSWORD })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    expect((await anon.auth.login({ email: user.email, password: "completely different pw" })).status).toBe("ok");
  });
});

describe("email verification", () => {
  it("sign-up mails a 24 h single-use link; verifying marks the account; resend is limited", async () => {
    const anon = await callerFor(rt, null, "198.51.100.6");
    await anon.auth.signUp({
      email: "fresh@example.test",
      password: "a long enough password",
      firstName: "Fay",
      lastName: "Fresh",
      role: "student",
      timeZone: "America/New_York",
    });
    const [u] = await rt.dbh.db.select().from(users).where(eq(users.email, "fresh@example.test"));
    expect(u!.emailVerifiedAt).toBeNull();
    const me = await callerFor(rt, u);
    expect((await me.account.me())!.emailVerified).toBe(false);

    // Resend: the sign-up's mail counted; two more, then 429.
    await me.auth.resendVerification();
    await me.auth.resendVerification();
    await expect(me.auth.resendVerification()).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });

    const token = await tokenFrom(u!.email, "/verify-email");
    await anon.auth.verifyEmail({ token });
    await expect(anon.auth.verifyEmail({ token })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await (await callerFor(rt, u)).account.me())!.emailVerified).toBe(true);
    await expect((await callerFor(rt, u)).auth.resendVerification()).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("a verification link expires after 24 h", async () => {
    const user = await createTestUser(rt, { emailVerified: false });
    await (await callerFor(rt, user)).auth.resendVerification();
    const token = await tokenFrom(user.email, "/verify-email");
    clock.advance(24 * 3_600_000 + 1000);
    await expect((await callerFor(rt, null)).auth.verifyEmail({ token })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("an unverified student can't book (FORBIDDEN with a reason); once verified they can", async () => {
    const instructor = await createTestUser(rt, { role: "instructor" });
    const serviceId = await insertBookableService(rt.dbh.db, instructor.id);
    const student = await createTestUser(rt, { emailVerified: false });
    const start = new Date(Date.UTC(2031, 3, 2, 15, 0)); // well ahead, inside 08–20 New York hours
    const paymentMethodId = await saveCard(rt, student);
    const input = {
      instructorServiceId: serviceId,
      start,
      durationMinutes: 60 as const,
      location: { type: "online" as const },
      paymentMethodId,
    };
    const err = await (await callerFor(rt, student)).booking.create(input).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "FORBIDDEN" });
    expect((err as { cause?: { data?: { reason?: string } } }).cause?.data?.reason).toBe("EMAIL_UNVERIFIED");
    await rt.dbh.db.update(users).set({ emailVerifiedAt: clock.now() }).where(eq(users.id, student.id));
    const booked = await (await callerFor(rt, student)).booking.create(input);
    expect(booked.status).toBe("confirmed");
  });
});
