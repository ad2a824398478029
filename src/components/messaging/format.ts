import { DateTime } from "luxon";

/**
 * Times in the inbox and threads, in the viewer's IANA zone and a fixed locale. `now` is passed in (see useNow)
 * so relative labels refresh and server and browser agree.
 */

const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).setLocale("en-US");

/** Inbox row: "now", "5m", "3h" today, "Yesterday", "Mon" this week, "Mar 3", "Mar 3, 2025". */
export function relativeShort(iso: string, now: number, zone: string): string {
  const t = at(iso, zone);
  const n = DateTime.fromMillis(now, { zone }).setLocale("en-US");
  const minutes = Math.floor((now - t.toMillis()) / 60_000);
  if (minutes < 1) return "now";
  if (minutes < 60) return `${minutes}m`;
  if (t.hasSame(n, "day")) return `${Math.floor(minutes / 60)}h`;
  if (t.hasSame(n.minus({ days: 1 }), "day")) return "Yesterday";
  if (n.diff(t, "days").days < 6) return t.toFormat("ccc");
  return t.hasSame(n, "year") ? t.toFormat("LLL d") : t.toFormat("LLL d, yyyy");
}

/** Separator between days of a thread: "Today", "Yesterday", "Monday, March 9" (+ year when not this year). */
export function dayLabel(iso: string, now: number, zone: string): string {
  const t = at(iso, zone);
  const n = DateTime.fromMillis(now, { zone });
  if (t.hasSame(n, "day")) return "Today";
  if (t.hasSame(n.minus({ days: 1 }), "day")) return "Yesterday";
  return t.hasSame(n, "year") ? t.toFormat("cccc, LLLL d") : t.toFormat("cccc, LLLL d, yyyy");
}

/** The calendar day of an instant in the zone ("2026-03-09"), to group messages. */
export const dayKey = (iso: string, zone: string) => at(iso, zone).toISODate() ?? iso.slice(0, 10);

/** "9:41 AM" */
export const timeLabel = (iso: string, zone: string) => at(iso, zone).toFormat("h:mm a");

/** "Tuesday, March 10, 2026 at 9:41 AM" — tooltips and accessible names. */
export const fullLabel = (iso: string, zone: string) => at(iso, zone).toFormat("cccc, LLLL d, yyyy 'at' h:mm a");

/** A lesson: "Tue, Mar 10 · 9:00 – 10:00 AM EDT". */
export function lessonRange(startIso: string, endIso: string, zone: string): string {
  const s = at(startIso, zone);
  const e = at(endIso, zone);
  const sameHalf = s.toFormat("a") === e.toFormat("a");
  return `${s.toFormat("ccc, LLL d")} · ${s.toFormat(sameHalf ? "h:mm" : "h:mm a")} – ${e.toFormat("h:mm a")} ${e.toFormat("ZZZZ")}`;
}

/** "Tue, Mar 10" for chips. */
export const shortDay = (iso: string, zone: string) => at(iso, zone).toFormat("ccc, LLL d");

/** "Maria K." → "Maria" (the typing indicator and greetings use the first name). */
export const firstNameOf = (publicName: string) => publicName.split(" ")[0] ?? publicName;
