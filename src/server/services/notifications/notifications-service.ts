import type { EventBus } from "~/server/realtime/bus";
import { publishToUsers } from "~/server/realtime/user-stream";
import {
  NOTIFICATION_CATEGORIES,
  NOTIFICATION_CHANNELS,
  type NotificationCategory,
  type NotificationChannel,
} from "~/server/db/schema";
import type { NotificationRepository, NotificationRow } from "~/server/repositories/notifications";
import { ValidationError } from "~/server/errors";
import { logger } from "~/server/logger";

export type NotificationView = {
  id: string;
  category: NotificationCategory;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  readAt: string | null;
  createdAt: string;
};

export type NotifyInput = {
  userId: string;
  category: NotificationCategory;
  /** Machine-readable kind, e.g. "booking.confirmed". */
  kind: string;
  title: string;
  body?: string;
  /** In-app path, e.g. "/lessons/01J…". */
  link?: string | null;
  /** One notification per key and user: retried background steps stay idempotent. */
  dedupeKey?: string;
};

/** Security notices reach people whatever their preferences (PRODUCT.md §8). */
const ALWAYS_ON: ReadonlySet<NotificationCategory> = new Set(["security"]);

const toView = (r: NotificationRow): NotificationView => ({
  id: r.id,
  category: r.category,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  readAt: r.readAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});

type Deps = { notifications: NotificationRepository; bus: EventBus; now?: () => Date };

/**
 * Notification preferences and in-app notifications. Preferences are opt-outs: with no stored row a category is
 * enabled on every channel; security notices ignore them.
 */
export function createNotificationService({ notifications, bus, now = () => new Date() }: Deps) {
  async function isEnabled(
    userId: string,
    category: NotificationCategory,
    channel: NotificationChannel,
  ): Promise<boolean> {
    if (ALWAYS_ON.has(category)) return true;
    return (await notifications.preference(userId, category, channel)) ?? true;
  }

  return {
    isEnabled,

    /** Every category × channel with its effective setting. */
    async preferences(
      userId: string,
    ): Promise<{ category: NotificationCategory; channel: NotificationChannel; enabled: boolean; locked: boolean }[]> {
      const stored = await notifications.preferences(userId);
      return NOTIFICATION_CATEGORIES.flatMap((category) =>
        NOTIFICATION_CHANNELS.map((channel) => ({
          category,
          channel,
          locked: ALWAYS_ON.has(category),
          enabled:
            ALWAYS_ON.has(category) ||
            (stored.find((s) => s.category === category && s.channel === channel)?.enabled ?? true),
        })),
      );
    },

    /** Stores one opt-in/opt-out; security notices cannot be turned off. */
    async setPreference(
      userId: string,
      category: NotificationCategory,
      channel: NotificationChannel,
      enabled: boolean,
    ): Promise<void> {
      if (ALWAYS_ON.has(category) && !enabled)
        throw new ValidationError("Security notices can't be turned off.", { category: ["Always on"] });
      await notifications.setPreference(userId, category, channel, enabled);
    },

    /**
     * Stores an in-app notification (unless the user turned the category off in-app) and pushes it on the user's
     * live stream. Returns null when skipped or already sent under the same dedupe key.
     */
    async notify(input: NotifyInput): Promise<NotificationView | null> {
      if (!(await isEnabled(input.userId, input.category, "in_app"))) return null;
      const row = await notifications.insert({
        userId: input.userId,
        category: input.category,
        kind: input.kind,
        title: input.title.slice(0, 200),
        body: (input.body ?? "").slice(0, 2000),
        link: input.link ?? null,
        dedupeKey: input.dedupeKey ?? null,
      });
      if (!row) return null;
      const view = toView(row);
      try {
        await publishToUsers(bus, [
          {
            userId: input.userId,
            envelope: { kind: "ephemeral", event: { type: "notification", notification: view } },
          },
        ]);
      } catch (error) {
        // Stored already: the bell shows it on the next fetch even if the push failed.
        logger.warn("notification push failed", { error });
      }
      return view;
    },

    async list(
      userId: string,
      opts: { before?: string; limit: number },
    ): Promise<{ items: NotificationView[]; nextCursor: string | null }> {
      const rows = await notifications.list(userId, opts.before, opts.limit + 1);
      const items = rows.slice(0, opts.limit).map(toView);
      return { items, nextCursor: rows.length > opts.limit ? (items[items.length - 1]?.id ?? null) : null };
    },

    async markRead(userId: string, ids: string[] | "all"): Promise<{ updated: number }> {
      return { updated: await notifications.markRead(userId, ids, now()) };
    },

    async unreadCount(userId: string): Promise<number> {
      return notifications.unreadCount(userId);
    },
  };
}
export type NotificationService = ReturnType<typeof createNotificationService>;
