/**
 * Keyset pagination cursors: one opaque codec for every list ordered by (instant, id). A cursor is
 * base64url("<epoch ms>:<ULID>"); decoding validates both parts (an integer instant inside the supported
 * date window and a well-formed ULID) so a forged or truncated cursor never reaches SQL.
 */
import { isUlid } from "./ids";

export type KeysetCursor = { at: Date; id: string };

/** Instants a cursor may carry: the same window as every date input (2000-01-01 ≤ t < 2100-01-01). */
const MIN_MS = Date.UTC(2000, 0, 1);
const MAX_MS = Date.UTC(2100, 0, 1);
const SHAPE = /^(\d{1,15}):([0-9A-HJKMNP-TV-Z]{26})$/;
/** Longest encoded cursor: 15 digits + ":" + 26 chars, base64url. */
export const CURSOR_MAX_LENGTH = 64;

export function encodeKeysetCursor(c: KeysetCursor): string {
  return Buffer.from(`${c.at.getTime()}:${c.id}`).toString("base64url");
}

/** The cursor's parts, or null when it is not one this codec wrote. */
export function decodeKeysetCursor(raw: string): KeysetCursor | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > CURSOR_MAX_LENGTH || !/^[A-Za-z0-9_-]+$/.test(raw))
    return null;
  const m = SHAPE.exec(Buffer.from(raw, "base64url").toString("latin1"));
  if (!m) return null;
  const ms = Number(m[1]);
  const id = m[2]!;
  if (!Number.isSafeInteger(ms) || ms < MIN_MS || ms >= MAX_MS || !isUlid(id)) return null;
  return { at: new Date(ms), id };
}
