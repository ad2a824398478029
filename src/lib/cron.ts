/**
 * Five-field cron expressions ("minute hour day-of-month month day-of-week", UTC), the subset Inngest accepts
 * for schedules: `*`, numbers, lists `a,b`, ranges `a-b` and steps ("every n": star-slash-n, or a-b/n). Used by the durable runner
 * to fire scheduled functions when no Inngest server does.
 */
type Field = ReadonlySet<number>;
export type CronSchedule = {
  minute: Field;
  hour: Field;
  dom: Field;
  month: Field;
  dow: Field;
  domAny: boolean;
  dowAny: boolean;
};

const LIMITS: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

function parseField(text: string, [min, max]: [number, number]): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(",")) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new Error(`Invalid cron field "${text}"`);
    const from = m[1] === "*" ? min : Number(m[2]);
    const to = m[1] === "*" ? max : m[3] !== undefined ? Number(m[3]) : m[4] ? max : from;
    const step = m[4] ? Number(m[4]) : 1;
    if (from < min || to > max || from > to || step < 1) throw new Error(`Cron field out of range: "${text}"`);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

export function parseCron(expr: string): CronSchedule {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`A cron expression has 5 fields, got "${expr}"`);
  const [minute, hour, dom, month, dow] = fields.map((f, i) => parseField(f, LIMITS[i]!));
  if (dow!.has(7)) dow!.add(0); // 7 is Sunday too
  return {
    minute: minute!,
    hour: hour!,
    dom: dom!,
    month: month!,
    dow: dow!,
    domAny: fields[2] === "*",
    dowAny: fields[4] === "*",
  };
}

function matches(s: CronSchedule, d: Date): boolean {
  if (!s.minute.has(d.getUTCMinutes()) || !s.hour.has(d.getUTCHours()) || !s.month.has(d.getUTCMonth() + 1))
    return false;
  const domOk = s.dom.has(d.getUTCDate());
  const dowOk = s.dow.has(d.getUTCDay());
  // Standard cron: when both day fields are restricted, either may match.
  if (s.domAny || s.dowAny) return domOk && dowOk;
  return domOk || dowOk;
}

/** The latest scheduled minute in (after, upTo], or null. Looks back at most 400 days. */
export function latestOccurrence(expr: string | CronSchedule, upTo: Date, after: Date): Date | null {
  const s = typeof expr === "string" ? parseCron(expr) : expr;
  const floor = Math.max(after.getTime(), upTo.getTime() - 400 * 86_400_000);
  let t = Math.floor(upTo.getTime() / 60_000) * 60_000;
  while (t > floor) {
    const d = new Date(t);
    if (!s.hour.has(d.getUTCHours())) {
      // Skip to the last minute of the previous hour.
      t = Math.floor(t / 3_600_000) * 3_600_000 - 60_000;
      continue;
    }
    if (matches(s, d)) return d;
    t -= 60_000;
  }
  return null;
}
