import { getRuntime } from "~/server/runtime";
import { handleStripeWebhook } from "~/server/api/stripe-webhook";

export const dynamic = "force-dynamic";

/** Stripe webhooks (signature over the raw body, each event processed once): src/server/api/stripe-webhook.ts. */
export async function POST(req: Request) {
  return handleStripeWebhook((await getRuntime()).services, req);
}
