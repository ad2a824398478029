"use client";

import Link from "next/link";
import { Fragment, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { errorCode } from "~/components/forms/trpc-details";
import { toApiError } from "~/components/forms/api-error";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button, ButtonLink } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { CalendarIcon, LockIcon, MessageIcon, RotateIcon } from "~/components/ui/icons";
import { ChevronLeftIcon, TrashIcon } from "~/components/ui/icons-extra";
import { api } from "~/trpc/react";
import { PersonAvatar } from "./bits";
import { advanceThreadMarks, applyEvent, setThreadState, setUnread, useMessagingUtils } from "./cache";
import { HISTORY_PAGE } from "./constants";
import { Composer } from "./composer";
import { dayKey, dayLabel, firstNameOf, lessonRange } from "./format";
import { ArchiveIcon } from "./icons";
import { MessageItem, PendingItem, SystemMessage } from "./message-item";
import { useLiveReconnecting } from "./messaging-live";
import { newClientId, pendingSends, usePendingSends, useTyping, type PendingMessage } from "./stores";
import type { ConversationSummary, HistoryPage, MessageStatus, ThreadMessage, Viewer } from "./types";
import { useNow } from "./use-now";

const maxId = (a: string | null, b: string | null) => (a && b ? (a > b ? a : b) : (a ?? b));
const RANK: Record<MessageStatus, number> = { sent: 0, delivered: 1, read: 2 };

/** Read/delivery marks of the other participant and the viewer's read mark, the furthest any page has seen. */
function marksOf(d: { pages: HistoryPage[] }) {
  let otherRead: string | null = null;
  let otherDelivered: string | null = null;
  let myRead: string | null = null;
  for (const p of d.pages) {
    otherRead = maxId(otherRead, p.conversation.otherLastReadMessageId);
    otherDelivered = maxId(otherDelivered, p.conversation.otherLastDeliveredMessageId);
    myRead = maxId(myRead, p.conversation.myLastReadMessageId);
  }
  return { otherRead, otherDelivered: maxId(otherDelivered, otherRead), myRead };
}

/** Ticks of one's own message from the server's marks (never lower than what the server last said about it). */
function statusOf(m: ThreadMessage, marks: ReturnType<typeof marksOf>): MessageStatus {
  const fromMarks: MessageStatus =
    marks.otherRead && m.id <= marks.otherRead
      ? "read"
      : marks.otherDelivered && m.id <= marks.otherDelivered
        ? "delivered"
        : "sent";
  return m.status && RANK[m.status] > RANK[fromMarks] ? m.status : fromMarks;
}

/** Whether the page is in front of the person (visible tab and focused window): only then do messages count as read. */
function usePageAttended(): boolean {
  const [attended, setAttended] = useState(false);
  useEffect(() => {
    const update = () => setAttended(document.visibilityState === "visible" && document.hasFocus());
    update();
    document.addEventListener("visibilitychange", update);
    window.addEventListener("focus", update);
    window.addEventListener("blur", update);
    return () => {
      document.removeEventListener("visibilitychange", update);
      window.removeEventListener("focus", update);
      window.removeEventListener("blur", update);
    };
  }, []);
  return attended;
}

/**
 * One conversation: header with folder actions, booking context, history with "Load earlier" (cursor pages),
 * day separators, system notices, optimistic sending, ticks, typing indicator, reactions, edit and delete.
 * Live changes arrive through the cache (MessagingLive); this view never reloads.
 */
