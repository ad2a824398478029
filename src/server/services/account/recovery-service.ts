import type { Runtime } from "~/server/runtime";
import type { Database } from "~/server/db/client";
import type { UserRepository, UserRow } from "~/server/repositories/users";
import type { AuditRepository } from "~/server/repositories/audit";
import type { AccountTokenRepository } from "~/server/repositories/account-tokens";
import { ConflictError, RateLimitedError, ValidationError } from "~/server/errors";
import { hmac, randomToken, sha256 } from "~/server/auth/crypto";
import { logger } from "~/server/logger";
import { publishSecurityNotice } from "~/server/services/notifications/security-notices";
import { passwordResetMail, verifyEmailMail, type AccountMail } from "./account-mail";

/** Password reset links (PRODUCT.md §1): valid 30 min, single use, the newest one wins. */
export const RESET_TOKEN_TTL_MINUTES = 30;
/** Email verification links: valid 24 h, single use. */
export const VERIFY_TOKEN_TTL_HOURS = 24;
/** Reset requests per client network and per email address (the same for unknown addresses). */
export const RESET_LIMITS = {
  perIp: { name: "reset-ip", points: 10, durationSeconds: 3600 },
  perEmail: { name: "reset-email", points: 3, durationSeconds: 3600 },
  /** Attempts to use reset tokens from one network (guessing is hopeless at 256 bits; this keeps logs quiet). */
  consumePerIp: { name: "reset-consume-ip", points: 30, durationSeconds: 3600 },
};
/** Verification emails per account. */
export const VERIFY_SEND_LIMIT = { name: "verify-send", points: 3, durationSeconds: 3600 };
/**
 * Every reset request answers after at least this long, whether or not the address has an account (sending the
 * email happens only for real accounts, so without a floor the timing would tell).
 */
export const RESET_RESPONSE_FLOOR_MS = 350;

export const RESET_REQUEST_ANSWER =
  "If an account exists for that address, we've sent a link to reset its password. It works for 30 minutes.";

type Deps = {
  rt: Runtime;
  db: Database;
  users: UserRepository;
  tokens: AccountTokenRepository;
  audit: AuditRepository;
  appUrl: string;
  now?: () => Date;
  /** Response floor for reset requests (tests shorten it). */
  responseFloorMs?: number;
};

