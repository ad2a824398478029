import { sql } from "drizzle-orm";
import { boolean, check, index, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { idColumn, timestamps, tstz } from "./_columns";
import { bookings, instructorProfiles } from "./instructors";
import { users } from "./users";

/**
 * Messaging (PRODUCT.md §6) and notifications (§8).
 *
 * Read receipts are a per-user, per-conversation high-water mark (`conversation_user_state.last_read_message_id`)
 * rather than a row per message: a conversation has exactly two participants and message ids are assigned in
 * commit order under the conversation's row lock, so "message m is read by the other participant" is exactly
 * `m.id <= other.last_read_message_id`. The same holds for delivery (`last_delivered_message_id`). Unread counts
 * are index range counts over `messages (conversation_id, id)` above the mark.
 */

export const CONVERSATION_STATES = ["active", "archived", "trashed"] as const;
export type ConversationState = (typeof CONVERSATION_STATES)[number];
export const MESSAGE_KINDS = ["user", "system"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
/** The reaction set offered in threads. */
export const REACTION_EMOJIS = ["👍", "❤️", "😂", "😮", "😢", "🙏"] as const;
export type ReactionEmoji = (typeof REACTION_EMOJIS)[number];
/** Longest message body, in characters. */
export const MAX_MESSAGE_LENGTH = 4000;
export const CONVERSATION_EVENT_TYPES = [
  "message.created",
  "message.edited",
  "message.deleted",
  "reaction.added",
  "reaction.removed",
  "read",
  "delivered",
  "state.changed",
] as const;
export type ConversationEventType = (typeof CONVERSATION_EVENT_TYPES)[number];

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(","));

/** One conversation per student–instructor pair, whichever side starts it. */
export const conversations = pgTable(
  "conversations",
  {
    id: idColumn(),
    studentId: text("student_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    instructorId: text("instructor_id")
      .notNull()
      .references(() => instructorProfiles.userId, { onDelete: "cascade" }),
    /** The newest message (ids are assigned in commit order per conversation): null until the first message. */
    lastMessageId: text("last_message_id"),
    lastMessageAt: tstz("last_message_at"),
    ...timestamps,
  },
  (t) => [
    // The unordered pair is unique: concurrent "start" calls from either side meet on this index.
    uniqueIndex("conversations_pair_uq").on(
      sql`least(${t.studentId}, ${t.instructorId})`,
      sql`greatest(${t.studentId}, ${t.instructorId})`,
    ),
    check("conversations_distinct_ck", sql`${t.studentId} <> ${t.instructorId}`),
    index("conversations_instructor_idx").on(t.instructorId),
  ],
);

export const messages = pgTable(
  "messages",
  {
    id: idColumn(),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    /** Null for system messages (booking lifecycle notices). */
    senderId: text("sender_id").references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: MESSAGE_KINDS }).notNull().default("user"),
    /**
     * User messages: the client-generated id that makes sends idempotent (unique per sender).
     * System messages: a dedupe key (e.g. "booking:<id>:confirmed"), unique per conversation.
     */
    clientId: text("client_id").notNull(),
    bookingId: text("booking_id").references(() => bookings.id, { onDelete: "set null" }),
    /** As stored: contact details are already masked when the pair had no confirmed booking at write time. */
    body: text("body").notNull(),
    /** Whether masking replaced anything in the body (the UI explains why). */
    masked: boolean("masked").notNull().default(false),
    editedAt: tstz("edited_at"),
    /** Deleted messages keep their row (moderation) but no view ever shows the body again. */
    deletedAt: tstz("deleted_at"),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    check("messages_kind_ck", sql`${t.kind} in (${inList(MESSAGE_KINDS)})`),
    check("messages_body_len_ck", sql`char_length(${t.body}) <= ${sql.raw(String(MAX_MESSAGE_LENGTH))}`),
    check("messages_client_id_len_ck", sql`char_length(${t.clientId}) between 1 and 128`),
    check("messages_sender_kind_ck", sql`(${t.kind} = 'user') = (${t.senderId} is not null)`),
    uniqueIndex("messages_sender_client_uq")
      .on(t.senderId, t.clientId)
      .where(sql`${t.kind} = 'user'`),
    uniqueIndex("messages_system_client_uq")
      .on(t.conversationId, t.clientId)
      .where(sql`${t.kind} = 'system'`),
    // History pages and unread range counts.
    index("messages_conversation_id_idx").on(t.conversationId, t.id.desc()),
  ],
);

