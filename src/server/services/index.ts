import type { Runtime } from "~/server/runtime";
import { createUserRepository } from "~/server/repositories/users";
import { createAuditRepository } from "~/server/repositories/audit";
import { createOutboxRepository } from "~/server/repositories/outbox";
import { createSessionRepository } from "~/server/repositories/sessions";
import { createAuthService } from "./auth/auth-service";
import { createAccountService } from "./account/account-service";
import { createSessionService } from "./auth/session-service";
import { createOutboxService } from "./outbox/outbox-service";
import { createAdminService } from "./admin/admin-service";
import { createAdminRepository } from "~/server/repositories/admin";
import { createAvailabilityService } from "./availability/availability-service";
import { createBookingService } from "./booking/booking-service";
import { createIdempotencyService } from "./idempotency/idempotency-service";
import { createIdempotencyRepository } from "~/server/repositories/idempotency";
import { createTestHooksService } from "./test-hooks/test-hooks-service";
import { createAvailabilityRepository } from "~/server/repositories/availability";
import { createBookingRepository } from "~/server/repositories/bookings";
import { createCatalogRepository } from "~/server/repositories/catalog";
import { createInstructorRepository } from "~/server/repositories/instructors";
import { createFavouriteRepository } from "~/server/repositories/favourites";
import { createCatalogService } from "./catalog/catalog-service";
import { createInstructorService } from "./instructors/instructor-service";
import { createFavouriteService } from "./favourites/favourite-service";
import { createBackgroundCheckProvider } from "~/server/integrations/background-check";
import { createFileStorage } from "~/server/integrations/storage";
import { hmac } from "~/server/auth/crypto";
import { createConversationRepository } from "~/server/repositories/conversations";
import { createNotificationRepository } from "~/server/repositories/notifications";
import { createPlatformConfigRepository } from "~/server/repositories/platform-config";
import { createMessagingService } from "./messaging/messaging-service";
import { createNotificationService } from "./notifications/notifications-service";
import { createDispatchService } from "./notifications/dispatch-service";
import { createNotificationFlows } from "./notifications/flows";
import { createNotificationDeliveryRepository } from "~/server/repositories/notification-deliveries";
import { createSearchRepository } from "~/server/repositories/search";
import { createSearchService } from "./search/search-service";
import { createPaymentRepository } from "~/server/repositories/payments";
import { createPayments } from "./payments";
import { createModerationRepository } from "~/server/repositories/moderation";
import { createAdminOperations } from "./admin/operations";
import { createAccountTokenRepository } from "~/server/repositories/account-tokens";
import { createRecoveryService } from "./account/recovery-service";
import { createPrivacyService } from "./account/privacy-service";
import { createPersonalDataRepository } from "~/server/repositories/personal-data";
import { createDataExportRepository } from "~/server/repositories/data-exports";
import { createRetentionRepository } from "~/server/repositories/retention";
import { createRetentionService } from "./retention/retention-service";

/**
 * Composition root: services get their repositories, ports, clock and settings here, wired once per runtime
 * (`createRuntime` calls this and keeps the result as `rt.services`; per request there is only the actor and
 * request id, in the tRPC context). No service imports a database or Redis client, or reads `env`, itself.
 */
