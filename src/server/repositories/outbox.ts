import { desc } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { outbox } from "~/server/db/schema";

export type OutboxRow = typeof outbox.$inferSelect;

/** Messages that local email/SMS adapters record instead of sending. */
export function createOutboxRepository(db: DbOrTx) {
  return {
    async insert(values: typeof outbox.$inferInsert): Promise<OutboxRow> {
      const [row] = await db.insert(outbox).values(values).returning();
      if (!row) throw new Error("insert returned no row");
      return row;
    },
    async listRecent(limit: number): Promise<OutboxRow[]> {
      return db.select().from(outbox).orderBy(desc(outbox.createdAt), desc(outbox.id)).limit(limit);
    },
  };
}
export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
