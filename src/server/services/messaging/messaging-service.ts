import { publicName } from "~/lib/privacy";
import { RETENTION, ulidFloor } from "~/server/services/retention/retention-service";
import type { Database, DbOrTx } from "~/server/db/client";
import { MAX_MESSAGE_LENGTH, type ConversationState, type ReactionEmoji } from "~/server/db/schema";
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError, ValidationError } from "~/server/errors";
import type { EventPublisher } from "~/server/events/publisher";
import type { DomainEvent } from "~/server/events/catalog";
import { renderEmail } from "~/server/services/notifications/email/render";
import { unreadMessagesEmail } from "~/server/services/notifications/email/templates";
import type { EmailSender } from "~/server/integrations/email";
import type { RateLimiterFactory } from "~/server/kv/rate-limit";
import { logger } from "~/server/logger";
import type { EventBus } from "~/server/realtime/bus";
import { nextEventId } from "~/server/realtime/event-ids";
import { publishToUsers, userStream, type StreamEnvelope } from "~/server/realtime/user-stream";
import type {
  AppendedEvent,
  ConversationRepository,
  EventAppend,
  MessageRow,
  SummaryRow,
} from "~/server/repositories/conversations";
import type { PlatformConfigRepository } from "~/server/repositories/platform-config";
import type { Actor } from "~/server/services/auth/session-service";
import type { NotificationService } from "~/server/services/notifications/notifications-service";
import { maskContactDetails } from "./masking";
import type {
  ConversationSummary,
  DurableEvent,
  EphemeralEvent,
  MessageView,
  ReactionView,
  StreamItem,
  ThreadMessage,
} from "./types";

/** Own messages can be edited for 15 minutes after sending. */
export const EDIT_WINDOW_MS = 15 * 60_000;
/** Per-user send limit (on top of the global write limit). */
export const SEND_LIMIT = { name: "messages-send", points: 30, durationSeconds: 60 };
/** Typing indicators: at most one per user and conversation every 2 s; the rest are dropped silently. */
export const TYPING_THROTTLE = { name: "messages-typing", points: 1, durationSeconds: 2 };
/** How long a typing indicator shows without a fresh one. */
export const TYPING_TTL_MS = 6_000;
/** A message still unread this long after it was sent triggers an email (PRODUCT.md §6). */
export const UNREAD_EMAIL_DELAY_MS = 5 * 60_000;
/** platform_config key overriding UNREAD_EMAIL_DELAY_MS (milliseconds) without a deploy. */
export const UNREAD_EMAIL_DELAY_KEY = "messaging.unreadEmailDelayMs";
/** Messages quoted in one unread-message email; the rest are counted. */
export const UNREAD_EMAIL_QUOTED = 10;
export const HISTORY_MAX_PAGE = 100;
export const LIST_MAX_PAGE = 50;

type Deps = {
  db: Database;
  conversations: ConversationRepository;
  notifications: NotificationService;
  platformConfig: PlatformConfigRepository;
  bus: EventBus;
  events: EventPublisher;
  limiters: RateLimiterFactory;
  email: EmailSender;
  appUrl: string;
  /** Signed footer link of the unread-message email (the notification dispatch service's). */
  preferencesUrl?: (userId: string, category: "messages") => string;
  /** Which messages an admin removed (shown as "Message removed by moderator"); absent: none are. */
  moderation?: { hiddenAmong(kind: "message", ids: string[]): Promise<Set<string>> };
  now?: () => Date;
};

type Envelope = StreamEnvelope<DurableEvent, EphemeralEvent>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toView(r: MessageRow, reactions: ReactionView[] = [], moderated = false): MessageView {
  const deleted = r.deletedAt !== null;
  return {
    id: r.id,
    conversationId: r.conversationId,
    kind: r.kind,
    senderId: r.senderId,
    body: deleted ? null : r.body,
    deleted,
    masked: r.masked,
    bookingId: r.bookingId,
    clientId: r.kind === "user" ? r.clientId : null,
    createdAt: r.createdAt.toISOString(),
    editedAt: iso(r.editedAt),
    deletedAt: iso(r.deletedAt),
    reactions: deleted ? [] : reactions,
    ...(deleted && moderated ? { moderated: true } : {}),
  };
}

/** Ticks of one's own message from the other participant's marks (ids sort in commit order per conversation). */
function statusOf(
  id: string,
  mine: boolean,
  otherRead: string | null,
  otherDelivered: string | null,
): ThreadMessage["status"] {
  if (!mine) return null;
  if (otherRead && id <= otherRead) return "read";
  if (otherDelivered && id <= otherDelivered) return "delivered";
  return "sent";
}

