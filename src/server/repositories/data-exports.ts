import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { dataExports } from "~/server/db/schema";

export type DataExportRow = typeof dataExports.$inferSelect;

/** GDPR export requests and their archives. */
export function createDataExportRepository(db: DbOrTx) {
  return {
    async insert(userId: string, now: Date): Promise<DataExportRow> {
      const [row] = await db.insert(dataExports).values({ userId, createdAt: now, updatedAt: now }).returning();
      if (!row) throw new Error("insert returned no row");
      return row;
    },
    async findById(id: string): Promise<DataExportRow | null> {
      const [row] = await db.select().from(dataExports).where(eq(dataExports.id, id)).limit(1);
      return row ?? null;
    },
    /** The user's recent exports, newest first (without archives). */
    async listForUser(userId: string, limit: number) {
      return db
        .select({
          id: dataExports.id,
          status: dataExports.status,
          expiresAt: dataExports.expiresAt,
          downloadedAt: dataExports.downloadedAt,
          createdAt: dataExports.createdAt,
        })
        .from(dataExports)
        .where(eq(dataExports.userId, userId))
        .orderBy(desc(dataExports.id))
        .limit(limit);
    },
    /** Stores the archive of a pending export (a second assembly of the same export changes nothing). */
    async markReady(id: string, archive: Record<string, unknown>, expiresAt: Date): Promise<boolean> {
      const rows = await db
        .update(dataExports)
        .set({ status: "ready", archive, expiresAt })
        .where(and(eq(dataExports.id, id), eq(dataExports.status, "pending")))
        .returning({ id: dataExports.id });
      return rows.length > 0;
    },
    /**
     * Hands the archive out once: an owner's ready, unexpired export becomes `downloaded` and loses its archive in
     * the same statement, so two concurrent downloads cannot both get it.
     */
    async take(id: string, userId: string, now: Date): Promise<Record<string, unknown> | null> {
      const rows = await db.execute(sql`
        update data_exports d set status = 'downloaded', downloaded_at = ${now.toISOString()}::timestamptz, archive = null, updated_at = ${now.toISOString()}::timestamptz
        from (select id, archive from data_exports where id = ${id} for update) old
        where d.id = old.id and d.user_id = ${userId} and d.status = 'ready' and d.expires_at > ${now.toISOString()}::timestamptz
        returning old.archive as archive`);
      const list = (Array.isArray(rows) ? rows : ((rows as { rows?: unknown[] }).rows ?? [])) as {
        archive: Record<string, unknown> | string | null;
      }[];
      const a = list[0]?.archive;
      if (a == null) return null;
      return typeof a === "string" ? (JSON.parse(a) as Record<string, unknown>) : a;
    },
  };
}
export type DataExportRepository = ReturnType<typeof createDataExportRepository>;
