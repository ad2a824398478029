/**
 * One local day of availability as a 1440-bit bitmap (180 bytes): bit i = wall-clock minute i after
 * local midnight, stored at byte `i >> 3` under mask `1 << (i & 7)` (LSB-first).
 *
 * The bitmap is in wall-clock minutes of the instructor's local date; mapping to instants (and DST)
 * is the slot engine's job (see ./slots.ts). Pure and isomorphic (uses btoa/atob, never Buffer).
 */
import {
  MINUTES_PER_DAY,
  normalizeRanges,
  rangesToWindows,
  windowsToRanges,
  type MinuteRange,
  type TimeWindow,
} from "~/lib/time/windows";

/** Minutes (bits) per local day. */
export const DAY_MINUTES = MINUTES_PER_DAY;

/** Bytes per day bitmap (1440 / 8). */
export const BITMAP_BYTES = 180;

/** A day bitmap: a Uint8Array of exactly BITMAP_BYTES bytes (a Node Buffer qualifies). */
export type DayBitmap = Uint8Array;

const POPCOUNT = new Uint8Array(256);
for (let i = 1; i < 256; i++) POPCOUNT[i] = (POPCOUNT[i >> 1] ?? 0) + (i & 1);

/** A new all-unavailable day (every bit clear). */
export function emptyDay(): DayBitmap {
  return new Uint8Array(BITMAP_BYTES);
}

/** A new all-available day (every bit set). */
export function fullDay(): DayBitmap {
  return new Uint8Array(BITMAP_BYTES).fill(0xff);
}

/** True when the value is a Uint8Array of exactly BITMAP_BYTES bytes. */
export function isDayBitmap(value: unknown): value is DayBitmap {
  return value instanceof Uint8Array && value.length === BITMAP_BYTES;
}

/** Throws RangeError unless the value is a Uint8Array of exactly BITMAP_BYTES bytes. */
export function assertDayBitmap(value: unknown): asserts value is DayBitmap {
  if (!isDayBitmap(value)) {
    const len = value instanceof Uint8Array ? value.length : typeof value;
    throw new RangeError(`day bitmap must be a Uint8Array of ${String(BITMAP_BYTES)} bytes, got ${String(len)}`);
  }
}

function checkRange(start: number, end: number): void {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > DAY_MINUTES) {
    throw new RangeError(
      `minute range must be integers within [0, ${String(DAY_MINUTES)}], got [${String(start)}, ${String(end)})`,
    );
  }
}

/** Sets every bit in [start, end) (integers within 0–1440; empty when start ≥ end) in place and returns the bitmap. */
export function setRange(bitmap: DayBitmap, start: number, end: number): DayBitmap {
  checkRange(start, end);
  if (start >= end) return bitmap;
  const last = end - 1;
  const b0 = start >> 3;
  const b1 = last >> 3;
  const headMask = (0xff << (start & 7)) & 0xff;
  const tailMask = 0xff >> (7 - (last & 7));
  if (b0 === b1) {
    bitmap[b0] = (bitmap[b0] ?? 0) | (headMask & tailMask);
    return bitmap;
  }
  bitmap[b0] = (bitmap[b0] ?? 0) | headMask;
  if (b1 > b0 + 1) bitmap.fill(0xff, b0 + 1, b1);
  bitmap[b1] = (bitmap[b1] ?? 0) | tailMask;
  return bitmap;
}

/** Clears every bit in [start, end) (integers within 0–1440; empty when start ≥ end) in place and returns the bitmap. */
export function clearRange(bitmap: DayBitmap, start: number, end: number): DayBitmap {
  checkRange(start, end);
  if (start >= end) return bitmap;
  const last = end - 1;
  const b0 = start >> 3;
  const b1 = last >> 3;
  const headMask = (0xff << (start & 7)) & 0xff;
  const tailMask = 0xff >> (7 - (last & 7));
  if (b0 === b1) {
    bitmap[b0] = (bitmap[b0] ?? 0) & ~(headMask & tailMask) & 0xff;
    return bitmap;
  }
  bitmap[b0] = (bitmap[b0] ?? 0) & ~headMask & 0xff;
  if (b1 > b0 + 1) bitmap.fill(0, b0 + 1, b1);
  bitmap[b1] = (bitmap[b1] ?? 0) & ~tailMask & 0xff;
  return bitmap;
}

/** True when every bit in [start, end) is set (vacuously true when start ≥ end). */
export function isRangeSet(bitmap: DayBitmap, start: number, end: number): boolean {
  checkRange(start, end);
  if (start >= end) return true;
  const last = end - 1;
  const b0 = start >> 3;
  const b1 = last >> 3;
  const headMask = (0xff << (start & 7)) & 0xff;
  const tailMask = 0xff >> (7 - (last & 7));
  if (b0 === b1) {
    const mask = headMask & tailMask;
    return ((bitmap[b0] ?? 0) & mask) === mask;
  }
  if (((bitmap[b0] ?? 0) & headMask) !== headMask) return false;
  for (let b = b0 + 1; b < b1; b++) if (bitmap[b] !== 0xff) return false;
  return ((bitmap[b1] ?? 0) & tailMask) === tailMask;
}

