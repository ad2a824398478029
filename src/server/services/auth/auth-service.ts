import QRCode from "qrcode";
import { publishSecurityNotice } from "~/server/services/notifications/security-notices";
import type { Runtime } from "~/server/runtime";
import type { UserRepository, UserRow } from "~/server/repositories/users";
import type { AuditRepository } from "~/server/repositories/audit";
import type { Database, DbOrTx } from "~/server/db/client";
import type { Role } from "~/server/db/schema";
import { ConflictError, ForbiddenError, RateLimitedError, UnauthorizedError, ValidationError } from "~/server/errors";
import { DUMMY_PASSWORD_HASH } from "~/server/auth/password";
import { isUniqueViolation } from "~/server/db/errors";
import { decryptSecret, encryptSecret, hmac, randomToken, sha256 } from "~/server/auth/crypto";
import { newTotpSecret, totpUri, verifyTotp } from "~/server/auth/totp";
import type { Limiter } from "~/server/kv/rate-limit";
import {
  BACKUP_CODE_COUNT,
  CAPTCHA_AFTER_FAILURES,
  LOGIN_LIMITS,
  LOGIN_TICKET_TTL_SECONDS,
  TWO_FACTOR_CHALLENGE_TTL_SECONDS,
  lockoutSecondsFor,
} from "./policy";

export type LoginResult = { status: "ok"; ticket: string } | { status: "two_factor_required"; challengeId: string };

export type SessionClaims = { userId: string; role: Role; sessionVersion: number };

type Deps = {
  rt: Runtime;
  db: Database;
  users: UserRepository;
  audit: AuditRepository;
  /** After a sign-up commits (sends the verification email); never fails the sign-up. */
  onSignUp?: (userId: string) => Promise<void>;
};

const INVALID_CREDENTIALS = "Email or password is incorrect.";