/** Forgotten passwords and email verification, by emailed single-use links whose hashes alone are stored. */
export function createRecoveryService({
  rt,
  db,
  users,
  tokens,
  audit,
  appUrl,
  now = () => new Date(),
  responseFloorMs = RESET_RESPONSE_FLOOR_MS,
}: Deps) {
  const ipKey = (ip: string) => hmac(rt.secret, ip);
  const link = (path: string, token: string) =>
    `${appUrl.replace(/\/$/, "")}${path}?token=${encodeURIComponent(token)}`;

  async function consumeOrThrow(
    rule: { name: string; points: number; durationSeconds: number },
    key: string,
    msg: string,
  ) {
    const r = await rt.limiters(rule).consume(key);
    if (!r.ok) throw new RateLimitedError(msg, r.retryAfterSeconds, { reason: "rate_limited" });
  }

  /** Critical mail: straight to the email port (no preferences, no unsubscribe link). */
  async function sendCritical(to: string, mail: AccountMail, idempotencyKey: string) {
    await rt.email.send({ to, subject: mail.subject, text: mail.text, html: mail.html, idempotencyKey });
  }

  async function issue(user: UserRow, purpose: "password_reset" | "email_verify", ttlMs: number) {
    const token = randomToken(32);
    const at = now();
    const row = await db.transaction((tx) =>
      tokens.issue(
        { userId: user.id, purpose, tokenHash: sha256(token), expiresAt: new Date(at.getTime() + ttlMs), now: at },
        tx,
      ),
    );
    return { token, row };
  }

  async function sendVerificationTo(user: UserRow) {
    const { token, row } = await issue(user, "email_verify", VERIFY_TOKEN_TTL_HOURS * 3_600_000);
    await sendCritical(
      user.email,
      await verifyEmailMail({
        appUrl,
        firstName: user.firstName,
        link: link("/verify-email", token),
        hours: VERIFY_TOKEN_TTL_HOURS,
      }),
      `email-verify:${row.id}`,
    );
  }

  return {
    /**
     * "Forgot password": emails a reset link when the address belongs to an active account. The answer (and,
     * through a response-time floor, its timing) is the same whether or not it does.
     */
    async requestPasswordReset(email: string, ip: string): Promise<{ message: string }> {
      const started = performance.now();
      await consumeOrThrow(
        RESET_LIMITS.perIp,
        ipKey(ip),
        "Too many reset requests from this network. Try again later.",
      );
      await consumeOrThrow(
        RESET_LIMITS.perEmail,
        sha256(email.trim().toLowerCase()),
        "Too many reset requests for this address. Check your inbox or try again later.",
      );
      try {
        const user = await users.findByEmail(email);
        if (user && user.status === "active") {
          const { token, row } = await issue(user, "password_reset", RESET_TOKEN_TTL_MINUTES * 60_000);
          await sendCritical(
            user.email,
            await passwordResetMail({
              appUrl,
              firstName: user.firstName,
              link: link("/reset-password", token),
              minutes: RESET_TOKEN_TTL_MINUTES,
            }),
            `password-reset:${row.id}`,
          );
          await audit.record({
            actorId: user.id,
            action: "auth.password_reset_requested",
            targetType: "user",
            targetId: user.id,
            ipHash: ipKey(ip),
          });
        }
      } catch (error) {
        // Failing only for real accounts would tell which addresses exist: log it and answer the same.
        logger.error("password reset request failed", { error });
      }
      const wait = responseFloorMs - (performance.now() - started);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      return { message: RESET_REQUEST_ANSWER };
    },

    /** Whether a reset link can still be used (the page says so before asking for a new password). */
    async checkResetToken(token: string): Promise<{ valid: boolean }> {
      return { valid: Boolean(await tokens.findUsable(sha256(token), "password_reset", now())) };
    },

    /**
     * Sets a new password from a reset link: spends the token (once), stores the Argon2 hash, signs out every
     * session (session version bumped and every session row revoked), audits, and sends a security notice.
     */
    async resetPassword(input: { token: string; password: string }, ip: string): Promise<void> {
      await consumeOrThrow(
        RESET_LIMITS.consumePerIp,
        ipKey(ip),
        "Too many attempts from this network. Try again later.",
      );
      const passwordHash = await rt.hasher.hash(input.password);
      const at = now();
      const user = await db.transaction(async (tx) => {
        const spent = await tokens.spend(sha256(input.token), "password_reset", at, tx);
        if (!spent) return null;
        const u = await users.findById(spent.userId, tx);
        if (!u || u.status !== "active") return null;
        await users.update(u.id, { passwordHash }, tx);
        await users.bumpSessionVersion(u.id, tx);
        await tokens.revokeAllSessions(u.id, tx);
        await tokens.spendAllFor(u.id, at, "password_reset", tx);
        return u;
      });
      if (!user)
        throw new ValidationError(
          "This reset link has expired or was already used. Ask for a new one.",
          { token: ["Expired or used"] },
          { reason: "token_invalid" },
        );
      await audit.record({
        actorId: user.id,
        action: "auth.password_reset",
        targetType: "user",
        targetId: user.id,
        ipHash: ipKey(ip),
        data: { sessionsRevoked: true },
      });
      // The security notice (in-app and email, whatever the preferences) goes through the notifications flow.
      await publishSecurityNotice(rt.events, { userId: user.id, kind: "password_changed", at });
    },

    /** Sends (or re-sends) the verification link to a signed-in, unverified account. */
    async sendVerification(userId: string): Promise<{ sent: boolean }> {
      const user = await users.findById(userId);
      if (!user) throw new ValidationError("Account not found.");
      if (user.emailVerifiedAt)
        throw new ConflictError("Your email address is already verified.", { reason: "verified" });
      await consumeOrThrow(
        VERIFY_SEND_LIMIT,
        user.id,
        "We've sent several links already. Check your inbox, or try again later.",
      );
      await sendVerificationTo(user);
      return { sent: true };
    },

    /** After sign-up: the first verification email (its failure never fails the sign-up). */
    async afterSignUp(userId: string): Promise<void> {
      try {
        const user = await users.findById(userId);
        if (user && !user.emailVerifiedAt) {
          await rt.limiters(VERIFY_SEND_LIMIT).consume(user.id);
          await sendVerificationTo(user);
        }
      } catch (error) {
        logger.error("verification email failed", { error, userId });
      }
    },

    /** Marks the address verified from the emailed link (works signed out, on any device). */
    async verifyEmail(token: string): Promise<{ verified: true }> {
      const at = now();
      const verified = await db.transaction(async (tx) => {
        const spent = await tokens.spend(sha256(token), "email_verify", at, tx);
        if (!spent) return null;
        const u = await users.findById(spent.userId, tx);
        if (!u || u.status === "deleted") return null;
        if (!u.emailVerifiedAt) await users.update(u.id, { emailVerifiedAt: at }, tx);
        return u;
      });
      if (!verified)
        throw new ValidationError(
          "This verification link has expired or was already used. Sign in and ask for a new one.",
          { token: ["Expired or used"] },
          { reason: "token_invalid" },
        );
      await audit.record({
        actorId: verified.id,
        action: "auth.email_verified",
        targetType: "user",
        targetId: verified.id,
      });
      return { verified: true };
    },
  };
}
export type RecoveryService = ReturnType<typeof createRecoveryService>;
