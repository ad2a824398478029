import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { notificationDeliveries, smsOptOuts, type DeliveryChannel } from "~/server/db/schema";

export type DeliveryRow = typeof notificationDeliveries.$inferSelect;

/** Claimed email/SMS delivery keys and the STOP list. */
export function createNotificationDeliveryRepository(db: DbOrTx) {
  return {
    /**
     * Claims (user, channel, key) for one send. Returns the row: `claimed` is true when this call created it;
     * otherwise the existing row (its status tells whether an earlier attempt finished sending).
     */
    async claim(values: {
      userId: string;
      channel: DeliveryChannel;
      deliveryKey: string;
      kind: string;
    }): Promise<{ row: DeliveryRow; claimed: boolean }> {
      const [created] = await db.insert(notificationDeliveries).values(values).onConflictDoNothing().returning();
      if (created) return { row: created, claimed: true };
      const [existing] = await db
        .select()
        .from(notificationDeliveries)
        .where(
          and(
            eq(notificationDeliveries.userId, values.userId),
            eq(notificationDeliveries.channel, values.channel),
            eq(notificationDeliveries.deliveryKey, values.deliveryKey),
          ),
        )
        .limit(1);
      if (!existing) throw new Error("delivery claim vanished");
      return { row: existing, claimed: false };
    },
    async markSent(id: string, providerId: string, at: Date): Promise<void> {
      await db
        .update(notificationDeliveries)
        .set({ status: "sent", providerId, sentAt: at })
        .where(eq(notificationDeliveries.id, id));
    },
    async listForUser(userId: string): Promise<DeliveryRow[]> {
      return db.select().from(notificationDeliveries).where(eq(notificationDeliveries.userId, userId));
    },
    async isOptedOut(phone: string): Promise<boolean> {
      const [row] = await db.select({ p: smsOptOuts.phone }).from(smsOptOuts).where(eq(smsOptOuts.phone, phone));
      return Boolean(row);
    },
    async optOut(phone: string, keyword: string, at: Date): Promise<void> {
      await db
        .insert(smsOptOuts)
        .values({ phone, keyword, optedOutAt: at })
        .onConflictDoUpdate({ target: smsOptOuts.phone, set: { keyword, optedOutAt: at } });
    },
    async optIn(phone: string): Promise<void> {
      await db.delete(smsOptOuts).where(eq(smsOptOuts.phone, phone));
    },
  };
}
export type NotificationDeliveryRepository = ReturnType<typeof createNotificationDeliveryRepository>;