export function Thread({
  conversationId,
  viewer,
  basePath,
}: {
  conversationId: string;
  viewer: Viewer;
  basePath: string;
}) {
  const utils = useMessagingUtils();
  const q = api.conversations.history.useInfiniteQuery(
    { conversationId, limit: HISTORY_PAGE },
    { getNextPageParam: (p) => p.nextCursor, staleTime: 5 * 60_000, refetchOnWindowFocus: false },
  );
  const pending = usePendingSends(conversationId);
  const typingId = useTyping(conversationId);
  const attended = usePageAttended();
  const reconnecting = useLiveReconnecting();
  const now = useNow(30_000);
  const zone = viewer.timeZone;
  const scroller = useRef<HTMLDivElement>(null);
  /** Follow new messages only while the person is at the bottom (or just sent one). */
  const stickToBottom = useRef(true);
  const lastHeight = useRef(0);
  const firstKey = useRef<string | null>(null);

  const conversation: ConversationSummary | null = q.data?.pages[0]?.conversation ?? null;
  const marks = useMemo(() => (q.data ? marksOf(q.data) : null), [q.data]);
  const messages = useMemo(() => {
    if (!q.data) return [];
    const seen = new Set<string>();
    const out: ThreadMessage[] = [];
    for (const p of [...q.data.pages].reverse()) {
      for (const m of p.messages) {
        if (seen.has(m.id)) continue;
        seen.add(m.id);
        out.push(m);
      }
    }
    return out;
  }, [q.data]);
  const unsent = useMemo(() => {
    const stored = new Set(messages.filter((m) => m.senderId === viewer.id).map((m) => m.clientId));
    return pending.filter((p) => !stored.has(p.clientId));
  }, [messages, pending, viewer.id]);

  /* ── sending (optimistic, idempotent by client id) ── */

  const deliver = useCallback(
    async (clientId: string, body: string) => {
      pendingSends.update(conversationId, clientId, { state: "sending", error: null });
      try {
        const message = await utils.client.conversations.send.mutate({ conversationId, clientId, body });
        applyEvent(utils, { type: "message.created", conversationId, message });
        pendingSends.remove(conversationId, clientId);
      } catch (e) {
        pendingSends.update(conversationId, clientId, { state: "failed", error: toApiError(e).message });
      }
    },
    [conversationId, utils],
  );

  const send = useCallback(
    (body: string) => {
      const clientId = newClientId();
      pendingSends.add(conversationId, {
        clientId,
        body,
        createdAt: new Date().toISOString(),
        state: "sending",
        error: null,
      });
      stickToBottom.current = true;
      void deliver(clientId, body);
    },
    [conversationId, deliver],
  );

  const retry = useCallback((p: PendingMessage) => void deliver(p.clientId, p.body), [deliver]);

  /* ── read receipts: mark read while the thread is in front of the person ── */

  const newestIncoming = useMemo(
    () => [...messages].reverse().find((m) => m.senderId !== viewer.id) ?? null,
    [messages, viewer.id],
  );
  const requestedRead = useRef<string>("");
  const markRead = api.conversations.markRead.useMutation({
    onSuccess: (r) => {
      advanceThreadMarks(utils, r.conversationId, { myRead: r.lastReadMessageId });
      setUnread(utils, r.conversationId, r.unread, r.unreadTotal);
    },
    onError: () => {
      requestedRead.current = "";
    },
  });
  const { mutate: markReadMutate } = markRead;
  useEffect(() => {
    if (!attended || !newestIncoming || !marks) return;
    const target = newestIncoming.id;
    if ((marks.myRead && marks.myRead >= target) || requestedRead.current >= target) return;
    requestedRead.current = target;
    markReadMutate({ conversationId, upToMessageId: target });
  }, [attended, newestIncoming, marks, conversationId, markReadMutate]);

  /* ── screen-reader announcement of messages that arrive while the thread is open ── */

  const [announcement, setAnnouncement] = useState("");
  const announcedFrom = useRef<string | null>(null);
  useEffect(() => {
    if (!newestIncoming) return;
    if (announcedFrom.current === null) {
      announcedFrom.current = newestIncoming.id; // history already there when the thread opened: not news
      return;
    }
    if (newestIncoming.id <= announcedFrom.current) return;
    announcedFrom.current = newestIncoming.id;
    const who =
      newestIncoming.kind === "system" ? "Lesson update" : `New message from ${conversation?.other.name ?? "them"}`;
    setAnnouncement(`${who}: ${newestIncoming.body ?? "message deleted"}`);
  }, [newestIncoming, conversation?.other.name]);
  useEffect(() => {
    if (!announcement) return;
    // Said once; don't leave the text around (the message may be edited or deleted later).
    const t = setTimeout(() => setAnnouncement(""), 5_000);
    return () => clearTimeout(t);
  }, [announcement]);

  /* ── scrolling: start at the bottom, stay there while at the bottom, keep position when older pages load ── */

  const headKey = messages[0]?.id ?? null;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (firstKey.current && headKey && headKey < firstKey.current && !stickToBottom.current) {
      el.scrollTop += el.scrollHeight - lastHeight.current; // an older page was prepended
    } else if (stickToBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
    firstKey.current = headKey;
    lastHeight.current = el.scrollHeight;
  });
  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 96;
    lastHeight.current = el.scrollHeight;
  };

  /* ── render ── */

  if (q.isPending) return <ThreadSkeleton />;
  if (q.isError && !q.data) {
    const code = errorCode(q.error);
    const gone = code === "NOT_FOUND" || code === "FORBIDDEN" || code === "BAD_REQUEST";
    return (
      <div className="flex flex-1 flex-col items-center justify-center px-6 py-16 text-center">
        <p className="text-lg font-semibold text-slate-900">
          {gone ? "This conversation isn't available" : "We couldn't load this conversation"}
        </p>
        <p className="mt-1 max-w-sm text-sm text-slate-600">
          {gone ? "It may have been removed, or it belongs to someone else." : toApiError(q.error).message}
        </p>
        <div className="mt-5 flex gap-2">
          {!gone && (
            <Button variant="outline" size="sm" onClick={() => void q.refetch()}>
              Try again
            </Button>
          )}
          <ButtonLink href={basePath} size="sm" variant={gone ? "primary" : "ghost"}>
            Back to inbox
          </ButtonLink>
        </div>
      </div>
    );
  }
  if (!conversation || !marks) return <ThreadSkeleton />;

  const other = conversation.other;
  const otherFirst = firstNameOf(other.name);
  const typing = typingId === other.id;

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <ThreadHeader conversation={conversation} viewer={viewer} basePath={basePath} zone={zone} />
      {reconnecting && (
        <p
          role="status"
          className="border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-center text-xs font-medium text-amber-900"
        >
          Reconnecting… new messages will appear when you're back online.
        </p>
      )}
      <div
        ref={scroller}
        onScroll={onScroll}
        className="min-h-0 flex-1 overflow-y-auto overscroll-contain bg-white [overflow-anchor:none]"
      >
        <div className="mx-auto flex min-h-full max-w-3xl flex-col justify-end px-3 py-4 sm:px-6">
          {q.hasNextPage && (
            <div className="mb-3 flex justify-center">
              <Button
                variant="outline"
                size="sm"
                loading={q.isFetchingNextPage}
                onClick={() => {
                  stickToBottom.current = false;
                  void q.fetchNextPage();
                }}
              >
                Load earlier messages
              </Button>
            </div>
          )}
          {q.isFetchNextPageError && (
            <p role="alert" className="mb-3 text-center text-sm text-red-700">
              {toApiError(q.error).message}
            </p>
          )}
          {messages.length === 0 && unsent.length === 0 ? (
            <EmptyThread otherName={other.name} contactShared={conversation.contactDetailsShared} />
          ) : (
            <ol aria-label={`Messages with ${other.name}`} className="space-y-2.5">
              {messages.map((m, i) => {
                const prev = messages[i - 1];
                const newDay = !prev || dayKey(prev.createdAt, zone) !== dayKey(m.createdAt, zone);
                const mine = m.kind === "user" && m.senderId === viewer.id;
                return (
                  <Fragment key={m.id}>
                    {newDay && <DaySeparator label={dayLabel(m.createdAt, now, zone)} />}
                    {m.kind === "system" ? (
                      <SystemMessage m={m} zone={zone} />
                    ) : (
                      <MessageItem
                        m={m}
                        mine={mine}
                        status={mine ? statusOf(m, marks) : null}
                        viewerId={viewer.id}
                        otherName={other.name}
                        zone={zone}
                        now={now}
                      />
                    )}
                  </Fragment>
                );
              })}
              {unsent.length > 0 &&
                messages.length > 0 &&
                dayKey(messages[messages.length - 1]!.createdAt, zone) !==
                  dayKey(new Date(now).toISOString(), zone) && <DaySeparator label="Today" />}
              {unsent.map((p) => (
                <PendingItem key={p.clientId} p={p} conversationId={conversationId} zone={zone} onRetry={retry} />
              ))}
            </ol>
          )}
        </div>
      </div>
      <div role="status" aria-live="polite" className="h-6 shrink-0">
        {typing && (
          <p className="mx-auto flex max-w-3xl items-center gap-2 px-4 text-xs text-slate-500 sm:px-7">
            <span aria-hidden="true" className="inline-flex gap-0.5">
              <span className="size-1.5 animate-bounce rounded-full bg-slate-400 [animation-delay:-0.3s]" />
              <span className="size-1.5 animate-bounce rounded-full bg-slate-400 [animation-delay:-0.15s]" />
              <span className="size-1.5 animate-bounce rounded-full bg-slate-400" />
            </span>
            {`${otherFirst} is typing…`}
          </p>
        )}
      </div>
      <div aria-live="polite" className="sr-only">
        {announcement}
      </div>
      <div className="border-t border-slate-200">
        <Composer
          key={conversationId}
          conversationId={conversationId}
          recipientName={otherFirst}
          onSend={send}
          footnote={
            conversation.contactDetailsShared
              ? undefined
              : "Phone numbers and emails stay hidden until a lesson is confirmed."
          }
        />
      </div>
    </div>
  );
}

