"use client";

import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { getQueryKey } from "@trpc/react-query";
import { useMemo } from "react";
import { api } from "~/trpc/react";
import { FOLDERS, HISTORY_PAGE, LIST_PAGE } from "./constants";
import { clearTyping, setTyping } from "./stores";
import type {
  ConversationEvent,
  ConversationSummary,
  HistoryData,
  ListData,
  MessageView,
  ReactionView,
  ThreadMessage,
} from "./types";

/**
 * Applies the live stream and mutation results to the React Query cache, so every open view (inbox list, thread,
 * nav badge) updates in place. Message ids are ULIDs assigned in commit order per conversation, so string
 * comparison orders them and read/delivery marks are "everything up to this id".
 */
export type Utils = ReturnType<typeof api.useUtils> & { readonly queryClient: QueryClient };

/** tRPC's utils plus the QueryClient itself (the cache writers look at a query's state, which utils don't expose). */
export function useMessagingUtils(): Utils {
  const utils = api.useUtils();
  const queryClient = useQueryClient();
  return useMemo(
    () =>
      new Proxy(utils, {
        get: (target, key, receiver) =>
          key === "queryClient" ? queryClient : (Reflect.get(target, key, receiver) as unknown),
      }) as Utils,
    [utils, queryClient],
  );
}

const maxId = (a: string | null, b: string | null) => (a && b ? (a > b ? a : b) : (a ?? b));

/* ───────────── writing to the cache without losing live changes ───────────── */

type Patch<T> = (d: T) => T;
const REPLAY_LIMIT = 500;
const replays = new WeakMap<QueryClient, Map<string, Patch<unknown>[]>>();

/**
 * Patches that reached a query while it was fetching, re-applied when that fetch lands: the response may have
 * been read before the change (every patch here is idempotent — upsert by id, marks only move forward).
 */
function replayRegistry(qc: QueryClient): Map<string, Patch<unknown>[]> {
  let registry = replays.get(qc);
  if (registry) return registry;
  const r = new Map<string, Patch<unknown>[]>();
  replays.set(qc, r);
  qc.getQueryCache().subscribe((e) => {
    if (e.type !== "updated" || e.action.type !== "success" || e.action.manual) return;
    const patches = r.get(e.query.queryHash);
    if (!patches) return;
    r.delete(e.query.queryHash);
    qc.setQueryData<unknown>(e.query.queryKey as readonly unknown[], (d: unknown) =>
      d === undefined ? undefined : patches.reduce<unknown>((acc, p) => p(acc), d),
    );
  });
  registry = r;
  return registry;
}

/**
 * Applies `patch` to one cached query. A query that is fetching gets it now and again when the fetch lands. An
 * invalidated query that is not fetching (not on screen) is left alone: it refetches when shown, and writing to
 * it would mark it fresh. A patch that changes nothing returns its argument and nothing is written.
 */
function patchQuery<T>(utils: Utils, queryKey: readonly unknown[], patch: Patch<T>) {
  const qc = utils.queryClient;
  const query = qc.getQueryCache().find({ queryKey, exact: true });
  if (!query) return;
  if (query.state.fetchStatus === "fetching") {
    const registry = replayRegistry(qc);
    const list = registry.get(query.queryHash) ?? [];
    if (list.length < REPLAY_LIMIT) registry.set(query.queryHash, [...list, patch as Patch<unknown>]);
  } else if (query.state.isInvalidated) {
    return;
  }
  if (query.state.data === undefined) return;
  qc.setQueryData<T>(queryKey, (d) => {
    if (d === undefined) return undefined;
    const next = patch(d);
    return next === d ? undefined : next;
  });
}

/* ───────────── thread (history) ───────────── */

function updateThread(utils: Utils, conversationId: string, fn: Patch<HistoryData>) {
  patchQuery(utils, getQueryKey(api.conversations.history, { conversationId, limit: HISTORY_PAGE }, "infinite"), fn);
}

