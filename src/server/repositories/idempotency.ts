import { and, eq, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { idempotencyKeys, type IdempotencyKeyRow } from "~/server/db/schema";

export type IdempotencyKeyRef = { scope: string; userId: string; key: string };

/** Idempotency keys of our own mutations (see the table's doc). */
export function createIdempotencyRepository(db: DbOrTx) {
  const byRef = (r: IdempotencyKeyRef) =>
    and(eq(idempotencyKeys.scope, r.scope), eq(idempotencyKeys.userId, r.userId), eq(idempotencyKeys.key, r.key));
  return {
    /** Inserts a pending reservation; null when (scope, user, key) is already taken. */
    async reserve(r: IdempotencyKeyRef & { requestHash: string }): Promise<IdempotencyKeyRow | null> {
      const [row] = await db
        .insert(idempotencyKeys)
        .values({ ...r, status: "pending" })
        .onConflictDoNothing()
        .returning();
      return row ?? null;
    },
    async find(r: IdempotencyKeyRef): Promise<IdempotencyKeyRow | null> {
      const [row] = await db.select().from(idempotencyKeys).where(byRef(r)).limit(1);
      return row ?? null;
    },
    /** Marks a reservation done with what it made; in the work's own transaction when `tx` is given. */
    async complete(id: string, resultRef: string, tx: DbOrTx = db): Promise<boolean> {
      const rows = await tx
        .update(idempotencyKeys)
        .set({ status: "completed", resultRef, completedAt: new Date() })
        .where(and(eq(idempotencyKeys.id, id), eq(idempotencyKeys.status, "pending")))
        .returning({ id: idempotencyKeys.id });
      return rows.length === 1;
    },
    /** Drops a pending reservation (the attempt failed), so the key can be used again. */
    async release(id: string): Promise<void> {
      await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.id, id), eq(idempotencyKeys.status, "pending")));
    },
    /**
     * Takes over a pending reservation left by an attempt that died (older than `staleMs` by the database's clock,
     * so a test's fixed clock can't make a live reservation look stale); true when taken.
     */
    async reclaimStale(id: string, staleMs: number): Promise<boolean> {
      const rows = await db
        .update(idempotencyKeys)
        .set({ createdAt: sql`now()` })
        .where(
          and(
            eq(idempotencyKeys.id, id),
            eq(idempotencyKeys.status, "pending"),
            lt(idempotencyKeys.createdAt, sql`now() - make_interval(secs => ${staleMs / 1000})`),
          ),
        )
        .returning({ id: idempotencyKeys.id });
      return rows.length === 1;
    },
  };
}
export type IdempotencyRepository = ReturnType<typeof createIdempotencyRepository>;
