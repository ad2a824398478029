import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "~/server/auth/password";
import { isValidTimeZone } from "~/lib/time/zoned";
import { zPlainString, zText } from "~/server/api/zod";

export const ZEmail = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: "Enter a valid email address" }));
export const ZPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { message: `Use at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(PASSWORD_MAX_LENGTH, { message: `Use at most ${PASSWORD_MAX_LENGTH} characters` });
export const ZPersonName = zText({ min: 1, max: 60 });
export const ZTimeZone = zPlainString(64).refine(isValidTimeZone, { message: "Unknown time zone" });

export const ZSignUpInput = z.object({
  email: ZEmail,
  password: ZPassword,
  firstName: ZPersonName,
  lastName: ZPersonName,
  role: z.enum(["student", "instructor"]),
  timeZone: ZTimeZone.default("America/New_York"),
});

export const ZLoginInput = z.object({
  email: ZEmail,
  // No minimum here: a wrong short password is just a wrong password.
  password: z.string().min(1, { message: "Required" }).max(PASSWORD_MAX_LENGTH),
  captchaToken: zPlainString(4096).optional(),
});

export const ZLoginResult = z.discriminatedUnion("status", [
  z.object({ status: z.literal("ok"), ticket: z.string() }),
  z.object({ status: z.literal("two_factor_required"), challengeId: z.string() }),
]);

export const ZTwoFactorInput = z.object({
  challengeId: zPlainString(200).min(10),
  // 6-digit TOTP or a backup code (xxxxx-xxxxx).
  code: zPlainString(20).trim().min(6),
});

export const ZTotpCode = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { message: "Enter the 6-digit code" }),
});

export const ZLoginRequirementsInput = z.object({ email: ZEmail });

/** An emailed single-use token: 32 random bytes, base64url (43 characters). */
export const ZEmailToken = z.object({
  token: z
    .string()
    .trim()
    .min(20, { message: "This link is incomplete" })
    .max(100, { message: "This link is not valid" })
    .regex(/^[A-Za-z0-9_-]+$/, { message: "This link is not valid" }),
});
export const ZRequestPasswordResetInput = z.object({ email: ZEmail });
export const ZResetPasswordInput = ZEmailToken.extend({ password: ZPassword });

/* ── Outputs ── */

export const ZMessageView = z.object({ message: z.string() });

export const ZLoginRequirements = z.object({ captchaRequired: z.boolean(), retryAfter: z.number() });
export const ZSecondFactorResult = z.object({ ticket: z.string(), usedBackupCode: z.boolean() });
export const ZTotpEnrolment = z.object({ secret: z.string(), otpauthUri: z.string(), qrDataUrl: z.string() });
export const ZBackupCodes = z.object({ backupCodes: z.array(z.string()) });