export function createServices(rt: Runtime) {
  const now = rt.now;
  const db = rt.dbh.db;
  const users = createUserRepository(db);
  const audit = createAuditRepository(db);
  const outbox = createOutboxRepository(db);
  const moderationRepo = createModerationRepository(db);
  const bookingRepo = createBookingRepository(db);
  /** Reserve-before-work idempotency keys for any mutation (booking.create; payments may reuse it). */
  const idempotency = createIdempotencyService({ repo: createIdempotencyRepository(db) });
  const availability = createAvailabilityService({
    db,
    availability: createAvailabilityRepository(db),
    bookings: bookingRepo,
    cache: rt.cache,
    now,
  });
  const catalogRepo = createCatalogRepository(db);
  const sessionRepo = createSessionRepository(db);
  const platformConfigRepo = createPlatformConfigRepository(db);
  const instructorRepo = createInstructorRepository(db);
  const conversationRepo = createConversationRepository(db);
  /** One background-check port for the instructors service and the admin operations. */
  const backgroundChecks = createBackgroundCheckProvider({ now: () => now().getTime() });
  const instructors = createInstructorService({
    db,
    instructors: instructorRepo,
    catalog: catalogRepo,
    audit,
    availability,
    backgroundChecks,
    storage: createFileStorage(),
    limiters: rt.limiters,
    hashIp: (ip) => hmac(rt.secret, ip),
    maxUploadBytes: rt.config.uploadMaxBytes,
    hiddenProfileFields: (id) => moderationRepo.hiddenProfileFields(id),
  });
  const notifications = createNotificationService({
    notifications: createNotificationRepository(db),
    bus: rt.bus,
    now,
  });
  /** Every email/SMS/in-app delivery decision (preferences, verified phone, STOP, delivery keys). */
  const dispatch = createDispatchService({
    notifications,
    deliveries: createNotificationDeliveryRepository(db),
    users,
    email: rt.email,
    sms: rt.sms,
    appUrl: rt.config.appUrl,
    secret: rt.secret,
    now,
  });
  const messaging = createMessagingService({
    moderation: moderationRepo,
    db,
    conversations: conversationRepo,
    notifications,
    platformConfig: platformConfigRepo,
    bus: rt.bus,
    events: rt.events,
    limiters: rt.limiters,
    email: rt.email,
    appUrl: rt.config.appUrl,
    preferencesUrl: (userId, category) => dispatch.preferencesUrl(userId, category),
    now,
  });
  /** Forgotten passwords and email verification (emailed single-use links). */
  const recovery = createRecoveryService({
    rt,
    db,
    users,
    tokens: createAccountTokenRepository(db),
    audit,
    appUrl: rt.config.appUrl,
    now,
  });
  const paymentRepo = createPaymentRepository(db);
  const payments = createPayments({
    db,
    repo: paymentRepo,
    bookings: bookingRepo,
    users,
    gateway: rt.payments,
    notifications,
    events: rt.events,
    appUrl: rt.config.appUrl,
    limiters: rt.limiters,
    now,
  });
  const booking = createBookingService({
    db,
    bookings: bookingRepo,
    availability,
    cache: rt.cache,
    events: rt.events,
    idempotency,
    payments: payments.flow,
    now,
  });
  const services = {
    availability,
    messaging,
    payments,
    notifications,
    catalog: createCatalogService({ catalog: catalogRepo, cache: rt.cache }),
    instructors,
    favourites: createFavouriteService({ favourites: createFavouriteRepository(db), instructors }),
    testHooks: createTestHooksService({ db, users, bookings: bookingRepo, payments, secret: rt.secret }),
    idempotency,
    booking,
    /** GDPR export and account deletion (future lessons cancelled through the booking service first). */
    privacy: createPrivacyService({
      rt,
      db,
      users,
      audit,
      personalData: createPersonalDataRepository(db),
      exports: createDataExportRepository(db),
      events: rt.events,
      paymentCustomerOf: async (userId) => (await paymentRepo.findCustomer(userId))?.stripeCustomerId ?? null,
      cancelBooking: (actor, bookingId) => booking.cancel(actor, { bookingId, reason: "The account was deleted." }),
      now,
    }),
    /** The daily purge (inngest/functions/account/retention.ts). */
    retention: createRetentionService({ repo: createRetentionRepository(db), now }),
    recovery,
    auth: createAuthService({ rt, db, users, audit, onSignUp: (userId) => recovery.afterSignUp(userId) }),
    account: createAccountService({ rt, db, users, audit }),
    session: createSessionService({
      users,
      sessions: sessionRepo,
      hashIp: (ip) => hmac(rt.secret, ip),
      events: rt.events,
      now,
    }),
    admin: createAdminService({
      db,
      users,
      audit,
      sessions: sessionRepo,
      repo: createAdminRepository(db),
      bus: rt.bus,
      hashIp: (ip) => hmac(rt.secret, ip),
      now,
    }),
    search: createSearchService({
      db,
      repo: createSearchRepository(db),
      platformConfig: platformConfigRepo,
      audit,
      cache: rt.cache,
      llm: rt.llm,
      embedder: rt.embedder,
      capabilities: rt.dbh.capabilities,
      hashIp: (ip) => hmac(rt.secret, ip),
      sign: (payload) => hmac(rt.secret, payload),
      now,
    }),
    outbox: createOutboxService({
      outbox,
      available: rt.config.outboxAvailable,
    }),
  };
  return {
    ...services,
    dispatch,
    /** What each notification says (booking lifecycle, reminders, payments, security), handed to `dispatch`. */
    notificationFlows: createNotificationFlows({
      dispatch,
      booking: { summary: (id) => services.booking.summary(id) },
      users,
      appUrl: rt.config.appUrl,
      now,
    }),
    /** Admin console operations (instructors, bookings, payments, moderation, jobs). */
    adminOps: createAdminOperations({
      db,
      audit,
      moderationRepo,
      conversations: conversationRepo,
      instructorsRepo: instructorRepo,
      instructors,
      backgroundChecks,
      booking: services.booking,
      payments,
      messaging,
      notifications,
      limiters: rt.limiters,
      hashIp: (ip) => hmac(rt.secret, ip),
      suspendUser: (call, input) => services.admin.suspend(call, input),
      runner: rt.events.kind === "inngest" ? "inngest" : "local",
      now,
    }),
  };
}
export type Services = ReturnType<typeof createServices>;
