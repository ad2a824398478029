import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { TRPCError } from "@trpc/server";
import { outbox, phoneVerifications, users } from "~/server/db/schema";
import { createCaller } from "~/server/api/root";
import { createContextInner, WRITE_LIMIT } from "~/server/api/trpc";
import { LOGIN_LIMITS } from "~/server/services/auth/policy";
import type { UserRow } from "~/server/repositories/users";
import { PHONE_CODE_MAX_ATTEMPTS, PHONE_SEND_LIMITS } from "./account-service";
import {
  callerFor,
  sessionFor,
  createTestRuntime,
  createTestUser,
  TEST_PASSWORD,
  type TestRuntime,
} from "~/test/harness";

let rt: TestRuntime;
beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => rt?.close());

type RateLimitedCause = { retryAfter: number; data: Record<string, unknown> };
const userRow = async (id: string) => (await rt.dbh.db.select().from(users).where(eq(users.id, id)))[0]!;
let phoneCounter = 0;
/** A fresh E.164 number per test, so the per-number daily send limit never couples tests. */
const nextPhone = () => `+1212555${String(1000 + ++phoneCounter).slice(-4)}`;

async function contextFor(user: UserRow | null, ip = "203.0.113.9") {
  const ctx = await createContextInner({ rt, session: user ? await sessionFor(rt, user) : null, ip });
  return { ctx, caller: createCaller(ctx) };
}

