import { z } from "zod";
import { CONVERSATION_STATES, MAX_MESSAGE_LENGTH, REACTION_EMOJIS } from "~/server/db/schema";
import { HISTORY_MAX_PAGE, LIST_MAX_PAGE } from "~/server/services/messaging/messaging-service";

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
export const ZId = z.string().regex(ULID, { message: "Invalid id" });
/** Client-generated idempotency key of a send (a UUID or ULID made when the user presses Send). */
export const ZClientId = z.string().trim().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/, { message: "Letters, digits, - and _ only" });
export const ZBody = z
  .string()
  .trim()
  .min(1, { message: "Write a message first" })
  .max(MAX_MESSAGE_LENGTH, { message: `At most ${MAX_MESSAGE_LENGTH} characters` });
export const ZConversationState = z.enum(CONVERSATION_STATES);
export const ZEmoji = z.enum(REACTION_EMOJIS);

export const ZStartInput = z.object({
  otherUserId: ZId,
  message: z.object({ clientId: ZClientId, body: ZBody }).optional(),
});
export const ZListInput = z.object({
  state: ZConversationState.default("active"),
  /** `nextCursor` of the previous page. */
  cursor: ZId.nullish(),
  limit: z.number().int().min(1).max(LIST_MAX_PAGE).default(20),
});
export const ZHistoryInput = z.object({
  conversationId: ZId,
  /** `nextCursor` of the previous (newer) page. */
  cursor: ZId.nullish(),
  limit: z.number().int().min(1).max(HISTORY_MAX_PAGE).default(30),
});
export const ZSendInput = z.object({ conversationId: ZId, clientId: ZClientId, body: ZBody, bookingId: ZId.optional() });
export const ZEditInput = z.object({ messageId: ZId, body: ZBody });
export const ZMessageRef = z.object({ messageId: ZId });
export const ZReactInput = z.object({ messageId: ZId, emoji: ZEmoji });
export const ZMarkReadInput = z.object({ conversationId: ZId, upToMessageId: ZId.optional() });
export const ZConversationRef = z.object({ conversationId: ZId });
export const ZSetStateInput = z.object({ conversationId: ZId, state: ZConversationState });
/** The client link fills `lastEventId` on reconnect from the last tracked id it received. */
export const ZEventsInput = z.object({ lastEventId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/).optional() }).default({});

export type TStartInput = z.infer<typeof ZStartInput>;
export type TListInput = z.infer<typeof ZListInput>;
export type THistoryInput = z.infer<typeof ZHistoryInput>;
export type TSendInput = z.infer<typeof ZSendInput>;
