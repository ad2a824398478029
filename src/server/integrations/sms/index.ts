import type { OutboxRepository } from "~/server/repositories/outbox";

/** SMS port: Twilio when configured, otherwise the outbox table shown at /dev/outbox. */
export type SmsSender = {
  readonly kind: "twilio" | "outbox";
  send(to: string, body: string): Promise<{ id: string }>;
  /**
   * Checks an inbound webhook's `X-Twilio-Signature` (HMAC-SHA1 of the public URL + sorted form params with the
   * auth token). Absent on the outbox adapter: without Twilio there are no inbound webhooks to trust.
   */
  verifyWebhook?(input: { url: string; params: Record<string, string>; signature: string | null }): boolean;
};

export function createOutboxSms(outbox: OutboxRepository): SmsSender {
  return {
    kind: "outbox",
    async send(to, body) {
      const row = await outbox.insert({ channel: "sms", recipient: to, body });
      return { id: row.id };
    },
  };
}

/** Real adapter over the Twilio SDK; `baseUrl` points the SDK at a local stand-in in tests. */
export async function createTwilioSms(opts: {
  accountSid: string;
  authToken: string;
  from: string;
  baseUrl?: string;
}): Promise<SmsSender> {
  const { default: twilio } = await import("twilio");
  const client = twilio(opts.accountSid, opts.authToken);
  if (opts.baseUrl) {
    // Route every Twilio host to the stand-in (the SDK builds https://api.twilio.com/... URLs).
    const base = opts.baseUrl.replace(/\/$/, "");
    const http = client.httpClient;
    const original = http.request.bind(http);
    http.request = (req) => original({ ...req, uri: req.uri.replace(/^https:\/\/[^/]+/, base) });
  }
  return {
    kind: "twilio",
    async send(to, body) {
      const msg = await client.messages.create({ to, from: opts.from, body });
      return { id: msg.sid };
    },
    verifyWebhook({ url, params, signature }) {
      return Boolean(signature) && twilio.validateRequest(opts.authToken, signature ?? "", url, params);
    },
  };
}
