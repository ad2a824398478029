import { z } from "zod";
import { parseTime } from "~/lib/time/windows";
import { DURATIONS } from "~/server/db/schema";
import { MAX_COPY_WEEKS } from "~/server/services/availability/availability-service";
import { ZId, ZInstant, ZIsoDate, zText } from "~/server/api/zod";

/** Kept for the schema files that import ids and dates from here; the rules live in ~/server/api/zod. */
export const ZUlid = ZId;
export { ZIsoDate };

const ZTime = z.string().refine((v) => parseTime(v) !== null, { message: 'Use 24-hour "HH:MM" (00:00–24:00)' });
export const ZTimeWindow = z
  .object({ start: ZTime, end: ZTime })
  .refine((w) => (parseTime(w.start) ?? 0) < (parseTime(w.end) ?? 0), {
    message: "A window must end after it starts",
    path: ["end"],
  });
/** At most 48 windows a day (one per half hour) — more is not a schedule, it's noise. */
export const ZWindows = z.array(ZTimeWindow).max(48);

export const ZGetWeekInput = z.object({ instructorId: ZUlid.optional(), weekStart: ZIsoDate });
export const ZSaveWeekInput = z.object({
  weekStart: ZIsoDate,
  days: z
    .array(z.object({ date: ZIsoDate, windows: ZWindows }))
    .min(1)
    .max(7),
  expectedVersion: z.number().int().min(0),
});
export const ZCopyWeekInput = z.object({ weekStart: ZIsoDate, weeks: z.number().int().min(1).max(MAX_COPY_WEEKS) });
export const ZSavePatternInput = z.object({
  days: z
    .array(z.object({ weekday: z.number().int().min(1).max(7), windows: ZWindows }))
    .max(7)
    .refine((d) => new Set(d.map((x) => x.weekday)).size === d.length, { message: "Each weekday once" }),
});
export const ZBlackoutRange = z.object({ from: ZIsoDate, to: ZIsoDate });
export const ZAddBlackout = z.object({ date: ZIsoDate, reason: zText({ max: 200 }).default("") });
export const ZRemoveBlackout = z.object({ date: ZIsoDate });
export const ZGetSlotsInput = z.object({
  instructorServiceId: ZUlid,
  duration: z
    .number()
    .int()
    .refine((d) => (DURATIONS as readonly number[]).includes(d), { message: "Lessons are 30, 45, 60 or 90 minutes" }),
  from: ZInstant,
  to: ZInstant,
});
export const ZNextAvailableInput = z.object({ instructorId: ZUlid });

/* ── Outputs ── */

const ZWindowOut = z.object({ start: z.string(), end: z.string() });
export const ZWeekView = z.object({
  instructorId: z.string(),
  weekStart: z.string(),
  timeZone: z.string(),
  version: z.number().int(),
  days: z.array(
    z.object({
      date: z.string(),
      weekday: z.number().int(),
      windows: z.array(ZWindowOut),
      source: z.enum(["custom", "pattern", "none"]),
      blackout: z.boolean(),
      blackoutReason: z.string().nullable(),
    }),
  ),
});
export const ZCopyWeekResult = z.object({ copiedTo: z.array(z.string()) });
export const ZPatternView = z.object({
  days: z.array(z.object({ weekday: z.number().int(), windows: z.array(ZWindowOut) })),
});
export const ZBlackoutList = z.array(z.object({ localDate: z.string(), reason: z.string() }));
/** Public: bookable starts only (no bookings, no other students). */
export const ZSlots = z.object({
  instructorId: z.string(),
  timeZone: z.string(),
  durationMinutes: z.number().int(),
  slots: z.array(z.date()),
});
export const ZNextAvailable = z.object({ start: z.date().nullable(), durationMinutes: z.number().int().nullable() });
