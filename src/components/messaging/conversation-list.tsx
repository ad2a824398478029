"use client";

import Link from "next/link";
import { Alert } from "~/components/ui/alert";
import { Button, ButtonLink } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { CalendarIcon } from "~/components/ui/icons";
import { toApiError } from "~/components/forms/api-error";
import { api } from "~/trpc/react";
import { CountPill, PersonAvatar, Ticks } from "./bits";
import { FOLDER_LABEL, LIST_PAGE, type Folder } from "./constants";
import { fullLabel, relativeShort, shortDay } from "./format";
import { InboxIcon } from "./icons";
import type { ConversationSummary } from "./types";
import { useNow } from "./use-now";

/** One inbox folder, newest conversation first, with cursor "Load more". */
export function ConversationList({
  folder,
  selectedId,
  basePath,
  zone,
  viewerRole,
}: {
  folder: Folder;
  selectedId: string | null;
  basePath: string;
  zone: string;
  viewerRole: "student" | "instructor" | "admin";
}) {
  const q = api.conversations.list.useInfiniteQuery(
    { state: folder, limit: LIST_PAGE },
    { getNextPageParam: (p) => p.nextCursor, staleTime: 60_000 },
  );
  const now = useNow();

  if (q.isPending) {
    return (
      <ul aria-busy="true" aria-label="Loading conversations" className="divide-y divide-slate-100">
        {[0, 1, 2, 3, 4].map((i) => (
          <li key={i} className="flex items-center gap-3 px-4 py-3.5">
            <span className="size-11 shrink-0 animate-pulse rounded-full bg-slate-100" />
            <span className="flex-1 space-y-2">
              <span className="block h-3.5 w-1/2 animate-pulse rounded bg-slate-100" />
              <span className="block h-3 w-4/5 animate-pulse rounded bg-slate-100" />
            </span>
          </li>
        ))}
      </ul>
    );
  }

  if (!q.data) {
    return (
      <div className="p-4">
        <Alert tone="error" title="We couldn't load your conversations">
          <p>{toApiError(q.error).message}</p>
          <Button variant="outline" size="sm" className="mt-3" onClick={() => void q.refetch()}>
            Try again
          </Button>
        </Alert>
      </div>
    );
  }

  const items = q.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <EmptyFolder folder={folder} viewerRole={viewerRole} />;

  return (
    <>
      <ul aria-label={`${FOLDER_LABEL[folder]} conversations`} className="divide-y divide-slate-100">
        {items.map((c) => (
          <ConversationRow
            key={c.id}
            c={c}
            selected={c.id === selectedId}
            href={`${basePath}/${c.id}`}
            now={now}
            zone={zone}
          />
        ))}
      </ul>
      {q.hasNextPage && (
        <div className="p-4">
          <Button
            variant="outline"
            size="sm"
            className="w-full"
            loading={q.isFetchingNextPage}
            onClick={() => void q.fetchNextPage()}
          >
            Load more
          </Button>
        </div>
      )}
      {q.isFetchNextPageError && (
        <p role="alert" className="px-4 pb-4 text-sm text-red-700">
          {toApiError(q.error).message}
        </p>
      )}
    </>
  );
}

function ConversationRow({
  c,
  selected,
  href,
  now,
  zone,
}: {
  c: ConversationSummary;
  selected: boolean;
  href: string;
  now: number;
  zone: string;
}) {
  const m = c.lastMessage;
  const mine = m?.kind === "user" && m.senderId !== c.other.id;
  const unread = c.unread > 0;
  const at = c.lastMessageAt ?? m?.createdAt ?? null;
  return (
    <li>
      <Link
        href={href}
        aria-current={selected ? "page" : undefined}
        className={cn(
          "flex gap-3 px-4 py-3.5 transition-colors focus-visible:-outline-offset-2",
          selected ? "bg-brand-50" : "hover:bg-slate-50",
        )}
      >
        <PersonAvatar name={c.other.name} photoUrl={c.other.photoUrl} className="size-11" />
        <span className="min-w-0 flex-1">
          <span className="flex items-baseline gap-2">
            <span
              className={cn(
                "min-w-0 flex-1 truncate text-sm",
                unread ? "font-bold text-slate-900" : "font-semibold text-slate-800",
              )}
            >
              {c.other.name}
            </span>
            {at && (
              <time
                dateTime={at}
                title={fullLabel(at, zone)}
                className={cn("shrink-0 text-xs", unread ? "font-semibold text-brand-700" : "text-slate-500")}
              >
                {relativeShort(at, now, zone)}
              </time>
            )}
          </span>
          <span className="mt-0.5 flex items-center gap-1.5">
            {mine && m.status && !m.deleted && <Ticks status={m.status} />}
            <span
              className={cn(
                "min-w-0 flex-1 truncate text-sm",
                unread ? "font-medium text-slate-900" : "text-slate-600",
              )}
            >
              {!m ? (
                <span className="text-slate-400">No messages yet</span>
              ) : m.deleted ? (
                <span className="italic text-slate-500">
                  {m.moderated ? "Message removed by moderator" : `${mine ? "You: " : ""}Message deleted`}
                </span>
              ) : m.kind === "system" ? (
                <span className="inline-flex items-center gap-1 text-slate-500">
                  <CalendarIcon className="size-3.5 shrink-0" />
                  {m.body}
                </span>
              ) : (
                <>
                  {mine && <span className="text-slate-500">You: </span>}
                  {m.body}
                </>
              )}
            </span>
            {unread && (
              <>
                <CountPill count={c.unread} />
                <span className="sr-only">{`${c.unread} unread`}</span>
              </>
            )}
          </span>
          {c.upcomingBooking && (
            <span className="mt-1.5 inline-flex max-w-full items-center gap-1 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800 ring-1 ring-brand-200 ring-inset">
              <CalendarIcon className="size-3 shrink-0" />
              <span className="truncate">
                {c.upcomingBooking.subject ?? "Lesson"} · {shortDay(c.upcomingBooking.startAt, zone)}
              </span>
            </span>
          )}
        </span>
      </Link>
    </li>
  );
}

function EmptyFolder({ folder, viewerRole }: { folder: Folder; viewerRole: string }) {
  const copy: Record<Folder, { title: string; body: string }> = {
    active: {
      title: "No conversations yet",
      body:
        viewerRole === "student"
          ? "Message an instructor from their profile to ask about lessons — you don't need to book first."
          : "When a student messages you, the conversation shows up here.",
    },
    archived: {
      title: "Nothing archived",
      body: "Archive a conversation to tidy your inbox. A new message brings it back.",
    },
    trashed: {
      title: "Trash is empty",
      body: "Conversations you move to Trash show up here. A new message brings them back.",
    },
  };
  return (
    <div className="flex flex-col items-center px-6 py-14 text-center">
      <span className="flex size-12 items-center justify-center rounded-full bg-brand-50 text-brand-600">
        <InboxIcon className="size-6" />
      </span>
      <p className="mt-4 font-semibold text-slate-900">{copy[folder].title}</p>
      <p className="mt-1 max-w-xs text-sm text-slate-600">{copy[folder].body}</p>
      {folder === "active" && viewerRole === "student" && (
        <ButtonLink href="/search" size="sm" className="mt-5">
          Find an instructor
        </ButtonLink>
      )}
    </div>
  );
}
