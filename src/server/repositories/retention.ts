import { and, eq, isNotNull, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { rowsOf } from "~/server/db/client";
import {
  accountTokens,
  conversationEvents,
  dataExports,
  idempotencyKeys,
  notificationDeliveries,
  outbox,
  searchEvents,
  sessions,
} from "~/server/db/schema";

/** Cut-off instants, computed by the retention service from its windows. */
export type RetentionCutoffs = {
  now: Date;
  searchEventsBefore: Date;
  idempotencyBefore: Date;
  sessionsRevokedBefore: Date;
  sessionsIdleBefore: Date;
  trashedBefore: Date;
  outboxBefore: Date;
  conversationEventsBefore: Date;
};

/** The daily purge's deletes (each one statement; every table it touches is named here). */
export function createRetentionRepository(db: DbOrTx) {
  const count = (rows: unknown[]) => rows.length;
  return {
    async purgeSearchEvents(before: Date): Promise<number> {
      // search_clicks go with their search (ON DELETE CASCADE).
      return count(
        await db.delete(searchEvents).where(lt(searchEvents.createdAt, before)).returning({ id: searchEvents.id }),
      );
    },
    /** Reset and verification tokens past their expiry (spent or not). */
    async purgeAccountTokens(now: Date): Promise<number> {
      return count(
        await db.delete(accountTokens).where(lt(accountTokens.expiresAt, now)).returning({ id: accountTokens.id }),
      );
    },
    async purgeIdempotencyKeys(before: Date): Promise<number> {
      return count(
        await db
          .delete(idempotencyKeys)
          .where(lt(idempotencyKeys.createdAt, before))
          .returning({ id: idempotencyKeys.id }),
      );
    },
    /** Sessions revoked a while ago, or unused for longer than a session token can live. */
    async purgeSessions(revokedBefore: Date, idleBefore: Date): Promise<number> {
      return count(
        await db
          .delete(sessions)
          .where(
            or(
              and(isNotNull(sessions.revokedAt), lt(sessions.revokedAt, revokedBefore)),
              lt(sessions.lastSeenAt, idleBefore),
            ),
          )
          .returning({ id: sessions.id }),
      );
    },
    /** GDPR archives whose download link has expired (downloaded or not). */
    async purgeDataExports(now: Date): Promise<number> {
      return count(
        await db.delete(dataExports).where(lt(dataExports.expiresAt, now)).returning({ id: dataExports.id }),
      );
    },
    /**
     * Conversations both participants have kept in the trash since before the cut-off: deleted with their
     * messages, reactions, events and state (ON DELETE CASCADE). A conversation one side still keeps stays.
     */
    async purgeTrashedConversations(before: Date): Promise<number> {
      const res = await db.execute(sql`
        delete from conversations c
        where not exists (
          select 1 from conversation_user_state s
          where s.conversation_id = c.id and (s.state <> 'trashed' or s.updated_at >= ${before.toISOString()}::timestamptz)
        )
        and exists (select 1 from conversation_user_state s where s.conversation_id = c.id)
        returning c.id`);
      return rowsOf(res).length;
    },
    /** Messages the local adapters recorded (delivered to the outbox) before the cut-off. */
    async purgeOutbox(before: Date): Promise<number> {
      return count(await db.delete(outbox).where(lt(outbox.createdAt, before)).returning({ id: outbox.id }));
    },
    /** Sent notification deliveries (their keys only guard retries of a send, long finished by then). */
    async purgeDeliveries(before: Date): Promise<number> {
      return count(
        await db
          .delete(notificationDeliveries)
          .where(and(eq(notificationDeliveries.status, "sent"), lt(notificationDeliveries.sentAt, before)))
          .returning({ id: notificationDeliveries.id }),
      );
    },
    /** Live-stream log entries older than any resumable cursor (ULID ids sort by time). */
    async purgeConversationEvents(beforeId: string): Promise<number> {
      return count(
        await db
          .delete(conversationEvents)
          .where(lt(conversationEvents.id, beforeId))
          .returning({ id: conversationEvents.id }),
      );
    },
  };
}
export type RetentionRepository = ReturnType<typeof createRetentionRepository>;
