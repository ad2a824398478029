import type { Database } from "~/server/db/client";
import type { UserRepository } from "~/server/repositories/users";
import type { BookingRepository } from "~/server/repositories/bookings";
import { NotFoundError } from "~/server/errors";
import { lessonPriceCents } from "~/server/services/booking/policy";

/**
 * Fixtures that browser tests cannot create through the product (a lesson in the past). Reachable only
 * through /api/test-hooks, which answers 404 unless E2E_TEST_HOOKS=1.
 */
export function createTestHooksService({ db, users, bookings }: { db: Database; users: UserRepository; bookings: BookingRepository }) {
  return {
    /** A confirmed lesson between two accounts that ended `endedHoursAgo` hours ago (default 2). */
    async createPastBooking(input: { studentEmail: string; instructorEmail: string; endedHoursAgo?: number }) {
      const [student, instructor] = await Promise.all([users.findByEmail(input.studentEmail), users.findByEmail(input.instructorEmail)]);
      if (!student || !instructor) throw new NotFoundError("Unknown account.");
      const service = await bookings.findFirstActiveService(instructor.id);
      if (!service) throw new NotFoundError("The instructor has no active service.");
      const end = new Date(Date.now() - (input.endedHoursAgo ?? 2) * 3_600_000);
      const start = new Date(end.getTime() - 60 * 60_000);
      return db.transaction((tx) =>
        bookings.insert(tx, {
          studentId: student.id,
          instructorId: instructor.id,
          serviceId: service.id,
          startAt: start,
          endAt: end,
          bufferMinutes: 15,
          blockedUntil: new Date(end.getTime() + 15 * 60_000),
          status: "confirmed",
          locationType: "online",
          priceCents: lessonPriceCents(service.hourlyRateCents, 60),
        }),
      );
    },
  };
}