export const messageReactions = pgTable(
  "message_reactions",
  {
    messageId: text("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    emoji: text("emoji", { enum: REACTION_EMOJIS }).notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    primaryKey({ columns: [t.messageId, t.userId, t.emoji] }),
    check("message_reactions_emoji_ck", sql`${t.emoji} in (${inList(REACTION_EMOJIS)})`),
  ],
);

/** Each participant's view of a conversation: inbox folder, read and delivery marks, unread-email bookkeeping. */
export const conversationUserState = pgTable(
  "conversation_user_state",
  {
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    state: text("state", { enum: CONVERSATION_STATES }).notNull().default("active"),
    /** Copy of conversations.last_message_id so the inbox is one index scan per user and folder. */
    lastMessageId: text("last_message_id"),
    lastReadMessageId: text("last_read_message_id"),
    lastReadAt: tstz("last_read_at"),
    lastDeliveredMessageId: text("last_delivered_message_id"),
    /** Newest message already covered by an unread-message email (batches never repeat a message). */
    lastEmailedMessageId: text("last_emailed_message_id"),
    updatedAt: timestamps.updatedAt,
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.userId] }),
    check("conversation_user_state_ck", sql`${t.state} in (${inList(CONVERSATION_STATES)})`),
    index("conversation_user_state_inbox_idx").on(t.userId, t.state, t.lastMessageId.desc()),
  ],
);

/**
 * Append-only log behind live catch-up: a subscriber resumes with "every event after lastEventId".
 * Ids are ULIDs assigned under the recipients' `user_event_heads` row locks, so for any one user they commit in
 * id order and "id > lastEventId" never skips an event that commits late. `audience_user_id` limits an event to
 * one participant (their own folder changes); null means both.
 */
export const conversationEvents = pgTable(
  "conversation_events",
  {
    id: text("id").primaryKey(),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    audienceUserId: text("audience_user_id").references(() => users.id, { onDelete: "cascade" }),
    type: text("type", { enum: CONVERSATION_EVENT_TYPES }).notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    check("conversation_events_type_ck", sql`${t.type} in (${inList(CONVERSATION_EVENT_TYPES)})`),
    index("conversation_events_conversation_idx").on(t.conversationId, t.id),
  ],
);

/** The newest event id of each user's live stream; its row lock serialises appends to that stream. */
export const userEventHeads = pgTable("user_event_heads", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  lastEventId: text("last_event_id").notNull(),
  updatedAt: timestamps.updatedAt,
});

export const NOTIFICATION_CATEGORIES = [
  "lesson_updates",
  "reminders",
  "messages",
  "payments",
  "promotions",
  "security",
] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];
export const NOTIFICATION_CHANNELS = ["email", "sms", "in_app"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** Opt-outs per category and channel. No row means enabled; security notices ignore this table. */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    category: text("category", { enum: NOTIFICATION_CATEGORIES }).notNull(),
    channel: text("channel", { enum: NOTIFICATION_CHANNELS }).notNull(),
    enabled: boolean("enabled").notNull(),
    updatedAt: timestamps.updatedAt,
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.category, t.channel] }),
    check("notification_preferences_category_ck", sql`${t.category} in (${inList(NOTIFICATION_CATEGORIES)})`),
    check("notification_preferences_channel_ck", sql`${t.channel} in (${inList(NOTIFICATION_CHANNELS)})`),
  ],
);

/** In-app notifications (stored, and pushed live on the user's stream). */
export const notifications = pgTable(
  "notifications",
  {
    id: idColumn(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    category: text("category", { enum: NOTIFICATION_CATEGORIES }).notNull(),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    link: text("link"),
    /** Makes retried background flows idempotent (one notification per key and user). */
    dedupeKey: text("dedupe_key"),
    readAt: tstz("read_at"),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    check("notifications_category_ck", sql`${t.category} in (${inList(NOTIFICATION_CATEGORIES)})`),
    check("notifications_title_len_ck", sql`char_length(${t.title}) between 1 and 200`),
    check("notifications_body_len_ck", sql`char_length(${t.body}) <= 2000`),
    index("notifications_user_idx").on(t.userId, t.id.desc()),
    uniqueIndex("notifications_dedupe_uq")
      .on(t.userId, t.dedupeKey)
      .where(sql`${t.dedupeKey} is not null`),
  ],
);
