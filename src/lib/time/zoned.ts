/**
 * Calendar dates and IANA-zone conversions, isomorphic (browser and server).
 *
 * Conventions:
 * - A local date is a strict "YYYY-MM-DD" string; date arithmetic on it is pure calendar math (no zone).
 * - A local minute is a wall-clock minute of that date, 0–1439 (1440 = the next date's 00:00).
 * - Instants are `Date`s; only UTC/epoch methods are used, never local-time Date methods, so nothing
 *   depends on the process time zone. Zone offsets come from luxon's IANAZone (Intl under the hood).
 * - Zone offsets are treated as whole minutes (true for every zone since the 1970s).
 */
import { DateTime, IANAZone } from "luxon";

const MS_PER_MINUTE = 60_000;
const MINUTES_PER_DAY = 1440;

/** A strict "YYYY-MM-DD" calendar date string. */
export type IsoDate = string;

/** A wall-clock position: local calendar date plus minute after local midnight (0–1439). */
export type LocalMinute = { date: IsoDate; minute: number };

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

// ---------------------------------------------------------------------------------------------
// Pure calendar math (proleptic Gregorian, days since 1970-01-01; Hinnant's civil algorithms).
// ---------------------------------------------------------------------------------------------

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function pad2(n: number): string {
  return n < 10 ? `0${String(n)}` : String(n);
}

/** Converts a day number (days since 1970-01-01) to its "YYYY-MM-DD" date; throws RangeError outside years 0000–9999. */
export function isoDateFromEpochDay(epochDay: number): IsoDate {
  if (!Number.isInteger(epochDay)) throw new RangeError(`epoch day must be an integer, got ${String(epochDay)}`);
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) throw new RangeError(`date out of range (year ${String(year)})`);
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
}

function parseIsoDate(value: string): number | null {
  if (typeof value !== "string") return null;
  const m = ISO_DATE_RE.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const epochDay = daysFromCivil(year, month, day);
  return isoDateFromEpochDay(epochDay) === value ? epochDay : null;
}

/** True when the value is a strict "YYYY-MM-DD" string naming a real calendar date. */
export function isValidIsoDate(value: unknown): value is IsoDate {
  return typeof value === "string" && parseIsoDate(value) !== null;
}

/** Converts a "YYYY-MM-DD" date to its day number (days since 1970-01-01); throws RangeError on an invalid date. */
export function epochDayFromIsoDate(isoDate: IsoDate): number {
  const day = parseIsoDate(isoDate);
  if (day === null) throw new RangeError(`invalid ISO date "${isoDate}" (expected YYYY-MM-DD)`);
  return day;
}

/** The calendar date `n` days after (negative: before) the given date, as pure calendar math. */
export function addDays(isoDate: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`day count must be an integer, got ${String(n)}`);
  return isoDateFromEpochDay(epochDayFromIsoDate(isoDate) + n);
}

/** Number of calendar days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return epochDayFromIsoDate(b) - epochDayFromIsoDate(a);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(isoDate: IsoDate): number {
  // 1970-01-01 was a Thursday (ISO weekday 4).
  const d = epochDayFromIsoDate(isoDate);
  return ((((d + 3) % 7) + 7) % 7) + 1;
}

/** The Monday on or before the given date (weeks start Monday). */
export function weekStartOf(isoDate: IsoDate): IsoDate {
  return addDays(isoDate, 1 - isoWeekday(isoDate));
}

