import { and, between, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import {
  availabilityBlackouts,
  availabilityDays,
  availabilityPatterns,
  availabilityWeeks,
  instructorProfiles,
  instructorServices,
} from "~/server/db/schema";

export type AvailabilitySettings = {
  timeZone: string;
  bufferMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
};

/** Availability bitmaps, weekly patterns, blackouts and week versions. */
export function createAvailabilityRepository(db: DbOrTx) {
  return {
    async findSettings(instructorId: string): Promise<AvailabilitySettings | null> {
      const [row] = await db
        .select({
          timeZone: instructorProfiles.timeZone,
          bufferMinutes: instructorProfiles.bufferMinutes,
          minNoticeMinutes: instructorProfiles.minNoticeMinutes,
          horizonDays: instructorProfiles.horizonDays,
        })
        .from(instructorProfiles)
        .where(eq(instructorProfiles.userId, instructorId))
        .limit(1);
      return row ?? null;
    },
    /** A service with its instructor's scheduling settings, in one round-trip (the slot hot path). */
    async findServiceForSlots(serviceId: string) {
      const [row] = await db
        .select({
          instructorId: instructorServices.instructorId,
          durations: instructorServices.durations,
          isActive: instructorServices.isActive,
          settings: {
            timeZone: instructorProfiles.timeZone,
            bufferMinutes: instructorProfiles.bufferMinutes,
            minNoticeMinutes: instructorProfiles.minNoticeMinutes,
            horizonDays: instructorProfiles.horizonDays,
          },
        })
        .from(instructorServices)
        .innerJoin(instructorProfiles, eq(instructorProfiles.userId, instructorServices.instructorId))
        .where(eq(instructorServices.id, serviceId))
        .limit(1);
      return row ?? null;
    },
    /** Durations offered by the instructor's active services. */
    async activeDurations(instructorId: string): Promise<number[]> {
      const rows = await db
        .select({ durations: instructorServices.durations })
        .from(instructorServices)
        .where(and(eq(instructorServices.instructorId, instructorId), eq(instructorServices.isActive, true)));
      return [...new Set(rows.flatMap((r) => r.durations))].sort((a, b) => a - b);
    },
    async listDays(instructorId: string, dates: string[], tx: DbOrTx = db) {
      if (!dates.length) return [];
      return tx
        .select({ localDate: availabilityDays.localDate, bits: availabilityDays.bits })
        .from(availabilityDays)
        .where(and(eq(availabilityDays.instructorId, instructorId), inArray(availabilityDays.localDate, dates)));
    },
    async listPatterns(instructorId: string, tx: DbOrTx = db) {
      return tx
        .select({ weekday: availabilityPatterns.weekday, bits: availabilityPatterns.bits })
        .from(availabilityPatterns)
        .where(eq(availabilityPatterns.instructorId, instructorId));
    },
    async listBlackouts(instructorId: string, fromDate: string, toDate: string, tx: DbOrTx = db) {
      return tx
        .select({ localDate: availabilityBlackouts.localDate, reason: availabilityBlackouts.reason })
        .from(availabilityBlackouts)
        .where(
          and(
            eq(availabilityBlackouts.instructorId, instructorId),
            between(availabilityBlackouts.localDate, fromDate, toDate),
          ),
        )
        .orderBy(availabilityBlackouts.localDate);
    },
    async weekVersion(instructorId: string, weekStart: string, tx: DbOrTx = db): Promise<number> {
      const [row] = await tx
        .select({ version: availabilityWeeks.version })
        .from(availabilityWeeks)
        .where(and(eq(availabilityWeeks.instructorId, instructorId), eq(availabilityWeeks.weekStart, weekStart)))
        .limit(1);
      return row?.version ?? 0;
    },
    /**
     * Compare-and-set of a week's version: succeeds only when the stored version equals `expected`
     * (0 = never saved). Concurrent savers serialise on the row; the loser gets null.
     */
    async advanceWeekVersion(
      tx: DbOrTx,
      { instructorId, weekStart, expected }: { instructorId: string; weekStart: string; expected: number },
    ): Promise<number | null> {
      if (expected === 0) {
        const rows = await tx
          .insert(availabilityWeeks)
          .values({ instructorId, weekStart, version: 1 })
          .onConflictDoUpdate({
            target: [availabilityWeeks.instructorId, availabilityWeeks.weekStart],
            set: { version: sql`${availabilityWeeks.version} + 1`, updatedAt: new Date() },
            setWhere: sql`${availabilityWeeks.version} = 0`,
          })
          .returning({ version: availabilityWeeks.version });
        return rows[0]?.version ?? null;
      }
      const rows = await tx
        .update(availabilityWeeks)
        .set({ version: sql`${availabilityWeeks.version} + 1`, updatedAt: new Date() })
        .where(
          and(
            eq(availabilityWeeks.instructorId, instructorId),
            eq(availabilityWeeks.weekStart, weekStart),
            eq(availabilityWeeks.version, expected),
          ),
        )
        .returning({ version: availabilityWeeks.version });
      return rows[0]?.version ?? null;
    },
    /** Bumps a week's version unconditionally (copy-week overwrites its targets). */
    async bumpWeekVersion(tx: DbOrTx, instructorId: string, weekStart: string): Promise<number> {
      const [row] = await tx
        .insert(availabilityWeeks)
        .values({ instructorId, weekStart, version: 1 })
        .onConflictDoUpdate({
          target: [availabilityWeeks.instructorId, availabilityWeeks.weekStart],
          set: { version: sql`${availabilityWeeks.version} + 1`, updatedAt: new Date() },
        })
        .returning({ version: availabilityWeeks.version });
      return row!.version;
    },
    async upsertDays(tx: DbOrTx, instructorId: string, days: { localDate: string; bits: Uint8Array }[]): Promise<void> {
      if (!days.length) return;
      await tx
        .insert(availabilityDays)
        .values(days.map((d) => ({ instructorId, localDate: d.localDate, bits: d.bits })))
        .onConflictDoUpdate({
          target: [availabilityDays.instructorId, availabilityDays.localDate],
          set: { bits: sql`excluded.bits`, updatedAt: new Date() },
        });
    },
    async replacePatterns(
      tx: DbOrTx,
      instructorId: string,
      rows: { weekday: number; bits: Uint8Array }[],
    ): Promise<void> {
      await tx.delete(availabilityPatterns).where(eq(availabilityPatterns.instructorId, instructorId));
      if (rows.length) await tx.insert(availabilityPatterns).values(rows.map((r) => ({ instructorId, ...r })));
    },
    async addBlackout(instructorId: string, localDate: string, reason: string): Promise<void> {
      await db
        .insert(availabilityBlackouts)
        .values({ instructorId, localDate, reason })
        .onConflictDoUpdate({
          target: [availabilityBlackouts.instructorId, availabilityBlackouts.localDate],
          set: { reason },
        });
    },
    async removeBlackout(instructorId: string, localDate: string): Promise<boolean> {
      const rows = await db
        .delete(availabilityBlackouts)
        .where(
          and(eq(availabilityBlackouts.instructorId, instructorId), eq(availabilityBlackouts.localDate, localDate)),
        )
        .returning({ d: availabilityBlackouts.localDate });
      return rows.length > 0;
    },
  };
}
export type AvailabilityRepository = ReturnType<typeof createAvailabilityRepository>;
