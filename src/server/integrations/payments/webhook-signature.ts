import { createHmac, timingSafeEqual } from "node:crypto";
import { WebhookSignatureError } from "./port";

/**
 * Stripe's webhook signature scheme (https://docs.stripe.com/webhooks#verify-manually), used by the local gateway
 * and by tests that sign events for either gateway: header `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload">`.
 */

/** Stripe's default tolerance: a signature older (or newer) than this many seconds is refused (replay defence). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export function computeWebhookSignature(payload: string, secret: string, timestamp: number): string {
  return createHmac("sha256", secret).update(`${timestamp}.${payload}`, "utf8").digest("hex");
}

/** The `Stripe-Signature` header Stripe would send for this payload (Stripe's `generateTestHeaderString`). */
export function signWebhookPayload(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${computeWebhookSignature(payload, secret, timestamp)}`;
}

/**
 * Verifies a `Stripe-Signature` header as `stripe.webhooks.constructEvent` does: any one `v1` signature may match
 * (Stripe sends several while a secret is being rolled), compared in constant time, and the timestamp must be
 * within the tolerance of `nowSeconds`.
 */
export function verifyWebhookSignature(
  payload: string,
  header: string | null | undefined,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS,
): void {
  if (!header) throw new WebhookSignatureError("No Stripe-Signature header was provided.");
  let timestamp = -1;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === "v1" && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp < 0) throw new WebhookSignatureError("Unable to extract a timestamp from the Stripe-Signature header.");
  if (signatures.length === 0) throw new WebhookSignatureError("No signatures found with the expected scheme (v1).");
  const expected = Buffer.from(computeWebhookSignature(payload, secret, timestamp), "hex");
  if (!signatures.some((s) => timingSafeEqual(Buffer.from(s, "hex"), expected))) {
    throw new WebhookSignatureError("No signature matches the expected signature for the payload.");
  }
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
    throw new WebhookSignatureError("The signature's timestamp is outside the tolerance zone.");
  }
}
