import type { ConversationState, MessageKind, ReactionEmoji, Role } from "~/server/db/schema";
import type { NotificationView } from "~/server/services/notifications/notifications-service";

/**
 * View shapes of the messaging API and its live stream. Timestamps are ISO-8601 strings everywhere in messaging:
 * the same message travels through the event log (jsonb) and Redis (JSON), so one shape serves history and events.
 */
export type ReactionView = { emoji: ReactionEmoji; userIds: string[] };

export type MessageView = {
  id: string;
  conversationId: string;
  kind: MessageKind;
  /** Null for system messages. */
  senderId: string | null;
  /** Null once deleted ("message deleted"). */
  body: string | null;
  deleted: boolean;
  /** Contact details were hidden (no confirmed booking yet when written). */
  masked: boolean;
  bookingId: string | null;
  /** The sender's idempotency key (lets the sender reconcile an optimistic bubble). Null for system messages. */
  clientId: string | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  reactions: ReactionView[];
  /** Deleted by an admin (shown as "Message removed by moderator"), not by its sender. */
  moderated?: true;
};

/** A message of `history`, with ticks derived from the other participant's read and delivery marks. */
export type ThreadMessage = MessageView & {
  /** Only for the viewer's own messages; null for received and system messages. */
  status: "sent" | "delivered" | "read" | null;
};

export type MessagePreview = Pick<
  MessageView,
  "id" | "kind" | "senderId" | "body" | "deleted" | "createdAt" | "moderated"
> & {
  status: ThreadMessage["status"];
};

export type Participant = { id: string; name: string; role: Role; photoUrl: string | null };

export type BookingContext = { id: string; startAt: string; endAt: string; status: string; subject: string | null };

export type ConversationSummary = {
  id: string;
  state: ConversationState;
  other: Participant;
  lastMessage: MessagePreview | null;
  lastMessageAt: string | null;
  /** Unread messages for the viewer, whatever the folder. */
  unread: number;
  /** The pair's next pending or confirmed lesson that has not ended. */
  upcomingBooking: BookingContext | null;
  /** The pair has a confirmed or completed booking: contact details are no longer masked. */
  contactDetailsShared: boolean;
  myLastReadMessageId: string | null;
  otherLastReadMessageId: string | null;
  otherLastDeliveredMessageId: string | null;
};

/** Durable events: stored in `conversation_events`, resumable by id. */
export type DurableEvent =
  | { type: "message.created"; conversationId: string; message: MessageView }
  | {
      type: "message.edited";
      conversationId: string;
      messageId: string;
      body: string | null;
      masked: boolean;
      editedAt: string;
    }
  | { type: "message.deleted"; conversationId: string; messageId: string; deletedAt: string; moderated?: true }
  | {
      type: "reaction.added" | "reaction.removed";
      conversationId: string;
      messageId: string;
      userId: string;
      emoji: ReactionEmoji;
    }
  | { type: "read"; conversationId: string; readerId: string; upToMessageId: string; readAt: string }
  | { type: "delivered"; conversationId: string; recipientId: string; upToMessageId: string; deliveredAt: string }
  /** Only to the participant whose folder changed (e.g. restored to active by a new message). */
  | { type: "state.changed"; conversationId: string; state: ConversationState };

/** Ephemeral events: pushed live, never stored. */
export type EphemeralEvent =
  | { type: "typing"; conversationId: string; userId: string; expiresAt: string }
  /** Authoritative unread counts after a change (conversation null: only the total changed or a snapshot). */
  | { type: "unread"; conversationId: string | null; unread: number | null; total: number }
  | { type: "notification"; notification: NotificationView };

/** Stream control events. */
export type ControlEvent =
  /** After (re)connect and catch-up. `resumed` false: the client should refetch its messaging queries. */
  | { type: "ready"; resumed: boolean; unreadTotal: number }
  /** Too much was missed to replay: refetch everything, then carry on from this event's id. */
  | { type: "resync" };

export type ConversationEvent = DurableEvent | EphemeralEvent | ControlEvent;

/** What `conversations.events` yields (as `tracked(id, event)`). */
export type StreamItem = { id: string; event: ConversationEvent };