function DaySeparator({ label }: { label: string }) {
  return (
    <li className="flex items-center gap-3 py-2" role="presentation">
      <span className="h-px flex-1 bg-slate-200" />
      <h3 className="text-xs font-semibold text-slate-500">{label}</h3>
      <span className="h-px flex-1 bg-slate-200" />
    </li>
  );
}

function EmptyThread({ otherName, contactShared }: { otherName: string; contactShared: boolean }) {
  return (
    <div className="my-auto flex flex-col items-center py-10 text-center">
      <p className="text-base font-semibold text-slate-900">{`Start your conversation with ${otherName}`}</p>
      <p className="mt-1 max-w-sm text-sm text-slate-600">
        Say hello, share what you'd like to learn and ask about times that suit you.
      </p>
      {!contactShared && (
        <p className="mt-4 inline-flex items-center gap-1.5 rounded-full bg-slate-100 px-3 py-1 text-xs text-slate-600">
          <LockIcon className="size-3.5" /> For your safety, contact details are hidden until a lesson is confirmed.
        </p>
      )}
    </div>
  );
}

const STATE_BADGE: Record<ConversationSummary["state"], string | null> = {
  active: null,
  archived: "Archived",
  trashed: "In trash",
};
const BOOKING_STATUS: Record<string, { label: string; tone: "brand" | "warning" | "neutral" }> = {
  confirmed: { label: "Confirmed", tone: "brand" },
  pending_payment: { label: "Awaiting payment", tone: "warning" },
};