function mapMessages(d: HistoryData, fn: (m: ThreadMessage) => ThreadMessage): HistoryData {
  return { ...d, pages: d.pages.map((p) => ({ ...p, messages: p.messages.map(fn) })) };
}

function mapConversation(d: HistoryData, fn: (c: ConversationSummary) => ConversationSummary): HistoryData {
  return { ...d, pages: d.pages.map((p) => ({ ...p, conversation: fn(p.conversation) })) };
}

/** Inserts (or replaces) a message in the newest page, keeping id order. */
export function upsertThreadMessage(utils: Utils, message: MessageView) {
  updateThread(utils, message.conversationId, (d) => {
    if (d.pages.some((p) => p.messages.some((m) => m.id === message.id))) {
      return mapMessages(d, (m) => (m.id === message.id ? { ...m, ...message } : m));
    }
    const [first, ...rest] = d.pages;
    if (!first) return d;
    const mine = message.kind === "user" && message.senderId !== first.conversation.other.id;
    const messages = [...first.messages, { ...message, status: mine ? ("sent" as const) : null }].sort((a, b) =>
      a.id < b.id ? -1 : 1,
    );
    return { ...d, pages: [{ ...first, messages }, ...rest] };
  });
}

export function patchThreadMessage(
  utils: Utils,
  conversationId: string,
  messageId: string,
  patch: Partial<ThreadMessage>,
) {
  updateThread(utils, conversationId, (d) => mapMessages(d, (m) => (m.id === messageId ? { ...m, ...patch } : m)));
}

export function setThreadReactions(utils: Utils, conversationId: string, messageId: string, reactions: ReactionView[]) {
  patchThreadMessage(utils, conversationId, messageId, { reactions });
}

function toggleReaction(
  reactions: ReactionView[],
  emoji: ReactionView["emoji"],
  userId: string,
  on: boolean,
): ReactionView[] {
  const entry = reactions.find((r) => r.emoji === emoji);
  if (on) {
    if (entry?.userIds.includes(userId)) return reactions;
    return entry
      ? reactions.map((r) => (r === entry ? { ...r, userIds: [...r.userIds, userId] } : r))
      : [...reactions, { emoji, userIds: [userId] }];
  }
  if (!entry) return reactions;
  return reactions
    .map((r) => (r === entry ? { ...r, userIds: r.userIds.filter((u) => u !== userId) } : r))
    .filter((r) => r.userIds.length > 0);
}

/** The viewer's own reaction, shown before the server confirms (and undone if it refuses). */
export function toggleReactionLocally(
  utils: Utils,
  conversationId: string,
  messageId: string,
  emoji: ReactionView["emoji"],
  userId: string,
  on: boolean,
) {
  updateThread(utils, conversationId, (d) =>
    mapMessages(d, (m) =>
      m.id === messageId ? { ...m, reactions: toggleReaction(m.reactions, emoji, userId, on) } : m,
    ),
  );
}

/** Moves read/delivery marks forward (never back) on the thread's conversation snapshot. */
export function advanceThreadMarks(
  utils: Utils,
  conversationId: string,
  marks: { myRead?: string | null; otherRead?: string | null; otherDelivered?: string | null },
) {
  updateThread(utils, conversationId, (d) =>
    mapConversation(d, (c) => ({
      ...c,
      myLastReadMessageId: maxId(c.myLastReadMessageId, marks.myRead ?? null),
      otherLastReadMessageId: maxId(c.otherLastReadMessageId, marks.otherRead ?? null),
      // Read implies delivered.
      otherLastDeliveredMessageId: maxId(
        c.otherLastDeliveredMessageId,
        maxId(marks.otherDelivered ?? null, marks.otherRead ?? null),
      ),
    })),
  );
}

export function setThreadState(utils: Utils, conversationId: string, state: ConversationSummary["state"]) {
  updateThread(utils, conversationId, (d) => mapConversation(d, (c) => ({ ...c, state })));
}

