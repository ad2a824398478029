"use client";

import { useEffect, useSyncExternalStore } from "react";
import { api } from "~/trpc/react";
import { applyEvent, useMessagingUtils } from "./cache";

/**
 * The signed-in person's ONE live messaging stream (`conversations.events`, SSE), mounted in the site header so
 * the unread badge and any open inbox or thread update everywhere without reloads.
 *
 * Resumption: the procedure yields `tracked(id, event)`; httpSubscriptionLink remembers the last id and, when the
 * EventSource reconnects (network drop, server's maximum stream duration, inactivity timeout), re-sends the input
 * with `lastEventId`, and the server replays exactly what was missed. The input must therefore be an object.
 */
export function MessagingLive() {
  const utils = useMessagingUtils();
  const sub = api.conversations.events.useSubscription(
    {},
    {
      onData: (item) => applyEvent(utils, item.data),
    },
  );
  const { status, reset } = sub;

  useEffect(() => {
    setLiveStatus(status);
    // "error" means the stream gave up (e.g. the session expired mid-stream): try again in a while.
    if (status !== "error") return;
    const t = setTimeout(reset, 5_000);
    return () => clearTimeout(t);
  }, [status, reset]);

  return null;
}

/* The stream's state, for a "Reconnecting…" hint in open threads. */
type LiveStatus = "idle" | "connecting" | "pending" | "error";
let liveStatus: LiveStatus = "idle";
const listeners = new Set<() => void>();
function setLiveStatus(s: LiveStatus) {
  liveStatus = s;
  for (const l of listeners) l();
}

/** True while a stream that was up is reconnecting (never during the first connect). */
export function useLiveReconnecting(): boolean {
  const s = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => liveStatus,
    () => "idle" as const,
  );
  return s === "connecting" && everConnected;
}
let everConnected = false;
listeners.add(() => {
  if (liveStatus === "pending") everConnected = true;
});
