import type { Database } from "~/server/db/client";
import type { AuditRepository } from "~/server/repositories/audit";
import type { ConversationRepository } from "~/server/repositories/conversations";
import type { InstructorRepository } from "~/server/repositories/instructors";
import type { ModerationRepository } from "~/server/repositories/moderation";
import { createAdminOpsRepository } from "~/server/repositories/admin-ops";
import type { BackgroundCheckProvider } from "~/server/integrations/background-check";
import type { RateLimiterFactory } from "~/server/kv/rate-limit";
import type { BookingService } from "~/server/services/booking/booking-service";
import type { InstructorService } from "~/server/services/instructors/instructor-service";
import type { MessagingService } from "~/server/services/messaging/messaging-service";
import type { NotificationService } from "~/server/services/notifications/notifications-service";
import type { Payments } from "~/server/services/payments";
import { adminAudit, type AdminCall } from "./audit-entry";
import { createAdminBookings } from "./admin-bookings";
import { createAdminInstructors } from "./admin-instructors";
import { createAdminJobs } from "./admin-jobs";
import { createAdminPayments } from "./admin-payments";
import { createModeration } from "./moderation";

/**
 * The admin console's operations (issue 12): instructors, bookings, the payments pipeline, moderation and jobs.
 * Each part writes exactly one audit row per mutation (before / after) through one writer.
 */
export function createAdminOperations(deps: {
  db: Database;
  audit: AuditRepository;
  moderationRepo: ModerationRepository;
  conversations: ConversationRepository;
  instructorsRepo: InstructorRepository;
  instructors: InstructorService;
  backgroundChecks: BackgroundCheckProvider;
  booking: BookingService;
  payments: Payments;
  messaging: MessagingService;
  notifications: NotificationService;
  limiters: RateLimiterFactory;
  hashIp: (ip: string) => string;
  /** The users console's suspension (admin service), used by moderation's "suspend the author". */
  suspendUser: (call: AdminCall, input: { userId: string; reason: string }) => Promise<unknown>;
  runner: "local" | "inngest";
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const repo = createAdminOpsRepository(deps.db);
  const audit = adminAudit(deps.audit, deps.hashIp);
  return {
    instructors: createAdminInstructors({
      db: deps.db,
      repo,
      instructorsRepo: deps.instructorsRepo,
      moderation: deps.moderationRepo,
      instructors: deps.instructors,
      backgroundChecks: deps.backgroundChecks,
      audit,
    }),
    bookings: createAdminBookings({ repo, booking: deps.booking, payments: deps.payments, audit }),
    payments: createAdminPayments({ db: deps.db, repo, payments: deps.payments, audit }),
    moderation: createModeration({
      db: deps.db,
      repo: deps.moderationRepo,
      conversations: deps.conversations,
      messaging: deps.messaging,
      notifications: deps.notifications,
      limiters: deps.limiters,
      audit,
      suspendUser: deps.suspendUser,
      now,
    }),
    jobs: createAdminJobs({ db: deps.db, repo, audit, runner: deps.runner, now }),
  };
}
export type AdminOperations = ReturnType<typeof createAdminOperations>;
