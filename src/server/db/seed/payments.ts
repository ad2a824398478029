/**
 * Demo payments (embedded default only): the demo instructor gets a completed Connect account on the local
 * gateway, the demo student a saved test card, and a few past lessons between them are paid the product's way —
 * booked with the card, authorized, completed and captured by the payment service — so the Payouts page shows
 * earnings and the receipts page has receipts.
 */
import { createMemoryRateLimiters } from "~/server/kv/rate-limit";
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "~/server/db/client";
import { bookings, instructorProfiles, instructorServices, paymentAccounts, users } from "~/server/db/schema";
import { isExclusionViolation } from "~/server/db/errors";
import { createLocalGateway } from "~/server/integrations/payments";
import { createPaymentRepository } from "~/server/repositories/payments";
import { createBookingRepository } from "~/server/repositories/bookings";
import { createUserRepository } from "~/server/repositories/users";
import { createNotificationRepository } from "~/server/repositories/notifications";
import { createNotificationService } from "~/server/services/notifications/notifications-service";
import { createMemoryBus } from "~/server/realtime/bus";
import { createPayments } from "~/server/services/payments";
import { lessonPriceCents } from "~/server/services/booking/policy";

const DAY = 86_400_000;
/** Past lessons (days ago) paid and captured. (Upcoming lessons are left to the product: their timers need the runner.) */
const PAST_DAYS = [3, 9, 16, 23, 37, 52];

export async function seedDemoPayments(
  db: Database,
  opts: {
    instructorEmail: string;
    studentEmail: string;
    appUrl: string;
    now: Date;
    /** Onboard every instructor with active payouts too (the demo), or only the demo instructor (tests: faster). */
    allActiveInstructors: boolean;
  },
): Promise<{ captured: number }> {
  const gateway = await createLocalGateway({ db, appUrl: opts.appUrl });
  const now = () => opts.now;
  const payments = createPayments({
    db,
    repo: createPaymentRepository(db),
    bookings: createBookingRepository(db),
    users: createUserRepository(db),
    gateway,
    notifications: createNotificationService({
      notifications: createNotificationRepository(db),
      bus: createMemoryBus(),
    }),
    // Seeding runs no background functions: the steps are called directly below.
    events: { kind: "local", publish: async () => undefined },
    appUrl: opts.appUrl,
    limiters: createMemoryRateLimiters(),
    now,
  });
  const [instructor] = await db.select().from(users).where(eq(users.email, opts.instructorEmail)).limit(1);
  const [student] = await db.select().from(users).where(eq(users.email, opts.studentEmail)).limit(1);
  if (!instructor || !student) return { captured: 0 };
  const [service] = await db
    .select()
    .from(instructorServices)
    .where(and(eq(instructorServices.instructorId, instructor.id), eq(instructorServices.isActive, true)))
    .limit(1);
  if (!service) return { captured: 0 };

  // Connect onboarding through the local hosted page's "complete" action, for every instructor whose payouts the
  // seed marks active (so their lessons can be paid), the demo instructor first.
  const onboard = async (instructorId: string) => {
    const { url } = await payments.accounts.startOnboarding(instructorId);
    const token = new URL(url).searchParams.get("link");
    if (token) await gateway.completeOnboarding({ token, userId: instructorId });
    await payments.accounts.refreshStatus(instructorId);
  };
  await onboard(instructor.id);
  const active = !opts.allActiveInstructors
    ? []
    : await db
        .select({ id: instructorProfiles.userId })
        .from(instructorProfiles)
        .leftJoin(paymentAccounts, eq(paymentAccounts.instructorId, instructorProfiles.userId))
        .where(and(eq(instructorProfiles.payoutStatus, "active"), isNull(paymentAccounts.instructorId)));
  for (let i = 0; i < active.length; i += 8) await Promise.all(active.slice(i, i + 8).map((a) => onboard(a.id)));

  // The demo student's saved card: Stripe's Visa test card.
  const setup = await payments.accounts.startCardSetup(student.id);
  const card = await payments.accounts.confirmLocalCard(student.id, {
    ...setup,
    number: "4242424242424242",
    expMonth: 12,
    expYear: opts.now.getUTCFullYear() + 4,
    cvc: "123",
  });
  const summary = await payments.flow.resolveCard(student.id, card.paymentMethodId);

  const repo = createBookingRepository(db);
  const duration = service.durations.includes(60) ? 60 : service.durations[0]!;
  const startOfToday = Date.UTC(opts.now.getUTCFullYear(), opts.now.getUTCMonth(), opts.now.getUTCDate());
  let captured = 0;
  const lesson = async (start: Date) => {
    const end = new Date(start.getTime() + duration * 60_000);
    try {
      return await db.transaction(async (tx) => {
        const b = await repo.insert(tx, {
          studentId: student.id,
          instructorId: instructor.id,
          serviceId: service.id,
          startAt: start,
          endAt: end,
          bufferMinutes: 15,
          blockedUntil: new Date(end.getTime() + 15 * 60_000),
          status: "confirmed",
          locationType: "online",
          priceCents: lessonPriceCents(service.hourlyRateCents, duration),
        });
        await payments.flow.attachToBooking(tx, b, summary);
        return b;
      });
    } catch (e) {
      if (isExclusionViolation(e)) return null; // the seed already put a lesson there
      throw e;
    }
  };
  for (const daysAgo of PAST_DAYS) {
    const b = await lesson(new Date(startOfToday - daysAgo * DAY + 12 * 3_600_000)); // 07:00/08:00 New York
    if (!b) continue;
    const auth = await payments.flow.authorize(b.id, { force: true });
    if (auth.outcome !== "authorized") continue;
    await db
      .update(bookings)
      .set({ status: "completed", completedAt: new Date(b.endAt.getTime() + 3_600_000) })
      .where(eq(bookings.id, b.id));
    if ((await payments.flow.settleBooking(b.id)).outcome === "captured") captured++;
  }
  return { captured };
}
