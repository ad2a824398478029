import { and, count, desc, eq, inArray, isNull, lt } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import {
  notificationPreferences,
  notifications,
  type NotificationCategory,
  type NotificationChannel,
} from "~/server/db/schema";

export type NotificationRow = typeof notifications.$inferSelect;

/** Notification preferences (opt-outs) and in-app notifications. */
export function createNotificationRepository(db: DbOrTx) {
  return {
    async preference(
      userId: string,
      category: NotificationCategory,
      channel: NotificationChannel,
    ): Promise<boolean | null> {
      const [row] = await db
        .select({ enabled: notificationPreferences.enabled })
        .from(notificationPreferences)
        .where(
          and(
            eq(notificationPreferences.userId, userId),
            eq(notificationPreferences.category, category),
            eq(notificationPreferences.channel, channel),
          ),
        )
        .limit(1);
      return row ? row.enabled : null;
    },
    async preferences(userId: string) {
      return db
        .select({
          category: notificationPreferences.category,
          channel: notificationPreferences.channel,
          enabled: notificationPreferences.enabled,
        })
        .from(notificationPreferences)
        .where(eq(notificationPreferences.userId, userId));
    },
    async setPreference(
      userId: string,
      category: NotificationCategory,
      channel: NotificationChannel,
      enabled: boolean,
    ): Promise<void> {
      await db
        .insert(notificationPreferences)
        .values({ userId, category, channel, enabled })
        .onConflictDoUpdate({
          target: [notificationPreferences.userId, notificationPreferences.category, notificationPreferences.channel],
          set: { enabled, updatedAt: new Date() },
        });
    },
    /** Null when a notification with the same dedupe key already exists for the user. */
    async insert(values: typeof notifications.$inferInsert): Promise<NotificationRow | null> {
      const [row] = await db.insert(notifications).values(values).onConflictDoNothing().returning();
      return row ?? null;
    },
    async list(userId: string, before: string | undefined, limit: number): Promise<NotificationRow[]> {
      return db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, userId), before ? lt(notifications.id, before) : undefined))
        .orderBy(desc(notifications.id))
        .limit(limit);
    },
    async markRead(userId: string, ids: string[] | "all", at: Date): Promise<number> {
      const rows = await db
        .update(notifications)
        .set({ readAt: at })
        .where(
          and(eq(notifications.userId, userId), isNull(notifications.readAt), ids === "all" ? undefined : inIds(ids)),
        )
        .returning({ id: notifications.id });
      return rows.length;
    },
    async unreadCount(userId: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
      return row?.n ?? 0;
    },
  };
}
export type NotificationRepository = ReturnType<typeof createNotificationRepository>;

const inIds = (ids: string[]) => inArray(notifications.id, ids.length ? ids : [""]);
