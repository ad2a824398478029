import { z } from "zod";
import { MESSAGE_KINDS, NOTIFICATION_CATEGORIES, ROLES } from "~/server/db/schema";
import { CONVERSATION_STATES, MAX_MESSAGE_LENGTH, REACTION_EMOJIS } from "~/server/db/schema";
import { HISTORY_MAX_PAGE, LIST_MAX_PAGE } from "~/server/services/messaging/messaging-service";
import { ZId as ZSharedId, zText } from "~/server/api/zod";

export const ZId = ZSharedId;
/** Client-generated idempotency key of a send (a UUID or ULID made when the user presses Send). */
export const ZClientId = z
  .string()
  .trim()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, { message: "Letters, digits, - and _ only" });
export const ZBody = zText({ min: 1, max: MAX_MESSAGE_LENGTH, multiline: true });
export const ZConversationState = z.enum(CONVERSATION_STATES);
export const ZEmoji = z.enum(REACTION_EMOJIS);

export const ZStartInput = z.object({
  otherUserId: ZId,
  message: z.object({ clientId: ZClientId, body: ZBody }).optional(),
});
export const ZListInput = z.object({
  state: ZConversationState.default("active"),
  /** `nextCursor` of the previous page. */
  cursor: ZId.nullish(),
  limit: z.number().int().min(1).max(LIST_MAX_PAGE).default(20),
});
export const ZHistoryInput = z.object({
  conversationId: ZId,
  /** `nextCursor` of the previous (newer) page. */
  cursor: ZId.nullish(),
  limit: z.number().int().min(1).max(HISTORY_MAX_PAGE).default(30),
});
export const ZSendInput = z.object({
  conversationId: ZId,
  clientId: ZClientId,
  body: ZBody,
  bookingId: ZId.optional(),
});
export const ZEditInput = z.object({ messageId: ZId, body: ZBody });
export const ZMessageRef = z.object({ messageId: ZId });
export const ZReactInput = z.object({ messageId: ZId, emoji: ZEmoji });
export const ZMarkReadInput = z.object({ conversationId: ZId, upToMessageId: ZId.optional() });
export const ZConversationRef = z.object({ conversationId: ZId });
export const ZSetStateInput = z.object({ conversationId: ZId, state: ZConversationState });
/** The client link fills `lastEventId` on reconnect from the last tracked id it received. */
export const ZEventsInput = z
  .object({
    lastEventId: z
      .string()
      .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/)
      .optional(),
  })
  .default({});

export type TStartInput = z.infer<typeof ZStartInput>;
export type TListInput = z.infer<typeof ZListInput>;
export type THistoryInput = z.infer<typeof ZHistoryInput>;
export type TSendInput = z.infer<typeof ZSendInput>;

/* ── Outputs (services/messaging/types.ts in zod: the other participant appears as id, "First L.", role, photo) ── */

