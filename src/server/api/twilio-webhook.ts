import type { Services } from "~/server/services";
import type { SmsSender } from "~/server/integrations/sms";
import { absoluteUrl } from "~/server/services/notifications/email/render";
import { logger } from "~/server/logger";

/** Largest inbound SMS webhook body accepted (Twilio's are well under 4 KB). */
const MAX_BODY_BYTES = 64 * 1024;
export const TWILIO_WEBHOOK_PATH = "/api/webhooks/twilio";

/**
 * Twilio's inbound-message webhook: the signature is checked against the public URL Twilio called (APP_URL +
 * path, as configured in the Twilio console) and the form params; STOP-family replies record the opt-out
 * (START lifts it). Answers empty TwiML: Twilio's own Advanced Opt-Out sends the confirmation text.
 */
export async function handleTwilioWebhook(
  deps: { services: Services; sms: SmsSender; appUrl: string },
  req: Request,
): Promise<Response> {
  if (!deps.sms.verifyWebhook) return Response.json({ error: "Not found" }, { status: 404 });
  const raw = await req.text();
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) return Response.json({ error: "Payload too large" }, { status: 413 });
  const params = Object.fromEntries(new URLSearchParams(raw));
  const url = absoluteUrl(deps.appUrl, TWILIO_WEBHOOK_PATH);
  if (!deps.sms.verifyWebhook({ url, params, signature: req.headers.get("x-twilio-signature") }))
    return Response.json({ error: "Invalid signature" }, { status: 403 });
  try {
    const outcome = await deps.services.dispatch.recordInboundSms({ from: params.From ?? "", body: params.Body ?? "" });
    logger.info("twilio inbound sms", { outcome });
  } catch (error) {
    logger.error("twilio webhook failed", { error });
    return Response.json({ error: "Webhook processing failed" }, { status: 500 });
  }
  return new Response('<?xml version="1.0" encoding="UTF-8"?><Response></Response>', {
    headers: { "content-type": "text/xml" },
  });
}
