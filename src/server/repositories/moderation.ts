import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "~/server/db/client";
import {
  contentReports,
  hiddenContent,
  instructorProfiles,
  messages,
  reviews,
  users,
  type HiddenKind,
  type ReportStatus,
  type ReportTarget,
} from "~/server/db/schema";

export type ContentReportRow = typeof contentReports.$inferSelect;

/**
 * A profile field hidden or shown again changes what search cards show: moving the profile's `updated_at` tells
 * the search snapshot (keyed on the newest change) to reload.
 */
async function touchProfile(tx: DbOrTx, kind: HiddenKind, instructorId: string) {
  if (!kind.startsWith("profile_")) return;
  await tx
    .update(instructorProfiles)
    .set({ updatedAt: sql`now()` })
    .where(eq(instructorProfiles.userId, instructorId));
}

/** Reports and hidden content (the moderation queue and what views leave out). */
export function createModerationRepository(db: Database) {
  return {
    /** Stores a report; null when this reporter already reported this thing (idempotent). */
    async insertReport(values: typeof contentReports.$inferInsert, tx: DbOrTx = db): Promise<ContentReportRow | null> {
      const [row] = await tx.insert(contentReports).values(values).onConflictDoNothing().returning();
      return row ?? null;
    },

    async findReport(id: string, tx: DbOrTx = db, lock = false): Promise<ContentReportRow | null> {
      const q = tx.select().from(contentReports).where(eq(contentReports.id, id)).limit(1);
      const [row] = lock ? await q.for("update") : await q;
      return row ?? null;
    },

    async findReportBy(targetType: ReportTarget, targetId: string, reporterId: string) {
      const [row] = await db
        .select()
        .from(contentReports)
        .where(
          and(
            eq(contentReports.targetType, targetType),
            eq(contentReports.targetId, targetId),
            eq(contentReports.reporterId, reporterId),
          ),
        );
      return row ?? null;
    },

    /** Closes every open report of one thing with the admin's decision. */
    async resolveReports(
      tx: DbOrTx,
      target: { targetType: ReportTarget; targetId: string },
      status: ReportStatus,
      by: string,
      at: Date,
    ): Promise<number> {
      const rows = await tx
        .update(contentReports)
        .set({ status, resolvedBy: by, resolvedAt: at })
        .where(
          and(
            eq(contentReports.targetType, target.targetType),
            eq(contentReports.targetId, target.targetId),
            eq(contentReports.status, "open"),
          ),
        )
        .returning({ id: contentReports.id });
      return rows.length;
    },

    /** A page of reports (open first by default), with the reported text and the people involved. */
    async listReports(f: { status?: ReportStatus; offset: number; limit: number }) {
      const where = f.status ? eq(contentReports.status, f.status) : undefined;
      const [rows, [total]] = await Promise.all([
        db
          .select({
            report: contentReports,
            reporterName: sql<string>`r.first_name || ' ' || r.last_name`,
            authorName: sql<string | null>`a.first_name || ' ' || a.last_name`,
            authorStatus: sql<string | null>`a.status`,
            messageBody: messages.body,
            messageConversationId: messages.conversationId,
            reviewBody: reviews.body,
            reviewRating: reviews.rating,
            reviewInstructorId: reviews.instructorId,
            hidden: sql<boolean>`exists (select 1 from ${hiddenContent} h where h.kind = ${contentReports.targetType} and h.target_id = ${contentReports.targetId})`,
          })
          .from(contentReports)
          .innerJoin(sql`users r`, sql`r.id = ${contentReports.reporterId}`)
          .leftJoin(sql`users a`, sql`a.id = ${contentReports.authorId}`)
          .leftJoin(messages, and(eq(contentReports.targetType, "message"), eq(messages.id, contentReports.targetId)))
          .leftJoin(reviews, and(eq(contentReports.targetType, "review"), eq(reviews.id, contentReports.targetId)))
          .where(where)
          .orderBy(sql`case ${contentReports.status} when 'open' then 0 else 1 end`, desc(contentReports.createdAt))
          .limit(f.limit)
          .offset(f.offset),
        db.select({ n: count() }).from(contentReports).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },

    async hide(
      tx: DbOrTx,
      v: { kind: HiddenKind; targetId: string; hiddenBy: string; reason: string },
    ): Promise<boolean> {
      const rows = await tx.insert(hiddenContent).values(v).onConflictDoNothing().returning({ k: hiddenContent.kind });
      if (rows.length) await touchProfile(tx, v.kind, v.targetId);
      return rows.length > 0;
    },

    async unhide(tx: DbOrTx, kind: HiddenKind, targetId: string): Promise<boolean> {
      const rows = await tx
        .delete(hiddenContent)
        .where(and(eq(hiddenContent.kind, kind), eq(hiddenContent.targetId, targetId)))
        .returning({ k: hiddenContent.kind });
      if (rows.length) await touchProfile(tx, kind, targetId);
      return rows.length > 0;
    },

    /** Which of `ids` are hidden (one query for a page). */
    async hiddenAmong(kind: HiddenKind, ids: string[], tx: DbOrTx = db): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await tx
        .select({ id: hiddenContent.targetId })
        .from(hiddenContent)
        .where(and(eq(hiddenContent.kind, kind), inArray(hiddenContent.targetId, ids)));
      return new Set(rows.map((r) => r.id));
    },

    /** The hidden profile fields of an instructor. */
    async hiddenProfileFields(instructorId: string): Promise<Set<HiddenKind>> {
      const rows = await db
        .select({ kind: hiddenContent.kind })
        .from(hiddenContent)
        .where(
          and(
            eq(hiddenContent.targetId, instructorId),
            inArray(hiddenContent.kind, ["profile_headline", "profile_bio", "profile_photo"]),
          ),
        );
      return new Set(rows.map((r) => r.kind));
    },

    async findReview(id: string) {
      const [r] = await db.select().from(reviews).where(eq(reviews.id, id));
      return r ?? null;
    },

    async findUserStatus(id: string, tx: DbOrTx = db) {
      const [r] = await tx
        .select({ id: users.id, status: users.status, role: users.role })
        .from(users)
        .where(eq(users.id, id));
      return r ?? null;
    },
  };
}
export type ModerationRepository = ReturnType<typeof createModerationRepository>;
