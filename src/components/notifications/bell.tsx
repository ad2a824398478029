"use client";

import Link from "next/link";
import { api } from "~/trpc/react";
import { makeIcon } from "~/components/ui/icons";
import { cn } from "~/components/ui/cn";

const BellIcon = makeIcon(
  <>
    <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
    <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
  </>,
);

/**
 * The header bell with the unread count, for every role. The count refreshes live: the user stream's
 * `notification` events invalidate it (src/components/messaging/cache.ts); roles without that stream (admins)
 * poll every minute.
 */
export function NotificationBell({ live, className }: { live: boolean; className?: string }) {
  const unread = api.notifications.unreadCount.useQuery(undefined, {
    refetchInterval: live ? false : 60_000,
    refetchOnWindowFocus: true,
  });
  const n = unread.data ?? 0;
  return (
    <Link
      href="/notifications"
      aria-label={n > 0 ? `Notifications (${n} unread)` : "Notifications"}
      className={cn(
        "relative inline-flex size-10 items-center justify-center rounded-lg text-slate-700 hover:bg-slate-100 hover:text-slate-900",
        className,
      )}
    >
      <BellIcon className="size-5" />
      {n > 0 && (
        <span
          aria-hidden="true"
          data-testid="notification-count"
          className="absolute top-1 right-1 min-w-[1.125rem] rounded-full bg-brand-600 px-1 text-center text-[11px] leading-[1.125rem] font-semibold text-white ring-2 ring-white"
        >
          {n > 99 ? "99+" : n}
        </span>
      )}
    </Link>
  );
}
