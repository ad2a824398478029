/**
 * Page cursors, the one home of their codecs. Keyset cursors for every list ordered by (instant, id):
 * base64url("<epoch ms>:<ULID>"); decoding validates both parts (an integer instant inside the supported
 * date window and a well-formed ULID) so a forged or truncated cursor never reaches SQL. Offset cursors for
 * ranked results that have no stable key (search): base64url(JSON { o: offset, s: search id }), validated too.
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

/** A position in one ranked result list: the offset of the next page and the search (ULID) it belongs to. */
export type OffsetCursor = { offset: number; searchId: string };
/** Largest offset a cursor may carry. */
const MAX_OFFSET = 100_000;

export function encodeOffsetCursor(c: OffsetCursor): string {
  return Buffer.from(JSON.stringify({ o: c.offset, s: c.searchId })).toString("base64url");
}

/** The cursor's parts, or null when it is not one this codec wrote. */
export function decodeOffsetCursor(raw: string): OffsetCursor | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 128 || !/^[A-Za-z0-9_-]+$/.test(raw)) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as { o?: unknown; s?: unknown } | null;
    if (
      typeof c?.o === "number" &&
      Number.isInteger(c.o) &&
      c.o >= 0 &&
      c.o <= MAX_OFFSET &&
      typeof c.s === "string" &&
      c.s.length === 26
    )
      return { offset: c.o, searchId: c.s };
  } catch {
    /* not JSON */
  }
  return null;
}
