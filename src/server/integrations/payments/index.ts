import type { Database } from "~/server/db/client";
import { createLocalGateway, type LocalPaymentGateway } from "./local";
import type { PaymentGateway } from "./port";
import { createStripeGateway } from "./stripe";

export * from "./port";
export { createStripeGateway, toGatewayError, type StripeGatewayOptions } from "./stripe";
export {
  createLocalGateway,
  type LocalGatewayOptions,
  type LocalOnboardingLink,
  type LocalPaymentGateway,
} from "./local";
export { signWebhookPayload, verifyWebhookSignature, WEBHOOK_TOLERANCE_SECONDS } from "./webhook-signature";

/**
 * The process's payment gateway, chosen once (by the runtime): Stripe when a secret key is configured (the SDK is
 * loaded only then), otherwise the local gateway, whose state lives in the same database.
 */
export async function createPaymentGateway(opts: {
  db: Database;
  appUrl: string;
  stripe?: { secretKey?: string; webhookSecret?: string; apiBase?: string };
}): Promise<PaymentGateway> {
  const { secretKey, webhookSecret, apiBase } = opts.stripe ?? {};
  if (secretKey) return createStripeGateway({ secretKey, webhookSecret, apiBase });
  return createLocalGateway({ db: opts.db, appUrl: opts.appUrl });
}

/** The local gateway's extra powers (onboarding page, event signing) when it is the gateway in use, else null. */
export function asLocalGateway(gateway: PaymentGateway): LocalPaymentGateway | null {
  return gateway.kind === "local" ? (gateway as LocalPaymentGateway) : null;
}
