import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, ne, or, sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "~/server/db/client";
import {
  bookings,
  conversationEvents,
  conversationUserState,
  conversations,
  messageReactions,
  messages,
  userEventHeads,
  users,
  type ConversationEventType,
  type ConversationState,
  type ReactionEmoji,
  type Role,
} from "~/server/db/schema";
import { ZERO_EVENT_ID, nextEventId } from "~/server/realtime/event-ids";

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type ConversationStateRow = typeof conversationUserState.$inferSelect;

/** Booking statuses after which contact details may be shared (PRODUCT.md §6). */
export const CONTACT_SHARING_STATUSES = ["confirmed", "completed"] as const;
/** Booking statuses shown as "upcoming" context in the inbox. */
export const UPCOMING_STATUSES = ["pending_payment", "confirmed"] as const;

/** An ISO-8601 UTC string from a timestamptz, identical on both drivers. */
const iso = (col: SQL) => sql`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export type SummaryRow = {
  id: string;
  state: ConversationState;
  my_last_read: string | null;
  other_id: string;
  other_first_name: string;
  other_last_name: string;
  other_role: Role;
  other_photo_url: string | null;
  other_last_read: string | null;
  other_last_delivered: string | null;
  last_message_at: string | null;
  lm_id: string | null;
  lm_kind: "user" | "system" | null;
  lm_sender_id: string | null;
  lm_body: string | null;
  lm_deleted: boolean | null;
  lm_created_at: string | null;
  unread: number;
  nb_id: string | null;
  nb_start_at: string | null;
  nb_end_at: string | null;
  nb_status: string | null;
  nb_subject: string | null;
  contact_shared: boolean;
};

export type EventAppend = {
  conversationId: string;
  type: ConversationEventType;
  /** The event as subscribers receive it (stored as the payload). */
  event: Record<string, unknown>;
  /** Users whose streams get it: both participants, or only one (their own folder changes). */
  audience: string[];
  /** Set when only one participant may see it. */
  audienceUserId: string | null;
};

export type AppendedEvent = { userId: string; id: string; prev: string; event: Record<string, unknown> };

/** Conversations, messages, reactions, per-user state and the live-stream event log. */
export function createConversationRepository(db: DbOrTx) {
  return {
    async findById(id: string, tx: DbOrTx = db): Promise<ConversationRow | null> {
      const [row] = await tx.select().from(conversations).where(eq(conversations.id, id)).limit(1);
      return row ?? null;
    },

    async findByPair(studentId: string, instructorId: string, tx: DbOrTx = db): Promise<ConversationRow | null> {
      const [row] = await tx
        .select()
        .from(conversations)
        .where(
          and(
            sql`least(${conversations.studentId}, ${conversations.instructorId}) = least(${studentId}::text, ${instructorId}::text)`,
            sql`greatest(${conversations.studentId}, ${conversations.instructorId}) = greatest(${studentId}::text, ${instructorId}::text)`,
          ),
        )
        .limit(1);
      return row ?? null;
    },

    /**
     * Creates the pair's conversation and both participants' state rows unless it exists. Concurrent callers
     * meet on the unique pair index: the loser's insert waits for the winner's commit and then does nothing.
     */
    async insertIfAbsent(
      studentId: string,
      instructorId: string,
      tx: DbOrTx = db,
    ): Promise<{ row: ConversationRow; created: boolean }> {
      const [inserted] = await tx
        .insert(conversations)
        .values({ studentId, instructorId })
        .onConflictDoNothing()
        .returning();
      if (inserted) {
        await tx.insert(conversationUserState).values([
          { conversationId: inserted.id, userId: studentId },
          { conversationId: inserted.id, userId: instructorId },
        ]);
        return { row: inserted, created: true };
      }
      const existing = await this.findByPair(studentId, instructorId, tx);
      if (!existing) throw new Error("conversation vanished after a conflicting insert");
      return { row: existing, created: false };
    },

    /** Row-locks the conversation for a write (NO KEY UPDATE: event and message inserts still pass FK checks). */
    async lockForWrite(id: string, tx: DbOrTx): Promise<ConversationRow | null> {
      const [row] = await tx.select().from(conversations).where(eq(conversations.id, id)).for("no key update");
      return row ?? null;
    },

    async participants(ids: string[], tx: DbOrTx = db) {
      return tx
        .select({
          id: users.id,
          role: users.role,
          status: users.status,
          email: users.email,
          firstName: users.firstName,
          lastName: users.lastName,
        })
        .from(users)
        .where(inArray(users.id, ids));
    },

    async hasContactSharingBooking(studentId: string, instructorId: string, tx: DbOrTx = db): Promise<boolean> {
      const [row] = await tx
        .select({ id: bookings.id })
        .from(bookings)
        .where(
          and(
            eq(bookings.studentId, studentId),
            eq(bookings.instructorId, instructorId),
            inArray(bookings.status, [...CONTACT_SHARING_STATUSES]),
          ),
        )
        .limit(1);
      return Boolean(row);
    },

    async hasAnyBooking(studentId: string, instructorId: string, tx: DbOrTx = db): Promise<boolean> {
      const [row] = await tx
        .select({ id: bookings.id })
        .from(bookings)
        .where(and(eq(bookings.studentId, studentId), eq(bookings.instructorId, instructorId)))
        .limit(1);
      return Boolean(row);
    },

    async findBooking(id: string, tx: DbOrTx = db) {
      const [row] = await tx
        .select({ id: bookings.id, studentId: bookings.studentId, instructorId: bookings.instructorId })
        .from(bookings)
        .where(eq(bookings.id, id))
        .limit(1);
      return row ?? null;
    },

    async findMessage(id: string, tx: DbOrTx = db, lock = false): Promise<MessageRow | null> {
      const q = tx.select().from(messages).where(eq(messages.id, id));
      const [row] = lock ? await q.for("no key update") : await q.limit(1);
      return row ?? null;
    },

    async findUserMessageByClientId(senderId: string, clientId: string, tx: DbOrTx = db): Promise<MessageRow | null> {
      const [row] = await tx
        .select()
        .from(messages)
        .where(and(eq(messages.senderId, senderId), eq(messages.clientId, clientId), eq(messages.kind, "user")))
        .limit(1);
      return row ?? null;
    },

    async findSystemMessage(conversationId: string, clientId: string, tx: DbOrTx = db): Promise<MessageRow | null> {
      const [row] = await tx
        .select()
        .from(messages)
        .where(
          and(
            eq(messages.conversationId, conversationId),
            eq(messages.clientId, clientId),
            eq(messages.kind, "system"),
          ),
        )
        .limit(1);
      return row ?? null;
    },

    /** Inserts unless the idempotency key exists (then null: the caller reads the existing row). */
    async insertMessage(values: typeof messages.$inferInsert, tx: DbOrTx): Promise<MessageRow | null> {
      const [row] = await tx.insert(messages).values(values).onConflictDoNothing().returning();
      return row ?? null;
    },

    async updateMessage(
      id: string,
      set: Partial<Pick<MessageRow, "body" | "masked" | "editedAt" | "deletedAt">>,
      tx: DbOrTx,
    ): Promise<MessageRow | null> {
      const [row] = await tx.update(messages).set(set).where(eq(messages.id, id)).returning();
      return row ?? null;
    },

    /** Points the conversation and both participants' inbox sort keys at its newest message; returns both states. */
    async touchLastMessage(
      conversationId: string,
      messageId: string,
      at: Date,
      tx: DbOrTx,
    ): Promise<ConversationStateRow[]> {
      await tx
        .update(conversations)
        .set({ lastMessageId: messageId, lastMessageAt: at })
        .where(eq(conversations.id, conversationId));
      return tx
        .update(conversationUserState)
        .set({ lastMessageId: messageId })
        .where(eq(conversationUserState.conversationId, conversationId))
        .returning();
    },

    async states(conversationId: string, tx: DbOrTx = db): Promise<ConversationStateRow[]> {
      return tx.select().from(conversationUserState).where(eq(conversationUserState.conversationId, conversationId));
    },

    async stateOf(
      conversationId: string,
      userId: string,
      tx: DbOrTx = db,
      lock = false,
    ): Promise<ConversationStateRow | null> {
      const q = tx
        .select()
        .from(conversationUserState)
        .where(and(eq(conversationUserState.conversationId, conversationId), eq(conversationUserState.userId, userId)));
      const [row] = lock ? await q.for("update") : await q;
      return row ?? null;
    },

    async setState(conversationId: string, userId: string, state: ConversationState, tx: DbOrTx): Promise<void> {
      await tx
        .update(conversationUserState)
        .set({ state })
        .where(and(eq(conversationUserState.conversationId, conversationId), eq(conversationUserState.userId, userId)));
    },

    /** Moves the read mark forward (never back); read implies delivered. */
    async setReadMark(
      m: { conversationId: string; userId: string; upTo: string; at: Date },
      tx: DbOrTx,
    ): Promise<void> {
      const { conversationId, userId, upTo, at } = m;
      await tx
        .update(conversationUserState)
        .set({
          lastReadMessageId: sql`greatest(coalesce(${conversationUserState.lastReadMessageId}, ''), ${upTo}::text)`,
          lastReadAt: at,
          lastDeliveredMessageId: sql`greatest(coalesce(${conversationUserState.lastDeliveredMessageId}, ''), ${upTo}::text)`,
        })
        .where(and(eq(conversationUserState.conversationId, conversationId), eq(conversationUserState.userId, userId)));
    },

    /** Moves the delivery mark forward; false when it already covered `upTo`. */
    async advanceDelivered(conversationId: string, userId: string, upTo: string, tx: DbOrTx): Promise<boolean> {
      const rows = await tx
        .update(conversationUserState)
        .set({ lastDeliveredMessageId: upTo })
        .where(
          and(
            eq(conversationUserState.conversationId, conversationId),
            eq(conversationUserState.userId, userId),
            or(
              isNull(conversationUserState.lastDeliveredMessageId),
              lt(conversationUserState.lastDeliveredMessageId, upTo),
            ),
          ),
        )
        .returning({ id: conversationUserState.conversationId });
      return rows.length > 0;
    },

    /** Newest message of the conversation (null when empty). */
    async latestMessageId(conversationId: string, tx: DbOrTx = db): Promise<string | null> {
      const [row] = await tx
        .select({ id: messages.id })
        .from(messages)
        .where(eq(messages.conversationId, conversationId))
        .orderBy(desc(messages.id))
        .limit(1);
      return row?.id ?? null;
    },

    /**
     * What a reader's mark moving from `after` to `upTo` covers among messages not written by the reader:
     * any (for the live read receipt) and user messages (for cancelling unread-message emails).
     */
    async coveredByRead(
      m: { conversationId: string; readerId: string; after: string | null; upTo: string },
      tx: DbOrTx = db,
    ) {
      const { conversationId, readerId, after, upTo } = m;
      const [row] = await tx
        .select({
          any: sql<number>`count(*)::int`,
          user: sql<number>`count(*) filter (where ${messages.kind} = 'user')::int`,
        })
        .from(messages)
        .where(
          and(
            eq(messages.conversationId, conversationId),
            gt(messages.id, after ?? ""),
            sql`${messages.id} <= ${upTo}`,
            sql`${messages.senderId} is distinct from ${readerId}`,
            isNull(messages.deletedAt),
          ),
        );
      return { any: (row?.any ?? 0) > 0, user: (row?.user ?? 0) > 0 };
    },

    /** Unread counts of a user: in one conversation (optional), in total and per folder. */
    async unreadCounts(userId: string, conversationId?: string) {
      const [row] = rowsOf<{ conv: number; total: number; active: number; archived: number; trashed: number }>(
        await db.execute(sql`
          select
            count(*) filter (where s.conversation_id = ${conversationId ?? ""})::int as conv,
            count(*)::int as total,
            count(*) filter (where s.state = 'active')::int as active,
            count(*) filter (where s.state = 'archived')::int as archived,
            count(*) filter (where s.state = 'trashed')::int as trashed
          from ${conversationUserState} s
          join ${messages} m
            on m.conversation_id = s.conversation_id
           and m.id > coalesce(s.last_read_message_id, '')
           and m.sender_id is distinct from s.user_id
           and m.deleted_at is null
          where s.user_id = ${userId}`),
      );
      return {
        conversation: row?.conv ?? 0,
        total: row?.total ?? 0,
        byState: { active: row?.active ?? 0, archived: row?.archived ?? 0, trashed: row?.trashed ?? 0 },
      };
    },

    /**
     * Inbox rows in one query: the viewer's state, the other participant, the last message, the unread count
     * (lateral range count above the read mark) and the pair's next lesson (lateral), newest conversation first.
     * Either a folder page (`state` + optional `before` cursor) or one conversation (`conversationId`).
     */
    async summaries(
      userId: string,
      q: { state: ConversationState; before?: string; limit: number } | { conversationId: string },
    ): Promise<SummaryRow[]> {
      const filter =
        "conversationId" in q
          ? sql`s.conversation_id = ${q.conversationId}`
          : sql`s.state = ${q.state} and s.last_message_id is not null ${q.before ? sql`and s.last_message_id < ${q.before}` : sql``}`;
      const limit = "conversationId" in q ? 1 : q.limit;
      return rowsOf<SummaryRow>(
        await db.execute(sql`
          select
            c.id,
            s.state,
            s.last_read_message_id as my_last_read,
            os.user_id as other_id,
            u.first_name as other_first_name,
            u.last_name as other_last_name,
            u.role as other_role,
            ip.photo_url as other_photo_url,
            os.last_read_message_id as other_last_read,
            os.last_delivered_message_id as other_last_delivered,
            ${iso(sql`c.last_message_at`)} as last_message_at,
            lm.id as lm_id,
            lm.kind as lm_kind,
            lm.sender_id as lm_sender_id,
            case when lm.deleted_at is null then left(lm.body, 200) end as lm_body,
            lm.deleted_at is not null as lm_deleted,
            ${iso(sql`lm.created_at`)} as lm_created_at,
            coalesce(un.n, 0) as unread,
            nb.id as nb_id,
            ${iso(sql`nb.start_at`)} as nb_start_at,
            ${iso(sql`nb.end_at`)} as nb_end_at,
            nb.status as nb_status,
            nb.subject as nb_subject,
            exists (
              select 1 from ${bookings} b2
              where b2.student_id = c.student_id and b2.instructor_id = c.instructor_id
                and b2.status in ('confirmed', 'completed')
            ) as contact_shared
          from ${conversationUserState} s
          join ${conversations} c on c.id = s.conversation_id
          join ${conversationUserState} os on os.conversation_id = c.id and os.user_id <> s.user_id
          join ${users} u on u.id = os.user_id
          left join instructor_profiles ip on ip.user_id = os.user_id
          left join ${messages} lm on lm.id = c.last_message_id
          left join lateral (
            select count(*)::int as n from ${messages} m
            where m.conversation_id = c.id
              and m.id > coalesce(s.last_read_message_id, '')
              and m.sender_id is distinct from s.user_id
              and m.deleted_at is null
          ) un on true
          left join lateral (
            select b.id, b.start_at, b.end_at, b.status, sub.name as subject
            from ${bookings} b
            left join instructor_services isv on isv.id = b.service_id
            left join subjects sub on sub.id = isv.subject_id
            where b.student_id = c.student_id and b.instructor_id = c.instructor_id
              and b.status in ('pending_payment', 'confirmed') and b.end_at > now()
            order by b.start_at
            limit 1
          ) nb on true
          where s.user_id = ${userId} and ${filter}
          order by s.last_message_id desc nulls last, c.id desc
          limit ${limit}`),
      );
    },

    /** A page of history, newest first, older than `before`. */
    async historyPage(conversationId: string, before: string | undefined, limit: number): Promise<MessageRow[]> {
      return db
        .select()
        .from(messages)
        .where(and(eq(messages.conversationId, conversationId), before ? lt(messages.id, before) : undefined))
        .orderBy(desc(messages.id))
        .limit(limit);
    },

    /** Reactions of several messages, grouped by message and emoji, in the order they were added. */
    async reactionsOf(
      messageIds: string[],
      tx: DbOrTx = db,
    ): Promise<Map<string, { emoji: ReactionEmoji; userIds: string[] }[]>> {
      const out = new Map<string, { emoji: ReactionEmoji; userIds: string[] }[]>();
      if (!messageIds.length) return out;
      const rows = await tx
        .select({
          messageId: messageReactions.messageId,
          emoji: messageReactions.emoji,
          userId: messageReactions.userId,
        })
        .from(messageReactions)
        .where(inArray(messageReactions.messageId, messageIds))
        .orderBy(asc(messageReactions.createdAt), asc(messageReactions.userId));
      for (const r of rows) {
        const list = out.get(r.messageId) ?? [];
        const entry = list.find((e) => e.emoji === r.emoji);
        if (entry) entry.userIds.push(r.userId);
        else list.push({ emoji: r.emoji, userIds: [r.userId] });
        out.set(r.messageId, list);
      }
      return out;
    },

    /** True when the reaction was added now (false: it already existed). */
    async addReaction(messageId: string, userId: string, emoji: ReactionEmoji, tx: DbOrTx): Promise<boolean> {
      const rows = await tx
        .insert(messageReactions)
        .values({ messageId, userId, emoji })
        .onConflictDoNothing()
        .returning({ m: messageReactions.messageId });
      return rows.length > 0;
    },

    async removeReaction(messageId: string, userId: string, emoji: ReactionEmoji, tx: DbOrTx): Promise<boolean> {
      const rows = await tx
        .delete(messageReactions)
        .where(
          and(
            eq(messageReactions.messageId, messageId),
            eq(messageReactions.userId, userId),
            eq(messageReactions.emoji, emoji),
          ),
        )
        .returning({ m: messageReactions.messageId });
      return rows.length > 0;
    },

    /**
     * Appends events to the log inside the caller's transaction and returns, per recipient, what to publish after
     * commit. The recipients' `user_event_heads` rows are locked in id order (no deadlock) and held until commit,
     * so each user's event ids commit in increasing order even across processes: "id > lastEventId" is lossless.
     * Call it last in a transaction to keep the locks short.
     */
    async appendEvents(items: EventAppend[], tx: DbOrTx): Promise<AppendedEvent[]> {
      if (!items.length) return [];
      const userIds = [...new Set(items.flatMap((i) => i.audience))].sort();
      const locked = rowsOf<{ user_id: string; last_event_id: string }>(
        await tx.execute(sql`
          insert into ${userEventHeads} (user_id, last_event_id)
          values ${sql.join(
            userIds.map((u) => sql`(${u}, ${ZERO_EVENT_ID})`),
            sql`, `,
          )}
          on conflict (user_id) do update set last_event_id = ${userEventHeads}.last_event_id
          returning user_id, last_event_id`),
      );
      const heads = new Map(locked.map((r) => [r.user_id, r.last_event_id]));
      let last = [...heads.values()].reduce((a, b) => (a > b ? a : b), ZERO_EVENT_ID);
      const out: AppendedEvent[] = [];
      const rows: (typeof conversationEvents.$inferInsert)[] = [];
      for (const item of items) {
        const id = nextEventId(last);
        last = id;
        rows.push({
          id,
          conversationId: item.conversationId,
          audienceUserId: item.audienceUserId,
          type: item.type,
          payload: item.event,
        });
        for (const userId of item.audience) {
          out.push({ userId, id, prev: heads.get(userId) ?? ZERO_EVENT_ID, event: item.event });
          heads.set(userId, id);
        }
      }
      await tx.insert(conversationEvents).values(rows);
      await tx.execute(sql`
        update ${userEventHeads} as h set last_event_id = v.id, updated_at = now()
        from (values ${sql.join(
          userIds.map((u) => sql`(${u}::text, ${heads.get(u)!}::text)`),
          sql`, `,
        )}) as v(user_id, id)
        where h.user_id = v.user_id`);
      return out;
    },

    async headOf(userId: string): Promise<string | null> {
      const [row] = await db
        .select({ id: userEventHeads.lastEventId })
        .from(userEventHeads)
        .where(eq(userEventHeads.userId, userId))
        .limit(1);
      return row?.id ?? null;
    },

    /**
     * The user's events after a cursor, ascending. `messageDeleted` flags message events whose message has been
     * deleted since, so replays never resurrect a deleted body.
     */
    async eventsSince(userId: string, cursor: string, limit: number) {
      return db
        .select({
          id: conversationEvents.id,
          payload: conversationEvents.payload,
          messageDeleted: sql<boolean>`coalesce(${messages.deletedAt} is not null, false)`,
        })
        .from(conversationEvents)
        .leftJoin(
          messages,
          and(
            inArray(conversationEvents.type, ["message.created", "message.edited"]),
            eq(
              messages.id,
              sql`coalesce(${conversationEvents.payload}->'message'->>'id', ${conversationEvents.payload}->>'messageId')`,
            ),
          ),
        )
        .where(
          and(
            gt(conversationEvents.id, cursor),
            inArray(
              conversationEvents.conversationId,
              db
                .select({ id: conversationUserState.conversationId })
                .from(conversationUserState)
                .where(eq(conversationUserState.userId, userId)),
            ),
            or(isNull(conversationEvents.audienceUserId), eq(conversationEvents.audienceUserId, userId)),
          ),
        )
        .orderBy(asc(conversationEvents.id))
        .limit(limit);
    },

    /** Unread user messages from the other participant after `after` (for the unread-message email). */
    async unreadUserMessages(
      {
        conversationId,
        recipientId,
        after,
        limit,
      }: { conversationId: string; recipientId: string; after: string | null; limit: number },
      tx: DbOrTx = db,
    ) {
      return tx
        .select()
        .from(messages)
        .where(
          and(
            eq(messages.conversationId, conversationId),
            eq(messages.kind, "user"),
            isNotNull(messages.senderId),
            ne(messages.senderId, recipientId),
            isNull(messages.deletedAt),
            after ? gt(messages.id, after) : undefined,
          ),
        )
        .orderBy(asc(messages.id))
        .limit(limit);
    },

    /**
     * Claims an unread-message email batch: moves the recipient's last-emailed mark from `previous` to `newest`,
     * only if nobody moved it meanwhile and `messageId` is still unread. False when another run won or it was read.
     */
    async claimUnreadEmail(
      conversationId: string,
      userId: string,
      c: { previous: string | null; newest: string; messageId: string },
      tx: DbOrTx = db,
    ): Promise<boolean> {
      const rows = await tx
        .update(conversationUserState)
        .set({ lastEmailedMessageId: c.newest })
        .where(
          and(
            eq(conversationUserState.conversationId, conversationId),
            eq(conversationUserState.userId, userId),
            c.previous === null
              ? isNull(conversationUserState.lastEmailedMessageId)
              : eq(conversationUserState.lastEmailedMessageId, c.previous),
            or(
              isNull(conversationUserState.lastReadMessageId),
              lt(conversationUserState.lastReadMessageId, c.messageId),
            ),
          ),
        )
        .returning({ id: conversationUserState.conversationId });
      return rows.length > 0;
    },

    /** Undoes a claim whose email could not be sent (only if nothing moved the mark since). */
    async releaseUnreadEmail(
      conversationId: string,
      userId: string,
      c: { previous: string | null; newest: string },
      tx: DbOrTx = db,
    ): Promise<void> {
      await tx
        .update(conversationUserState)
        .set({ lastEmailedMessageId: c.previous })
        .where(
          and(
            eq(conversationUserState.conversationId, conversationId),
            eq(conversationUserState.userId, userId),
            eq(conversationUserState.lastEmailedMessageId, c.newest),
          ),
        );
    },
  };
}
export type ConversationRepository = ReturnType<typeof createConversationRepository>;