/** True when bit `minute` (integer 0–1439) is set. */
export function isMinuteSet(bitmap: DayBitmap, minute: number): boolean {
  return (((bitmap[minute >> 3] ?? 0) >> (minute & 7)) & 1) === 1;
}

/** A new bitmap with the bits set in `a` or `b`. */
export function union(a: DayBitmap, b: DayBitmap): DayBitmap {
  const out = new Uint8Array(BITMAP_BYTES);
  for (let i = 0; i < BITMAP_BYTES; i++) out[i] = (a[i] ?? 0) | (b[i] ?? 0);
  return out;
}

/** A new bitmap with the bits set in both `a` and `b`. */
export function intersect(a: DayBitmap, b: DayBitmap): DayBitmap {
  const out = new Uint8Array(BITMAP_BYTES);
  for (let i = 0; i < BITMAP_BYTES; i++) out[i] = (a[i] ?? 0) & (b[i] ?? 0);
  return out;
}

/** A new bitmap with the bits set in `a` but not in `b`. */
export function subtract(a: DayBitmap, b: DayBitmap): DayBitmap {
  const out = new Uint8Array(BITMAP_BYTES);
  for (let i = 0; i < BITMAP_BYTES; i++) out[i] = (a[i] ?? 0) & ~(b[i] ?? 0) & 0xff;
  return out;
}

/** True when the two bitmaps have identical bits. */
export function bitmapsEqual(a: DayBitmap, b: DayBitmap): boolean {
  for (let i = 0; i < BITMAP_BYTES; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return false;
  return true;
}

/** True when no bit is set. */
export function isEmpty(bitmap: DayBitmap): boolean {
  for (let i = 0; i < BITMAP_BYTES; i++) if (bitmap[i] !== 0) return false;
  return true;
}

/** Number of set bits (available minutes), via a byte popcount table. */
export function countSet(bitmap: DayBitmap): number {
  let n = 0;
  for (let i = 0; i < BITMAP_BYTES; i++) n += POPCOUNT[bitmap[i] ?? 0] ?? 0;
  return n;
}

/** Builds a bitmap from minute ranges, clamping them to the day; overlapping ranges are fine. */
export function rangesToBitmap(ranges: readonly MinuteRange[]): DayBitmap {
  const out = emptyDay();
  for (const r of normalizeRanges(ranges)) setRange(out, Math.ceil(r.start), Math.floor(r.end));
  return out;
}

/** Builds a bitmap from "HH:MM" windows (any order, overlaps allowed); throws RangeError on an invalid window. */
export function windowsToBitmap(windows: readonly TimeWindow[]): DayBitmap {
  return rangesToBitmap(windowsToRanges(windows));
}

/** The set bits as sorted, maximal (merged) half-open minute ranges. */
export function bitmapToRanges(bitmap: DayBitmap): MinuteRange[] {
  const out: MinuteRange[] = [];
  let runStart = -1;
  for (let b = 0; b < BITMAP_BYTES; b++) {
    const byte = bitmap[b] ?? 0;
    const base = b << 3;
    if (byte === 0xff) {
      if (runStart < 0) runStart = base;
      continue;
    }
    if (byte === 0) {
      if (runStart >= 0) {
        out.push({ start: runStart, end: base });
        runStart = -1;
      }
      continue;
    }
    for (let k = 0; k < 8; k++) {
      if ((byte >> k) & 1) {
        if (runStart < 0) runStart = base + k;
      } else if (runStart >= 0) {
        out.push({ start: runStart, end: base + k });
        runStart = -1;
      }
    }
  }
  if (runStart >= 0) out.push({ start: runStart, end: DAY_MINUTES });
  return out;
}

/** The set bits as sorted, merged "HH:MM" windows (a run to the end of the day ends at "24:00"); inverse of windowsToBitmap. */
export function bitmapToWindows(bitmap: DayBitmap): TimeWindow[] {
  return rangesToWindows(bitmapToRanges(bitmap));
}

/** Encodes a bitmap as standard base64 (240 chars) using browser-safe btoa. */
export function bitmapToBase64(bitmap: DayBitmap): string {
  assertDayBitmap(bitmap);
  let s = "";
  for (let i = 0; i < BITMAP_BYTES; i++) s += String.fromCharCode(bitmap[i] ?? 0);
  return btoa(s);
}

/** Decodes standard base64 into a new bitmap; throws RangeError unless it decodes to exactly BITMAP_BYTES bytes. */
export function bitmapFromBase64(encoded: string): DayBitmap {
  let raw: string;
  try {
    raw = atob(encoded);
  } catch {
    throw new RangeError("day bitmap base64 is malformed");
  }
  if (raw.length !== BITMAP_BYTES) {
    throw new RangeError(`day bitmap base64 must decode to ${String(BITMAP_BYTES)} bytes, got ${String(raw.length)}`);
  }
  const out = new Uint8Array(BITMAP_BYTES);
  for (let i = 0; i < BITMAP_BYTES; i++) out[i] = raw.charCodeAt(i);
  return out;
}
