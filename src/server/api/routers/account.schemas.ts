import { z } from "zod";
import { ROLES } from "~/server/db/schema";
import { ZPassword, ZPersonName, ZTimeZone } from "./auth.schemas";

export const ZPhoneE164 = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{6,14}$/, { message: "Use international format, e.g. +12125550123" });

export const ZUpdateProfileInput = z.object({ firstName: ZPersonName, lastName: ZPersonName, timeZone: ZTimeZone });
export const ZChangePasswordInput = z.object({ currentPassword: z.string().min(1).max(128), newPassword: ZPassword });
export const ZRequestPhoneCodeInput = z.object({ phone: ZPhoneE164 });
export const ZVerifyPhoneCodeInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { message: "Enter the 6-digit code" }),
});

/* ── Outputs ── */

/** The signed-in person's own account (only ever sent to them). */
export const ZMeView = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  firstName: z.string(),
  lastName: z.string(),
  displayName: z.string(),
  timeZone: z.string(),
  phone: z.string().nullable(),
  phoneVerified: z.boolean(),
  emailVerified: z.boolean(),
  twoFactorEnabled: z.boolean(),
  twoFactorRequired: z.boolean(),
  permissions: z.array(z.string()),
  createdAt: z.date(),
});
export const ZPhoneCodeSent = z.object({ expiresInSeconds: z.number().int() });

/* ── GDPR ── */

export const ZDataExportView = z.object({
  id: z.string(),
  status: z.enum(["pending", "ready", "downloaded", "failed", "expired"]),
  createdAt: z.date(),
  expiresAt: z.date().nullable(),
  downloadPath: z.string().nullable(),
});
export const ZDeleteAccountInput = z.object({
  password: z.string().min(1, { message: "Enter your password" }).max(128),
  /** 6-digit TOTP code or a backup code (when 2FA is on). */
  code: z.string().trim().max(20).optional(),
});
