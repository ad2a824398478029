import { formatInZone } from "~/lib/time/zoned";

/**
 * Display formatting for money and instants. Instants are always shown in an explicit IANA zone (the
 * viewer's, or the instructor's in their own calendar), in a fixed locale so server and browser agree.
 */

const money = new Map<string, Intl.NumberFormat>();

/** Integer cents → "$80.00" (or "$80" with `whole` when there are no cents). */
export function formatMoney(cents: number, currency = "USD", opts: { whole?: boolean } = {}): string {
  const whole = opts.whole && cents % 100 === 0;
  const key = `${currency}:${whole ? 0 : 2}`;
  let f = money.get(key);
  if (!f) {
    f = new Intl.NumberFormat("en-US", {
      style: "currency",
      currency,
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: whole ? 0 : 2,
    });
    money.set(key, f);
  }
  return f.format(cents / 100);
}

/** "EDT", "GMT+1"… the zone's short name at that instant. */
export function zoneAbbrev(zone: string, at: Date = new Date()): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "short" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? zone;
}

/** "America/New_York" → "New York time (EDT)". */
export function zoneLabel(zone: string, at: Date = new Date()): string {
  const city = zone.split("/").pop()?.replaceAll("_", " ") ?? zone;
  return zone === "UTC" ? "UTC" : `${city} time (${zoneAbbrev(zone, at)})`;
}

/** "9:00 AM" */
export const fmtTime = (d: Date, zone: string) => formatInZone(d, zone, "h:mm a");
/** "Tuesday, March 10" */
export const fmtDayLong = (d: Date, zone: string) => formatInZone(d, zone, "cccc, LLLL d");
/** "Tue, Mar 10" */
export const fmtDayShort = (d: Date, zone: string) => formatInZone(d, zone, "ccc, LLL d");
/** "Tue, Mar 10, 9:00 AM" */
export const fmtDateTime = (d: Date, zone: string) => formatInZone(d, zone, "ccc, LLL d, h:mm a");
/** "Tuesday, March 10, 9:00 AM" — the accessible name of a slot button. */
export const fmtSlotLabel = (d: Date, zone: string) => formatInZone(d, zone, "cccc, LLLL d, h:mm a");

/** "Tue, Mar 10 · 9:00 – 10:00 AM EDT" */
export function fmtLessonRange(start: Date, end: Date, zone: string): string {
  return `${fmtDayShort(start, zone)} · ${fmtTime(start, zone)} – ${fmtTime(end, zone)} ${zoneAbbrev(zone, start)}`;
}

/** "60 min", "1 h 30 min" stays short: lessons are 30–90 minutes. */
export const fmtDuration = (minutes: number) => `${minutes} min`;
