import { z } from "zod";
import { isValidIsoDate } from "~/lib/time/zoned";
import { parseTime } from "~/lib/time/windows";
import { DURATIONS } from "~/server/db/schema";
import { MAX_COPY_WEEKS } from "~/server/services/availability/availability-service";

export const ZUlid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { message: "Invalid id" });
export const ZIsoDate = z.string().refine(isValidIsoDate, { message: "Use a date like 2026-03-09" });

const ZTime = z.string().refine((v) => parseTime(v) !== null, { message: 'Use 24-hour "HH:MM" (00:00–24:00)' });
export const ZTimeWindow = z
  .object({ start: ZTime, end: ZTime })
  .refine((w) => (parseTime(w.start) ?? 0) < (parseTime(w.end) ?? 0), { message: "A window must end after it starts", path: ["end"] });
/** At most 48 windows a day (one per half hour) — more is not a schedule, it's noise. */
export const ZWindows = z.array(ZTimeWindow).max(48);

export const ZGetWeekInput = z.object({ instructorId: ZUlid.optional(), weekStart: ZIsoDate });
export const ZSaveWeekInput = z.object({
  weekStart: ZIsoDate,
  days: z.array(z.object({ date: ZIsoDate, windows: ZWindows })).min(1).max(7),
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
export const ZAddBlackout = z.object({ date: ZIsoDate, reason: z.string().trim().max(200).default("") });
export const ZRemoveBlackout = z.object({ date: ZIsoDate });
export const ZGetSlotsInput = z.object({
  instructorServiceId: ZUlid,
  duration: z.number().int().refine((d) => (DURATIONS as readonly number[]).includes(d), { message: "Lessons are 30, 45, 60 or 90 minutes" }),
  from: z.coerce.date(),
  to: z.coerce.date(),
});
export const ZNextAvailableInput = z.object({ instructorId: ZUlid });
