/**
 * Wall-clock time windows within one local day.
 *
 * The API speaks in windows like `{ start: "09:00", end: "12:30" }`: strict 24-hour "HH:MM" strings,
 * half-open [start, end), where `end` may be "24:00" (end of the day). Internally a window is a
 * `MinuteRange` of minutes after local midnight, 0 ≤ start < end ≤ 1440.
 *
 * Pure and isomorphic: no Node-only APIs, no Date, no time zones.
 */

/** Minutes in one wall-clock day (also the exclusive upper bound of a minute-of-day). */
export const MINUTES_PER_DAY = 1440;

/** A wall-clock window as the API speaks it: "HH:MM" strings, half-open [start, end). */
export type TimeWindow = { start: string; end: string };

/** A half-open range of minutes after local midnight, [start, end). */
export type MinuteRange = { start: number; end: number };

/** Why a window failed validation. */
export type WindowErrorCode = "not_a_window" | "invalid_start" | "invalid_end" | "start_not_before_end";

/** One validation problem, pointing at the offending window (`index` into the input list) and field. */
export type WindowError = {
  index: number;
  field: "start" | "end" | "window";
  code: WindowErrorCode;
  message: string;
};

/** Result of a validating operation: a value, or every error found (never throws for bad input). */
export type WindowResult<T> = { ok: true; value: T } | { ok: false; errors: WindowError[] };

const TIME_RE = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

