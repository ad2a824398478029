import { and, eq, isNull, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { sessions } from "~/server/db/schema";

export type SessionRow = typeof sessions.$inferSelect;

/** Server-side session records behind the session JWTs. */
export function createSessionRepository(db: DbOrTx) {
  return {
    async insert(values: { userId: string; ipHash: string | null; userAgent: string | null }): Promise<SessionRow> {
      const [row] = await db.insert(sessions).values(values).returning();
      if (!row) throw new Error("insert returned no row");
      return row;
    },
    /**
     * Whether the user signed in before, and whether from this device (same user agent) — a "new device" is a
     * known user on an unseen device. Revoked and expired sessions count: signing out doesn't forget a device.
     */
    async deviceHistory(
      userId: string,
      userAgent: string | null,
    ): Promise<{ anySession: boolean; sameDevice: boolean }> {
      const [row] = await db
        .select({
          any: sql<number>`count(*)::int`,
          same: sql<number>`count(*) filter (where ${sessions.userAgent} is not distinct from ${userAgent})::int`,
        })
        .from(sessions)
        .where(eq(sessions.userId, userId));
      return { anySession: (row?.any ?? 0) > 0, sameDevice: (row?.same ?? 0) > 0 };
    },
    /** The session if it exists, belongs to `userId` and has not been revoked. */
    async findLive(id: string, userId: string): Promise<SessionRow | null> {
      const [row] = await db
        .select()
        .from(sessions)
        .where(and(eq(sessions.id, id), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
        .limit(1);
      return row ?? null;
    },
    /** Marks a session revoked; false when it was unknown or already revoked. */
    async revoke(id: string): Promise<boolean> {
      const rows = await db
        .update(sessions)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id });
      return rows.length > 0;
    },
    /** Revokes every live session of a user (suspension, admin actions); returns how many were live. */
    async revokeAllOf(userId: string, tx: DbOrTx = db): Promise<number> {
      const rows = await tx
        .update(sessions)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id });
      return rows.length;
    },
    /** Records use, writing only when the last record is older than `olderThanSeconds`. */
    async touch(id: string, olderThanSeconds: number): Promise<void> {
      await db
        .update(sessions)
        .set({ lastSeenAt: sql`now()` })
        .where(
          and(eq(sessions.id, id), lt(sessions.lastSeenAt, sql`now() - make_interval(secs => ${olderThanSeconds})`)),
        );
    },
  };
}
export type SessionRepository = ReturnType<typeof createSessionRepository>;
