import type { Database } from "~/server/db/client";
import type { BookingRepository } from "~/server/repositories/bookings";
import type { PaymentRepository } from "~/server/repositories/payments";
import type { UserRepository } from "~/server/repositories/users";
import type { PaymentGateway } from "~/server/integrations/payments/port";
import type { EventPublisher } from "~/server/events/publisher";
import type { NotificationService } from "~/server/services/notifications/notifications-service";
import type { RateLimiterFactory } from "~/server/kv/rate-limit";
import { createPaymentService } from "./payment-service";
import { createPaymentAccountService } from "./accounts";
import { createPaymentViews } from "./views";
import { createWebhookService } from "./webhooks";

/**
 * Payments (PRODUCT.md §5), in four parts: `flow` (the money steps of a booking), `accounts` (cards, credits,
 * Connect onboarding), `views` (what pages read) and `webhooks` (Stripe's events).
 */
export function createPayments(deps: {
  db: Database;
  repo: PaymentRepository;
  bookings: BookingRepository;
  users: UserRepository;
  gateway: PaymentGateway;
  notifications: NotificationService;
  events: EventPublisher;
  appUrl: string;
  limiters: RateLimiterFactory;
  now?: () => Date;
}) {
  const flow = createPaymentService(deps);
  const accounts = createPaymentAccountService(deps);
  const views = createPaymentViews({ ...deps, accounts });
  const webhooks = createWebhookService({ ...deps, payments: flow, accounts });
  return { flow, accounts, views, webhooks, gateway: deps.gateway };
}
export type Payments = ReturnType<typeof createPayments>;
