import { newId } from "~/lib/ids";
import type { EventData } from "~/server/events/catalog";
import type { EventPublisher } from "~/server/events/publisher";
import { logger } from "~/server/logger";

type Notice = Omit<EventData<"security/notice">, "key" | "at" | "device"> & {
  at: Date;
  device?: string | null;
  /** One notice per key (default: a fresh id, i.e. one per call). */
  key?: string;
};

/**
 * Publishes a security notice (after the change committed). The notice function (inngest/functions/notifications/
 * security-notice.ts) sends it in-app and by email whatever the preferences. A failed publish is logged, never
 * undoes the change the user just made.
 */
export async function publishSecurityNotice(events: EventPublisher, notice: Notice): Promise<void> {
  const key = notice.key ?? newId();
  try {
    await events.publish({
      name: "security/notice",
      data: {
        userId: notice.userId,
        kind: notice.kind,
        key,
        at: notice.at.toISOString(),
        device: notice.device ?? null,
      },
      id: `security/notice:${notice.userId}:${notice.kind}:${key}`,
    });
  } catch (error) {
    logger.error("security notice publish failed", { error, kind: notice.kind });
  }
}
