import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { idColumn, timestamps, tstz } from "./_columns";
import { users } from "./users";

/** What an emailed single-use link proves (PRODUCT.md §1). */
export const ACCOUNT_TOKEN_PURPOSES = ["password_reset", "email_verify"] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

/**
 * Single-use links sent by email. Only the SHA-256 of the 32 random bytes is stored; a newer token of the same
 * purpose invalidates older ones (`used_at` set), and a token is spent by an update that checks it is unspent.
 */
export const accountTokens = pgTable(
  "account_tokens",
  {
    id: idColumn(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ACCOUNT_TOKEN_PURPOSES }).notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: tstz("expires_at").notNull(),
    usedAt: tstz("used_at"),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    uniqueIndex("account_tokens_hash_uq").on(t.tokenHash),
    index("account_tokens_user_idx").on(t.userId, t.purpose),
    index("account_tokens_expires_idx").on(t.expiresAt),
    check("account_tokens_purpose_ck", sql`${t.purpose} in ('password_reset','email_verify')`),
  ],
);

export const DATA_EXPORT_STATUSES = ["pending", "ready", "downloaded", "failed"] as const;
export type DataExportStatus = (typeof DATA_EXPORT_STATUSES)[number];

/**
 * GDPR data exports: requested from /account, assembled by a background job, downloadable once through a signed,
 * expiring link by its owner. The archive is deleted from the row once downloaded or expired.
 */
export const dataExports = pgTable(
  "data_exports",
  {
    id: idColumn(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: DATA_EXPORT_STATUSES }).notNull().default("pending"),
    archive: jsonb("archive").$type<Record<string, unknown>>(),
    /** The link's expiry (set when the archive is ready). */
    expiresAt: tstz("expires_at"),
    downloadedAt: tstz("downloaded_at"),
    ...timestamps,
  },
  (t) => [
    index("data_exports_user_idx").on(t.userId, t.createdAt),
    check("data_exports_status_ck", sql`${t.status} in ('pending','ready','downloaded','failed')`),
  ],
);
