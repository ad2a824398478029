/**
 * Time phrases: clock expressions ("after 5pm", "before noon", "3-6pm") and the resolution of a TimeSpec into
 * instants in the searcher's zone. Lesson *start* times must fall in the windows (the availability engine's
 * `from`/`to` clip starts), so "saturday morning" finds a lesson starting 11:30 that ends at 12:30.
 */
import { addDays, isoWeekday, localDateToday, localMinuteToInstant } from "~/lib/time/zoned";
import type { DayPart, TimeSpec } from "./types";

export const DAY_PART_MINUTES: Record<DayPart, [number, number]> = {
  morning: [6 * 60, 12 * 60],
  afternoon: [12 * 60, 17 * 60],
  evening: [17 * 60, 22 * 60],
};
/** "Weekday evenings", "mornings", "after 5pm" without a day look this many days ahead. */
export const RECURRING_HORIZON_DAYS = 14;
/** Without any time phrase a search looks for availability this far ahead (the listing rule's 30 days). */
export const DEFAULT_WINDOW_DAYS = 30;

export type Interval = { from: Date; to: Date };

const WORD_HOURS: Record<string, number> = { noon: 12 * 60, midday: 12 * 60, midnight: 24 * 60 };

/** Minutes after midnight for "5", "5pm", "5:30 pm", "17:00", "noon". Bare 1–7 mean pm, 8–11 am (lesson hours). */
export function clockMinutes(hour: string, minute: string | undefined, meridiem: string | undefined): number | null {
  if (WORD_HOURS[hour] !== undefined) return WORD_HOURS[hour];
  let h = Number(hour);
  const m = minute ? Number(minute) : 0;
  if (!Number.isInteger(h) || h < 0 || h > 24 || m < 0 || m > 59) return null;
  const mer = meridiem?.replace(/\./g, "");
  if (mer === "pm" || mer === "p") {
    if (h < 12) h += 12;
  } else if (mer === "am" || mer === "a") {
    if (h === 12) h = 0;
  } else if (!minute || h < 13) {
    if (h >= 1 && h <= 7) h += 12;
  }
  const total = h * 60 + m;
  return total <= 24 * 60 ? total : null;
}

const CLOCK = String.raw`(\d{1,2}|noon|midday|midnight)(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?`;
export const CLOCK_PATTERNS: {
  re: RegExp;
  apply: (m: RegExpExecArray) => { after?: number | null; before?: number | null };
}[] = [
  {
    // between 3 and 6pm / from 3 to 6 pm / 3-6pm (a bare "3-6" needs "between"/"from" or a meridiem)
    re: new RegExp(String.raw`(?:\b(between|from)\s+)?\b${CLOCK}\s*(?:-|–|to|and|until|til)\s*${CLOCK}(?=\s|$)`, "g"),
    apply: (m) => {
      if (!m[1] && !m[4] && !m[7]) return {};
      const endMer = m[7];
      const start = clockMinutes(m[2]!, m[3], m[4] ?? (endMer && Number(m[2]) <= Number(m[5]) ? endMer : undefined));
      const end = clockMinutes(m[5]!, m[6], endMer);
      return { after: start, before: end };
    },
  },
  {
    re: new RegExp(String.raw`\b(?:after|later than|past|from|starting at|starting)\s+${CLOCK}(?=\s|$)`, "g"),
    apply: (m) => ({ after: clockMinutes(m[1]!, m[2], m[3]) }),
  },
  {
    re: new RegExp(String.raw`\b(?:before|by|earlier than|until|till|til)\s+${CLOCK}(?=\s|$)`, "g"),
    apply: (m) => ({ before: clockMinutes(m[1]!, m[2], m[3]) }),
  },
  {
    // "at 4pm", "around 4:30" — a start within half an hour of the time
    re: new RegExp(String.raw`\b(?:at|around|about)\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)(?=\s|$)`, "g"),
    apply: (m) => {
      const t = clockMinutes(m[1]!, m[2], m[3]);
      return t === null ? {} : { after: Math.max(0, t - 30), before: Math.min(24 * 60, t + 31) };
    },
  },
  {
    // a bare "4pm" / "10:30am"
    re: /\b(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)(?=\s|$)/g,
    apply: (m) => {
      const t = clockMinutes(m[1]!, m[2], m[3]);
      return t === null ? {} : { after: Math.max(0, t - 30), before: Math.min(24 * 60, t + 31) };
    },
  },
];

const pad = (n: number) => String(n).padStart(2, "0");
export const formatMinute = (m: number) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;

/** A stable key of a spec ("weekday:6|morning", "weekdays|evening", "any|after:17:00"), used in tests and cache keys. */
export function timeSpecKey(spec: TimeSpec): string {
  let key: string = spec.days;
  if (spec.days === "weekday") key = `weekday:${(spec.weekdays ?? []).join(",")}${spec.recurring ? "*" : ""}`;
  if (spec.part) key += `|${spec.part}`;
  if (spec.after !== null) key += `|after:${formatMinute(spec.after)}`;
  if (spec.before !== null) key += `|before:${formatMinute(spec.before)}`;
  return key;
}

