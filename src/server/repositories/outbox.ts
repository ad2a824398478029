import { and, desc, eq, exists, or, sql } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { outbox, phoneVerifications, users } from "~/server/db/schema";

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
    /**
     * Newest messages addressed to one user: email to their address (case-insensitive), SMS to their phone, and
     * SMS to a number they were verifying, sent while that verification was open.
     */
    async listForUser(userId: string, limit: number): Promise<OutboxRow[]> {
      return db
        .select()
        .from(outbox)
        .where(
          or(
            and(
              eq(outbox.channel, "email"),
              sql`lower(${outbox.recipient}) = (select lower(${users.email}) from ${users} where ${users.id} = ${userId})`,
            ),
            and(
              eq(outbox.channel, "sms"),
              or(
                sql`${outbox.recipient} = (select ${users.phone} from ${users} where ${users.id} = ${userId})`,
                exists(
                  db
                    .select({ one: sql`1` })
                    .from(phoneVerifications)
                    .where(
                      and(
                        eq(phoneVerifications.userId, userId),
                        eq(phoneVerifications.phone, outbox.recipient),
                        sql`${outbox.createdAt} >= ${phoneVerifications.createdAt}`,
                        sql`${outbox.createdAt} <= ${phoneVerifications.expiresAt}`,
                      ),
                    ),
                ),
              ),
            ),
          ),
        )
        .orderBy(desc(outbox.createdAt), desc(outbox.id))
        .limit(limit);
    },
  };
}
export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
