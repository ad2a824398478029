import { addDays, startOfLocalDay } from "~/lib/time/zoned";

/**
 * The slot picker's first view, shared with the server render that prefetches it (the query inputs must be the
 * same on both sides for the prefetched data to be used): how many days it shows, and the default lesson length.
 */
export const SLOT_RANGE_DAYS = 14;

/** The instants bounding SLOT_RANGE_DAYS local days from `rangeStart` (YYYY-MM-DD) in `zone`. */
export function slotRange(rangeStart: string, zone: string): { from: Date; to: Date } {
  return { from: startOfLocalDay(rangeStart, zone), to: startOfLocalDay(addDays(rangeStart, SLOT_RANGE_DAYS), zone) };
}

/** An hour when the service offers it, else its first length (60 when it lists none). */
export function defaultDuration(durations: number[]): number {
  return (durations.includes(60) ? 60 : durations[0]) ?? 60;
}