function toSummary(r: SummaryRow, me: string, moderated: ReadonlySet<string> = new Set()): ConversationSummary {
  return {
    id: r.id,
    state: r.state,
    other: {
      id: r.other_id,
      name: publicName(r.other_first_name, r.other_last_name),
      role: r.other_role,
      photoUrl: r.other_photo_url,
    },
    lastMessage: r.lm_id
      ? {
          id: r.lm_id,
          kind: r.lm_kind ?? "user",
          senderId: r.lm_sender_id,
          body: r.lm_deleted ? null : r.lm_body,
          deleted: Boolean(r.lm_deleted),
          ...(r.lm_deleted && moderated.has(r.lm_id) ? { moderated: true as const } : {}),
          createdAt: r.lm_created_at ?? "",
          status: statusOf(r.lm_id, r.lm_sender_id === me, r.other_last_read, r.other_last_delivered),
        }
      : null,
    lastMessageAt: r.last_message_at,
    unread: Number(r.unread),
    upcomingBooking: r.nb_id
      ? {
          id: r.nb_id,
          startAt: r.nb_start_at ?? "",
          endAt: r.nb_end_at ?? "",
          status: r.nb_status ?? "",
          subject: r.nb_subject,
        }
      : null,
    contactDetailsShared: Boolean(r.contact_shared),
    myLastReadMessageId: r.my_last_read,
    otherLastReadMessageId: r.other_last_read,
    otherLastDeliveredMessageId: r.other_last_delivered,
  };
}

/**
 * Messaging (PRODUCT.md §6): one conversation per student–instructor pair; only its two participants may read or
 * write it. Every change is written with its stream events in one transaction and published after commit.
 */
