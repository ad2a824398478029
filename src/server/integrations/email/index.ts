import type { OutboxRepository } from "~/server/repositories/outbox";

export type EmailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Same key → the provider sends once (Resend keeps keys 24 h), so retried background steps never double-send. */
  idempotencyKey?: string;
};

/** Email port: Resend when configured, otherwise the outbox table shown at /dev/outbox. */
export type EmailSender = {
  readonly kind: "resend" | "outbox";
  send(message: EmailMessage): Promise<{ id: string }>;
};

export function createOutboxEmail(outbox: OutboxRepository): EmailSender {
  return {
    kind: "outbox",
    async send({ to, subject, text }) {
      const row = await outbox.insert({ channel: "email", recipient: to, subject, body: text });
      return { id: row.id };
    },
  };
}

/**
 * Real adapter over the Resend SDK. resend@6 takes the API origin as `new Resend(key, { baseUrl })` (it falls back
 * to process.env.RESEND_BASE_URL only when the option is absent), so tests point it at a local stand-in by passing
 * `baseUrl` from the validated env — nothing here touches process.env.
 */
export async function createResendEmail(opts: {
  apiKey: string;
  from: string;
  baseUrl?: string;
}): Promise<EmailSender> {
  const { Resend } = await import("resend");
  const client = new Resend(opts.apiKey, opts.baseUrl ? { baseUrl: opts.baseUrl.replace(/\/$/, "") } : undefined);
  return {
    kind: "resend",
    async send({ to, subject, text, html, idempotencyKey }) {
      const { data, error } = await client.emails.send(
        { from: opts.from, to, subject, text, ...(html ? { html } : {}) },
        idempotencyKey ? { idempotencyKey } : undefined,
      );
      // The SDK reports failures as values; a thrown error lets the background step retry.
      if (error || !data)
        throw new Error(`Resend refused the email: ${error?.name ?? "unknown"}: ${error?.message ?? "no data"}`);
      return { id: data.id };
    },
  };
}