/** The other participant of a conversation, from whichever cache has it (null when none does). */
function otherIdOf(utils: Utils, conversationId: string): string | null {
  const thread = utils.conversations.history.getInfiniteData({ conversationId, limit: HISTORY_PAGE });
  const fromThread = thread?.pages[0]?.conversation.other.id;
  if (fromThread) return fromThread;
  for (const state of FOLDERS) {
    const list = utils.conversations.list.getInfiniteData({ state, limit: LIST_PAGE });
    const hit = list?.pages.flatMap((p) => p.items).find((i) => i.id === conversationId);
    if (hit) return hit.other.id;
  }
  return null;
}

/* ───────────── inbox lists ───────────── */

/** `fn` returns its argument unchanged when the folder doesn't hold what it updates. */
function updateLists(utils: Utils, fn: Patch<ListData>) {
  for (const state of FOLDERS)
    patchQuery(utils, getQueryKey(api.conversations.list, { state, limit: LIST_PAGE }, "infinite"), fn);
}

function mapSummary(utils: Utils, conversationId: string, fn: (s: ConversationSummary) => ConversationSummary) {
  updateLists(utils, (d) =>
    d.pages.some((p) => p.items.some((i) => i.id === conversationId))
      ? {
          ...d,
          pages: d.pages.map((p) => ({ ...p, items: p.items.map((i) => (i.id === conversationId ? fn(i) : i)) })),
        }
      : d,
  );
}

function inAnyList(utils: Utils, conversationId: string): boolean {
  return FOLDERS.some((state) =>
    utils.conversations.list
      .getInfiniteData({ state, limit: LIST_PAGE })
      ?.pages.some((p) => p.items.some((i) => i.id === conversationId)),
  );
}

/** A new last message: refresh the row's preview and move it to the top of its folder. */
function bumpSummary(utils: Utils, message: MessageView) {
  if (!inAnyList(utils, message.conversationId)) {
    // A conversation this page has not seen (e.g. someone's first message): fetch the folders again.
    void utils.conversations.list.invalidate();
    return;
  }
  updateLists(utils, (d) => {
    const all = d.pages.flatMap((p) => p.items);
    const row = all.find((i) => i.id === message.conversationId);
    if (!row) return d;
    if (row.lastMessage && row.lastMessage.id > message.id) return d;
    const mine = message.kind === "user" && message.senderId !== row.other.id;
    const updated: ConversationSummary = {
      ...row,
      lastMessageAt: message.createdAt,
      lastMessage: {
        id: message.id,
        kind: message.kind,
        senderId: message.senderId,
        body: message.body,
        deleted: message.deleted,
        createdAt: message.createdAt,
        status: mine ? "sent" : null,
      },
    };
    const pages = d.pages.map((p, i) => ({
      ...p,
      items: [...(i === 0 ? [updated] : []), ...p.items.filter((x) => x.id !== message.conversationId)],
    }));
    return { ...d, pages };
  });
}

/* ───────────── unread counters ───────────── */

export function setUnread(utils: Utils, conversationId: string | null, unread: number | null, total: number) {
  utils.conversations.unreadTotal.setData(undefined, (old) => (old ? { ...old, total } : old));
  if (conversationId && unread !== null) {
    mapSummary(utils, conversationId, (s) => ({ ...s, unread }));
    updateThread(utils, conversationId, (d) => mapConversation(d, (c) => ({ ...c, unread })));
  }
  // Per-folder counts (tab badges) are not in the event: refresh them in the background.
  void utils.conversations.unreadTotal.invalidate();
}

/* ───────────── applying one live event ───────────── */

/**
 * Refetches messaging data loaded (or still loading) before `since`: after a fresh connect or a resync, events
 * from before the stream started may be missing from it.
 */
export function refetchStale(utils: Utils, since: number) {
  const stale = (q: { state: { dataUpdatedAt: number; fetchStatus: string } }) =>
    q.state.dataUpdatedAt < since || q.state.fetchStatus === "fetching";
  void utils.conversations.list.invalidate(undefined, { predicate: stale });
  void utils.conversations.history.invalidate(undefined, { predicate: stale });
  void utils.conversations.unreadTotal.invalidate();
}

