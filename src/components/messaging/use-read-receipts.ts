"use client";

import { useEffect, useMemo, useRef } from "react";
import { api } from "~/trpc/react";
import { advanceThreadMarks, setUnread, useMessagingUtils } from "./cache";
import type { ReadMarks } from "./read-marks";
import type { ThreadMessage } from "./types";

/**
 * Read receipts: while the thread is in front of the person (`attended`), marks it read up to the newest message
 * from the other side, once per message (a failed request may be retried by the next render). Returns that newest
 * incoming message.
 */
export function useReadReceipts({
  conversationId,
  viewerId,
  messages,
  marks,
  attended,
}: {
  conversationId: string;
  viewerId: string;
  messages: ThreadMessage[];
  marks: ReadMarks | null;
  attended: boolean;
}): ThreadMessage | null {
  const utils = useMessagingUtils();
  const newestIncoming = useMemo(
    () => [...messages].reverse().find((m) => m.senderId !== viewerId) ?? null,
    [messages, viewerId],
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
  return newestIncoming;
}
