import { desc } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { auditLog } from "~/server/db/schema";

export type AuditEntry = typeof auditLog.$inferInsert;

export function createAuditRepository(db: DbOrTx) {
  return {
    async record(entry: AuditEntry, tx: DbOrTx = db): Promise<void> {
      await tx.insert(auditLog).values(entry);
    },
    async listRecent(limit: number) {
      return db.select().from(auditLog).orderBy(desc(auditLog.createdAt), desc(auditLog.id)).limit(limit);
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
