import type { OutboxRepository } from "~/server/repositories/outbox";

export type EmailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Same key → the provider sends once (Resend keeps keys 24 h), so retried background steps never double-send. */
  idempotencyKey?: string;
  /** Extra headers, e.g. List-Unsubscribe / List-Unsubscribe-Post (RFC 8058) on non-critical mail. */
  headers?: Record<string, string>;
  /** Files to attach (a lesson's .ics); `content` is the file's text or bytes. */
  attachments?: EmailAttachment[];
};

export type EmailAttachment = { filename: string; content: string | Uint8Array; contentType: string };

/** Email port: Resend when configured, otherwise the outbox table shown at /dev/outbox. */
export type EmailSender = {
  readonly kind: "resend" | "outbox";
  send(message: EmailMessage): Promise<{ id: string }>;
};

export function createOutboxEmail(outbox: OutboxRepository): EmailSender {
  return {
    kind: "outbox",
    async send({ to, subject, text, attachments }) {
      // The outbox keeps the text part; attachments are listed by name so a developer sees they were there.
      const files = attachments?.length ? `\n\n[Attached: ${attachments.map((a) => a.filename).join(", ")}]` : "";
      const row = await outbox.insert({ channel: "email", recipient: to, subject, body: `${text}${files}` });
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
    async send({ to, subject, text, html, idempotencyKey, headers, attachments }) {
      const { data, error } = await client.emails.send(
        {
          from: opts.from,
          to,
          subject,
          text,
          ...(html ? { html } : {}),
          ...(headers ? { headers } : {}),
          ...(attachments?.length
            ? {
                attachments: attachments.map((a) => ({
                  filename: a.filename,
                  // Resend takes base64 content in JSON.
                  content: Buffer.from(a.content).toString("base64"),
                  contentType: a.contentType,
                })),
              }
            : {}),
        },
        idempotencyKey ? { idempotencyKey } : undefined,
      );
      // The SDK reports failures as values; a thrown error lets the background step retry.
      if (error || !data)
        throw new Error(`Resend refused the email: ${error?.name ?? "unknown"}: ${error?.message ?? "no data"}`);
      return { id: data.id };
    },
  };
}