const ZReactions = z.array(z.object({ emoji: ZEmoji, userIds: z.array(z.string()) }));
export const ZMessageView = z.object({
  id: z.string(),
  conversationId: z.string(),
  kind: z.enum(MESSAGE_KINDS),
  senderId: z.string().nullable(),
  body: z.string().nullable(),
  deleted: z.boolean(),
  masked: z.boolean(),
  bookingId: z.string().nullable(),
  clientId: z.string().nullable(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deletedAt: z.string().nullable(),
  reactions: ZReactions,
  moderated: z.literal(true).optional(),
});
const ZTick = z.enum(["sent", "delivered", "read"]).nullable();
export const ZThreadMessage = ZMessageView.extend({ status: ZTick });
export const ZConversationSummary = z.object({
  id: z.string(),
  state: ZConversationState,
  other: z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES), photoUrl: z.string().nullable() }),
  lastMessage: z
    .object({
      id: z.string(),
      kind: z.enum(MESSAGE_KINDS),
      senderId: z.string().nullable(),
      body: z.string().nullable(),
      deleted: z.boolean(),
      moderated: z.literal(true).optional(),
      createdAt: z.string(),
      status: ZTick,
    })
    .nullable(),
  lastMessageAt: z.string().nullable(),
  unread: z.number().int(),
  upcomingBooking: z
    .object({
      id: z.string(),
      startAt: z.string(),
      endAt: z.string(),
      status: z.string(),
      subject: z.string().nullable(),
    })
    .nullable(),
  contactDetailsShared: z.boolean(),
  myLastReadMessageId: z.string().nullable(),
  otherLastReadMessageId: z.string().nullable(),
  otherLastDeliveredMessageId: z.string().nullable(),
});
export const ZStartResult = z.object({
  conversation: ZConversationSummary,
  message: ZMessageView.nullable(),
  created: z.boolean(),
});
export const ZConversationPage = z.object({ items: z.array(ZConversationSummary), nextCursor: z.string().nullable() });
export const ZHistoryPage = z.object({
  conversation: ZConversationSummary,
  messages: z.array(ZThreadMessage),
  nextCursor: z.string().nullable(),
});
export const ZReactionsResult = z.object({ messageId: z.string(), reactions: ZReactions });
export const ZMarkReadResult = z.object({
  conversationId: z.string(),
  lastReadMessageId: z.string().nullable(),
  unread: z.number().int(),
  unreadTotal: z.number().int(),
});
export const ZTypingResult = z.object({ sent: z.boolean() });
export const ZSetStateResult = z.object({ conversationId: z.string(), state: ZConversationState });
export const ZUnreadTotal = z.object({
  total: z.number().int(),
  byState: z.object({ active: z.number().int(), archived: z.number().int(), trashed: z.number().int() }),
});

/**
 * One event of the live stream (services/messaging/types.ts). tRPC can't apply `.output()` to what a subscription
 * yields, so the router parses each event with this before it leaves the server: nothing outside these shapes is sent.
 */
export const ZConversationEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("message.created"), conversationId: z.string(), message: ZMessageView }),
  z.object({
    type: z.literal("message.edited"),
    conversationId: z.string(),
    messageId: z.string(),
    body: z.string().nullable(),
    masked: z.boolean(),
    editedAt: z.string(),
  }),
  z.object({
    type: z.literal("message.deleted"),
    conversationId: z.string(),
    messageId: z.string(),
    deletedAt: z.string(),
    moderated: z.literal(true).optional(),
  }),
  z.object({
    type: z.enum(["reaction.added", "reaction.removed"]),
    conversationId: z.string(),
    messageId: z.string(),
    userId: z.string(),
    emoji: ZEmoji,
  }),
  z.object({
    type: z.literal("read"),
    conversationId: z.string(),
    readerId: z.string(),
    upToMessageId: z.string(),
    readAt: z.string(),
  }),
  z.object({
    type: z.literal("delivered"),
    conversationId: z.string(),
    recipientId: z.string(),
    upToMessageId: z.string(),
    deliveredAt: z.string(),
  }),
  z.object({ type: z.literal("state.changed"), conversationId: z.string(), state: ZConversationState }),
  z.object({ type: z.literal("typing"), conversationId: z.string(), userId: z.string(), expiresAt: z.string() }),
  z.object({
    type: z.literal("unread"),
    conversationId: z.string().nullable(),
    unread: z.number().int().nullable(),
    total: z.number().int(),
  }),
  z.object({
    type: z.literal("notification"),
    notification: z.object({
      id: z.string(),
      category: z.enum(NOTIFICATION_CATEGORIES),
      kind: z.string(),
      title: z.string(),
      body: z.string(),
      link: z.string().nullable(),
      readAt: z.string().nullable(),
      createdAt: z.string(),
    }),
  }),
  z.object({ type: z.literal("ready"), resumed: z.boolean(), unreadTotal: z.number().int() }),
  z.object({ type: z.literal("resync") }),
]);
