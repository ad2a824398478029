import { newId } from "~/lib/ids";
import { bitmapToWindows, emptyDay, isEmpty, windowsToBitmap } from "~/lib/availability/bitmap";
import { computeSlots, firstSlot } from "~/lib/availability/slots";
import type { TimeWindow } from "~/lib/time/windows";
import { addDays, datesInRange, isoWeekday, localDateToday, localDatesForRange, weekStartOf } from "~/lib/time/zoned";
import type { Database } from "~/server/db/client";
import type { z } from "zod";
import type {
  ZAddBlackout,
  ZBlackoutRange,
  ZCopyWeekInput,
  ZGetSlotsInput,
  ZGetWeekInput,
  ZRemoveBlackout,
  ZSavePatternInput,
  ZSaveWeekInput,
} from "~/server/api/routers/availability.schemas";
import type { AvailabilityRepository, AvailabilitySettings } from "~/server/repositories/availability";
import type { BookingRepository } from "~/server/repositories/bookings";
import type { Cache } from "~/server/kv/cache";
import type { Actor } from "~/server/services/auth/session-service";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "~/server/errors";

/** Slot lists are cached briefly; any availability or booking change for the instructor invalidates them. */
export const SLOT_CACHE_TTL_SECONDS = 60;
export const MAX_COPY_WEEKS = 12;
/** Longest window getSlots answers in one call (a little over the default 90-day horizon). */
export const MAX_SLOT_RANGE_DAYS = 93;
/** PRODUCT.md §2: a profile is listed only with some availability in the next 30 days. */
export const LISTING_AVAILABILITY_DAYS = 30;

export type DaySource = "custom" | "pattern" | "none";
export type WeekDayView = {
  date: string;
  weekday: number;
  windows: TimeWindow[];
  source: DaySource;
  blackout: boolean;
  blackoutReason: string | null;
};
export type WeekView = {
  instructorId: string;
  weekStart: string;
  timeZone: string;
  version: number;
  days: WeekDayView[];
};

type Deps = {
  db: Database;
  availability: AvailabilityRepository;
  bookings: BookingRepository;
  cache: Cache;
  now?: () => Date;
};

/**
 * The availability engine (PRODUCT.md §3). Availability is stored per local date as a 1440-bit bitmap
 * in the instructor's zone; a date without its own row follows the weekly pattern; a blackout empties it.
 * Changing availability never touches bookings: slots are availability minus active bookings, computed on read.
 */
