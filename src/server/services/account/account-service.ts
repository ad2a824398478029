import type { Runtime } from "~/server/runtime";
import { publishSecurityNotice } from "~/server/services/notifications/security-notices";
import type { UserRepository, UserRow } from "~/server/repositories/users";
import type { AuditRepository } from "~/server/repositories/audit";
import type { Database } from "~/server/db/client";
import { NotFoundError, RateLimitedError, UnauthorizedError, ValidationError } from "~/server/errors";
import { hmac, randomDigits, safeEqual } from "~/server/auth/crypto";
import { permissionsOf } from "~/server/auth/permissions";
import { publicName } from "~/lib/privacy";

/** Phone verification (PRODUCT.md §1): 6-digit code, valid 10 min, 5 attempts, rate-limited sends. */
export const PHONE_CODE_TTL_SECONDS = 10 * 60;
export const PHONE_CODE_MAX_ATTEMPTS = 5;
export const PHONE_SEND_LIMITS = {
  perUser: { name: "phone-send-user", points: 3, durationSeconds: 10 * 60 },
  perUserDay: { name: "phone-send-user-day", points: 10, durationSeconds: 86_400 },
  perPhoneDay: { name: "phone-send-number-day", points: 5, durationSeconds: 86_400 },
};

export type MeView = {
  id: string;
  email: string;
  role: UserRow["role"];
  firstName: string;
  lastName: string;
  displayName: string;
  timeZone: string;
  phone: string | null;
  phoneVerified: boolean;
  /** Booking needs a verified email address. */
  emailVerified: boolean;
  twoFactorEnabled: boolean;
  /** Admins must enrol 2FA before using admin tools. */
  twoFactorRequired: boolean;
  permissions: string[];
  createdAt: Date;
};

type Deps = { rt: Runtime; db: Database; users: UserRepository; audit: AuditRepository };

/** The signed-in person's own account: profile basics, password, phone. */
export function createAccountService({ rt, db, users, audit }: Deps) {
  const toMe = (u: UserRow): MeView => ({
    id: u.id,
    email: u.email,
    role: u.role,
    firstName: u.firstName,
    lastName: u.lastName,
    displayName: publicName(u.firstName, u.lastName),
    timeZone: u.timeZone,
    phone: u.phone,
    phoneVerified: Boolean(u.phone && u.phoneVerifiedAt),
    emailVerified: Boolean(u.emailVerifiedAt),
    twoFactorEnabled: Boolean(u.totpEnabledAt),
    twoFactorRequired: u.role === "admin",
    permissions: [...permissionsOf(u.role)],
    createdAt: u.createdAt,
  });

  async function load(userId: string): Promise<UserRow> {
    const u = await users.findById(userId);
    if (!u) throw new NotFoundError("Account not found.");
    return u;
  }

  return {
    /** The caller's own account view. */
    async me(userId: string): Promise<MeView> {
      return toMe(await load(userId));
    },

    /** Updates name and time zone. */
    async updateProfile(
      userId: string,
      input: { firstName: string; lastName: string; timeZone: string },
    ): Promise<MeView> {
      const u = await users.update(userId, {
        firstName: input.firstName.trim(),
        lastName: input.lastName.trim(),
        timeZone: input.timeZone,
      });
      if (!u) throw new NotFoundError("Account not found.");
      return toMe(u);
    },

    /** Changes the password after checking the current one; other sessions are signed out. */
    async changePassword(userId: string, input: { currentPassword: string; newPassword: string }): Promise<void> {
      const u = await load(userId);
      if (!(await rt.hasher.verify(u.passwordHash, input.currentPassword))) {
        throw new ValidationError("Your current password is not correct.", { currentPassword: ["Incorrect password"] });
      }
      const passwordHash = await rt.hasher.hash(input.newPassword);
      await db.transaction(async (tx) => {
        await users.update(userId, { passwordHash }, tx);
        await users.bumpSessionVersion(userId, tx);
      });
      await audit.record({ actorId: userId, action: "auth.password_changed", targetType: "user", targetId: userId });
      await publishSecurityNotice(rt.events, { userId, kind: "password_changed", at: rt.now() });
    },

    /** Sends a 6-digit code by SMS to an E.164 number (rate-limited per user and per number). */
    async requestPhoneCode(userId: string, phone: string): Promise<{ expiresInSeconds: number }> {
      for (const [rule, key] of [
        [PHONE_SEND_LIMITS.perUser, userId],
        [PHONE_SEND_LIMITS.perUserDay, userId],
        [PHONE_SEND_LIMITS.perPhoneDay, phone],
      ] as const) {
        const r = await rt.limiters(rule).consume(key);
        if (!r.ok)
          throw new RateLimitedError(
            "Too many codes requested. Please wait before asking for another.",
            r.retryAfterSeconds,
          );
      }
      const code = randomDigits(6);
      await users.insertPhoneVerification({
        userId,
        phone,
        codeHash: hmac(rt.secret, `${userId}:${code}`),
        expiresAt: new Date(rt.now().getTime() + PHONE_CODE_TTL_SECONDS * 1000),
      });
      await rt.sms.send(phone, `Your InstaInstru verification code is ${code}. It expires in 10 minutes.`);
      return { expiresInSeconds: PHONE_CODE_TTL_SECONDS };
    },

    /** Checks the latest code; on success the number becomes the account's verified phone. */
    async verifyPhoneCode(userId: string, code: string): Promise<MeView> {
      const v = await users.latestPhoneVerification(userId);
      if (!v) throw new ValidationError("Request a code first.", { code: ["No code requested"] });
      if (v.expiresAt.getTime() <= rt.now().getTime())
        throw new ValidationError("That code has expired. Request a new one.", { code: ["Expired"] });
      if (v.attempts >= PHONE_CODE_MAX_ATTEMPTS)
        throw new ValidationError("Too many attempts. Request a new code.", { code: ["Too many attempts"] });
      const attempts = await users.addPhoneVerificationAttempt(v.id);
      if (attempts > PHONE_CODE_MAX_ATTEMPTS)
        throw new ValidationError("Too many attempts. Request a new code.", { code: ["Too many attempts"] });
      if (!safeEqual(v.codeHash, hmac(rt.secret, `${userId}:${code.trim()}`))) {
        throw new ValidationError(`That code is not correct. ${PHONE_CODE_MAX_ATTEMPTS - attempts} attempts left.`, {
          code: ["Incorrect code"],
        });
      }
      const u = await db.transaction(async (tx) => {
        await users.consumePhoneVerification(v.id, tx);
        return users.update(userId, { phone: v.phone, phoneVerifiedAt: rt.now() }, tx);
      });
      if (!u) throw new UnauthorizedError("Please sign in again.");
      return toMe(u);
    },
  };
}
export type AccountService = ReturnType<typeof createAccountService>;