/** Every date from `start` to `end`, both inclusive, ascending (empty when end < start). */
export function datesInRange(start: IsoDate, end: IsoDate): IsoDate[] {
  const a = epochDayFromIsoDate(start);
  const b = epochDayFromIsoDate(end);
  const out: IsoDate[] = [];
  for (let d = a; d <= b; d++) out.push(isoDateFromEpochDay(d));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Zones.
// ---------------------------------------------------------------------------------------------

const zoneCache = new Map<string, IANAZone>();

/** True when the value names an IANA time zone the runtime knows (e.g. "America/New_York", "UTC"); fixed-offset strings are rejected. */
export function isValidTimeZone(zone: unknown): zone is string {
  if (typeof zone !== "string" || zone.length === 0 || /^[+-]|^\d/.test(zone)) return false;
  if (zoneCache.has(zone)) return true;
  return IANAZone.isValidZone(zone);
}

/** The cached luxon IANAZone for a zone name; throws RangeError when the zone is invalid. */
export function getZone(zone: string): IANAZone {
  let z = zoneCache.get(zone);
  if (z !== undefined) return z;
  if (!isValidTimeZone(zone)) throw new RangeError(`invalid IANA time zone "${String(zone)}"`);
  z = IANAZone.create(zone);
  zoneCache.set(zone, z);
  return z;
}

/** UTC offset in whole minutes (local − UTC) that the zone observes at the given epoch minute. */
export function offsetAtEpochMinute(zone: IANAZone, epochMinute: number): number {
  return Math.round(zone.offset(epochMinute * MS_PER_MINUTE));
}

/**
 * Every instant (epoch minute) whose wall clock in the zone reads local epoch-minute `local`
 * (minutes since 1970-01-01T00:00 wall time), ascending: none in a gap, two in a repeated hour.
 */
function instantsForLocal(zone: IANAZone, local: number): number[] {
  // Offsets around the wall time; assumes at most one transition within ±25 h (true for real zones).
  const candidates = new Set<number>([
    offsetAtEpochMinute(zone, local - 1500),
    offsetAtEpochMinute(zone, local),
    offsetAtEpochMinute(zone, local + 1500),
  ]);
  const out: number[] = [];
  for (const o of candidates) {
    const t = local - o;
    if (offsetAtEpochMinute(zone, t) === o && !out.includes(t)) out.push(t);
  }
  return out.sort((x, y) => x - y);
}

function toLocalEpochMinute(isoDate: IsoDate, minute: number): number {
  if (!Number.isInteger(minute) || minute < 0 || minute > MINUTES_PER_DAY) {
    throw new RangeError(`minute must be an integer in [0, ${String(MINUTES_PER_DAY)}], got ${String(minute)}`);
  }
  return epochDayFromIsoDate(isoDate) * MINUTES_PER_DAY + minute;
}

/** The instant at which the zone's wall clock reads `minute` (0–1440) on `isoDate`: null when that wall time is skipped (DST gap), the earlier occurrence when it repeats. */
export function localMinuteToInstant(isoDate: IsoDate, minute: number, zone: string): Date | null {
  const z = getZone(zone);
  const first = instantsForLocal(z, toLocalEpochMinute(isoDate, minute))[0];
  return first === undefined ? null : new Date(first * MS_PER_MINUTE);
}

/** Every instant at which the zone's wall clock reads `minute` on `isoDate`, ascending: [] in a DST gap, two in a repeated hour. */
export function localMinuteToInstants(isoDate: IsoDate, minute: number, zone: string): Date[] {
  const z = getZone(zone);
  return instantsForLocal(z, toLocalEpochMinute(isoDate, minute)).map((t) => new Date(t * MS_PER_MINUTE));
}

function assertValidDate(instant: Date, name = "instant"): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${name} must be a valid Date`);
  return ms;
}

/** The zone's wall-clock date and minute (0–1439, seconds truncated) at the given instant. */
export function instantToLocal(instant: Date, zone: string): LocalMinute {
  const z = getZone(zone);
  const m = Math.floor(assertValidDate(instant) / MS_PER_MINUTE);
  const local = m + offsetAtEpochMinute(z, m);
  const day = Math.floor(local / MINUTES_PER_DAY);
  return { date: isoDateFromEpochDay(day), minute: local - day * MINUTES_PER_DAY };
}

/** The zone's local calendar date at `now` (defaults to the current instant). */
export function localDateToday(zone: string, now: Date = new Date()): IsoDate {
  return instantToLocal(now, zone).date;
}

/** UTC offset in minutes (local − UTC) the zone observes at the given instant. */
export function offsetMinutesAt(instant: Date, zone: string): number {
  return offsetAtEpochMinute(getZone(zone), Math.floor(assertValidDate(instant) / MS_PER_MINUTE));
}

/** The first instant whose local date in the zone is on or after `isoDate` (its midnight, or the end of a DST gap that swallows midnight). */
export function startOfLocalDay(isoDate: IsoDate, zone: string): Date {
  const z = getZone(zone);
  const local = toLocalEpochMinute(isoDate, 0);
  const exact = instantsForLocal(z, local)[0];
  if (exact !== undefined) return new Date(exact * MS_PER_MINUTE);
  // Midnight is skipped: binary-search the first instant whose wall clock is ≥ local midnight.
  let lo = local - 1500; // wall clock before midnight
  let hi = local + 1500; // wall clock after midnight
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (mid + offsetAtEpochMinute(z, mid) >= local) hi = mid;
    else lo = mid;
  }
  return new Date(hi * MS_PER_MINUTE);
}

/** Half-open instant bounds [start, end) of a local date in the zone (23, 24 or 25 hours long around DST). */
export function localDayBounds(isoDate: IsoDate, zone: string): { start: Date; end: Date } {
  return { start: startOfLocalDay(isoDate, zone), end: startOfLocalDay(addDays(isoDate, 1), zone) };
}

/** Every local date in the zone touched by the half-open instant range [from, to), ascending (empty when to ≤ from). */
export function localDatesForRange(from: Date, to: Date, zone: string): IsoDate[] {
  const a = assertValidDate(from, "from");
  const b = assertValidDate(to, "to");
  if (b <= a) return [];
  const m0 = Math.floor(a / MS_PER_MINUTE);
  const m1 = Math.ceil(b / MS_PER_MINUTE);
  // A fall-back across midnight can move the wall clock back a day, so scan every offset segment.
  let dMin = Infinity;
  let dMax = -Infinity;
  for (const seg of offsetSegments(getZone(zone), m0, m1)) {
    dMin = Math.min(dMin, Math.floor((seg.start + seg.offset) / MINUTES_PER_DAY));
    dMax = Math.max(dMax, Math.floor((seg.end - 1 + seg.offset) / MINUTES_PER_DAY));
  }
  const out: IsoDate[] = [];
  for (let d = dMin; d <= dMax; d++) out.push(isoDateFromEpochDay(d));
  return out;
}

/** A maximal run of epoch minutes [start, end) over which the zone keeps one UTC offset (minutes, local − UTC). */
export type OffsetSegment = { start: number; end: number; offset: number };

/** Sampling step for transition detection; assumes no zone changes offset twice within 12 hours. */
const SEGMENT_PROBE_MINUTES = 720;

const MAX_CACHED_OFFSETS = 50_000;
const offsetCache = new WeakMap<IANAZone, Map<number, number>>();

/** offsetAtEpochMinute memoized per zone (tz rules are fixed for the life of the process); bounded. */
function cachedOffset(zone: IANAZone, epochMinute: number): number {
  let cache = offsetCache.get(zone);
  if (cache === undefined) {
    cache = new Map();
    offsetCache.set(zone, cache);
  }
  let o = cache.get(epochMinute);
  if (o === undefined) {
    if (cache.size >= MAX_CACHED_OFFSETS) cache.clear();
    o = offsetAtEpochMinute(zone, epochMinute);
    cache.set(epochMinute, o);
  }
  return o;
}

/** Splits the epoch-minute range [start, end) into constant-offset segments, finding each transition to the minute (probes every 12 h on a fixed UTC grid, then binary search; probes are memoized). */
export function offsetSegments(zone: IANAZone, start: number, end: number): OffsetSegment[] {
  if (end <= start) return [];
  const out: OffsetSegment[] = [];
  let segStart = start;
  let segOffset = cachedOffset(zone, start);
  let a = start;
  const last = end - 1;
  while (a < last) {
    // Probe points sit on a fixed grid so repeated calls over overlapping ranges hit the cache.
    const b = Math.min((Math.floor(a / SEGMENT_PROBE_MINUTES) + 1) * SEGMENT_PROBE_MINUTES, last);
    while (cachedOffset(zone, b) !== segOffset) {
      // Invariant: offset(lo) === segOffset, offset(hi) !== segOffset.
      let lo = a;
      let hi = b;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (cachedOffset(zone, mid) === segOffset) lo = mid;
        else hi = mid;
      }
      out.push({ start: segStart, end: hi, offset: segOffset });
      segStart = hi;
      segOffset = cachedOffset(zone, hi);
      a = hi;
    }
    a = b;
  }
  out.push({ start: segStart, end, offset: segOffset });
  return out;
}

/** Formats an instant in the zone with a luxon format string (e.g. "ccc d LLL, h:mm a"), in a fixed locale (default "en-US") so server and browser agree. */
export function formatInZone(instant: Date, zone: string, fmt: string, locale = "en-US"): string {
  getZone(zone);
  return DateTime.fromMillis(assertValidDate(instant), { zone, locale }).toFormat(fmt);
}
