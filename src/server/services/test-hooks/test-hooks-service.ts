import type { Database } from "~/server/db/client";
import type { UserRepository } from "~/server/repositories/users";
import type { BookingRepository } from "~/server/repositories/bookings";
import { ConflictError, NotFoundError } from "~/server/errors";
import { lessonPriceCents } from "~/server/services/booking/policy";
import type { Payments } from "~/server/services/payments";
import { asLocalGateway } from "~/server/integrations/payments";
import { encryptSecret } from "~/server/auth/crypto";
import { newTotpSecret } from "~/server/auth/totp";

/**
 * Fixtures that browser tests cannot create through the product (a lesson in the past). Reachable only
 * through /api/test-hooks, which answers 404 unless E2E_TEST_HOOKS=1.
 */
export function createTestHooksService({
  db,
  users,
  bookings,
  payments,
  secret,
}: {
  db: Database;
  users: UserRepository;
  bookings: BookingRepository;
  payments: Payments;
  /** The runtime's secret, which encrypts TOTP secrets at rest. */
  secret: string;
}) {
  const { flow } = payments;
  const hooks = {
    /** The account's email counts as verified (what its emailed link does), so e2e students can book. */
    async markEmailVerified(userId: string) {
      await users.update(userId, { emailVerifiedAt: new Date() });
    },

    /**
     * The account becomes an admin with 2FA on; returns its TOTP secret. Each admin spec gets its own admin, so
     * parallel specs never spend the same one-time code (the server refuses a replayed step).
     */
    async makeAdminWithTwoFactor(userId: string): Promise<{ totpSecret: string }> {
      const totpSecret = newTotpSecret();
      await users.update(userId, {
        role: "admin",
        totpSecretEnc: encryptSecret(secret, totpSecret),
        totpEnabledAt: new Date(),
      });
      return { totpSecret };
    },

    /** A confirmed lesson between two accounts that ended `endedHoursAgo` hours ago (default 2). */
    async createPastBooking(input: { studentEmail: string; instructorEmail: string; endedHoursAgo?: number }) {
      const [student, instructor] = await Promise.all([
        users.findByEmail(input.studentEmail),
        users.findByEmail(input.instructorEmail),
      ]);
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

    /**
     * A past lesson paid the product's way: booked with the student's saved card, authorized and, once marked
     * completed, captured by the payment service itself (the steps its timers run 24 h before and after).
     * `endedHoursAgo` must be past the capture delay (24 h) for the capture to be due.
     */
    async createPastCapturedPayment(input: {
      studentEmail: string;
      instructorEmail: string;
      paymentMethodId: string;
      endedHoursAgo: number;
    }) {
      const booking = await hooks.createPastBooking(input);
      const card = await flow.resolveCard(booking.studentId, input.paymentMethodId);
      await db.transaction((tx) => flow.attachToBooking(tx, booking, card));
      const auth = await flow.authorize(booking.id, { force: true });
      if (auth.outcome !== "authorized")
        throw new ConflictError(`Authorization did not succeed: ${JSON.stringify(auth)}`);
      await db.transaction((tx) =>
        bookings.update(tx, booking.id, { status: "completed", completedAt: booking.endAt }),
      );
      const settled = await flow.settleBooking(booking.id);
      if (settled.outcome !== "captured") throw new ConflictError(`Capture did not happen: ${JSON.stringify(settled)}`);
      return booking;
    },

    /**
     * Completes an instructor's Connect onboarding on the local gateway (what the person does on the local
     * onboarding page), so e2e instructors can be paid. Local gateway only.
     */
    async completeConnectOnboarding(input: { instructorEmail: string }) {
      const local = asLocalGateway(payments.gateway);
      if (!local) throw new ConflictError("Onboarding can only be completed here on the local gateway.");
      const instructor = await users.findByEmail(input.instructorEmail);
      if (!instructor) throw new NotFoundError("Unknown account.");
      const { url } = await payments.accounts.startOnboarding(instructor.id);
      const token = new URL(url).searchParams.get("link");
      if (!token || !(await local.completeOnboarding({ token, userId: instructor.id })))
        throw new ConflictError("Onboarding link not accepted.");
      return payments.accounts.refreshStatus(instructor.id);
    },
  };
  return hooks;
}
