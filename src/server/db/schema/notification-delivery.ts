import { sql } from "drizzle-orm";
import { check, index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { idColumn, timestamps, tstz } from "./_columns";
import { users } from "./users";

export const DELIVERY_CHANNELS = ["email", "sms"] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
export const DELIVERY_STATUSES = ["pending", "sent"] as const;

/**
 * One row per email/SMS a notification flow meant to send, claimed *before* the provider call under a unique
 * (user, channel, delivery key): a retried step (or a second process) finds the key taken and does not send
 * again. A `pending` row left by a crash mid-send is retried with the same provider idempotency key, so the
 * provider still delivers once.
 */
export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: idColumn(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    channel: text("channel", { enum: DELIVERY_CHANNELS }).notNull(),
    deliveryKey: text("delivery_key").notNull(),
    /** Template or message kind, e.g. "lesson-booked" (for support and tests). */
    kind: text("kind").notNull(),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull().default("pending"),
    providerId: text("provider_id"),
    sentAt: tstz("sent_at"),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    uniqueIndex("notification_deliveries_key_uq").on(t.userId, t.channel, t.deliveryKey),
    index("notification_deliveries_created_idx").on(t.createdAt),
    check("notification_deliveries_channel_ck", sql`${t.channel} in ('email','sms')`),
    check("notification_deliveries_status_ck", sql`${t.status} in ('pending','sent')`),
    check("notification_deliveries_key_len_ck", sql`char_length(${t.deliveryKey}) between 1 and 300`),
  ],
);

/**
 * Phone numbers that replied STOP (Twilio's opt-out keywords) to our sender: they receive no SMS until they
 * reply START. Keyed by the E.164 number, not the user, because the carrier's opt-out follows the number.
 */
export const smsOptOuts = pgTable(
  "sms_opt_outs",
  {
    phone: text("phone").primaryKey(),
    keyword: text("keyword").notNull(),
    optedOutAt: tstz("opted_out_at").notNull().defaultNow(),
  },
  (t) => [check("sms_opt_outs_phone_e164_ck", sql`${t.phone} ~ '^\\+[1-9][0-9]{6,14}$'`)],
);
