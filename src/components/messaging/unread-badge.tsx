"use client";

import { api } from "~/trpc/react";
import { CountPill } from "./bits";

/**
 * Unread messages in total (every folder) for the nav's Inbox link. The live stream keeps the cached count
 * current (see MessagingLive), so this never polls.
 */
export function InboxUnreadBadge() {
  const q = api.conversations.unreadTotal.useQuery(undefined, { staleTime: 5 * 60_000 });
  const n = q.data?.total ?? 0;
  if (n <= 0) return null;
  return (
    <>
      <CountPill count={n} className="ml-1.5" />
      <span className="sr-only">{`, ${n} unread`}</span>
    </>
  );
}

/** Total unread, for the mobile menu button's dot and label. */
export function useUnreadTotal(enabled: boolean): number {
  const q = api.conversations.unreadTotal.useQuery(undefined, { staleTime: 5 * 60_000, enabled });
  return enabled ? (q.data?.total ?? 0) : 0;
}