/** Everything about proving who someone is: sign-up, password login with its protections, 2FA, tickets. */
export function createAuthService({ rt, db, users, audit, onSignUp }: Deps) {
  const limit = (rule: (typeof LOGIN_LIMITS)[keyof typeof LOGIN_LIMITS]): Limiter => rt.limiters(rule);
  const ipKey = (ip: string) => hmac(rt.secret, ip);
  const accountKey = (email: string) => sha256(email.trim().toLowerCase());
  const lockKey = (acct: string) => `login-lock:${acct}`;

  async function consumeOrThrow(limiter: Limiter, key: string, message: string) {
    const r = await limiter.consume(key);
    if (!r.ok) throw new RateLimitedError(message, r.retryAfterSeconds, { reason: "rate_limited" });
  }

  async function failuresOf(acct: string): Promise<number> {
    return (await limit(LOGIN_LIMITS.failures).get(acct))?.consumed ?? 0;
  }

  /**
   * Counts a failed proof (wrong password or wrong second factor) against the account, locking it
   * progressively. Returns the lock length in seconds (0 when not locked).
   */
  async function recordFailure(
    acct: string,
    userId: string | null,
    ipk: string,
    action: string,
  ): Promise<{ count: number; lockSeconds: number }> {
    const r = await limit(LOGIN_LIMITS.failures).consume(acct);
    const count = r.ok ? r.state.consumed : (await failuresOf(acct)) + 1;
    const lockSeconds = lockoutSecondsFor(count);
    if (userId)
      await audit.record({
        actorId: userId,
        action,
        targetType: "user",
        targetId: userId,
        ipHash: ipk,
        data: { failures: count },
      });
    if (lockSeconds > 0) await rt.cache.set(lockKey(acct), String(Date.now() + lockSeconds * 1000), lockSeconds);
    return { count, lockSeconds };
  }

  async function issueTicket(userId: string): Promise<string> {
    const ticket = randomToken();
    await rt.cache.set(`login-ticket:${sha256(ticket)}`, userId, LOGIN_TICKET_TTL_SECONDS);
    return ticket;
  }

  async function afterPassword(user: UserRow): Promise<LoginResult> {
    // The failure count resets only when sign-in completes: knowing the password must not reset the
    // counter that also guards the second factor.
    if (user.totpEnabledAt && user.totpSecretEnc) {
      const challengeId = randomToken();
      await rt.cache.set(`2fa-challenge:${sha256(challengeId)}`, user.id, TWO_FACTOR_CHALLENGE_TTL_SECONDS);
      return { status: "two_factor_required", challengeId };
    }
    await limit(LOGIN_LIMITS.failures).reset(accountKey(user.email));
    return { status: "ok", ticket: await issueTicket(user.id) };
  }

  async function generateBackupCodes(userId: string, tx: DbOrTx = db): Promise<string[]> {
    // 10 codes of 10 base32-ish characters shown as xxxxx-xxxxx; stored as SHA-256 (they are random, not passwords).
    const codes = Array.from({ length: BACKUP_CODE_COUNT }, () => {
      const raw = randomToken(8)
        .replace(/[^a-zA-Z0-9]/g, "")
        .toLowerCase()
        .padEnd(10, "x")
        .slice(0, 10);
      return `${raw.slice(0, 5)}-${raw.slice(5)}`;
    });
    await users.replaceBackupCodes(
      userId,
      codes.map((c) => sha256(normalizeBackupCode(c))),
      tx,
    );
    return codes;
  }

  return {
    /** Creates a student or instructor account (emails unique case-insensitively) and returns a login ticket. */
    async signUp(
      input: {
        email: string;
        password: string;
        firstName: string;
        lastName: string;
        role: "student" | "instructor";
        timeZone: string;
      },
      ip: string,
    ): Promise<{ userId: string; ticket: string }> {
      await consumeOrThrow(
        limit(LOGIN_LIMITS.signupPerIpHour),
        ipKey(ip),
        "Too many sign-ups from this network. Try again later.",
      );
      if (await users.findByEmail(input.email)) {
        throw new ConflictError("An account with this email already exists. Try signing in.", { field: "email" });
      }
      const passwordHash = await rt.hasher.hash(input.password);
      const user = await db.transaction(async (tx) => {
        try {
          const row = await users.insert(
            {
              email: input.email.trim(),
              passwordHash,
              role: input.role,
              firstName: input.firstName.trim(),
              lastName: input.lastName.trim(),
              timeZone: input.timeZone,
            },
            tx,
          );
          if (row.role === "instructor") await users.insertInstructorProfile(row.id, row.timeZone, tx);
          return row;
        } catch (e) {
          if (isUniqueViolation(e))
            throw new ConflictError("An account with this email already exists. Try signing in.", { field: "email" });
          throw e;
        }
      });
      await audit.record({
        actorId: user.id,
        action: "auth.signup",
        targetType: "user",
        targetId: user.id,
        ipHash: ipKey(ip),
      });
      await onSignUp?.(user.id);
      return { userId: user.id, ticket: await issueTicket(user.id) };
    },

    /** Tells the sign-in page what an account needs before the next attempt (CAPTCHA, cooldown). */
    async loginRequirements(email: string): Promise<{ captchaRequired: boolean; retryAfter: number }> {
      const acct = accountKey(email);
      const [failures, lockedUntil] = await Promise.all([failuresOf(acct), rt.cache.get(lockKey(acct))]);
      const retryAfter = lockedUntil ? Math.max(0, Math.ceil((Number(lockedUntil) - Date.now()) / 1000)) : 0;
      return { captchaRequired: failures >= CAPTCHA_AFTER_FAILURES, retryAfter };
    },

    /**
     * Password step of sign-in. Rate-limited per IP and per account; locked progressively after repeated
     * failures; requires a verified CAPTCHA after 3 failures; hashing runs under a concurrency gate.
     */
    async login(input: { email: string; password: string; captchaToken?: string }, ip: string): Promise<LoginResult> {
      const acct = accountKey(input.email);
      const ipk = ipKey(ip);
      await consumeOrThrow(
        limit(LOGIN_LIMITS.ipPerMinute),
        ipk,
        "Too many sign-in attempts from this network. Wait a moment.",
      );
      await consumeOrThrow(
        limit(LOGIN_LIMITS.ipPerHour),
        ipk,
        "Too many sign-in attempts from this network. Try again later.",
      );
      await consumeOrThrow(
        limit(LOGIN_LIMITS.accountPerMinute),
        acct,
        "Too many sign-in attempts for this account. Wait a moment.",
      );
      await consumeOrThrow(
        limit(LOGIN_LIMITS.accountPerHour),
        acct,
        "Too many sign-in attempts for this account. Try again later.",
      );

      const lockedUntil = await rt.cache.get(lockKey(acct));
      if (lockedUntil && Number(lockedUntil) > Date.now()) {
        throw new RateLimitedError(
          "Too many failed attempts. This account is temporarily locked.",
          (Number(lockedUntil) - Date.now()) / 1000,
          {
            reason: "locked",
            captchaRequired: true,
          },
        );
      }

      const failures = await failuresOf(acct);
      if (failures >= CAPTCHA_AFTER_FAILURES) {
        if (!input.captchaToken) {
          throw new UnauthorizedError("Please confirm you are human to continue.", {
            reason: "captcha_required",
            captchaRequired: true,
          });
        }
        const check = await rt.captcha.verify(input.captchaToken, ip);
        if (!check.success) {
          throw new UnauthorizedError("The CAPTCHA could not be verified. Please try again.", {
            reason: "captcha_invalid",
            captchaRequired: true,
          });
        }
      }

      const user = await users.findByEmail(input.email);
      // Always verify against some hash so response time does not reveal whether the email exists.
      const passwordOk = await rt.hasher.verify(user?.passwordHash ?? DUMMY_PASSWORD_HASH, input.password);

      if (!user || !passwordOk || user.status === "deleted") {
        const { count, lockSeconds } = await recordFailure(acct, user?.id ?? null, ipk, "auth.login_failed");
        if (lockSeconds > 0) {
          throw new RateLimitedError(
            `${INVALID_CREDENTIALS} Too many failed attempts: try again in ${formatWait(lockSeconds)}.`,
            lockSeconds,
            {
              reason: "locked",
              captchaRequired: true,
            },
          );
        }
        throw new UnauthorizedError(INVALID_CREDENTIALS, {
          reason: "invalid_credentials",
          captchaRequired: count >= CAPTCHA_AFTER_FAILURES,
        });
      }
      if (user.status === "suspended")
        throw new ForbiddenError("This account is suspended. Contact support.", { reason: "suspended" });

      return afterPassword(user);
    },

    /** Second sign-in step: a TOTP code (each time step usable once) or an unused backup code. */
    async verifySecondFactor(
      input: { challengeId: string; code: string },
      ip: string,
    ): Promise<{ ticket: string; usedBackupCode: boolean }> {
      const key = `2fa-challenge:${sha256(input.challengeId)}`;
      const attempt = await limit(LOGIN_LIMITS.twoFactorPerChallenge).consume(sha256(input.challengeId));
      if (!attempt.ok) {
        await rt.cache.del(key);
        throw new RateLimitedError("Too many wrong codes. Sign in again.", attempt.retryAfterSeconds, {
          reason: "two_factor_attempts",
        });
      }
      const userId = await rt.cache.get(key);
      if (!userId)
        throw new UnauthorizedError("This sign-in has expired. Please sign in again.", { reason: "challenge_expired" });
      const user = await users.findById(userId);
      if (!user?.totpSecretEnc || !user.totpEnabledAt || user.status !== "active") {
        throw new UnauthorizedError("This sign-in has expired. Please sign in again.", { reason: "challenge_expired" });
      }
      const acct = accountKey(user.email);
      const lockedUntil = await rt.cache.get(lockKey(acct));
      if (lockedUntil && Number(lockedUntil) > Date.now()) {
        await rt.cache.del(key);
        throw new RateLimitedError(
          "Too many failed attempts. This account is temporarily locked.",
          (Number(lockedUntil) - Date.now()) / 1000,
          { reason: "locked" },
        );
      }
      /** Wrong codes count against the account like wrong passwords, across challenges. */
      const wrongCode = async (message: string): Promise<never> => {
        const { lockSeconds } = await recordFailure(acct, user.id, ipKey(ip), "auth.2fa_failed");
        if (lockSeconds > 0) {
          await rt.cache.del(key);
          throw new RateLimitedError(
            `${message} Too many failed attempts: try again in ${formatWait(lockSeconds)}.`,
            lockSeconds,
            { reason: "locked" },
          );
        }
        throw new UnauthorizedError(message, { reason: "invalid_code" });
      };
      const spent = await spendSecondFactor(rt, users, user, input.code);
      if (spent === "invalid_totp") return wrongCode("That code is not valid. Check your authenticator app.");
      if (spent === "replayed")
        throw new UnauthorizedError("That code is not valid. Check your authenticator app.", {
          reason: "invalid_code",
        });
      if (spent === "invalid_backup") return wrongCode("That backup code is not valid or was already used.");
      const usedBackupCode = spent === "backup";
      // Single use: whoever takes the challenge first gets the ticket.
      if (!(await rt.cache.take(key)))
        throw new UnauthorizedError("This sign-in has expired. Please sign in again.", { reason: "challenge_expired" });
      await limit(LOGIN_LIMITS.failures).reset(acct);
      await audit.record({
        actorId: user.id,
        action: usedBackupCode ? "auth.2fa_backup_code_used" : "auth.2fa_passed",
        targetType: "user",
        targetId: user.id,
        ipHash: ipKey(ip),
      });
      return { ticket: await issueTicket(user.id), usedBackupCode };
    },

    /** Exchanges a single-use login ticket for session claims (called by next-auth's credentials provider). */
    async redeemTicket(ticket: string): Promise<SessionClaims | null> {
      if (!ticket || ticket.length > 200) return null;
      const userId = await rt.cache.take(`login-ticket:${sha256(ticket)}`);
      if (!userId) return null;
      const user = await users.findById(userId);
      if (!user || user.status !== "active") return null;
      await users.update(user.id, { lastLoginAt: rt.now() });
      await audit.record({ actorId: user.id, action: "auth.login", targetType: "user", targetId: user.id });
      return { userId: user.id, role: user.role, sessionVersion: user.sessionVersion };
    },

    /** Starts TOTP enrolment: a new secret (stored encrypted, not yet active) with its otpauth URI and QR code. */
    async startTotpEnrolment(userId: string): Promise<{ secret: string; otpauthUri: string; qrDataUrl: string }> {
      const user = await users.findById(userId);
      if (!user) throw new UnauthorizedError("Please sign in again.");
      if (user.totpEnabledAt) throw new ConflictError("Two-factor authentication is already on.");
      const secret = newTotpSecret();
      await users.update(user.id, { totpSecretEnc: encryptSecret(rt.secret, secret) });
      const otpauthUri = totpUri(secret, user.email);
      return { secret, otpauthUri, qrDataUrl: await QRCode.toDataURL(otpauthUri, { margin: 1, width: 220 }) };
    },

    /** Confirms enrolment with a code from the app; turns 2FA on and returns 10 backup codes, shown once. */
    async confirmTotpEnrolment(userId: string, code: string): Promise<{ backupCodes: string[] }> {
      const user = await users.findById(userId);
      if (!user?.totpSecretEnc) throw new ValidationError("Start two-factor setup first.");
      if (user.totpEnabledAt) throw new ConflictError("Two-factor authentication is already on.");
      const step = await verifyTotp(decryptSecret(rt.secret, user.totpSecretEnc), code.trim());
      if (step === null)
        throw new ValidationError("That code is not valid. Check the time on your phone and try again.", {
          code: ["Invalid code"],
        });
      await rt.cache.set(`totp-step:${user.id}`, String(step), 300);
      const backupCodes = await db.transaction(async (tx) => {
        await users.update(user.id, { totpEnabledAt: rt.now() }, tx);
        // Inside the transaction: on PGlite a query outside it would wait for it forever.
        return generateBackupCodes(user.id, tx);
      });
      await audit.record({ actorId: user.id, action: "auth.2fa_enabled", targetType: "user", targetId: user.id });
      await publishSecurityNotice(rt.events, { userId: user.id, kind: "two_factor_enabled", at: rt.now() });
      return { backupCodes };
    },

    /** Replaces the backup codes (after a valid TOTP code). */
    async regenerateBackupCodes(userId: string, code: string): Promise<{ backupCodes: string[] }> {
      const user = await users.findById(userId);
      if (!user?.totpSecretEnc || !user.totpEnabledAt) throw new ValidationError("Two-factor authentication is off.");
      if ((await verifyTotp(decryptSecret(rt.secret, user.totpSecretEnc), code.trim())) === null) {
        throw new ValidationError("That code is not valid.", { code: ["Invalid code"] });
      }
      return { backupCodes: await generateBackupCodes(user.id) };
    },

    /** Turns 2FA off (not allowed for admins, for whom it is required). */
    async disableTotp(userId: string, code: string): Promise<void> {
      const user = await users.findById(userId);
      if (!user?.totpSecretEnc || !user.totpEnabledAt)
        throw new ValidationError("Two-factor authentication is already off.");
      if (user.role === "admin") throw new ForbiddenError("Two-factor authentication is required for admins.");
      if ((await verifyTotp(decryptSecret(rt.secret, user.totpSecretEnc), code.trim())) === null) {
        throw new ValidationError("That code is not valid.", { code: ["Invalid code"] });
      }
      await db.transaction(async (tx) => {
        await users.update(user.id, { totpEnabledAt: null, totpSecretEnc: null }, tx);
        await users.replaceBackupCodes(user.id, [], tx);
        await users.bumpSessionVersion(user.id, tx);
      });
      await audit.record({ actorId: user.id, action: "auth.2fa_disabled", targetType: "user", targetId: user.id });
      await publishSecurityNotice(rt.events, { userId: user.id, kind: "two_factor_disabled", at: rt.now() });
    },

    async backupCodesLeft(userId: string): Promise<number> {
      return users.countUnusedBackupCodes(userId);
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;

/**
 * Spends a second-factor code of a user with 2FA on: a 6-digit TOTP code (each 30 s step once — a code already used,
 * to sign in or for anything else, is refused) or a single-use backup code. The one home of that check.
 */
export async function spendSecondFactor(
  rt: Runtime,
  users: UserRepository,
  user: UserRow,
  rawCode: string,
): Promise<"totp" | "backup" | "invalid_totp" | "replayed" | "invalid_backup"> {
  const code = rawCode.trim();
  if (!user.totpSecretEnc) return "invalid_totp";
  if (/^\d{6}$/.test(code)) {
    const stepKey = `totp-step:${user.id}`;
    const last = await rt.cache.get(stepKey);
    const step = await verifyTotp(decryptSecret(rt.secret, user.totpSecretEnc), code, last ? Number(last) : undefined);
    if (step === null) return "invalid_totp";
    // The read above is not atomic with this write: claim the step so concurrent requests cannot both spend one code.
    if (!(await rt.cache.setIfAbsent(`totp-used:${user.id}:${step}`, "1", 300))) return "replayed";
    await rt.cache.set(stepKey, String(step), 300);
    return "totp";
  }
  return (await users.consumeBackupCode(user.id, sha256(normalizeBackupCode(code)))) ? "backup" : "invalid_backup";
}

export function normalizeBackupCode(code: string): string {
  return code
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

function formatWait(seconds: number): string {
  return seconds >= 60 ? `${Math.round(seconds / 60)} min` : `${seconds} s`;
}
