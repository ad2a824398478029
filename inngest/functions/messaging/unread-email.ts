import { defineFunction } from "../../define";

/**
 * A message still unread 5 min after it was sent emails its recipient (PRODUCT.md §6), one email per conversation
 * batching every unread message since the last such email (the service tracks the last emailed message per
 * recipient and conversation, so the runs of a burst of messages send once).
 *
 * Cancelled when the conversation is read. Matching on the conversation alone is exact because `message/read` is
 * published only when a read covers the other participant's user messages, and whoever has unread messages from
 * the other side has, by then, read everything the other side could be waiting an email for (sending marks your
 * own read mark past the messages you reply to). The send step re-checks the read mark anyway.
 */
export const unreadMessageEmail = defineFunction({
  id: "messaging-unread-email",
  event: "message/sent",
  retries: 3,
  cancelOn: [{ event: "message/read", match: "data.conversationId" }],
  handler: async ({ event, step, services }) => {
    // The wake time is computed once, inside a step, so replays and restarts wait for the same moment.
    const wakeAt = await step.run("email-due-at", async () =>
      new Date(Date.now() + (await services.messaging.unreadEmailDelayMs())).toISOString(),
    );
    await step.sleepUntil("wait-for-read", wakeAt);
    return step.run("send-unread-email", () =>
      services.messaging.sendUnreadEmail({
        messageId: event.data.messageId,
        conversationId: event.data.conversationId,
        recipientId: event.data.recipientId,
      }),
    );
  },
});
