import { tracked } from "@trpc/server";
import { createTRPCRouter, permissionProcedure } from "~/server/api/trpc";
import {
  ZConversationRef,
  ZEditInput,
  ZEventsInput,
  ZHistoryInput,
  ZListInput,
  ZMarkReadInput,
  ZMessageRef,
  ZReactInput,
  ZSendInput,
  ZSetStateInput,
  ZStartInput,
  ZConversationEvent,
  ZConversationPage,
  ZHistoryPage,
  ZMarkReadResult,
  ZMessageView,
  ZReactionsResult,
  ZSetStateResult,
  ZStartResult,
  ZTypingResult,
  ZUnreadTotal,
} from "./conversations.schemas";

/** Everyone who may message; the service allows only a conversation's two participants past this point. */
const member = permissionProcedure("message:send");

export const conversationsRouter = createTRPCRouter({
  start: member
    .input(ZStartInput)
    .output(ZStartResult)
    .mutation(({ ctx, input }) => ctx.services.messaging.start(ctx.actor, input)),
  list: member
    .input(ZListInput)
    .output(ZConversationPage)
    .query(({ ctx, input }) => ctx.services.messaging.list(ctx.actor, input)),
  history: member
    .input(ZHistoryInput)
    .output(ZHistoryPage)
    .query(({ ctx, input }) => ctx.services.messaging.history(ctx.actor, input)),
  send: member
    .input(ZSendInput)
    .output(ZMessageView)
    .mutation(({ ctx, input }) => ctx.services.messaging.send(ctx.actor, input)),
  edit: member
    .input(ZEditInput)
    .output(ZMessageView)
    .mutation(({ ctx, input }) => ctx.services.messaging.edit(ctx.actor, input)),
  delete: member
    .input(ZMessageRef)
    .output(ZMessageView)
    .mutation(({ ctx, input }) => ctx.services.messaging.delete(ctx.actor, input)),
  react: member
    .input(ZReactInput)
    .output(ZReactionsResult)
    .mutation(({ ctx, input }) => ctx.services.messaging.react(ctx.actor, input)),
  unreact: member
    .input(ZReactInput)
    .output(ZReactionsResult)
    .mutation(({ ctx, input }) => ctx.services.messaging.unreact(ctx.actor, input)),
  markRead: member
    .input(ZMarkReadInput)
    .output(ZMarkReadResult)
    .mutation(({ ctx, input }) => ctx.services.messaging.markRead(ctx.actor, input)),
  typing: member
    .input(ZConversationRef)
    .output(ZTypingResult)
    .mutation(({ ctx, input }) => ctx.services.messaging.typing(ctx.actor, input)),
  setState: member
    .input(ZSetStateInput)
    .output(ZSetStateResult)
    .mutation(({ ctx, input }) => ctx.services.messaging.setState(ctx.actor, input)),
  unreadTotal: member.output(ZUnreadTotal).query(({ ctx }) => ctx.services.messaging.unreadTotal(ctx.actor)),
  /** SSE: the signed-in user's live events, `tracked` so the client resumes from its last id after a reconnect. */
  events: member.input(ZEventsInput).subscription(async function* ({ ctx, input, signal }) {
    // Each event is parsed against its view shape (subscriptions can't carry `.output()`): only listed fields leave.
    for await (const item of ctx.services.messaging.stream(ctx.actor, input, signal))
      yield tracked(item.id, ZConversationEvent.parse(item.event));
    // The stream only ends when the request is aborted (client gone, or `sse.maxDurationMs`). End it as an abort,
    // never as a completion: a completion sends SSE "return" and the client would stop instead of reconnecting.
    throw new DOMException("The event stream was closed; reconnect with lastEventId.", "AbortError");
  }),
});