export function applyEvent(utils: Utils, event: ConversationEvent) {
  switch (event.type) {
    case "message.created": {
      const m = event.message;
      upsertThreadMessage(utils, m);
      bumpSummary(utils, m);
      if (m.senderId) clearTyping(m.conversationId, m.senderId);
      return;
    }
    case "message.edited":
      patchThreadMessage(utils, event.conversationId, event.messageId, {
        body: event.body,
        masked: event.masked,
        editedAt: event.editedAt,
      });
      mapSummary(utils, event.conversationId, (s) =>
        s.lastMessage?.id === event.messageId ? { ...s, lastMessage: { ...s.lastMessage, body: event.body } } : s,
      );
      return;
    case "message.deleted":
      patchThreadMessage(utils, event.conversationId, event.messageId, {
        body: null,
        deleted: true,
        deletedAt: event.deletedAt,
        reactions: [],
        ...(event.moderated ? { moderated: true as const } : {}),
      });
      mapSummary(utils, event.conversationId, (s) =>
        s.lastMessage?.id === event.messageId
          ? {
              ...s,
              lastMessage: {
                ...s.lastMessage,
                body: null,
                deleted: true,
                ...(event.moderated ? { moderated: true as const } : {}),
              },
            }
          : s,
      );
      return;
    case "reaction.added":
    case "reaction.removed":
      updateThread(utils, event.conversationId, (d) =>
        mapMessages(d, (m) =>
          m.id === event.messageId
            ? {
                ...m,
                reactions: toggleReaction(m.reactions, event.emoji, event.userId, event.type === "reaction.added"),
              }
            : m,
        ),
      );
      return;
    case "read": {
      const other = otherIdOf(utils, event.conversationId);
      if (!other) return;
      const marks = event.readerId === other ? { otherRead: event.upToMessageId } : { myRead: event.upToMessageId };
      advanceThreadMarks(utils, event.conversationId, marks);
      mapSummary(utils, event.conversationId, (s) => ({
        ...s,
        myLastReadMessageId: maxId(s.myLastReadMessageId, marks.myRead ?? null),
        otherLastReadMessageId: maxId(s.otherLastReadMessageId, marks.otherRead ?? null),
        lastMessage:
          s.lastMessage?.status && marks.otherRead && s.lastMessage.id <= marks.otherRead
            ? { ...s.lastMessage, status: "read" }
            : s.lastMessage,
      }));
      return;
    }
    case "delivered":
      advanceThreadMarks(utils, event.conversationId, { otherDelivered: event.upToMessageId });
      mapSummary(utils, event.conversationId, (s) => ({
        ...s,
        otherLastDeliveredMessageId: maxId(s.otherLastDeliveredMessageId, event.upToMessageId),
        lastMessage:
          s.lastMessage?.status === "sent" && s.lastMessage.id <= event.upToMessageId
            ? { ...s.lastMessage, status: "delivered" }
            : s.lastMessage,
      }));
      return;
    case "state.changed":
      setThreadState(utils, event.conversationId, event.state);
      void utils.conversations.list.invalidate();
      void utils.conversations.unreadTotal.invalidate();
      return;
    case "typing":
      setTyping(event.conversationId, event.userId, event.expiresAt);
      return;
    case "unread":
      setUnread(utils, event.conversationId, event.unread, event.total);
      return;
    case "ready":
      utils.conversations.unreadTotal.setData(undefined, (old) => (old ? { ...old, total: event.unreadTotal } : old));
      // A fresh (not resumed) stream starts at "now": whatever was loaded before it may lack events in between.
      if (!event.resumed) refetchStale(utils, Date.now());
      return;
    case "resync":
      refetchStale(utils, Date.now());
      return;
    case "notification":
      // The bell's count and the /notifications list (src/components/notifications) refresh live.
      void utils.notifications.unreadCount.invalidate();
      void utils.notifications.list.invalidate();
      return;
  }
}
