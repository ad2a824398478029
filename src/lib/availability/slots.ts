/**
 * Bookable lesson start times from per-local-date availability bitmaps.
 *
 * Rules (all times are instants unless said otherwise):
 * - Candidate starts are whole minutes whose WALL-CLOCK minute-of-day in `zone` is a multiple of
 *   `gridMinutes` (default 15), i.e. the grid is aligned to local :00/:15/:30/:45, even in zones
 *   with :30/:45 offsets; the grid restarts at every local midnight.
 * - Start window: max(from, now + minNotice) ≤ start < min(to, now + horizonDays × 24 h).
 *   `from`/`to` clip START times only; the lesson itself may run past `to` (it must still be available).
 * - The lesson occupies the instant range [start, start + duration): exactly `durationMinutes` real
 *   minutes, whatever DST does to the wall clock in between.
 * - DST rule: each local date's bitmap is in wall-clock minutes. Every instant minute maps to exactly
 *   one (local date, wall minute) via the zone offset at that instant; the instant is available iff
 *   that wall minute's bit is set in that date's bitmap (a date missing from `days` = unavailable).
 *   Consequences: wall minutes skipped by a spring-forward gap (e.g. 02:00–02:59 in New York on
 *   2026-03-08) are never reached, so they never yield or extend a slot; a repeated fall-back hour
 *   (01:00–01:59 twice on 2026-11-01) is covered by the same 01:xx bits on both occurrences, and each
 *   occurrence's grid points are distinct starts. A lesson crosses local midnight only when the next
 *   date's bitmap covers its remaining minutes.
 * - Busy ranges (active bookings) are widened by `bufferMinutes` on both sides and any instant minute
 *   they touch is unavailable: a 10:00–11:00 booking with a 15 min buffer blocks [09:45, 11:15), so a
 *   lesson may end at 09:45 or start at 11:15 at the earliest.
 *
 * Implementation: per chunk of starts, build a per-minute availability timeline over instants (zone
 * offsets resolved per constant-offset segment, not per minute), clear buffered busy ranges, turn it
 * into "available run length from here" counts, then test each grid start in O(1).
 */
import {
  getZone,
  isoDateFromEpochDay,
  offsetAtEpochMinute,
  offsetSegments,
  type OffsetSegment,
} from "~/lib/time/zoned";
import type { IANAZone } from "luxon";
import { BITMAP_BYTES } from "./bitmap";

const MS_PER_MINUTE = 60_000;
const MINUTES_PER_DAY = 1440;

/** Default grid step between candidate starts, in minutes. */
export const DEFAULT_GRID_MINUTES = 15;
/** Default buffer kept free before and after each booking, in minutes. */
export const DEFAULT_BUFFER_MINUTES = 15;
/** Default minimum notice between now and a lesson start, in minutes. */
export const DEFAULT_MIN_NOTICE_MINUTES = 120;
/** Default booking horizon from now, in days. */
export const DEFAULT_HORIZON_DAYS = 90;

/** An active booking as an instant range [start, end), before buffering. */
export type BusyInterval = { start: Date; end: Date };

/** Everything the slot engine needs; `days` must hold a bitmap for each local date a lesson could touch. */
export type SlotInput = {
  /** The instructor's IANA zone; `days` keys are local dates in this zone. */
  zone: string;
  /** Availability per local date "YYYY-MM-DD" (180-byte bitmaps); missing dates are unavailable. */
  days: ReadonlyMap<string, Uint8Array>;
  /** Active bookings, not yet buffered. */
  busy: readonly BusyInterval[];
  bufferMinutes: number;
  durationMinutes: number;
  /** Earliest start (inclusive). */
  from: Date;
  /** Latest start (exclusive). */
  to: Date;
  now: Date;
  minNoticeMinutes: number;
  horizonDays: number;
  gridMinutes?: number;
};

