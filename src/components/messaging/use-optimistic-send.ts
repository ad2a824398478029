"use client";

import { useCallback } from "react";
import { toApiError } from "~/components/forms/api-error";
import { applyEvent, useMessagingUtils } from "./cache";
import { newClientId, pendingSends, type PendingMessage } from "./stores";

/**
 * Sending: the message shows at once as pending, is sent with a client id (so a retry cannot duplicate it), joins
 * the history when the server stores it, or stays as failed with the reason and a retry. `onSend` runs as the
 * message is queued (the thread scrolls to it).
 */
export function useOptimisticSend(conversationId: string, onSend?: () => void) {
  const utils = useMessagingUtils();
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
      onSend?.();
      void deliver(clientId, body);
    },
    [conversationId, deliver, onSend],
  );

  const retry = useCallback((p: PendingMessage) => void deliver(p.clientId, p.body), [deliver]);
  return { send, retry };
}
