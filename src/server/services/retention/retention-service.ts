import { encodeTime } from "ulid";
import type { RetentionRepository } from "~/server/repositories/retention";
import { logger } from "~/server/logger";

const DAY = 86_400_000;

/**
 * Retention windows (PRODUCT.md §10), one named constant each.
 * - Search events (queries, with their clicks): 90 days.
 * - Reset/verification tokens and GDPR archives: as soon as they expire.
 * - Idempotency keys: 24 h (clients retry within minutes; Stripe keeps keys as long).
 * - Sessions: revoked ones after 30 days (kept a while for "where you're signed in" and investigations); any
 *   session unused for longer than a session token lives (30 days) is dead anyway.
 * - Conversations both sides trashed: 30 days after the later trashing.
 * - Outbox (mail and SMS the local adapters recorded) and sent notification deliveries (the keys that keep a
 *   retried flow from sending twice): 30 days.
 * - The live-stream event log: 7 days. A stream resumes from the last event it saw; SSE reconnects within
 *   seconds and a stream lives at most 5 minutes, and past 2 000 missed events the server resyncs instead of
 *   replaying (src/server/realtime/user-stream.ts), so a week of log is far more than resumption needs.
 */
export const RETENTION = {
  searchEventsDays: 90,
  idempotencyHours: 24,
  revokedSessionDays: 30,
  sessionIdleDays: 30,
  trashedConversationDays: 30,
  outboxDays: 30,
  conversationEventDays: 7,
} as const;

export type RetentionCounts = {
  searchEvents: number;
  accountTokens: number;
  idempotencyKeys: number;
  sessions: number;
  dataExports: number;
  trashedConversations: number;
  outbox: number;
  deliveries: number;
  conversationEvents: number;
};

/** The smallest ULID of an instant: every id minted before `at` sorts below it. */
export function ulidFloor(at: Date): string {
  return encodeTime(at.getTime(), 10) + "0".repeat(16);
}

/** The daily purge: deletes what is past its window and reports how many rows each table lost. */
export function createRetentionService({
  repo,
  now = () => new Date(),
}: {
  repo: RetentionRepository;
  now?: () => Date;
}) {
  return {
    async run(): Promise<RetentionCounts> {
      const at = now();
      const ago = (ms: number) => new Date(at.getTime() - ms);
      const counts: RetentionCounts = {
        searchEvents: await repo.purgeSearchEvents(ago(RETENTION.searchEventsDays * DAY)),
        accountTokens: await repo.purgeAccountTokens(at),
        idempotencyKeys: await repo.purgeIdempotencyKeys(ago(RETENTION.idempotencyHours * 3_600_000)),
        sessions: await repo.purgeSessions(
          ago(RETENTION.revokedSessionDays * DAY),
          ago(RETENTION.sessionIdleDays * DAY),
        ),
        dataExports: await repo.purgeDataExports(at),
        trashedConversations: await repo.purgeTrashedConversations(ago(RETENTION.trashedConversationDays * DAY)),
        outbox: await repo.purgeOutbox(ago(RETENTION.outboxDays * DAY)),
        deliveries: await repo.purgeDeliveries(ago(RETENTION.outboxDays * DAY)),
        conversationEvents: await repo.purgeConversationEvents(ulidFloor(ago(RETENTION.conversationEventDays * DAY))),
      };
      logger.info("retention purge", { at: at.toISOString(), ...counts });
      return counts;
    },
  };
}
export type RetentionService = ReturnType<typeof createRetentionService>;
