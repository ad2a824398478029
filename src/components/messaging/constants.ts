import type { ReactionEmoji } from "~/server/db/schema/messaging";

/**
 * Client copies of the server's messaging rules. They only shape the UI (the server enforces each one); the
 * values live in server modules that must not reach the browser bundle, so they are repeated here and the
 * type checks below fail the build if the reaction set drifts.
 */

/** The reaction set offered in threads: exactly the server's REACTION_EMOJIS, in its order. */
export const REACTIONS = ["👍", "❤️", "😂", "😮", "😢", "🙏"] as const satisfies readonly ReactionEmoji[];
type MissingReaction = Exclude<ReactionEmoji, (typeof REACTIONS)[number]>;
// A compile error here means the server gained an emoji the picker does not offer.
export const REACTIONS_COMPLETE: [MissingReaction] extends [never] ? true : never = true;

/** Colour emoji fonts first: some Linux text fonts carry monochrome glyphs for a few of the reactions. */
export const EMOJI_FONT = "[font-family:'Apple_Color_Emoji','Segoe_UI_Emoji','Noto_Color_Emoji',sans-serif]";

/** MAX_MESSAGE_LENGTH on the server. */
export const MAX_MESSAGE_LENGTH = 4000;
/** The counter shows from here on, so it appears only near the limit. */
export const COUNTER_FROM = MAX_MESSAGE_LENGTH - 400;
/** EDIT_WINDOW_MS on the server: own messages can be edited for 15 minutes. */
export const EDIT_WINDOW_MS = 15 * 60_000;
/** The server drops typing pings closer than 2 s apart; sending more often is wasted requests. */
export const TYPING_SEND_INTERVAL_MS = 2_000;
/** Upper bound on how long an indicator shows without a fresh ping (TYPING_TTL_MS on the server). */
export const TYPING_MAX_MS = 6_000;

/** Page sizes. They are part of the infinite queries' keys, so every reader and writer of the cache uses these. */
export const HISTORY_PAGE = 30;
export const LIST_PAGE = 20;

export const FOLDERS = ["active", "archived", "trashed"] as const;
export type Folder = (typeof FOLDERS)[number];
export const FOLDER_LABEL: Record<Folder, string> = { active: "Active", archived: "Archived", trashed: "Trash" };