export function createMessagingService(deps: Deps) {
  const { db, conversations: repo, bus, now = () => new Date() } = deps;

  /* ───────────── access ───────────── */

  async function access(actor: Actor, conversationId: string) {
    const conv = await repo.findById(conversationId);
    if (!conv) throw new NotFoundError("Conversation not found.");
    if (conv.studentId !== actor.userId && conv.instructorId !== actor.userId)
      throw new ForbiddenError("This conversation isn't yours.");
    return { conv, otherId: conv.studentId === actor.userId ? conv.instructorId : conv.studentId };
  }

  async function messageAccess(actor: Actor, messageId: string) {
    const msg = await repo.findMessage(messageId);
    if (!msg) throw new NotFoundError("Message not found.");
    const { conv, otherId } = await access(actor, msg.conversationId);
    return { msg, conv, otherId };
  }

  async function withReactions(row: MessageRow): Promise<MessageView> {
    return toView(row, (await repo.reactionsOf([row.id])).get(row.id) ?? []);
  }

  /** Which of these previews' deleted last messages an admin removed (they read "removed by moderator"). */
  async function moderatedAmong(rows: SummaryRow[]): Promise<ReadonlySet<string>> {
    const ids = rows.flatMap((r) => (r.lm_id && r.lm_deleted ? [r.lm_id] : []));
    if (!ids.length || !deps.moderation) return new Set();
    return deps.moderation.hiddenAmong("message", ids);
  }

  async function summary(userId: string, conversationId: string): Promise<ConversationSummary> {
    const [row] = await repo.summaries(userId, { conversationId });
    if (!row) throw new NotFoundError("Conversation not found.");
    return toSummary(row, userId, await moderatedAmong([row]));
  }

  /** Before the pair's first confirmed booking (`shared` false), contact details are masked at write time. */
  function prepareBody(shared: boolean, body: string) {
    const text = body.trim();
    if (!text) throw new ValidationError("Write a message first.", { body: ["Required"] });
    if (text.length > MAX_MESSAGE_LENGTH)
      throw new ValidationError(`Messages are at most ${MAX_MESSAGE_LENGTH} characters.`, { body: ["Too long"] });
    if (shared) return { text, masked: false };
    const masked = maskContactDetails(text);
    // Placeholders can be longer than what they replace: a valid body may no longer fit the column.
    if (masked.text.length > MAX_MESSAGE_LENGTH) {
      throw new ValidationError(
        `With contact details hidden this message is over ${MAX_MESSAGE_LENGTH} characters. Please shorten it.`,
        { body: ["Too long"] },
      );
    }
    return masked;
  }

  /* ───────────── after commit ───────────── */

  /** Publishes committed events, fresh unread counts and domain events; a failure here never undoes the write. */
  async function afterCommit(opts: {
    appended?: AppendedEvent[];
    unreadFor?: { userId: string; conversationId: string }[];
    domain?: DomainEvent[];
  }) {
    try {
      const items: { userId: string; envelope: Envelope }[] = (opts.appended ?? []).map((a) => ({
        userId: a.userId,
        envelope: { kind: "durable", id: a.id, prev: a.prev, event: a.event as DurableEvent },
      }));
      await publishToUsers(bus, items);
      await Promise.all(
        (opts.unreadFor ?? []).map(async ({ userId, conversationId }) => {
          const counts = await repo.unreadCounts(userId, conversationId);
          const event: EphemeralEvent = {
            type: "unread",
            conversationId,
            unread: counts.conversation,
            total: counts.total,
          };
          await publishToUsers<DurableEvent, EphemeralEvent>(bus, [{ userId, envelope: { kind: "ephemeral", event } }]);
        }),
      );
    } catch (error) {
      // Subscribers recover durable events from the log on their next event or reconnect.
      logger.warn("messaging publish failed", { error });
    }
    // One at a time, in order: a read published with a send must reach Inngest before the send's email run starts,
    // or its cancelOn could cancel the run the send just triggered.
    for (const event of opts.domain ?? []) {
      try {
        await deps.events.publish(event);
      } catch (error) {
        logger.error("messaging domain event failed", { error, name: event.name });
      }
    }
  }

  const both = (conv: { studentId: string; instructorId: string }) => [conv.studentId, conv.instructorId];

  /* ───────────── internal writes ───────────── */

  /** Marks messages of the other participant delivered to `userId` up to `messageId` (from the live stream). */
  async function markDelivered(userId: string, conversationId: string, messageId: string, senderId: string) {
    const appended = await db.transaction(async (tx) => {
      if (!(await repo.advanceDelivered(conversationId, userId, messageId, tx))) return [];
      const event: DurableEvent = {
        type: "delivered",
        conversationId,
        recipientId: userId,
        upToMessageId: messageId,
        deliveredAt: now().toISOString(),
      };
      return repo.appendEvents(
        [{ conversationId, type: "delivered", event, audience: [senderId], audienceUserId: senderId }],
        tx,
      );
    });
    if (appended.length) await afterCommit({ appended });
  }

  /** One sequential worker per stream: acknowledges the newest delivered message per conversation. */
  function deliveryAcker(userId: string) {
    const pending = new Map<string, { messageId: string; senderId: string }>();
    let running: Promise<void> | null = null;
    const drain = async () => {
      while (pending.size) {
        const [conversationId, v] = pending.entries().next().value!;
        pending.delete(conversationId);
        try {
          await markDelivered(userId, conversationId, v.messageId, v.senderId);
        } catch (error) {
          logger.warn("delivery receipt failed", { error, conversationId });
        }
      }
      running = null;
    };
    return {
      ack(conversationId: string, messageId: string, senderId: string) {
        const cur = pending.get(conversationId);
        if (!cur || cur.messageId < messageId) pending.set(conversationId, { messageId, senderId });
        running ??= drain();
      },
      flush: () => running ?? Promise.resolve(),
    };
  }

  async function writeSystemMessage(input: {
    studentId: string;
    instructorId: string;
    bookingId: string | null;
    text: string;
    dedupeKey: string;
  }) {
    const text = input.text.trim();
    if (!text || text.length > MAX_MESSAGE_LENGTH)
      throw new ValidationError("A system message needs 1–4000 characters.");
    const out = await db.transaction(async (tx) => {
      const { row: conv } = await repo.insertIfAbsent(input.studentId, input.instructorId, tx);
      const locked = await repo.lockForWrite(conv.id, tx);
      const row = await repo.insertMessage(
        {
          id: nextEventId(locked?.lastMessageId),
          conversationId: conv.id,
          senderId: null,
          kind: "system",
          clientId: input.dedupeKey,
          bookingId: input.bookingId,
          body: text,
        },
        tx,
      );
      if (!row)
        return { row: (await repo.findSystemMessage(conv.id, input.dedupeKey, tx))!, appended: [], conv, fresh: false };
      const states = await repo.touchLastMessage(conv.id, row.id, row.createdAt, tx);
      const events: EventAppend[] = [
        {
          conversationId: conv.id,
          type: "message.created",
          event: { type: "message.created", conversationId: conv.id, message: toView(row) },
          audience: both(conv),
          audienceUserId: null,
        },
      ];
      // A new message brings the conversation back to the inbox of everyone it is addressed to.
      for (const s of states) {
        if (s.state === "active") continue;
        await repo.setState(conv.id, s.userId, "active", tx);
        events.push({
          conversationId: conv.id,
          type: "state.changed",
          event: { type: "state.changed", conversationId: conv.id, state: "active" },
          audience: [s.userId],
          audienceUserId: s.userId,
        });
      }
      return { row, appended: await repo.appendEvents(events, tx), conv, fresh: true };
    });
    if (out.fresh)
      await afterCommit({
        appended: out.appended,
        unreadFor: both(out.conv).map((userId) => ({ userId, conversationId: out.conv.id })),
      });
    return toView(out.row);
  }

  const service = {
    /**
     * Opens the conversation with another person, creating it on first contact (before any booking). Only a
     * student and an instructor can talk; an instructor may open a conversation only with a student who has booked
     * with them (students' details reach instructors only through bookings). Optionally sends a first message.
     */
    async start(actor: Actor, input: { otherUserId: string; message?: { clientId: string; body: string } }) {
      if (input.otherUserId === actor.userId) throw new ValidationError("You can't message yourself.");
      const [other] = await repo.participants([input.otherUserId]);
      if (!other || other.status !== "active") throw new NotFoundError("That person isn't available.");
      let studentId: string, instructorId: string;
      if (actor.role === "student" && other.role === "instructor") [studentId, instructorId] = [actor.userId, other.id];
      else if (actor.role === "instructor" && other.role === "student")
        [studentId, instructorId] = [other.id, actor.userId];
      else throw new ValidationError("Conversations are between a student and an instructor.");
      let created = false;
      let conv = await repo.findByPair(studentId, instructorId);
      if (!conv) {
        if (actor.role === "instructor" && !(await repo.hasAnyBooking(studentId, instructorId))) {
          throw new ForbiddenError("You can message a student once they have booked with you.");
        }
        const r = await db.transaction((tx) => repo.insertIfAbsent(studentId, instructorId, tx));
        conv = r.row;
        created = r.created;
      }
      const message = input.message ? await service.send(actor, { conversationId: conv.id, ...input.message }) : null;
      return { conversation: await summary(actor.userId, conv.id), message, created };
    },

    /** The viewer's inbox folder, newest conversation first (conversations without messages are not listed). */
    async list(actor: Actor, input: { state: ConversationState; cursor?: string | null; limit: number }) {
      const limit = Math.min(input.limit, LIST_MAX_PAGE);
      const rows = await repo.summaries(actor.userId, {
        state: input.state,
        before: input.cursor ?? undefined,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const moderated = await moderatedAmong(page);
      const items = page.map((r) => toSummary(r, actor.userId, moderated));
      return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.lastMessage?.id ?? null) : null };
    },

    /** A page of a thread in chronological order; `nextCursor` fetches the older page before it. */
    async history(actor: Actor, input: { conversationId: string; cursor?: string | null; limit: number }) {
      await access(actor, input.conversationId);
      const limit = Math.min(input.limit, HISTORY_MAX_PAGE);
      const [rows, conversation] = await Promise.all([
        repo.historyPage(input.conversationId, input.cursor ?? undefined, limit + 1),
        summary(actor.userId, input.conversationId),
      ]);
      const page = rows.slice(0, limit);
      const [reactions, removed] = await Promise.all([
        repo.reactionsOf(page.map((r) => r.id)),
        deps.moderation?.hiddenAmong(
          "message",
          page.filter((r) => r.deletedAt).map((r) => r.id),
        ) ?? new Set<string>(),
      ]);
      const messages: ThreadMessage[] = page.reverse().map((r) => ({
        ...toView(r, reactions.get(r.id) ?? [], removed.has(r.id)),
        status: statusOf(
          r.id,
          r.senderId === actor.userId,
          conversation.otherLastReadMessageId,
          conversation.otherLastDeliveredMessageId,
        ),
      }));
      return { conversation, messages, nextCursor: rows.length > limit ? (messages[0]?.id ?? null) : null };
    },

    /**
     * Sends a message, idempotent by the sender's client id: a repeat returns the stored message and changes
     * nothing. Restores the conversation to the recipient's active folder and marks it read for the sender.
     */
    async send(
      actor: Actor,
      input: { conversationId: string; clientId: string; body: string; bookingId?: string },
    ): Promise<MessageView> {
      const { conv, otherId } = await access(actor, input.conversationId);
      const replay = async () => {
        const existing = await repo.findUserMessageByClientId(actor.userId, input.clientId);
        if (!existing) return null;
        if (existing.conversationId !== input.conversationId)
          throw new ConflictError("That message id was already used in another conversation.");
        return withReactions(existing);
      };
      // Independent reads at once (they are most of a send's latency before the transaction).
      const [earlier, [other], booking, shared] = await Promise.all([
        replay(),
        repo.participants([otherId]),
        input.bookingId ? repo.findBooking(input.bookingId) : null,
        repo.hasContactSharingBooking(conv.studentId, conv.instructorId),
      ]);
      if (earlier) return earlier;

      const limit = await deps.limiters(SEND_LIMIT).consume(actor.userId);
      if (!limit.ok)
        throw new RateLimitedError(
          "You're sending messages too quickly. Please wait a moment.",
          limit.retryAfterSeconds,
        );
      if (!other || other.status !== "active") throw new ConflictError("This person is no longer available.");
      if (
        input.bookingId &&
        (!booking || booking.studentId !== conv.studentId || booking.instructorId !== conv.instructorId)
      ) {
        throw new ValidationError("That booking isn't between you two.", { bookingId: ["Not this pair's booking"] });
      }
      const body = prepareBody(shared, input.body);

      const out = await db.transaction(async (tx) => {
        // The row lock orders this conversation's messages: ids are assigned in commit order.
        const locked = await repo.lockForWrite(conv.id, tx);
        const row = await repo.insertMessage(
          {
            id: nextEventId(locked?.lastMessageId),
            conversationId: conv.id,
            senderId: actor.userId,
            kind: "user",
            clientId: input.clientId,
            bookingId: input.bookingId ?? null,
            body: body.text,
            masked: body.masked,
          },
          tx,
        );
        if (!row) return null; // a concurrent request with the same client id won
        const states = await repo.touchLastMessage(conv.id, row.id, row.createdAt, tx);
        const mine = states.find((s) => s.userId === actor.userId);
        const theirs = states.find((s) => s.userId === otherId);
        const events: EventAppend[] = [
          {
            conversationId: conv.id,
            type: "message.created",
            event: { type: "message.created", conversationId: conv.id, message: toView(row) },
            audience: both(conv),
            audienceUserId: null,
          },
        ];
        if (theirs && theirs.state !== "active") {
          await repo.setState(conv.id, otherId, "active", tx);
          events.push({
            conversationId: conv.id,
            type: "state.changed",
            event: { type: "state.changed", conversationId: conv.id, state: "active" },
            audience: [otherId],
            audienceUserId: otherId,
          });
        }
        // Replying means you have read what you replied to.
        const covered = await repo.coveredByRead(
          { conversationId: conv.id, readerId: actor.userId, after: mine?.lastReadMessageId ?? null, upTo: row.id },
          tx,
        );
        const at = now();
        await repo.setReadMark({ conversationId: conv.id, userId: actor.userId, upTo: row.id, at }, tx);
        if (covered.any) {
          events.push({
            conversationId: conv.id,
            type: "read",
            event: {
              type: "read",
              conversationId: conv.id,
              readerId: actor.userId,
              upToMessageId: row.id,
              readAt: at.toISOString(),
            },
            audience: both(conv),
            audienceUserId: null,
          });
        }
        return { row, covered, appended: await repo.appendEvents(events, tx) };
      });
      if (!out) return (await replay())!;

      const domain: DomainEvent[] = [];
      // Only a read that covers the other person's user messages may cancel their pending unread email (see unread-email.ts).
      if (out.covered.user)
        domain.push({
          name: "message/read",
          data: { conversationId: conv.id, readerId: actor.userId, upToMessageId: out.row.id },
        });
      domain.push({
        name: "message/sent",
        id: `message-sent:${out.row.id}`,
        data: { messageId: out.row.id, conversationId: conv.id, senderId: actor.userId, recipientId: otherId },
      });
      await afterCommit({
        appended: out.appended,
        unreadFor: [
          { userId: otherId, conversationId: conv.id },
          ...(out.covered.any ? [{ userId: actor.userId, conversationId: conv.id }] : []),
        ],
        domain,
      });
      return toView(out.row);
    },

    /** Edits one's own message within 15 minutes of sending; the new text is masked like a new message. */
    async edit(actor: Actor, input: { messageId: string; body: string }): Promise<MessageView> {
      const { msg, conv } = await messageAccess(actor, input.messageId);
      if (msg.kind !== "user" || msg.senderId !== actor.userId)
        throw new ForbiddenError("You can only edit your own messages.");
      if (msg.deletedAt) throw new ConflictError("A deleted message can't be edited.");
      if (now().getTime() - msg.createdAt.getTime() > EDIT_WINDOW_MS) {
        throw new ConflictError("Messages can only be edited for 15 minutes after sending.", {
          editWindowMinutes: EDIT_WINDOW_MS / 60_000,
        });
      }
      const body = prepareBody(await repo.hasContactSharingBooking(conv.studentId, conv.instructorId), input.body);
      if (body.text === msg.body) return withReactions(msg);
      const out = await db.transaction(async (tx) => {
        const locked = await repo.findMessage(msg.id, tx, true);
        if (!locked || locked.deletedAt) throw new ConflictError("A deleted message can't be edited.");
        const row = (await repo.updateMessage(
          msg.id,
          { body: body.text, masked: locked.masked || body.masked, editedAt: now() },
          tx,
        ))!;
        const event: DurableEvent = {
          type: "message.edited",
          conversationId: conv.id,
          messageId: row.id,
          body: row.body,
          masked: row.masked,
          editedAt: row.editedAt!.toISOString(),
        };
        return {
          row,
          appended: await repo.appendEvents(
            [{ conversationId: conv.id, type: "message.edited", event, audience: both(conv), audienceUserId: null }],
            tx,
          ),
        };
      });
      await afterCommit({ appended: out.appended });
      return withReactions(out.row);
    },

    /** Deletes one's own message: it stays in the thread as "message deleted", its text never shown again. */
    async delete(actor: Actor, input: { messageId: string }): Promise<MessageView> {
      const { msg, conv, otherId } = await messageAccess(actor, input.messageId);
      if (msg.kind !== "user" || msg.senderId !== actor.userId)
        throw new ForbiddenError("You can only delete your own messages.");
      if (msg.deletedAt) return toView(msg);
      const out = await db.transaction(async (tx) => {
        const current = await repo.findMessage(msg.id, tx, true);
        if (current?.deletedAt) return { row: current, appended: [] };
        const row = (await repo.updateMessage(msg.id, { deletedAt: now() }, tx))!;
        const event: DurableEvent = {
          type: "message.deleted",
          conversationId: conv.id,
          messageId: row.id,
          deletedAt: row.deletedAt!.toISOString(),
        };
        return {
          row,
          appended: await repo.appendEvents(
            [{ conversationId: conv.id, type: "message.deleted", event, audience: both(conv), audienceUserId: null }],
            tx,
          ),
        };
      });
      await afterCommit({ appended: out.appended, unreadFor: [{ userId: otherId, conversationId: conv.id }] });
      return toView(out.row);
    },

    /**
     * An admin removes a message: it stays in the thread as "Message removed by moderator" for both participants,
     * its text never shown again. `inTx` runs in the same transaction (the moderation records and audit row), so
     * the removal and its record commit together. Idempotent: an already removed message changes nothing here.
     */
    async removeByModerator<T>(
      messageId: string,
      inTx: (tx: DbOrTx, msg: MessageRow) => Promise<T>,
    ): Promise<{ result: T; message: MessageView }> {
      const out = await db.transaction(async (tx) => {
        const current = await repo.findMessage(messageId, tx, true);
        if (!current || current.kind !== "user") throw new NotFoundError("Message not found.");
        const conv = (await repo.findById(current.conversationId, tx))!;
        const result = await inTx(tx, current);
        if (current.deletedAt) return { row: current, appended: [], result, conv };
        const row = (await repo.updateMessage(current.id, { deletedAt: now() }, tx))!;
        const event: DurableEvent = {
          type: "message.deleted",
          conversationId: conv.id,
          messageId: row.id,
          deletedAt: row.deletedAt!.toISOString(),
          moderated: true,
        };
        const appended = await repo.appendEvents(
          [{ conversationId: conv.id, type: "message.deleted", event, audience: both(conv), audienceUserId: null }],
          tx,
        );
        return { row, appended, result, conv };
      });
      await afterCommit({
        appended: out.appended,
        unreadFor: both(out.conv).map((userId) => ({ userId, conversationId: out.conv.id })),
      });
      return { result: out.result, message: toView(out.row, [], true) };
    },

    /** Adds a reaction (idempotent); returns the message's reactions. */
    async react(actor: Actor, input: { messageId: string; emoji: ReactionEmoji }) {
      return reaction(actor, input, "added");
    },

    /** Removes one's reaction (idempotent); returns the message's reactions. */
    async unreact(actor: Actor, input: { messageId: string; emoji: ReactionEmoji }) {
      return reaction(actor, input, "removed");
    },

    /**
     * Moves the viewer's read mark to `upToMessageId` (default: the newest message); it never moves back.
     * Returns the conversation's and the total unread counts afterwards.
     */
    async markRead(actor: Actor, input: { conversationId: string; upToMessageId?: string }) {
      const { conv } = await access(actor, input.conversationId);
      if (input.upToMessageId) {
        const m = await repo.findMessage(input.upToMessageId);
        if (!m || m.conversationId !== conv.id)
          throw new ValidationError("That message isn't in this conversation.", { upToMessageId: ["Unknown message"] });
      }
      const upTo = input.upToMessageId ?? (await repo.latestMessageId(conv.id));
      const out = upTo
        ? await db.transaction(async (tx) => {
            const st = await repo.stateOf(conv.id, actor.userId, tx, true);
            if (!st || (st.lastReadMessageId && st.lastReadMessageId >= upTo)) return null;
            const covered = await repo.coveredByRead(
              { conversationId: conv.id, readerId: actor.userId, after: st.lastReadMessageId, upTo },
              tx,
            );
            const at = now();
            await repo.setReadMark({ conversationId: conv.id, userId: actor.userId, upTo, at }, tx);
            if (!covered.any) return { covered, appended: [] };
            const event: DurableEvent = {
              type: "read",
              conversationId: conv.id,
              readerId: actor.userId,
              upToMessageId: upTo,
              readAt: at.toISOString(),
            };
            return {
              covered,
              appended: await repo.appendEvents(
                [{ conversationId: conv.id, type: "read", event, audience: both(conv), audienceUserId: null }],
                tx,
              ),
            };
          })
        : null;
      if (out) {
        await afterCommit({
          appended: out.appended,
          unreadFor: out.covered.any ? [{ userId: actor.userId, conversationId: conv.id }] : [],
          domain: out.covered.user
            ? [
                {
                  name: "message/read",
                  data: { conversationId: conv.id, readerId: actor.userId, upToMessageId: upTo! },
                },
              ]
            : [],
        });
      }
      const [counts, st] = await Promise.all([
        repo.unreadCounts(actor.userId, conv.id),
        repo.stateOf(conv.id, actor.userId),
      ]);
      return {
        conversationId: conv.id,
        lastReadMessageId: st?.lastReadMessageId ?? null,
        unread: counts.conversation,
        unreadTotal: counts.total,
      };
    },

    /** Tells the other participant that the viewer is typing (not stored; throttled to one per 2 s). */
    async typing(actor: Actor, input: { conversationId: string }) {
      const { conv, otherId } = await access(actor, input.conversationId);
      const r = await deps.limiters(TYPING_THROTTLE).consume(`${actor.userId}:${conv.id}`);
      if (!r.ok) return { sent: false };
      const event: EphemeralEvent = {
        type: "typing",
        conversationId: conv.id,
        userId: actor.userId,
        expiresAt: new Date(now().getTime() + TYPING_TTL_MS).toISOString(),
      };
      await publishToUsers<DurableEvent, EphemeralEvent>(bus, [
        { userId: otherId, envelope: { kind: "ephemeral", event } },
      ]);
      return { sent: true };
    },

    /** Moves the conversation between the viewer's folders (the other participant never learns of it). */
    async setState(actor: Actor, input: { conversationId: string; state: ConversationState }) {
      const { conv } = await access(actor, input.conversationId);
      const appended = await db.transaction(async (tx) => {
        const st = await repo.stateOf(conv.id, actor.userId, tx, true);
        if (!st || st.state === input.state) return [];
        await repo.setState(conv.id, actor.userId, input.state, tx);
        const event: DurableEvent = { type: "state.changed", conversationId: conv.id, state: input.state };
        return repo.appendEvents(
          [
            {
              conversationId: conv.id,
              type: "state.changed",
              event,
              audience: [actor.userId],
              audienceUserId: actor.userId,
            },
          ],
          tx,
        );
      });
      await afterCommit({ appended });
      return { conversationId: conv.id, state: input.state };
    },

    /** Unread messages in total (the badge) and per folder — independent of the folder being viewed. */
    async unreadTotal(actor: Actor) {
      const c = await repo.unreadCounts(actor.userId);
      return { total: c.total, byState: c.byState };
    },

    /**
     * The signed-in user's live stream: every durable event of their conversations after `lastEventId` (exactly
     * once, in order), then live events, with ephemeral typing/unread/notification events interleaved. Messages
     * from the other participant that reach the stream are acknowledged as delivered.
     */
    async *stream(
      actor: Actor,
      input: { lastEventId?: string },
      signal?: AbortSignal,
      hooks?: { afterSubscribe?: () => Promise<void> },
    ): AsyncGenerator<StreamItem> {
      const me = actor.userId;
      const acker = deliveryAcker(me);
      try {
        const source = userStream<DurableEvent, EphemeralEvent>({
          bus,
          userId: me,
          lastEventId: input.lastEventId,
          signal,
          head: () => repo.headOf(me),
          since: async (cursor, limit) =>
            (await repo.eventsSince(me, cursor, limit)).map((r) => {
              const event = r.payload as DurableEvent;
              // Replays never resurrect the text of a message deleted since.
              if (r.messageDeleted && event.type === "message.created")
                return {
                  id: r.id,
                  event: { ...event, message: { ...event.message, body: null, deleted: true, reactions: [] } },
                };
              if (r.messageDeleted && event.type === "message.edited")
                return { id: r.id, event: { ...event, body: null } };
              return { id: r.id, event };
            }),
          afterSubscribe: hooks?.afterSubscribe,
          // The daily retention purge keeps a week of the log; an older cursor resyncs. (Event ids are minted on
          // the system clock: the earlier of the two clocks keeps a test clock set ahead from refusing fresh ids.)
          oldestResumable: ulidFloor(
            new Date(Math.min(now().getTime(), Date.now()) - RETENTION.conversationEventDays * 86_400_000),
          ),
        });
        for await (const out of source) {
          if (out.kind === "durable") {
            yield { id: out.id, event: out.event };
            const e = out.event;
            if (
              e.type === "message.created" &&
              e.message.kind === "user" &&
              e.message.senderId &&
              e.message.senderId !== me &&
              !e.message.deleted
            ) {
              acker.ack(e.conversationId, e.message.id, e.message.senderId);
            }
          } else if (out.kind === "ephemeral") {
            yield { id: out.id, event: out.event };
          } else if (out.kind === "ready") {
            yield {
              id: out.id,
              event: { type: "ready", resumed: out.resumed, unreadTotal: (await repo.unreadCounts(me)).total },
            };
          } else {
            yield { id: out.id, event: { type: "resync" } };
          }
        }
      } finally {
        await acker.flush();
      }
    },

    /**
     * Writes a system message (booking created/confirmed/cancelled/rescheduled/completed…) into the pair's
     * conversation, creating it if needed. Idempotent by `dedupeKey` (default: booking id + text), so a retried
     * background step posts it once. Restores the conversation to both participants' active folders.
     */
    async postSystemMessage(input: {
      studentId: string;
      instructorId: string;
      bookingId: string | null;
      text: string;
      dedupeKey?: string;
    }): Promise<MessageView> {
      if (input.bookingId) {
        const b = await repo.findBooking(input.bookingId);
        if (!b || b.studentId !== input.studentId || b.instructorId !== input.instructorId)
          throw new ValidationError("That booking isn't between these two people.");
      }
      const dedupeKey = (
        input.dedupeKey ?? `booking:${input.bookingId ?? "none"}:${await shortHash(input.text)}`
      ).slice(0, 128);
      return writeSystemMessage({ ...input, dedupeKey });
    },

    /** The unread-message email delay (platform_config override, else 5 min). */
    async unreadEmailDelayMs(): Promise<number> {
      const v = await deps.platformConfig.get(UNREAD_EMAIL_DELAY_KEY);
      return typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : UNREAD_EMAIL_DELAY_MS;
    },

    /**
     * After the delay: emails the recipient ONE message batching every unread message of the conversation since the
     * last such email — unless the message was read, already covered by an earlier email, or the recipient turned
     * message emails off. The batch is claimed with a compare-and-set on the recipient's last-emailed mark before
     * sending (concurrent runs of a burst send once; no lock is held across the provider call) and released if the
     * provider fails, so a retried step sends it.
     */
    async sendUnreadEmail(input: {
      messageId: string;
      conversationId: string;
      recipientId: string;
    }): Promise<{ sent: boolean; reason: string; count: number }> {
      const skip = (reason: string) => ({ sent: false, reason, count: 0 });
      const st = await repo.stateOf(input.conversationId, input.recipientId);
      if (!st) return skip("no-conversation");
      if (st.lastReadMessageId && st.lastReadMessageId >= input.messageId) return skip("read");
      if (st.lastEmailedMessageId && st.lastEmailedMessageId >= input.messageId) return skip("already-emailed");
      if (!(await deps.notifications.isEnabled(input.recipientId, "messages", "email"))) return skip("opted-out");
      const conv = await repo.findById(input.conversationId);
      if (!conv) return skip("no-conversation");
      const people = await repo.participants([conv.studentId, conv.instructorId]);
      const recipient = people.find((p) => p.id === input.recipientId);
      const sender = people.find((p) => p.id !== input.recipientId);
      if (!recipient || recipient.status !== "active" || !sender) return skip("inactive");
      const after =
        [st.lastReadMessageId, st.lastEmailedMessageId]
          .filter((x): x is string => Boolean(x))
          .sort()
          .pop() ?? null;
      const unread = await repo.unreadUserMessages({
        conversationId: conv.id,
        recipientId: input.recipientId,
        after,
        limit: 50,
      });
      if (!unread.length) return skip("nothing-unread");
      const newest = unread[unread.length - 1]!.id;
      const claim = await repo.claimUnreadEmail(conv.id, input.recipientId, {
        previous: st.lastEmailedMessageId,
        newest,
        messageId: input.messageId,
      });
      if (!claim) return skip("already-emailed");

      const name = publicName(sender.firstName, sender.lastName);
      const path = recipient.role === "instructor" ? `/instructor/inbox/${conv.id}` : `/inbox/${conv.id}`;
      const quoted = unread.slice(-UNREAD_EMAIL_QUOTED);
      const rendered = await renderEmail(
        unreadMessagesEmail,
        {
          recipientFirstName: recipient.firstName,
          senderName: name,
          count: unread.length,
          quoted: quoted.map((m) => m.body),
          more: unread.length - quoted.length,
          threadPath: path,
        },
        { appUrl: deps.appUrl, preferencesUrl: deps.preferencesUrl?.(recipient.id, "messages") ?? null },
      );
      try {
        await deps.email.send({
          to: recipient.email,
          ...rendered,
          idempotencyKey: `unread:${input.recipientId}:${conv.id}:${newest}`,
        });
      } catch (error) {
        await repo.releaseUnreadEmail(conv.id, input.recipientId, { previous: st.lastEmailedMessageId, newest });
        throw error;
      }
      return { sent: true, reason: "sent", count: unread.length };
    },
  };
  return service;

  async function reaction(
    actor: Actor,
    input: { messageId: string; emoji: ReactionEmoji },
    action: "added" | "removed",
  ) {
    const { msg, conv } = await messageAccess(actor, input.messageId);
    if (msg.deletedAt) throw new ConflictError("You can't react to a deleted message.");
    const appended = await db.transaction(async (tx) => {
      const changed =
        action === "added"
          ? await repo.addReaction(msg.id, actor.userId, input.emoji, tx)
          : await repo.removeReaction(msg.id, actor.userId, input.emoji, tx);
      if (!changed) return [];
      const type = action === "added" ? "reaction.added" : "reaction.removed";
      const event: DurableEvent = {
        type,
        conversationId: conv.id,
        messageId: msg.id,
        userId: actor.userId,
        emoji: input.emoji,
      };
      return repo.appendEvents(
        [{ conversationId: conv.id, type, event, audience: both(conv), audienceUserId: null }],
        tx,
      );
    });
    await afterCommit({ appended });
    return { messageId: msg.id, reactions: (await repo.reactionsOf([msg.id])).get(msg.id) ?? [] };
  }
}
export type MessagingService = ReturnType<typeof createMessagingService>;

async function shortHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Buffer.from(digest).toString("hex").slice(0, 16);
}