const DAY_NAMES = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const DAY_LABELS: Record<Exclude<TimeSpec["days"], "weekday">, string> = {
  today: "Today",
  tomorrow: "Tomorrow",
  this_weekend: "This weekend",
  next_weekend: "Next weekend",
  weekends: "Weekends",
  weekdays: "Weekdays",
  this_week: "This week",
  next_week: "Next week",
  soon: "In the next few days",
  any: "",
};

function clockLabel(m: number): string {
  if (m === 12 * 60) return "noon";
  if (m === 0 || m === 24 * 60) return "midnight";
  const h = Math.floor(m / 60) % 24;
  const suffix = h >= 12 ? "pm" : "am";
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return m % 60 ? `${h12}:${pad(m % 60)} ${suffix}` : `${h12} ${suffix}`;
}

/** A chip label: "Sat morning", "Weekday evenings", "After 5 pm". */
export function timeSpecLabel(spec: TimeSpec): string {
  if (spec.days === "today" && spec.part === "evening" && spec.after === null && spec.before === null) return "Tonight";
  const plural = spec.days === "weekdays" || spec.days === "weekends" || spec.recurring;
  let days =
    spec.days === "weekday"
      ? (spec.weekdays ?? []).map((d) => DAY_NAMES[d]).join(" or ") + (spec.recurring ? "s" : "")
      : DAY_LABELS[spec.days];
  if (spec.days === "weekdays" && spec.part) days = "Weekday";
  if (spec.days === "weekends" && spec.part) days = "Weekend";
  const part = spec.part ? (plural ? `${spec.part}s` : spec.part) : "";
  const clock = [
    spec.after !== null ? `after ${clockLabel(spec.after)}` : "",
    spec.before !== null ? `before ${clockLabel(spec.before)}` : "",
  ]
    .filter(Boolean)
    .join(", ");
  const label = [days, part, clock].filter(Boolean).join(" ").trim();
  return label ? label.charAt(0).toUpperCase() + label.slice(1) : "Any time";
}

/** The local dates a spec covers, from `today` (the searcher's date). */
function datesOf(spec: TimeSpec, today: string): string[] {
  const wd = isoWeekday(today);
  const range = (start: number, n: number) => Array.from({ length: n }, (_, i) => addDays(today, start + i));
  const within = (n: number, keep: (weekday: number) => boolean) => range(0, n).filter((d) => keep(isoWeekday(d)));
  switch (spec.days) {
    case "today":
      return [today];
    case "tomorrow":
      return [addDays(today, 1)];
    case "this_weekend":
      if (wd === 7) return [today];
      return wd === 6 ? [today, addDays(today, 1)] : [addDays(today, 6 - wd), addDays(today, 7 - wd)];
    case "next_weekend": {
      // The weekend after "this weekend" (which is the current one on a Saturday or Sunday).
      const sat = addDays(today, 13 - wd);
      return [sat, addDays(sat, 1)];
    }
    case "weekends":
      return within(RECURRING_HORIZON_DAYS, (d) => d >= 6);
    case "weekdays":
      return within(RECURRING_HORIZON_DAYS, (d) => d <= 5);
    case "this_week":
      return range(0, 8 - wd);
    case "next_week":
      return range(8 - wd, 7);
    case "soon":
      return range(0, 3);
    case "any":
      return range(0, RECURRING_HORIZON_DAYS);
    case "weekday": {
      const set = new Set(spec.weekdays ?? []);
      const occurrences = spec.recurring ? 4 : 1;
      const out: string[] = [];
      for (const target of set) {
        // The coming occurrence (today counts), then weekly.
        const first = addDays(today, (target - wd + 7) % 7);
        for (let i = 0; i < occurrences; i++) out.push(addDays(first, 7 * i));
      }
      return out.sort();
    }
  }
}

/** The start-minute range of a spec within each of its days. */
export function minuteRangeOf(spec: TimeSpec): [number, number] {
  let [lo, hi] = spec.part ? DAY_PART_MINUTES[spec.part] : [0, 24 * 60];
  if (spec.after !== null) lo = Math.max(lo, spec.after);
  if (spec.before !== null) hi = Math.min(hi, spec.before);
  // "Evening after 8pm" that no longer overlaps keeps the clock, which is the more specific of the two.
  if (hi <= lo && spec.part) {
    [lo, hi] = [spec.after ?? 0, spec.before ?? 24 * 60];
  }
  return [lo, hi];
}

/**
 * Instants in which a lesson may start, in the searcher's zone, from `now` on: one interval per day of the spec
 * (skipped when already past). With no spec: [now, now + 30 days).
 */
export function resolveTimeSpec(spec: TimeSpec | null, now: Date, zone: string): Interval[] {
  if (!spec) return [{ from: now, to: new Date(now.getTime() + DEFAULT_WINDOW_DAYS * 86_400_000) }];
  const today = localDateToday(zone, now);
  const [lo, hi] = minuteRangeOf(spec);
  const out: Interval[] = [];
  for (const date of datesOf(spec, today)) {
    const from = localMinuteToInstant(date, lo, zone) ?? localMinuteToInstant(date, Math.min(lo + 60, 24 * 60), zone);
    const to = localMinuteToInstant(date, hi, zone) ?? localMinuteToInstant(date, Math.min(hi + 60, 24 * 60), zone);
    if (!from || !to) continue;
    const start = from < now ? now : from;
    if (to > start) out.push({ from: start, to });
  }
  return out;
}
