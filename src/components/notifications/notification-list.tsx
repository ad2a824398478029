"use client";

import Link from "next/link";
import { api } from "~/trpc/react";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Spinner } from "~/components/ui/spinner";
import { cn } from "~/components/ui/cn";
import { fmtDateTime } from "~/components/time/format";
import { CATEGORY_LABEL, type NotificationItem } from "./labels";

const PAGE = 20;

/** The /notifications page: newest first, cursor pagination, mark one / all read, each linking to its lesson or thread. */
export function NotificationList({ zone }: { zone: string }) {
  const utils = api.useUtils();
  const list = api.notifications.list.useInfiniteQuery(
    { limit: PAGE },
    { getNextPageParam: (last) => last.nextCursor ?? undefined },
  );
  const refresh = () =>
    Promise.all([utils.notifications.list.invalidate(), utils.notifications.unreadCount.invalidate()]);
  const markRead = api.notifications.markRead.useMutation({ onSuccess: refresh });
  const markAll = api.notifications.markAllRead.useMutation({ onSuccess: refresh });

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = items.filter((i) => !i.readAt).length;

  if (list.isPending)
    return (
      <div className="flex justify-center py-16" role="status" aria-label="Loading notifications">
        <Spinner className="size-6" />
      </div>
    );
  if (list.isError)
    return (
      <Alert tone="error" title="Couldn't load notifications">
        Please try again.
      </Alert>
    );

  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600">{unread > 0 ? `${unread} unread` : "You're all caught up."}</p>
        <div className="flex items-center gap-2">
          <Link href="/account/notifications" className="text-sm font-medium text-brand-700 hover:underline">
            Preferences
          </Link>
          <Button
            size="sm"
            variant="secondary"
            disabled={unread === 0 || markAll.isPending}
            onClick={() => markAll.mutate()}
          >
            Mark all read
          </Button>
        </div>
      </div>
      {items.length === 0 ? (
        <div className="rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-14 text-center">
          <p className="font-semibold text-slate-900">No notifications yet</p>
          <p className="mt-1 text-sm text-slate-600">Bookings, reminders and payment updates will show up here.</p>
        </div>
      ) : (
        <ul
          className="divide-y divide-slate-200 overflow-hidden rounded-2xl border border-slate-200 bg-white"
          aria-label="Notifications"
        >
          {items.map((n) => (
            <Row key={n.id} n={n} zone={zone} onRead={() => markRead.mutate({ ids: [n.id] })} />
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      )}
    </div>
  );
}

function Row({ n, zone, onRead }: { n: NotificationItem; zone: string; onRead: () => void }) {
  const unread = !n.readAt;
  const when = fmtDateTime(new Date(n.createdAt), zone);
  const title = (
    <span className={cn("text-sm", unread ? "font-semibold text-slate-900" : "text-slate-700")}>{n.title}</span>
  );
  return (
    <li className={cn("flex items-start gap-3 px-4 py-4 sm:px-5", unread && "bg-brand-50/40")}>
      <span
        aria-hidden="true"
        className={cn("mt-1.5 size-2 shrink-0 rounded-full", unread ? "bg-brand-600" : "bg-transparent")}
      />
      <div className="min-w-0 flex-1">
        {n.link ? (
          <Link href={n.link} onClick={unread ? onRead : undefined} className="hover:underline">
            {title}
          </Link>
        ) : (
          title
        )}
        {n.body && <p className="mt-0.5 text-sm break-words text-slate-600">{n.body}</p>}
        <p className="mt-1 text-xs text-slate-500">
          {CATEGORY_LABEL[n.category].label} · <time dateTime={n.createdAt}>{when}</time>
          {unread && <span className="sr-only"> · unread</span>}
        </p>
      </div>
      {unread && (
        <Button size="sm" variant="ghost" onClick={onRead} aria-label={`Mark “${n.title}” as read`}>
          Mark read
        </Button>
      )}
    </li>
  );
}
