import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { idColumn, timestamps, tstz } from "./_columns";

export const ROLES = ["student", "instructor", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const USER_STATUSES = ["active", "suspended", "deleted"] as const;

export const users = pgTable(
  "users",
  {
    id: idColumn(),
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    status: text("status", { enum: USER_STATUSES }).notNull().default("active"),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    timeZone: text("time_zone").notNull().default("America/New_York"),
    phone: text("phone"),
    /** Set by the emailed verification link; unverified accounts browse and message but cannot book. */
    emailVerifiedAt: tstz("email_verified_at"),
    phoneVerifiedAt: tstz("phone_verified_at"),
    /** AES-GCM encrypted with the auth secret; null until enrolment starts. */
    totpSecretEnc: text("totp_secret_enc"),
    totpEnabledAt: tstz("totp_enabled_at"),
    /** Bumped on password/2FA change or suspension: older sessions stop working. */
    sessionVersion: integer("session_version").notNull().default(1),
    lastLoginAt: tstz("last_login_at"),
    ...timestamps,
  },
  (t) => [
    // Emails are unique case-insensitively.
    uniqueIndex("users_email_lower_uq").on(sql`lower(${t.email})`),
    check("users_role_ck", sql`${t.role} in ('student','instructor','admin')`),
    check("users_status_ck", sql`${t.status} in ('active','suspended','deleted')`),
    check("users_phone_e164_ck", sql`${t.phone} is null or ${t.phone} ~ '^\\+[1-9][0-9]{6,14}$'`),
  ],
);

/** One-time 2FA backup codes, stored as hashes; a used code is kept with used_at so it cannot be reused. */
export const backupCodes = pgTable(
  "backup_codes",
  {
    id: idColumn(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: tstz("used_at"),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("backup_codes_user_idx").on(t.userId)],
);

/** SMS phone verification: 6-digit code, 10 min validity, 5 attempts. */
export const phoneVerifications = pgTable(
  "phone_verifications",
  {
    id: idColumn(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    phone: text("phone").notNull(),
    codeHash: text("code_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    expiresAt: tstz("expires_at").notNull(),
    consumedAt: tstz("consumed_at"),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("phone_verifications_user_idx").on(t.userId, t.createdAt)],
);

/** Messages the local email/SMS adapters "send": shown at /dev/outbox. */
export const outbox = pgTable(
  "outbox",
  {
    id: idColumn(),
    channel: text("channel", { enum: ["email", "sms"] }).notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject"),
    body: text("body").notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    index("outbox_created_idx").on(t.createdAt),
    check("outbox_channel_ck", sql`${t.channel} in ('email','sms')`),
  ],
);

/** Security-relevant and admin actions. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: idColumn(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    ipHash: text("ip_hash"),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("audit_log_created_idx").on(t.createdAt), index("audit_log_actor_idx").on(t.actorId)],
);

/** Runtime knobs (search config, policy numbers) effective without restart. */
export const platformConfig = pgTable("platform_config", {
  key: text("key").primaryKey(),
  value: jsonb("value").$type<unknown>().notNull(),
  updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamps.updatedAt,
});
