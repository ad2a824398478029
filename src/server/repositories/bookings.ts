import { and, eq, gt, inArray, lt } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { bookings } from "~/server/db/schema";

/** Statuses that hold time on a calendar (the exclusion constraints cover exactly these). */
export const ACTIVE_BOOKING_STATUSES = ["pending_payment", "confirmed"] as const;

export function createBookingRepository(db: DbOrTx) {
  return {
    /** Active bookings of an instructor that overlap [from, to). */
    async listActiveForInstructorBetween(instructorId: string, from: Date, to: Date): Promise<{ start: Date; end: Date }[]> {
      return db
        .select({ start: bookings.startAt, end: bookings.endAt })
        .from(bookings)
        .where(
          and(
            eq(bookings.instructorId, instructorId),
            inArray(bookings.status, [...ACTIVE_BOOKING_STATUSES]),
            lt(bookings.startAt, to),
            gt(bookings.endAt, from),
          ),
        );
    },
  };
}
export type BookingRepository = ReturnType<typeof createBookingRepository>;