/** Parses a strict 24-hour "HH:MM" string ("00:00"–"23:59", plus "24:00" = 1440) to minutes after midnight, or null if malformed. */
export function parseTime(value: string): number | null {
  if (typeof value !== "string") return null;
  const m = TIME_RE.exec(value);
  if (!m) return null;
  if (m[3] !== undefined) return MINUTES_PER_DAY;
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Formats a minute-of-day (integer 0–1440) as zero-padded "HH:MM", with 1440 as "24:00"; throws RangeError otherwise. */
export function formatTime(minute: number): string {
  if (!Number.isInteger(minute) || minute < 0 || minute > MINUTES_PER_DAY) {
    throw new RangeError(`minute-of-day must be an integer in [0, ${String(MINUTES_PER_DAY)}], got ${String(minute)}`);
  }
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${h < 10 ? "0" : ""}${String(h)}:${m < 10 ? "0" : ""}${String(m)}`;
}

/** True when the value is a string `parseTime` accepts. */
export function isTimeString(value: unknown): value is string {
  return typeof value === "string" && parseTime(value) !== null;
}

/** Validates one window-like value (object with "HH:MM" start/end, start < end, start ≠ "24:00"); returns its errors (empty when valid). */
export function validateWindow(value: unknown, index = 0): WindowError[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return [{ index, field: "window", code: "not_a_window", message: "window must be an object with start and end" }];
  }
  const { start, end } = value as { start?: unknown; end?: unknown };
  const errors: WindowError[] = [];
  const s = typeof start === "string" ? parseTime(start) : null;
  const e = typeof end === "string" ? parseTime(end) : null;
  if (s === null) {
    errors.push({
      index,
      field: "start",
      code: "invalid_start",
      message: 'start must be a time "HH:MM" (00:00–23:59)',
    });
  } else if (s === MINUTES_PER_DAY) {
    errors.push({ index, field: "start", code: "invalid_start", message: 'start cannot be "24:00"' });
  }
  if (e === null) {
    errors.push({ index, field: "end", code: "invalid_end", message: 'end must be a time "HH:MM" (00:00–24:00)' });
  }
  if (errors.length === 0 && s !== null && e !== null && s >= e) {
    errors.push({ index, field: "window", code: "start_not_before_end", message: "start must be before end" });
  }
  return errors;
}

/** Validates a list of windows and converts them to minute ranges in input order (not normalized); collects every error. */
export function parseWindows(input: unknown): WindowResult<MinuteRange[]> {
  if (!Array.isArray(input)) {
    return {
      ok: false,
      errors: [{ index: -1, field: "window", code: "not_a_window", message: "windows must be an array" }],
    };
  }
  const errors: WindowError[] = [];
  const ranges: MinuteRange[] = [];
  input.forEach((w: unknown, i) => {
    const errs = validateWindow(w, i);
    if (errs.length > 0) {
      errors.push(...errs);
      return;
    }
    const { start, end } = w as TimeWindow;
    ranges.push({ start: parseTime(start) ?? 0, end: parseTime(end) ?? 0 });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: ranges };
}

/** Validates windows (rejecting malformed times and start ≥ end) and returns them sorted with overlapping/adjacent ones merged. */
export function normalizeWindows(windows: readonly TimeWindow[]): WindowResult<TimeWindow[]> {
  const parsed = parseWindows(windows);
  if (!parsed.ok) return parsed;
  return { ok: true, value: rangesToWindows(normalizeRanges(parsed.value)) };
}

/** Converts valid windows to minute ranges in input order; throws RangeError on the first invalid window. */
export function windowsToRanges(windows: readonly TimeWindow[]): MinuteRange[] {
  const parsed = parseWindows(windows);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    throw new RangeError(`invalid window at index ${String(first?.index ?? -1)}: ${first?.message ?? "invalid"}`);
  }
  return parsed.value;
}

/** Formats minute ranges as "HH:MM" windows in input order; throws RangeError if a bound is outside 0–1440 or not an integer. */
export function rangesToWindows(ranges: readonly MinuteRange[]): TimeWindow[] {
  return ranges.map((r) => ({ start: formatTime(r.start), end: formatTime(r.end) }));
}

/** Clamps ranges to [min, max] (default the whole day), drops empty or non-finite ones, sorts, and merges overlapping or adjacent ones. */
export function normalizeRanges(ranges: readonly MinuteRange[], min = 0, max: number = MINUTES_PER_DAY): MinuteRange[] {
  const clamped: MinuteRange[] = [];
  for (const r of ranges) {
    if (!Number.isFinite(r.start) || !Number.isFinite(r.end)) continue;
    const start = Math.max(min, r.start);
    const end = Math.min(max, r.end);
    if (start < end) clamped.push({ start, end });
  }
  clamped.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: MinuteRange[] = [];
  for (const r of clamped) {
    const last = out[out.length - 1];
    if (last !== undefined && r.start <= last.end) {
      if (r.end > last.end) last.end = r.end;
    } else {
      out.push({ start: r.start, end: r.end });
    }
  }
  return out;
}

/** Union of two range sets, normalized (sorted, merged, clamped to the day). */
export function unionRanges(a: readonly MinuteRange[], b: readonly MinuteRange[]): MinuteRange[] {
  return normalizeRanges([...a, ...b]);
}

/** Intersection of two range sets: the minutes in both, normalized. */
export function intersectRanges(a: readonly MinuteRange[], b: readonly MinuteRange[]): MinuteRange[] {
  const x = normalizeRanges(a);
  const y = normalizeRanges(b);
  const out: MinuteRange[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const p = x[i] as MinuteRange;
    const q = y[j] as MinuteRange;
    const start = Math.max(p.start, q.start);
    const end = Math.min(p.end, q.end);
    if (start < end) out.push({ start, end });
    if (p.end < q.end) i++;
    else j++;
  }
  return out;
}

/** Difference of two range sets: the minutes in `a` that are not in `b`, normalized. */
export function subtractRanges(a: readonly MinuteRange[], b: readonly MinuteRange[]): MinuteRange[] {
  const x = normalizeRanges(a);
  const y = normalizeRanges(b);
  const out: MinuteRange[] = [];
  let j = 0;
  for (const r of x) {
    let cursor = r.start;
    while (j < y.length && (y[j] as MinuteRange).end <= cursor) j++;
    let k = j;
    while (k < y.length && (y[k] as MinuteRange).start < r.end) {
      const cut = y[k] as MinuteRange;
      if (cut.start > cursor) out.push({ start: cursor, end: cut.start });
      cursor = Math.max(cursor, cut.end);
      k++;
    }
    if (cursor < r.end) out.push({ start: cursor, end: r.end });
  }
  return out;
}

/** Total number of distinct minutes covered by the ranges (overlaps counted once). */
export function totalMinutes(ranges: readonly MinuteRange[]): number {
  let sum = 0;
  for (const r of normalizeRanges(ranges)) sum += r.end - r.start;
  return sum;
}

/** True when every minute of [start, end) is covered by the ranges (vacuously true when start ≥ end). */
export function rangesCover(ranges: readonly MinuteRange[], start: number, end: number): boolean {
  if (start >= end) return true;
  for (const r of normalizeRanges(ranges, -Infinity, Infinity)) {
    if (r.start <= start && end <= r.end) return true;
  }
  return false;
}
