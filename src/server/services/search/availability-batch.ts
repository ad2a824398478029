/**
 * Availability for many instructors at once: one batch of rows (weekly patterns, dated days, blackouts, active
 * bookings) for a chunk of candidates, then the availability engine's own `firstSlot` per instructor and window —
 * the same rules as `getSlots` (buffer, minimum notice, horizon, 15-minute grid, DST) without N round trips.
 */
import { firstSlot } from "~/lib/availability/slots";
import { isEmpty } from "~/lib/availability/bitmap";
import { addDays, isoWeekday, localDatesForRange } from "~/lib/time/zoned";
import type { SearchRepository } from "~/server/repositories/search";
import type { Interval } from "./time";

export type SlotSettings = { timeZone: string; bufferMinutes: number; minNoticeMinutes: number; horizonDays: number };

/** Local dates (with a day of margin each side) that windows in any zone could touch. */
export function windowDates(windows: Interval[], zone: string, maxDurationMinutes: number): string[] {
  if (!windows.length) return [];
  const from = new Date(Math.min(...windows.map((w) => w.from.getTime())));
  const to = new Date(Math.max(...windows.map((w) => w.to.getTime())) + maxDurationMinutes * 60_000);
  const dates = localDatesForRange(from, to, zone);
  if (!dates.length) return [];
  return [addDays(dates[0]!, -1), ...dates, addDays(dates[dates.length - 1]!, 1)];
}

/** For each instructor, the first bookable start inside the windows (for their shortest matching lesson), or null. */
export async function firstSlotsInWindows(
  repo: SearchRepository,
  candidates: { instructorId: string; settings: SlotSettings; durationMinutes: number }[],
  windows: Interval[],
  searcherZone: string,
  now: Date,
): Promise<Map<string, Date | null>> {
  const out = new Map<string, Date | null>();
  if (!candidates.length || !windows.length) {
    for (const c of candidates) out.set(c.instructorId, null);
    return out;
  }
  const maxDuration = Math.max(...candidates.map((c) => c.durationMinutes));
  const dates = windowDates(windows, searcherZone, maxDuration);
  const lo = new Date(Math.min(...windows.map((w) => w.from.getTime())) - 26 * 3_600_000);
  const hi = new Date(Math.max(...windows.map((w) => w.to.getTime())) + 26 * 3_600_000);
  const batch = await repo.availabilityBatch(
    candidates.map((c) => c.instructorId),
    dates,
    lo,
    hi,
  );
  const patterns = group(batch.patterns, (r) => r.instructorId);
  const days = group(batch.days, (r) => r.instructorId);
  const blackouts = group(batch.blackouts, (r) => r.instructorId);
  const busy = group(batch.bookings, (r) => r.instructorId);
  const sorted = [...windows].sort((a, b) => a.from.getTime() - b.from.getTime());

  for (const c of candidates) {
    const own = new Map((days.get(c.instructorId) ?? []).map((d) => [d.localDate, d.bits]));
    const pattern = new Map((patterns.get(c.instructorId) ?? []).map((p) => [p.weekday, p.bits]));
    const off = new Set((blackouts.get(c.instructorId) ?? []).map((b) => b.localDate));
    // Effective bitmap per local date in the instructor's zone: own row, else the weekly pattern; blackouts empty it.
    const bits = new Map<string, Uint8Array>();
    const localDates =
      c.settings.timeZone === searcherZone ? dates : windowDates(windows, c.settings.timeZone, c.durationMinutes);
    for (const date of localDates) {
      if (off.has(date)) continue;
      const b = own.get(date) ?? pattern.get(isoWeekday(date));
      if (b && !isEmpty(b)) bits.set(date, b);
    }
    let found: Date | null = null;
    if (bits.size) {
      const bookings = (busy.get(c.instructorId) ?? []).map((b) => ({
        start: new Date(b.startMs),
        end: new Date(b.endMs),
      }));
      for (const w of sorted) {
        found = firstSlot({
          zone: c.settings.timeZone,
          days: bits,
          busy: bookings,
          bufferMinutes: c.settings.bufferMinutes,
          durationMinutes: c.durationMinutes,
          from: w.from,
          to: w.to,
          now,
          minNoticeMinutes: c.settings.minNoticeMinutes,
          horizonDays: c.settings.horizonDays,
        });
        if (found) break;
      }
    }
    out.set(c.instructorId, found);
  }
  return out;
}

function group<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}
