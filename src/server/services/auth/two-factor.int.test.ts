import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { generate } from "otplib";
import type { TRPCError } from "@trpc/server";
import { auditLog, backupCodes, users } from "~/server/db/schema";
import { sha256 } from "~/server/auth/crypto";
import { TOTP_PERIOD_SECONDS } from "~/server/auth/totp";
import type { UserRow } from "~/server/repositories/users";
import type { Role } from "~/server/db/schema";
import { normalizeBackupCode } from "./auth-service";
import { callerFor, createTestRuntime, createTestUser, TEST_PASSWORD, type TestRuntime } from "~/test/harness";

let rt: TestRuntime;
beforeAll(async () => {
  rt = await createTestRuntime();
});
afterAll(async () => rt?.close());

const nowSeconds = () => Math.floor(Date.now() / 1000);
/** The code for the current time step shifted by `steps` (the verifier accepts ±1). */
const codeAt = (secret: string, steps = 0) => generate({ secret, epoch: nowSeconds() + steps * TOTP_PERIOD_SECONDS });
/** A 6-digit code that is valid for none of the steps the verifier would accept. */
async function wrongCode(secret: string): Promise<string> {
  const window = new Set(await Promise.all([-1, 0, 1, 2].map((s) => codeAt(secret, s))));
  for (let i = 0; ; i++) {
    const c = String((123456 + i * 7919) % 1_000_000).padStart(6, "0");
    if (!window.has(c)) return c;
  }
}
const userRow = async (id: string) => (await rt.dbh.db.select().from(users).where(eq(users.id, id)))[0]!;
const codeRows = (userId: string) => rt.dbh.db.select().from(backupCodes).where(eq(backupCodes.userId, userId));

let ipCounter = 0;
/** Each scenario signs in from its own address so the per-IP login limit never couples tests. */
const nextIp = () => `198.51.100.${++ipCounter}`;

/** A user with 2FA switched on through the real enrolment flow. */
async function enrolledUser(role: Role = "student"): Promise<{ user: UserRow; secret: string; codes: string[] }> {
  const user = await createTestUser(rt, { role });
  const caller = await callerFor(rt, user);
  const { secret } = await caller.auth.startTotpEnrolment();
  const { backupCodes: codes } = await caller.auth.confirmTotpEnrolment({ code: await codeAt(secret) });
  return { user: await userRow(user.id), secret, codes };
}

async function challengeFor(user: UserRow, ip = nextIp()): Promise<string> {
  const res = await (await callerFor(rt, null, ip)).auth.login({ email: user.email, password: TEST_PASSWORD });
  if (res.status !== "two_factor_required") throw new Error(`expected a 2FA challenge, got ${res.status}`);
  return res.challengeId;
}

