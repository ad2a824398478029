import type { Runtime } from "~/server/runtime";
import { createUserRepository } from "~/server/repositories/users";
import { createAuditRepository } from "~/server/repositories/audit";
import { createOutboxRepository } from "~/server/repositories/outbox";
import { createAuthService } from "./auth/auth-service";
import { createAccountService } from "./account/account-service";
import { createSessionService } from "./auth/session-service";
import { createAdminService } from "./admin/admin-service";
import { createAvailabilityService } from "./availability/availability-service";
import { createAvailabilityRepository } from "~/server/repositories/availability";
import { createBookingRepository } from "~/server/repositories/bookings";

/**
 * Composition root: services get their repositories and ports here, built per request from the
 * process-wide runtime. No service imports a database or Redis client itself.
 */
export function createServices(rt: Runtime) {
  const db = rt.dbh.db;
  const users = createUserRepository(db);
  const audit = createAuditRepository(db);
  const outbox = createOutboxRepository(db);
  const availability = createAvailabilityService({
    db,
    availability: createAvailabilityRepository(db),
    bookings: createBookingRepository(db),
    cache: rt.cache,
  });
  return {
    availability,
    auth: createAuthService({ rt, db, users, audit }),
    account: createAccountService({ rt, db, users, audit }),
    session: createSessionService({ users }),
    admin: createAdminService({ users, audit }),
    outbox: {
      /** Recent local email/SMS (developer page; not available in production). */
      listRecent: (limit: number) => outbox.listRecent(limit),
    },
  };
}
export type Services = ReturnType<typeof createServices>;
