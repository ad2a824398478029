"use client";

import { Fragment, useCallback, useMemo } from "react";
import { errorCode } from "~/components/forms/trpc-details";
import { toApiError } from "~/components/forms/api-error";
import { Button, ButtonLink } from "~/components/ui/button";
import { api } from "~/trpc/react";
import { HISTORY_PAGE } from "./constants";
import { Composer } from "./composer";
import { dayKey, dayLabel, firstNameOf } from "./format";
import { MessageItem, PendingItem, SystemMessage } from "./message-item";
import { useLiveReconnecting } from "./messaging-live";
import { marksOf, statusOf } from "./read-marks";
import { usePendingSends, useTyping } from "./stores";
import { ThreadHeader } from "./thread-header";
import { DaySeparator, EmptyThread, ThreadSkeleton } from "./thread-parts";
import type { ConversationSummary, ThreadMessage, Viewer } from "./types";
import { useArrivalAnnouncement } from "./use-arrival-announcement";
import { useNow } from "./use-now";
import { useOptimisticSend } from "./use-optimistic-send";
import { usePageAttended } from "./use-page-attended";
import { useReadReceipts } from "./use-read-receipts";
import { useStickyScroll } from "./use-sticky-scroll";

export { NoThreadSelected } from "./thread-parts";

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

  /* ── scrolling, sending, read receipts, announcements (hooks beside this file) ── */

  const { scroller, onScroll, stick } = useStickyScroll(messages[0]?.id ?? null);
  const followSent = useCallback(() => stick(true), [stick]); // a message just sent is always shown
  const { send, retry } = useOptimisticSend(conversationId, followSent);
  const newestIncoming = useReadReceipts({ conversationId, viewerId: viewer.id, messages, marks, attended });
  const announcement = useArrivalAnnouncement(newestIncoming, conversation?.other.name);

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
                  stick(false);
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