describe("TOTP enrolment", () => {
  it("returns a secret, an otpauth URI and a PNG QR code; a wrong code is refused; the right one turns 2FA on", async () => {
    const user = await createTestUser(rt, { email: "enrol@example.test" });
    const caller = await callerFor(rt, user);

    const start = await caller.auth.startTotpEnrolment();
    expect(start.secret).toMatch(/^[A-Z2-7]{16,}=*$/);
    const uri = new URL(start.otpauthUri);
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(start.secret);
    expect(uri.searchParams.get("issuer")).toBe("InstaInstru");
    expect(decodeURIComponent(start.otpauthUri)).toContain("enrol@example.test");
    expect(start.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(start.qrDataUrl.split(",")[1]!, "base64");
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    // Stored encrypted, not yet active.
    let row = await userRow(user.id);
    expect(row.totpSecretEnc).toBeTruthy();
    expect(row.totpSecretEnc).not.toContain(start.secret);
    expect(row.totpEnabledAt).toBeNull();

    const wrong = await caller.auth
      .confirmTotpEnrolment({ code: await wrongCode(start.secret) })
      .catch((e: unknown) => e as TRPCError);
    expect(wrong).toMatchObject({ code: "BAD_REQUEST", cause: { fieldErrors: { code: ["Invalid code"] } } });
    expect((await userRow(user.id)).totpEnabledAt).toBeNull();
    expect(await codeRows(user.id)).toHaveLength(0);

    const { backupCodes: codes } = await caller.auth.confirmTotpEnrolment({ code: await codeAt(start.secret) });
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);

    row = await userRow(user.id);
    expect(row.totpEnabledAt).toBeInstanceOf(Date);
    const rows = await codeRows(user.id);
    expect(rows).toHaveLength(10);
    const stored = rows.map((r) => r.codeHash);
    for (const r of rows) {
      expect(r.codeHash).toMatch(/^[0-9a-f]{64}$/);
      expect(r.usedAt).toBeNull();
    }
    for (const c of codes) {
      expect(stored).not.toContain(c);
      expect(stored).not.toContain(normalizeBackupCode(c));
    }
    expect(new Set(stored)).toEqual(new Set(codes.map((c) => sha256(normalizeBackupCode(c)))));

    expect(await caller.auth.backupCodesLeft()).toBe(10);
    expect(await caller.account.me()).toMatchObject({ twoFactorEnabled: true });
    const audit = await rt.dbh.db.select().from(auditLog).where(eq(auditLog.actorId, user.id));
    expect(audit.map((a) => a.action)).toContain("auth.2fa_enabled");

    // Already on: a second enrolment is a conflict and leaves the secret alone.
    await expect(caller.auth.startTotpEnrolment()).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await userRow(user.id)).totpSecretEnc).toBe(row.totpSecretEnc);
  });

  it("regenerating backup codes needs a valid code and replaces every old code", async () => {
    const { user, secret, codes } = await enrolledUser();
    const caller = await callerFor(rt, user);
    await expect(caller.auth.regenerateBackupCodes({ code: await wrongCode(secret) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    const { backupCodes: fresh } = await caller.auth.regenerateBackupCodes({ code: await codeAt(secret) });
    expect(fresh).toHaveLength(10);
    const stored = (await codeRows(user.id)).map((r) => r.codeHash);
    expect(stored).toHaveLength(10);
    for (const c of codes) expect(stored).not.toContain(sha256(normalizeBackupCode(c)));
    const old = await (
      await callerFor(rt, null)
    ).auth
      .verifySecondFactor({ challengeId: await challengeFor(user), code: codes[0]! })
      .catch((e: unknown) => e as TRPCError);
    expect(old).toMatchObject({ code: "UNAUTHORIZED", cause: { data: { reason: "invalid_code" } } });
  });
});

describe("sign-in with 2FA", () => {
  it("asks for a second factor, and a TOTP code yields a ticket that is redeemable once", async () => {
    const { user, secret } = await enrolledUser();
    const anon = await callerFor(rt, null, nextIp());
    const res = await anon.auth.login({ email: user.email, password: TEST_PASSWORD });
    expect(res.status).toBe("two_factor_required");
    expect(res).not.toHaveProperty("ticket");
    const challengeId = (res as { challengeId: string }).challengeId;
    expect(challengeId.length).toBeGreaterThanOrEqual(32);

    // The enrolment code's step is spent, so use the next step's code (inside the ±1 window).
    const { ticket, usedBackupCode } = await anon.auth.verifySecondFactor({
      challengeId,
      code: await codeAt(secret, 1),
    });
    expect(usedBackupCode).toBe(false);
    const auth = rt.services.auth;
    expect(await auth.redeemTicket(ticket)).toEqual({
      userId: user.id,
      role: "student",
      sessionVersion: user.sessionVersion,
    });
    expect(await auth.redeemTicket(ticket)).toBeNull();
    expect((await userRow(user.id)).lastLoginAt).toBeInstanceOf(Date);

    // The challenge is spent too (checked before the code, so no backup code is burned).
    const again = await anon.auth
      .verifySecondFactor({ challengeId, code: "aaaaa-bbbbb" })
      .catch((e: unknown) => e as TRPCError);
    expect(again).toMatchObject({ code: "UNAUTHORIZED", cause: { data: { reason: "challenge_expired" } } });
    const audit = await rt.dbh.db.select().from(auditLog).where(eq(auditLog.actorId, user.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["auth.2fa_passed", "auth.login"]));
  });

  it("refuses a TOTP code already used for the same time step (replay)", async () => {
    const { user, secret, codes } = await enrolledUser();
    const code = await codeAt(secret, 1);
    const anon = await callerFor(rt, null, nextIp());
    await anon.auth.verifySecondFactor({ challengeId: await challengeFor(user), code });

    const second = await challengeFor(user);
    const replay = await anon.auth
      .verifySecondFactor({ challengeId: second, code })
      .catch((e: unknown) => e as TRPCError);
    expect(replay).toMatchObject({ code: "UNAUTHORIZED", cause: { data: { reason: "invalid_code" } } });
    // An older step inside the window is refused as well.
    await expect(
      anon.auth.verifySecondFactor({ challengeId: second, code: await codeAt(secret) }),
    ).rejects.toMatchObject({
      cause: { data: { reason: "invalid_code" } },
    });
    // A wrong code does not burn the challenge: a backup code still completes it.
    const ok = await anon.auth.verifySecondFactor({ challengeId: second, code: codes[0]! });
    expect(ok.usedBackupCode).toBe(true);
  });

  it("lets only one of several concurrent sign-ins use the same TOTP code", async () => {
    const { user, secret } = await enrolledUser();
    const ip = nextIp();
    const challenges = await Promise.all(Array.from({ length: 6 }, () => challengeFor(user, ip)));
    const code = await codeAt(secret, 1);
    const anon = await callerFor(rt, null, nextIp());
    const results = await Promise.allSettled(
      challenges.map((challengeId) => anon.auth.verifySecondFactor({ challengeId, code })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    // Replays count as failed attempts: the losers are refused, and enough of them lock the account.
    for (const r of results.filter((x) => x.status === "rejected")) {
      expect(["invalid_code", "locked"]).toContain(
        (r.reason as { cause: { data: { reason: string } } }).cause.data.reason,
      );
    }
  });

  it("accepts a backup code once (any case, with or without the dash) and records used_at", async () => {
    const { user, codes } = await enrolledUser();
    const anon = await callerFor(rt, null, nextIp());
    const code = codes[3]!;
    const res = await anon.auth.verifySecondFactor({
      challengeId: await challengeFor(user),
      code: ` ${code.toUpperCase()} `,
    });
    expect(res.usedBackupCode).toBe(true);
    expect(await rt.services.auth.redeemTicket(res.ticket)).toMatchObject({ userId: user.id });

    const rows = await codeRows(user.id);
    const spent = rows.find((r) => r.codeHash === sha256(normalizeBackupCode(code)))!;
    expect(spent.usedAt).toBeInstanceOf(Date);
    expect(rows.filter((r) => r.usedAt !== null)).toHaveLength(1);
    expect(await (await callerFor(rt, user)).auth.backupCodesLeft()).toBe(9);

    const reuse = await anon.auth
      .verifySecondFactor({ challengeId: await challengeFor(user), code: code.replace("-", "") })
      .catch((e: unknown) => e as TRPCError);
    expect(reuse).toMatchObject({ code: "UNAUTHORIZED", cause: { data: { reason: "invalid_code" } } });
    expect(await (await callerFor(rt, user)).auth.backupCodesLeft()).toBe(9);
    const audit = await rt.dbh.db.select().from(auditLog).where(eq(auditLog.actorId, user.id));
    expect(audit.filter((a) => a.action === "auth.2fa_backup_code_used")).toHaveLength(1);
  });

  it("spends a backup code once even when two sign-ins race with it", async () => {
    const { user, codes } = await enrolledUser();
    const [a, b] = [await challengeFor(user), await challengeFor(user)];
    const anon = await callerFor(rt, null, nextIp());
    const results = await Promise.allSettled([
      anon.auth.verifySecondFactor({ challengeId: a, code: codes[0]! }),
      anon.auth.verifySecondFactor({ challengeId: b, code: codes[0]! }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await codeRows(user.id)).filter((r) => r.usedAt !== null)).toHaveLength(1);
  });

  it("locks the account after 5 wrong codes, even spread over several challenges", async () => {
    const { user, secret } = await enrolledUser();
    const anon = await callerFor(rt, null, nextIp());
    const wrong = await wrongCode(secret);
    // Guessing across fresh challenges (each costs only a password login) does not reset the count.
    const first = await challengeFor(user);
    for (let i = 0; i < 3; i++) {
      await expect(anon.auth.verifySecondFactor({ challengeId: first, code: wrong })).rejects.toMatchObject({
        code: "UNAUTHORIZED",
        cause: { data: { reason: "invalid_code" } },
      });
    }
    // After 3 failures the password step itself demands a CAPTCHA.
    await expect(challengeFor(user)).rejects.toMatchObject({ cause: { data: { reason: "captcha_required" } } });
    const relogin = await anon.auth.login({
      email: user.email,
      password: TEST_PASSWORD,
      captchaToken: "XXXX.DUMMY.TOKEN.XXXX",
    });
    if (relogin.status !== "two_factor_required") throw new Error("expected a second-factor challenge");
    const second = relogin.challengeId;
    await expect(anon.auth.verifySecondFactor({ challengeId: second, code: wrong })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    const fifth = await anon.auth
      .verifySecondFactor({ challengeId: second, code: wrong })
      .catch((e: unknown) => e as TRPCError);
    expect(fifth).toMatchObject({ code: "TOO_MANY_REQUESTS", cause: { retryAfter: 60, data: { reason: "locked" } } });
    // The challenge is gone and the right code no longer helps.
    expect(await rt.cache.get(`2fa-challenge:${sha256(second)}`)).toBeNull();
    await expect(
      anon.auth.verifySecondFactor({ challengeId: second, code: await codeAt(secret, 1) }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/TOO_MANY_REQUESTS|UNAUTHORIZED/) });
    // Signing in again is refused while the lock lasts.
    await expect(
      anon.auth.login({ email: user.email, password: TEST_PASSWORD, captchaToken: "XXXX.DUMMY.TOKEN.XXXX" }),
    ).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      cause: { data: { reason: "locked" } },
    });
  });

  it("exhausts one challenge after 5 attempts per challenge", async () => {
    const { user, secret } = await enrolledUser();
    const challengeId = await challengeFor(user);
    const anon = await callerFor(rt, null, nextIp());
    const wrong = await wrongCode(secret);
    for (let i = 0; i < 5; i++) await anon.auth.verifySecondFactor({ challengeId, code: wrong }).catch(() => undefined);
    await expect(anon.auth.verifySecondFactor({ challengeId, code: await codeAt(secret, 1) })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
  });

  it("refuses unknown and expired challenges with UNAUTHORIZED", async () => {
    const { user, secret } = await enrolledUser();
    const anon = await callerFor(rt, null, nextIp());
    const unknown = await anon.auth
      .verifySecondFactor({ challengeId: "x".repeat(43), code: await codeAt(secret, 1) })
      .catch((e: unknown) => e as TRPCError);
    expect(unknown).toMatchObject({ code: "UNAUTHORIZED", cause: { data: { reason: "challenge_expired" } } });

    // Expire a real challenge: shorten its TTL in the store to 1 s and let it lapse.
    const challengeId = await challengeFor(user);
    const key = `2fa-challenge:${sha256(challengeId)}`;
    expect(await rt.cache.get(key)).toBe(user.id);
    await rt.cache.set(key, user.id, 1);
    await new Promise((r) => setTimeout(r, 1_200));
    const expired = await anon.auth
      .verifySecondFactor({ challengeId, code: await codeAt(secret, 1) })
      .catch((e: unknown) => e as TRPCError);
    expect(expired).toMatchObject({ code: "UNAUTHORIZED", cause: { data: { reason: "challenge_expired" } } });
  });
});

describe("turning 2FA off", () => {
  it("is refused for admins (FORBIDDEN) and leaves 2FA on", async () => {
    const { user, secret } = await enrolledUser("admin");
    const caller = await callerFor(rt, user);
    await expect(caller.auth.disableTotp({ code: await codeAt(secret) })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const row = await userRow(user.id);
    expect(row.totpEnabledAt).toBeInstanceOf(Date);
    expect(row.sessionVersion).toBe(user.sessionVersion);
    expect(await codeRows(user.id)).toHaveLength(10);
  });

  it("needs a valid code, clears secret and backup codes, and signs out every existing session", async () => {
    const { user, secret } = await enrolledUser();
    const before = await callerFor(rt, user);
    expect(await before.account.me()).toMatchObject({ id: user.id, twoFactorEnabled: true });

    await expect(before.auth.disableTotp({ code: await wrongCode(secret) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect((await userRow(user.id)).totpEnabledAt).toBeInstanceOf(Date);

    await before.auth.disableTotp({ code: await codeAt(secret) });
    const row = await userRow(user.id);
    expect(row.totpEnabledAt).toBeNull();
    expect(row.totpSecretEnc).toBeNull();
    expect(row.sessionVersion).toBe(user.sessionVersion + 1);
    expect(await codeRows(user.id)).toHaveLength(0);

    // The old session (old sessionVersion) no longer resolves to anyone.
    const stale = await callerFor(rt, user);
    expect(await stale.account.me()).toBeNull();
    await expect(stale.auth.backupCodesLeft()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await (await callerFor(rt, row)).account.me()).toMatchObject({ id: user.id, twoFactorEnabled: false });

    // Password alone signs in again.
    const login = await (
      await callerFor(rt, null, nextIp())
    ).auth.login({ email: user.email, password: TEST_PASSWORD });
    expect(login.status).toBe("ok");
  });
});