/** The code texted to `phone`, read from the newest SMS in the outbox. */
async function lastSmsCode(phone: string): Promise<string> {
  const rows = await rt.dbh.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.channel, "sms"), eq(outbox.recipient, phone)));
  const newest = rows.sort((a, b) => (a.id < b.id ? 1 : -1))[0];
  const code = newest?.body.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no SMS code for ${phone}`);
  return code;
}
const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

describe("login rate limits", () => {
  it(`per IP: ${LOGIN_LIMITS.ipPerMinute.points} attempts a minute, then TOO_MANY_REQUESTS with Retry-After`, async () => {
    const ip = "198.51.100.200";
    const { caller } = await contextFor(null, ip);
    // Different (unknown) accounts, so neither the per-account limit nor lockout is what stops them.
    for (let i = 0; i < LOGIN_LIMITS.ipPerMinute.points; i++) {
      await expect(caller.auth.login({ email: `nobody${i}@example.test`, password: "guess" })).rejects.toMatchObject({
        code: "UNAUTHORIZED",
        cause: { data: { reason: "invalid_credentials" } },
      });
    }
    const { ctx, caller: next } = await contextFor(null, ip);
    const err = (await next.auth
      .login({ email: "nobody-else@example.test", password: "guess" })
      .catch((e: unknown) => e)) as TRPCError;
    expect(err.code).toBe("TOO_MANY_REQUESTS");
    const cause = err.cause as unknown as RateLimitedCause;
    expect(cause.data.reason).toBe("rate_limited");
    expect(cause.retryAfter).toBeGreaterThan(0);
    expect(cause.retryAfter).toBeLessThanOrEqual(60);
    expect(ctx.responseHeaders.get("Retry-After")).toBe(String(cause.retryAfter));
    // Another network is unaffected.
    const user = await createTestUser(rt);
    expect(
      (await (await callerFor(rt, null, "198.51.100.201")).auth.login({ email: user.email, password: TEST_PASSWORD }))
        .status,
    ).toBe("ok");
  });

  it(`per account: ${LOGIN_LIMITS.accountPerMinute.points} attempts a minute from any networks, then TOO_MANY_REQUESTS`, async () => {
    const user = await createTestUser(rt);
    // Correct passwords from different addresses: only the per-account limit can stop the 11th.
    for (let i = 0; i < LOGIN_LIMITS.accountPerMinute.points; i++) {
      const r = await (
        await callerFor(rt, null, `192.0.2.${i + 1}`)
      ).auth.login({ email: user.email, password: TEST_PASSWORD });
      expect(r.status).toBe("ok");
    }
    const { ctx, caller } = await contextFor(null, "192.0.2.99");
    // The email's case does not make it another account.
    const err = (await caller.auth
      .login({ email: user.email.toUpperCase(), password: TEST_PASSWORD })
      .catch((e: unknown) => e)) as TRPCError;
    expect(err.code).toBe("TOO_MANY_REQUESTS");
    expect(err.message).toMatch(/this account/);
    const cause = err.cause as unknown as RateLimitedCause;
    expect(cause.retryAfter).toBeGreaterThan(0);
    expect(cause.retryAfter).toBeLessThanOrEqual(60);
    expect(ctx.responseHeaders.get("Retry-After")).toBe(String(cause.retryAfter));
  });
});

describe("write limit", () => {
  it(`allows ${WRITE_LIMIT.points} mutations a minute per user, then TOO_MANY_REQUESTS; reads and other users are unaffected`, async () => {
    const user = await createTestUser(rt);
    const caller = await callerFor(rt, user);
    for (let i = 0; i < WRITE_LIMIT.points; i++) {
      await caller.account.updateProfile({ firstName: `Name${i}`, lastName: "Writer", timeZone: "Europe/Paris" });
    }
    const { ctx, caller: again } = await contextFor(user);
    const err = (await again.account
      .updateProfile({ firstName: "Over", lastName: "Limit", timeZone: "UTC" })
      .catch((e: unknown) => e)) as TRPCError;
    expect(err.code).toBe("TOO_MANY_REQUESTS");
    expect(Number(ctx.responseHeaders.get("Retry-After"))).toBeGreaterThan(0);
    // The refused write did not happen.
    expect(await userRow(user.id)).toMatchObject({
      firstName: `Name${WRITE_LIMIT.points - 1}`,
      timeZone: "Europe/Paris",
    });
    // Queries are not writes.
    expect(await again.account.me()).toMatchObject({ id: user.id });
    const other = await createTestUser(rt);
    await expect(
      (await callerFor(rt, other)).account.updateProfile({ firstName: "Fine", lastName: "User", timeZone: "UTC" }),
    ).resolves.toMatchObject({
      firstName: "Fine",
    });
  });
});

describe("phone verification", () => {
  it("texts a 6-digit code (outbox), refuses a wrong one with attempts left, and verifies with the right one", async () => {
    const user = await createTestUser(rt);
    const caller = await callerFor(rt, user);
    const phone = nextPhone();
    expect(await caller.account.requestPhoneCode({ phone })).toEqual({ expiresInSeconds: 600 });

    const sms = await rt.dbh.db.select().from(outbox).where(eq(outbox.recipient, phone));
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ channel: "sms", recipient: phone });
    const code = await lastSmsCode(phone);
    const [pending] = await rt.dbh.db.select().from(phoneVerifications).where(eq(phoneVerifications.userId, user.id));
    expect(pending).toMatchObject({ phone, attempts: 0, consumedAt: null });
    expect(pending!.codeHash).not.toContain(code);
    const ttl = pending!.expiresAt.getTime() - Date.now();
    expect(ttl).toBeGreaterThan(590_000);
    expect(ttl).toBeLessThanOrEqual(600_000);

    const wrong = (await caller.account
      .verifyPhoneCode({ code: otherCode(code) })
      .catch((e: unknown) => e)) as TRPCError;
    expect(wrong.code).toBe("BAD_REQUEST");
    expect(wrong.message).toBe(`That code is not correct. ${PHONE_CODE_MAX_ATTEMPTS - 1} attempts left.`);
    expect(wrong.cause).toMatchObject({ fieldErrors: { code: ["Incorrect code"] } });
    expect((await userRow(user.id)).phone).toBeNull();

    const me = await caller.account.verifyPhoneCode({ code });
    expect(me).toMatchObject({ phone, phoneVerified: true });
    const row = await userRow(user.id);
    expect(row.phone).toBe(phone);
    expect(row.phoneVerifiedAt).toBeInstanceOf(Date);
    const [done] = await rt.dbh.db.select().from(phoneVerifications).where(eq(phoneVerifications.id, pending!.id));
    expect(done).toMatchObject({ attempts: 2 });
    expect(done!.consumedAt).toBeInstanceOf(Date);
    // A code is single use.
    await expect(caller.account.verifyPhoneCode({ code })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Request a code first.",
    });
  });

  it(`allows ${PHONE_CODE_MAX_ATTEMPTS} attempts; afterwards even the right code is refused`, async () => {
    const user = await createTestUser(rt);
    const caller = await callerFor(rt, user);
    const phone = nextPhone();
    await caller.account.requestPhoneCode({ phone });
    const code = await lastSmsCode(phone);
    for (let i = 1; i <= PHONE_CODE_MAX_ATTEMPTS; i++) {
      await expect(caller.account.verifyPhoneCode({ code: otherCode(code) })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: `That code is not correct. ${PHONE_CODE_MAX_ATTEMPTS - i} attempts left.`,
      });
    }
    await expect(caller.account.verifyPhoneCode({ code })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Too many attempts. Request a new code.",
    });
    const row = await userRow(user.id);
    expect(row.phone).toBeNull();
    expect(row.phoneVerifiedAt).toBeNull();
    const [v] = await rt.dbh.db.select().from(phoneVerifications).where(eq(phoneVerifications.userId, user.id));
    expect(v!.attempts).toBe(PHONE_CODE_MAX_ATTEMPTS);
    expect(v!.consumedAt).toBeNull();

    // A new code starts a new count.
    await caller.account.requestPhoneCode({ phone });
    await expect(caller.account.verifyPhoneCode({ code: await lastSmsCode(phone) })).resolves.toMatchObject({
      phoneVerified: true,
    });
  });

  it("concurrent guesses cannot exceed the attempt budget", async () => {
    const user = await createTestUser(rt);
    const caller = await callerFor(rt, user);
    const phone = nextPhone();
    await caller.account.requestPhoneCode({ phone });
    const code = await lastSmsCode(phone);
    const guesses = Array.from({ length: 12 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0"));
    const results = await Promise.allSettled(guesses.map((g) => caller.account.verifyPhoneCode({ code: g })));
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    const incorrect = results.filter(
      (r) => r.status === "rejected" && String((r.reason as Error).message).startsWith("That code is not correct"),
    );
    expect(incorrect.length).toBeLessThanOrEqual(PHONE_CODE_MAX_ATTEMPTS);
    await expect(caller.account.verifyPhoneCode({ code })).rejects.toMatchObject({
      message: "Too many attempts. Request a new code.",
    });
  });

  it("refuses an expired code", async () => {
    const user = await createTestUser(rt);
    const caller = await callerFor(rt, user);
    const phone = nextPhone();
    await caller.account.requestPhoneCode({ phone });
    const code = await lastSmsCode(phone);
    await rt.dbh.db
      .update(phoneVerifications)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(phoneVerifications.userId, user.id));
    await expect(caller.account.verifyPhoneCode({ code })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "That code has expired. Request a new one.",
      cause: { fieldErrors: { code: ["Expired"] } },
    });
    expect((await userRow(user.id)).phone).toBeNull();
  });

  it(`limits sends: the ${PHONE_SEND_LIMITS.perUser.points + 1}th code within 10 minutes is refused with a retry-after`, async () => {
    const user = await createTestUser(rt);
    const caller = await callerFor(rt, user);
    const phone = nextPhone();
    for (let i = 0; i < PHONE_SEND_LIMITS.perUser.points; i++) await caller.account.requestPhoneCode({ phone });
    const { ctx, caller: again } = await contextFor(user);
    const err = (await again.account.requestPhoneCode({ phone: nextPhone() }).catch((e: unknown) => e)) as TRPCError;
    expect(err.code).toBe("TOO_MANY_REQUESTS");
    const retryAfter = (err.cause as unknown as RateLimitedCause).retryAfter;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(ctx.responseHeaders.get("Retry-After")).toBe(String(retryAfter));
    // Nothing was texted or stored for the refused request.
    expect(await rt.dbh.db.select().from(outbox).where(eq(outbox.recipient, phone))).toHaveLength(
      PHONE_SEND_LIMITS.perUser.points,
    );
    expect(
      await rt.dbh.db.select().from(phoneVerifications).where(eq(phoneVerifications.userId, user.id)),
    ).toHaveLength(PHONE_SEND_LIMITS.perUser.points);
  });

  it("rejects numbers that are not E.164 with a field error", async () => {
    const user = await createTestUser(rt);
    const err = (await (
      await callerFor(rt, user)
    ).account
      .requestPhoneCode({ phone: "212-555-0100" })
      .catch((e: unknown) => e)) as TRPCError;
    expect(err.code).toBe("BAD_REQUEST");
    expect(
      await rt.dbh.db.select().from(phoneVerifications).where(eq(phoneVerifications.userId, user.id)),
    ).toHaveLength(0);
  });
});

describe("change password", () => {
  it("refuses a wrong current password, then changes it and signs out older sessions", async () => {
    const user = await createTestUser(rt);
    const caller = await callerFor(rt, user);
    const newPassword = "a completely new passphrase";

    const wrong = (await caller.account
      .changePassword({ currentPassword: "not my password", newPassword })
      .catch((e: unknown) => e)) as TRPCError;
    expect(wrong.code).toBe("BAD_REQUEST");
    expect(wrong.cause).toMatchObject({ fieldErrors: { currentPassword: ["Incorrect password"] } });
    expect(await userRow(user.id)).toMatchObject({
      passwordHash: user.passwordHash,
      sessionVersion: user.sessionVersion,
    });

    await caller.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword });
    const row = await userRow(user.id);
    expect(row.passwordHash).not.toBe(user.passwordHash);
    expect(row.passwordHash).not.toContain(newPassword);
    expect(row.sessionVersion).toBe(user.sessionVersion + 1);

    // The old session no longer resolves; a session with the new version does.
    expect(await (await callerFor(rt, user)).account.me()).toBeNull();
    expect(await (await callerFor(rt, row)).account.me()).toMatchObject({ id: user.id });

    const anon = await callerFor(rt, null, "198.51.100.150");
    expect((await anon.auth.login({ email: user.email, password: newPassword })).status).toBe("ok");
    await expect(anon.auth.login({ email: user.email, password: TEST_PASSWORD })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});