type Plan = {
  zone: IANAZone;
  days: ReadonlyMap<string, Uint8Array>;
  dayCache: Map<number, Uint8Array | null>;
  /** Buffered busy ranges in epoch minutes, [start, end), sorted by start. */
  busy: { start: number; end: number }[];
  duration: number;
  grid: number;
  /** First and last (inclusive) candidate start, epoch minutes. */
  first: number;
  last: number;
};

function timeOf(value: Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${name} must be a valid Date`);
  return ms;
}

function nonNegative(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0)
    throw new RangeError(`${name} must be a finite number ≥ 0, got ${String(value)}`);
  return value;
}

function positiveInt(value: number, name: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value <= 0 || value > max) {
    throw new RangeError(`${name} must be an integer in [1, ${String(max)}], got ${String(value)}`);
  }
  return value;
}

function makePlan(input: SlotInput): Plan | null {
  const zone = getZone(input.zone);
  const duration = positiveInt(input.durationMinutes, "durationMinutes");
  const grid = positiveInt(input.gridMinutes ?? DEFAULT_GRID_MINUTES, "gridMinutes", MINUTES_PER_DAY);
  const buffer = nonNegative(input.bufferMinutes, "bufferMinutes");
  const notice = nonNegative(input.minNoticeMinutes, "minNoticeMinutes");
  const horizon = nonNegative(input.horizonDays, "horizonDays");
  const fromMs = timeOf(input.from, "from");
  const toMs = timeOf(input.to, "to");
  const nowMs = timeOf(input.now, "now");

  const lo = Math.max(fromMs, nowMs + notice * MS_PER_MINUTE);
  const hi = Math.min(toMs, nowMs + horizon * MINUTES_PER_DAY * MS_PER_MINUTE);
  const first = Math.ceil(lo / MS_PER_MINUTE);
  const last = Math.ceil(hi / MS_PER_MINUTE) - 1;
  if (last < first) return null;

  const busy: { start: number; end: number }[] = [];
  for (const b of input.busy) {
    const s = timeOf(b.start, "busy.start");
    const e = timeOf(b.end, "busy.end");
    if (e <= s) continue;
    busy.push({
      start: Math.floor((s - buffer * MS_PER_MINUTE) / MS_PER_MINUTE),
      end: Math.ceil((e + buffer * MS_PER_MINUTE) / MS_PER_MINUTE),
    });
  }
  busy.sort((a, b) => a.start - b.start);
  return { zone, days: input.days, dayCache: new Map(), busy, duration, grid, first, last };
}

function dayBitmap(plan: Plan, epochDay: number): Uint8Array | null {
  const cached = plan.dayCache.get(epochDay);
  if (cached !== undefined) return cached;
  const date = isoDateFromEpochDay(epochDay);
  const bm = plan.days.get(date) ?? null;
  if (bm !== null && (!(bm instanceof Uint8Array) || bm.length !== BITMAP_BYTES)) {
    throw new RangeError(`availability bitmap for ${date} must be a Uint8Array of ${String(BITMAP_BYTES)} bytes`);
  }
  plan.dayCache.set(epochDay, bm);
  return bm;
}

/** Builds run[i] = number of consecutive available instant minutes starting at t0 + i (run[n] = 0). */
function buildRuns(plan: Plan, segs: readonly OffsetSegment[], t0: number, t1: number): Int32Array {
  const n = t1 - t0;
  const run = new Int32Array(n + 1);
  // 1. Availability from the local-date bitmaps, one constant-offset, single-local-date run at a time.
  for (const seg of segs) {
    let m = seg.start;
    while (m < seg.end) {
      const local = m + seg.offset;
      const day = Math.floor(local / MINUTES_PER_DAY);
      const wall = local - day * MINUTES_PER_DAY;
      const runEnd = Math.min(seg.end, m + (MINUTES_PER_DAY - wall));
      const bm = dayBitmap(plan, day);
      if (bm !== null) {
        for (let k = m - t0, w = wall, end = runEnd - t0; k < end; k++, w++) {
          run[k] = ((bm[w >> 3] ?? 0) >> (w & 7)) & 1;
        }
      }
      m = runEnd;
    }
  }
  // 2. Buffered bookings.
  for (const b of plan.busy) {
    if (b.start >= t1) break;
    if (b.end <= t0) continue;
    run.fill(0, Math.max(b.start, t0) - t0, Math.min(b.end, t1) - t0);
  }
  // 3. Run lengths, right to left.
  for (let i = n - 1; i >= 0; i--) {
    if (run[i] !== 0) run[i] = (run[i + 1] ?? 0) + 1;
  }
  return run;
}

/** Appends grid starts in [cFirst, cLast] to `out`; returns true once `out` holds `limit` slots. */
function scanChunk(plan: Plan, cFirst: number, cLast: number, out: Date[], limit: number): boolean {
  const t0 = cFirst;
  const t1 = cLast + plan.duration;
  const segs = offsetSegments(plan.zone, t0, t1);
  const run = buildRuns(plan, segs, t0, t1);
  const { grid, duration } = plan;
  for (const seg of segs) {
    const end = Math.min(seg.end, cLast + 1);
    let m = Math.max(seg.start, cFirst);
    while (m < end) {
      const local = m + seg.offset;
      const wall = local - Math.floor(local / MINUTES_PER_DAY) * MINUTES_PER_DAY;
      const r = wall % grid;
      if (r !== 0) {
        m += Math.min(grid - r, MINUTES_PER_DAY - wall);
        continue;
      }
      if ((run[m - t0] ?? 0) >= duration) {
        out.push(new Date(m * MS_PER_MINUTE));
        if (out.length >= limit) return true;
      }
      m += Math.min(grid, MINUTES_PER_DAY - wall);
    }
  }
  return false;
}

const MAX_CHUNK_MINUTES = 32 * MINUTES_PER_DAY;

function scan(input: SlotInput, limit: number, firstChunkMinutes: number): Date[] {
  const plan = makePlan(input);
  const out: Date[] = [];
  if (plan === null) return out;
  let size = firstChunkMinutes;
  for (let c = plan.first; c <= plan.last; c += size, size = Math.min(size * 2, MAX_CHUNK_MINUTES)) {
    if (scanChunk(plan, c, Math.min(plan.last, c + size - 1), out, limit)) break;
  }
  return out;
}

/** All bookable lesson starts (ascending instants) under the module's rules: available for the whole duration, outside buffered bookings, after min notice, before the horizon, on the local-wall-clock grid, with from ≤ start < to. */
export function computeSlots(input: SlotInput): Date[] {
  return scan(input, Number.POSITIVE_INFINITY, MAX_CHUNK_MINUTES);
}

/** The earliest bookable start under the same rules as computeSlots, or null; stops scanning at the first hit. */
export function firstSlot(input: SlotInput): Date | null {
  return scan(input, 1, MINUTES_PER_DAY)[0] ?? null;
}

/** True when `start` is exactly one of the starts computeSlots would return (ignoring from/to), e.g. to re-check a booking request. */
export function isSlotBookable(input: Omit<SlotInput, "from" | "to">, start: Date): boolean {
  const ms = timeOf(start, "start");
  const hit = firstSlot({ ...input, from: start, to: new Date(ms + 1) });
  return hit !== null && hit.getTime() === ms;
}

/** Groups slot instants by their local date in the zone, keeping order (Map keys ascend when the slots do). */
export function groupSlotsByLocalDate(slots: readonly Date[], zone: string): Map<string, Date[]> {
  const z = getZone(zone);
  const out = new Map<string, Date[]>();
  for (const s of slots) {
    const m = Math.floor(timeOf(s, "slot") / MS_PER_MINUTE);
    const date = isoDateFromEpochDay(Math.floor((m + offsetAtEpochMinute(z, m)) / MINUTES_PER_DAY));
    const list = out.get(date);
    if (list === undefined) out.set(date, [s]);
    else list.push(s);
  }
  return out;
}
