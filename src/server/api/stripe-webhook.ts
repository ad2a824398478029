import type { Services } from "~/server/services";
import { WebhookSignatureError } from "~/server/integrations/payments/port";
import { logger } from "~/server/logger";

/** Largest webhook body accepted (Stripe's events are a few KB). */
const MAX_BODY_BYTES = 512 * 1024;

/**
 * Stripe webhooks. The signature is checked over the raw body (never re-serialised JSON), so the body is read as
 * text; a bad or stale signature is a 400 and nothing is stored. Each event id is processed once; a failure is a
 * 500 so Stripe delivers the event again.
 */
export async function handleStripeWebhook(services: Services, req: Request): Promise<Response> {
  const raw = await req.text();
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) return Response.json({ error: "Payload too large" }, { status: 413 });
  try {
    const r = await services.payments.webhooks.handle(raw, req.headers.get("stripe-signature"));
    return Response.json({ received: true, status: r.status });
  } catch (e) {
    if (e instanceof WebhookSignatureError) return Response.json({ error: "Invalid signature" }, { status: 400 });
    logger.error("stripe webhook handler failed", { error: e });
    return Response.json({ error: "Webhook processing failed" }, { status: 500 });
  }
}