function ThreadHeader({
  conversation: c,
  viewer,
  basePath,
  zone,
}: {
  conversation: ConversationSummary;
  viewer: Viewer;
  basePath: string;
  zone: string;
}) {
  const utils = useMessagingUtils();
  const [status, setStatus] = useState<string | null>(null);
  const setState = api.conversations.setState.useMutation({
    onSuccess: (r) => {
      setThreadState(utils, r.conversationId, r.state);
      void utils.conversations.list.invalidate();
      void utils.conversations.unreadTotal.invalidate();
      setStatus(
        r.state === "active"
          ? "Moved back to your inbox."
          : r.state === "archived"
            ? "Conversation archived."
            : "Conversation moved to Trash.",
      );
    },
    onError: (e) => setStatus(toApiError(e).message),
  });
  const move = (state: ConversationSummary["state"]) => setState.mutate({ conversationId: c.id, state });
  const busy = setState.isPending ? setState.variables.state : null;
  const badge = STATE_BADGE[c.state];
  const b = c.upcomingBooking;
  const lessonHref = b ? (viewer.role === "instructor" ? "/instructor/bookings" : `/lessons/${b.id}`) : null;

  return (
    <header className="shrink-0 border-b border-slate-200 bg-white">
      <div className="flex items-center gap-3 px-3 py-3 sm:px-5">
        <Link
          href={basePath}
          className="-ml-1 inline-flex size-10 shrink-0 items-center justify-center rounded-lg text-slate-600 hover:bg-slate-100 md:hidden"
          aria-label="Back to inbox"
        >
          <ChevronLeftIcon className="size-6" />
        </Link>
        <PersonAvatar name={c.other.name} photoUrl={c.other.photoUrl} />
        <div className="min-w-0 flex-1">
          <h2 className="flex items-center gap-2 truncate text-base font-semibold text-slate-900">
            <span className="truncate">{c.other.name}</span>
            {badge && <Badge tone="neutral">{badge}</Badge>}
          </h2>
          <p className="truncate text-xs text-slate-500">
            {c.other.role === "instructor" ? "Instructor" : "Student"}
            {c.other.role === "instructor" && (
              <>
                {" · "}
                <Link href={`/instructors/${c.other.id}`} className="font-medium text-brand-700 hover:underline">
                  View profile
                </Link>
              </>
            )}
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-1">
          {c.state === "active" ? (
            <>
              <Button
                variant="ghost"
                size="sm"
                loading={busy === "archived"}
                onClick={() => move("archived")}
                aria-label="Archive conversation"
                title="Archive"
              >
                {busy !== "archived" && <ArchiveIcon className="size-4" />}
                <span className="max-lg:hidden">Archive</span>
              </Button>
              <Button
                variant="ghost"
                size="sm"
                loading={busy === "trashed"}
                onClick={() => move("trashed")}
                aria-label="Move conversation to trash"
                title="Move to trash"
              >
                {busy !== "trashed" && <TrashIcon className="size-4" />}
                <span className="max-lg:hidden">Trash</span>
              </Button>
            </>
          ) : (
            <Button
              variant="outline"
              size="sm"
              loading={busy === "active"}
              onClick={() => move("active")}
              aria-label="Restore conversation to inbox"
            >
              {busy !== "active" && <RotateIcon className="size-4" />}
              Restore
            </Button>
          )}
        </div>
      </div>
      <p role="status" className="sr-only">
        {status}
      </p>
      {b ? (
        <section
          aria-label="Upcoming lesson"
          className="flex items-center gap-3 border-t border-slate-100 bg-brand-50/50 px-4 py-2 sm:px-5"
        >
          <span className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-white text-brand-600 ring-1 ring-brand-100">
            <CalendarIcon className="size-4" />
          </span>
          <div className="min-w-0 flex-1">
            <p className="flex items-center gap-2 text-xs font-semibold text-brand-800">
              Upcoming lesson
              {BOOKING_STATUS[b.status] && (
                <Badge tone={BOOKING_STATUS[b.status]!.tone} className="px-2 py-0 text-[11px]">
                  {BOOKING_STATUS[b.status]!.label}
                </Badge>
              )}
            </p>
            <p className="text-sm text-slate-800">
              <span className="font-medium">{b.subject ?? "Lesson"}</span> · {lessonRange(b.startAt, b.endAt, zone)}
            </p>
          </div>
          {lessonHref && (
            <Link href={lessonHref} className="shrink-0 text-sm font-semibold text-brand-700 hover:underline">
              View<span className="max-sm:sr-only"> lesson</span>
            </Link>
          )}
        </section>
      ) : viewer.role === "student" && c.other.role === "instructor" ? (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-t border-slate-100 bg-slate-50 px-4 py-2 text-sm sm:px-5">
          <CalendarIcon className="size-4 shrink-0 text-slate-500" />
          <p className="min-w-0 flex-1 text-slate-600">No lesson booked with {firstNameOf(c.other.name)} yet.</p>
          <Link href={`/instructors/${c.other.id}`} className="text-sm font-semibold text-brand-700 hover:underline">
            Book a lesson
          </Link>
        </div>
      ) : null}
      {c.state !== "active" && (
        <p className="flex items-center gap-2 border-t border-slate-100 bg-slate-50 px-4 py-1.5 text-xs text-slate-600 sm:px-5">
          {c.state === "archived" ? <ArchiveIcon className="size-3.5" /> : <TrashIcon className="size-3.5" />}
          {c.state === "archived" ? "Archived" : "In Trash"} — a new message moves it back to your inbox.
        </p>
      )}
    </header>
  );
}

function ThreadSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading conversation" className="flex flex-1 flex-col">
      <div className="flex items-center gap-3 border-b border-slate-200 px-5 py-3">
        <span className="size-10 animate-pulse rounded-full bg-slate-100" />
        <span className="h-4 w-40 animate-pulse rounded bg-slate-100" />
      </div>
      <div className="mx-auto flex w-full max-w-3xl flex-1 flex-col justify-end gap-3 px-6 py-6">
        {["w-1/2", "ml-auto w-1/3", "w-2/5", "ml-auto w-1/2"].map((w, i) => (
          <span key={i} className={cn("block h-10 animate-pulse rounded-2xl bg-slate-100", w)} />
        ))}
      </div>
      <div className="h-20 border-t border-slate-200" />
    </div>
  );
}

/** The inbox root's right pane on desktop (phones show the list there). */
export function NoThreadSelected({ error }: { error?: string | null }) {
  return (
    <div className="flex flex-1 flex-col items-center justify-center bg-slate-50/60 px-6 text-center">
      {error ? (
        <Alert tone="error" title="We couldn't open that conversation" className="max-w-md text-left">
          {error}
        </Alert>
      ) : (
        <>
          <span className="flex size-14 items-center justify-center rounded-full bg-white text-brand-600 shadow-card">
            <MessageIcon className="size-7" />
          </span>
          <p className="mt-4 font-semibold text-slate-900">Select a conversation</p>
          <p className="mt-1 max-w-xs text-sm text-slate-600">
            Pick someone on the left to read and reply. New messages show up here as they arrive.
          </p>
        </>
      )}
    </div>
  );
}
