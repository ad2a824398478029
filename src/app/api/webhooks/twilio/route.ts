import { getRuntime } from "~/server/runtime";
import { handleTwilioWebhook } from "~/server/api/twilio-webhook";

export const dynamic = "force-dynamic";

/** Twilio inbound SMS (STOP / START), signature-checked: src/server/api/twilio-webhook.ts. */
export async function POST(req: Request) {
  const rt = await getRuntime();
  return handleTwilioWebhook({ services: rt.services, sms: rt.sms, appUrl: rt.config.appUrl }, req);
}
