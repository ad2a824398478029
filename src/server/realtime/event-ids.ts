import { newId } from "~/lib/ids";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Sorts before every real ULID: the cursor of a user who has never had an event. */
export const ZERO_EVENT_ID = "0".repeat(26);

/** The next ULID in sort order (same timestamp, random part + 1). */
export function incrementUlid(id: string): string {
  const chars = id.split("");
  for (let i = chars.length - 1; i >= 0; i--) {
    const at = ALPHABET.indexOf(chars[i]!);
    if (at < ALPHABET.length - 1) {
      chars[i] = ALPHABET[at + 1]!;
      return chars.join("");
    }
    chars[i] = "0";
  }
  throw new Error("ULID overflow");
}

/**
 * A fresh ULID strictly greater than `after`. Called while holding the stream heads' row locks, so ids of one
 * user's stream increase in commit order even across processes whose clocks disagree by a few milliseconds.
 */
export function nextEventId(after: string | null | undefined): string {
  const fresh = newId();
  return after && fresh <= after ? incrementUlid(after) : fresh;
}