export function createAvailabilityService({ db, availability, bookings, cache, now = () => new Date() }: Deps) {
  async function settingsOf(instructorId: string): Promise<AvailabilitySettings> {
    const s = await availability.findSettings(instructorId);
    if (!s) throw new NotFoundError("Instructor not found.");
    return s;
  }

  /** Owners manage their own calendar; admins may read anyone's. */
  function resolveOwner(actor: Actor, instructorId: string | undefined, write: boolean): string {
    const target = instructorId ?? actor.userId;
    if (target === actor.userId && actor.permissions.has("availability:manage:own")) return target;
    if (!write && actor.permissions.has("admin:instructors")) return target;
    throw new ForbiddenError("You can only manage your own availability.");
  }

  /** Effective bitmap per date: own row, else weekly pattern, emptied by a blackout. */
  async function effectiveDays(instructorId: string, dates: string[]) {
    if (!dates.length)
      return {
        bits: new Map<string, Uint8Array>(),
        hours: new Map<string, Uint8Array>(),
        source: new Map<string, DaySource>(),
        blackouts: new Map<string, string>(),
      };
    const sorted = [...dates].sort();
    const [rows, patterns, blackoutRows] = await Promise.all([
      availability.listDays(instructorId, sorted),
      availability.listPatterns(instructorId),
      availability.listBlackouts(instructorId, sorted[0]!, sorted[sorted.length - 1]!),
    ]);
    const own = new Map(rows.map((r) => [r.localDate, r.bits]));
    const pattern = new Map(patterns.map((p) => [p.weekday, p.bits]));
    const blackouts = new Map(blackoutRows.map((b) => [b.localDate, b.reason]));
    /** `hours`: what the calendar says; `bits`: what is bookable (blackouts removed). */
    const hours = new Map<string, Uint8Array>();
    const bits = new Map<string, Uint8Array>();
    const source = new Map<string, DaySource>();
    for (const date of sorted) {
      const ownBits = own.get(date);
      const patternBits = pattern.get(isoWeekday(date));
      source.set(date, ownBits ? "custom" : patternBits ? "pattern" : "none");
      const b = ownBits ?? patternBits;
      if (!b || isEmpty(b)) continue;
      hours.set(date, b);
      if (!blackouts.has(date)) bits.set(date, b);
    }
    return { bits, hours, source, blackouts };
  }

  async function weekView(instructorId: string, weekStart: string, timeZone: string): Promise<WeekView> {
    const dates = datesInRange(weekStart, addDays(weekStart, 6));
    const [{ hours, source, blackouts }, version] = await Promise.all([
      effectiveDays(instructorId, dates),
      availability.weekVersion(instructorId, weekStart),
    ]);
    return {
      instructorId,
      weekStart,
      timeZone,
      version,
      days: dates.map((date) => ({
        date,
        weekday: isoWeekday(date),
        // A blacked-out day still shows its hours so lifting the blackout restores them visibly.
        windows: bitmapToWindows(hours.get(date) ?? emptyDay()),
        source: source.get(date) ?? "none",
        blackout: blackouts.has(date),
        blackoutReason: blackouts.get(date) ?? null,
      })),
    };
  }

  function assertWeekStart(weekStart: string) {
    if (weekStartOf(weekStart) !== weekStart)
      throw new ValidationError("Weeks start on Monday.", { weekStart: ["Must be a Monday"] });
  }

  function assertNotPast(weekStart: string, timeZone: string) {
    if (addDays(weekStart, 6) < localDateToday(timeZone, now())) {
      throw new ValidationError("Past weeks can't be changed.", { weekStart: ["This week is in the past"] });
    }
  }

  async function invalidateSlots(instructorId: string) {
    await cache.set(`slots-gen:${instructorId}`, newId(), 7 * 86_400);
  }

  async function slotInput(
    instructorId: string,
    settings: AvailabilitySettings,
    durationMinutes: number,
    from: Date,
    to: Date,
    excludeBookingId?: string,
  ) {
    const dates = localDatesForRange(from, new Date(to.getTime() + durationMinutes * 60_000), settings.timeZone);
    const margin = (settings.bufferMinutes + durationMinutes + 24 * 60) * 60_000;
    const [{ bits }, busy] = await Promise.all([
      effectiveDays(instructorId, dates),
      bookings.listActiveForInstructorBetween(instructorId, {
        from: new Date(from.getTime() - margin),
        to: new Date(to.getTime() + margin),
        excludeBookingId,
      }),
    ]);
    return {
      zone: settings.timeZone,
      days: bits,
      busy,
      bufferMinutes: settings.bufferMinutes,
      durationMinutes,
      from,
      to,
      now: now(),
      minNoticeMinutes: settings.minNoticeMinutes,
      horizonDays: settings.horizonDays,
    };
  }

  return {
    invalidateSlots,

    /** Seven days of windows for a week (Monday start, instructor's zone) with the week's version (ETag). */
    async getWeek(actor: Actor, input: z.infer<typeof ZGetWeekInput>): Promise<WeekView> {
      assertWeekStart(input.weekStart);
      const instructorId = resolveOwner(actor, input.instructorId, false);
      const settings = await settingsOf(instructorId);
      return weekView(instructorId, input.weekStart, settings.timeZone);
    },

    /**
     * Saves the given days of one week atomically. A stale `expectedVersion` (someone saved since) is refused
     * with CONFLICT carrying the current week. Bookings are never touched.
     */
    async saveWeek(actor: Actor, input: z.infer<typeof ZSaveWeekInput>): Promise<WeekView> {
      assertWeekStart(input.weekStart);
      const instructorId = resolveOwner(actor, undefined, true);
      const settings = await settingsOf(instructorId);
      assertNotPast(input.weekStart, settings.timeZone);
      const weekDates = new Set(datesInRange(input.weekStart, addDays(input.weekStart, 6)));
      const seen = new Set<string>();
      const rows = input.days.map((d, i) => {
        if (!weekDates.has(d.date))
          throw new ValidationError("Every day must belong to the week being saved.", {
            [`days.${i}.date`]: ["Not in this week"],
          });
        if (seen.has(d.date))
          throw new ValidationError("Each day may appear once.", { [`days.${i}.date`]: ["Duplicate day"] });
        seen.add(d.date);
        return { localDate: d.date, bits: windowsToBitmap(d.windows) };
      });
      const saved = await db.transaction(async (tx) => {
        const version = await availability.advanceWeekVersion(tx, {
          instructorId,
          weekStart: input.weekStart,
          expected: input.expectedVersion,
        });
        if (version === null) return false;
        await availability.upsertDays(tx, instructorId, rows);
        return true;
      });
      if (!saved) {
        const current = await weekView(instructorId, input.weekStart, settings.timeZone);
        throw new ConflictError(
          "This week was changed somewhere else (another tab or device). Review the latest version and save again.",
          {
            currentVersion: current.version,
            current,
          },
        );
      }
      await invalidateSlots(instructorId);
      return weekView(instructorId, input.weekStart, settings.timeZone);
    },

    /** Copies a week's effective hours onto the next `weeks` weeks (overwriting them), in one transaction. */
    async copyWeek(actor: Actor, input: z.infer<typeof ZCopyWeekInput>): Promise<{ copiedTo: string[] }> {
      assertWeekStart(input.weekStart);
      if (input.weeks < 1 || input.weeks > MAX_COPY_WEEKS)
        throw new ValidationError(`Copy to 1–${MAX_COPY_WEEKS} weeks.`, { weeks: ["Out of range"] });
      const instructorId = resolveOwner(actor, undefined, true);
      await settingsOf(instructorId);
      const source = datesInRange(input.weekStart, addDays(input.weekStart, 6));
      const { hours: bitsByDate } = await effectiveDays(instructorId, source);
      const copiedTo: string[] = [];
      await db.transaction(async (tx) => {
        for (let w = 1; w <= input.weeks; w++) {
          const target = addDays(input.weekStart, 7 * w);
          copiedTo.push(target);
          await availability.upsertDays(
            tx,
            instructorId,
            source.map((d, i) => ({ localDate: addDays(target, i), bits: bitsByDate.get(d) ?? emptyDay() })),
          );
          await availability.bumpWeekVersion(tx, instructorId, target);
        }
      });
      await invalidateSlots(instructorId);
      return { copiedTo };
    },

    /** The repeating weekly pattern (weekday 1 = Monday … 7 = Sunday). */
    async getPattern(actor: Actor): Promise<{ days: { weekday: number; windows: TimeWindow[] }[] }> {
      const instructorId = resolveOwner(actor, undefined, false);
      const rows = new Map((await availability.listPatterns(instructorId)).map((r) => [r.weekday, r.bits]));
      return {
        days: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
          weekday,
          windows: bitmapToWindows(rows.get(weekday) ?? emptyDay()),
        })),
      };
    },

    /** Replaces the weekly pattern; it applies to every date that has no hours of its own. */
    async savePattern(actor: Actor, input: z.infer<typeof ZSavePatternInput>) {
      const instructorId = resolveOwner(actor, undefined, true);
      await settingsOf(instructorId);
      const rows = input.days
        .map((d) => ({ weekday: d.weekday, bits: windowsToBitmap(d.windows) }))
        .filter((r) => !isEmpty(r.bits));
      await db.transaction((tx) => availability.replacePatterns(tx, instructorId, rows));
      await invalidateSlots(instructorId);
      return this.getPattern(actor);
    },

    /** Blackout dates between two local dates. */
    async listBlackouts(actor: Actor, input: z.infer<typeof ZBlackoutRange>) {
      const instructorId = resolveOwner(actor, undefined, false);
      return availability.listBlackouts(instructorId, input.from, input.to);
    },

    /** Marks a local date unavailable whatever its hours say (holiday, sick day). */
    async addBlackout(actor: Actor, input: z.infer<typeof ZAddBlackout>) {
      const instructorId = resolveOwner(actor, undefined, true);
      const settings = await settingsOf(instructorId);
      if (input.date < localDateToday(settings.timeZone, now()))
        throw new ValidationError("That date is in the past.", { date: ["In the past"] });
      await availability.addBlackout(instructorId, input.date, input.reason);
      await invalidateSlots(instructorId);
    },

    async removeBlackout(actor: Actor, input: z.infer<typeof ZRemoveBlackout>) {
      const instructorId = resolveOwner(actor, undefined, true);
      if (!(await availability.removeBlackout(instructorId, input.date)))
        throw new NotFoundError("No blackout on that date.");
      await invalidateSlots(instructorId);
    },

    /**
     * Bookable start times for a service and duration: availability minus buffered active bookings, minus
     * minimum notice, within the horizon, on the 15-minute grid (DST-correct). Cached per instructor generation.
     */
    async getSlots(input: z.infer<typeof ZGetSlotsInput>) {
      const service = await availability.findServiceForSlots(input.instructorServiceId);
      if (!service?.isActive) throw new NotFoundError("That service is not available.");
      if (!service.durations.includes(input.duration)) {
        throw new ValidationError(`This service offers ${service.durations.join(", ")} minute lessons.`, {
          duration: ["Not offered"],
        });
      }
      if (input.to <= input.from)
        throw new ValidationError("The range must end after it starts.", { to: ["Before from"] });
      if (input.to.getTime() - input.from.getTime() > MAX_SLOT_RANGE_DAYS * 86_400_000) {
        throw new ValidationError(`Ask for at most ${MAX_SLOT_RANGE_DAYS} days at a time.`, { to: ["Range too long"] });
      }
      const settings = service.settings;
      const gen = (await cache.get(`slots-gen:${service.instructorId}`)) ?? "0";
      const key = `slots:${service.instructorId}:${gen}:${input.instructorServiceId}:${input.duration}:${input.from.getTime()}:${input.to.getTime()}`;
      const earliest = now().getTime() + settings.minNoticeMinutes * 60_000;
      const hit = await cache.get(key);
      let slots: number[];
      if (hit) {
        // Minimum notice moves with the clock: re-apply it to cached results.
        slots = (JSON.parse(hit) as number[]).filter((t) => t >= earliest);
      } else {
        slots = computeSlots(await slotInput(service.instructorId, settings, input.duration, input.from, input.to)).map(
          (d) => d.getTime(),
        );
        await cache.set(key, JSON.stringify(slots), SLOT_CACHE_TTL_SECONDS);
      }
      return {
        instructorId: service.instructorId,
        timeZone: settings.timeZone,
        durationMinutes: input.duration,
        slots: slots.map((t) => new Date(t)),
      };
    },

    /** The instructor's earliest bookable start for their shortest offered lesson, or null. */
    async nextAvailable(instructorId: string): Promise<{ start: Date | null; durationMinutes: number | null }> {
      const settings = await settingsOf(instructorId);
      const durations = await availability.activeDurations(instructorId);
      const shortest = durations[0];
      if (!shortest) return { start: null, durationMinutes: null };
      const from = now();
      const to = new Date(from.getTime() + settings.horizonDays * 86_400_000);
      return {
        start: firstSlot(await slotInput(instructorId, settings, shortest, from, to)),
        durationMinutes: shortest,
      };
    },

    /**
     * Whether a lesson [start, start + duration) is bookable right now by the same rules as getSlots
     * (availability, grid, buffer, notice, horizon). `ignoreBookingId`: the booking a reschedule replaces.
     */
    async isBookable(
      instructorId: string,
      start: Date,
      durationMinutes: number,
      ignoreBookingId?: string,
    ): Promise<boolean> {
      const settings = await settingsOf(instructorId);
      const to = new Date(start.getTime() + 1);
      return computeSlots(await slotInput(instructorId, settings, durationMinutes, start, to, ignoreBookingId)).some(
        (d) => d.getTime() === start.getTime(),
      );
    },

    /** Whether any lesson could be booked in the next `days` days (the listing rule). */
    async hasAvailabilityWithin(instructorId: string, days = LISTING_AVAILABILITY_DAYS): Promise<boolean> {
      const settings = await settingsOf(instructorId);
      const durations = await availability.activeDurations(instructorId);
      const from = now();
      const to = new Date(from.getTime() + days * 86_400_000);
      return firstSlot(await slotInput(instructorId, settings, durations[0] ?? 30, from, to)) !== null;
    },
  };
}
export type AvailabilityService = ReturnType<typeof createAvailabilityService>;
