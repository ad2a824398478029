import { sql } from "drizzle-orm";
import { check, index, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { idColumn, timestamps, tstz } from "./_columns";
import { users } from "./users";

/**
 * Moderation (PRODUCT.md §9): what users report, and what admins hid. Hiding keeps the row (evidence for a
 * dispute) and only changes what views show; each hidden thing is one row, so un-hiding is a delete.
 */

export const REPORT_TARGETS = ["message", "review"] as const;
export type ReportTarget = (typeof REPORT_TARGETS)[number];
export const REPORT_STATUSES = ["open", "hidden", "dismissed", "warned", "suspended"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
/** What an admin can hide: a message, a review, or one field of an instructor's public profile. */
/** The public-profile fields an admin can hide; each is hidden as `profile_<field>`. */
export const PROFILE_FIELDS = ["headline", "bio", "photo"] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];
export const HIDDEN_KINDS = ["message", "review", "profile_headline", "profile_bio", "profile_photo"] as const;
export type HiddenKind = (typeof HIDDEN_KINDS)[number];
export const REPORT_REASON_MAX = 500;

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(","));

/** One report per reporter and thing; the admin's decision closes every open report of the same thing. */
export const contentReports = pgTable(
  "content_reports",
  {
    id: idColumn(),
    targetType: text("target_type", { enum: REPORT_TARGETS }).notNull(),
    targetId: text("target_id").notNull(),
    reporterId: text("reporter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Who wrote the reported thing (warn / suspend acts on them). */
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason").notNull(),
    status: text("status", { enum: REPORT_STATUSES }).notNull().default("open"),
    resolvedBy: text("resolved_by").references(() => users.id, { onDelete: "set null" }),
    resolvedAt: tstz("resolved_at"),
    ...timestamps,
  },
  (t) => [
    check("content_reports_target_ck", sql`${t.targetType} in (${inList(REPORT_TARGETS)})`),
    check("content_reports_status_ck", sql`${t.status} in (${inList(REPORT_STATUSES)})`),
    check(
      "content_reports_reason_len_ck",
      sql`char_length(${t.reason}) between 1 and ${sql.raw(String(REPORT_REASON_MAX))}`,
    ),
    uniqueIndex("content_reports_reporter_uq").on(t.targetType, t.targetId, t.reporterId),
    index("content_reports_status_idx").on(t.status, t.createdAt),
  ],
);

/** Things an admin hid from their audience. */
export const hiddenContent = pgTable(
  "hidden_content",
  {
    kind: text("kind", { enum: HIDDEN_KINDS }).notNull(),
    /** The message or review id; the instructor's user id for profile fields. */
    targetId: text("target_id").notNull(),
    hiddenBy: text("hidden_by").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason").notNull().default(""),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.targetId] }),
    check("hidden_content_kind_ck", sql`${t.kind} in (${inList(HIDDEN_KINDS)})`),
  ],
);
