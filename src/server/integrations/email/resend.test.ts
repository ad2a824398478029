import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createResendEmail } from "./index";

/** A local stand-in for api.resend.com: records requests, answers like Resend. */
let base = "";
const seen: { method: string; path: string; headers: IncomingHttpHeaders; body: unknown }[] = [];
const server = createServer((req, res) => {
  let raw = "";
  req.on("data", (c: Buffer) => (raw += c.toString()));
  req.on("end", () => {
    const body = raw ? (JSON.parse(raw) as { to?: string }) : null;
    seen.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body });
    res.setHeader("content-type", "application/json");
    if (body?.to === "bounce@example.test") {
      res.statusCode = 422;
      res.end(JSON.stringify({ name: "validation_error", message: "Invalid `to` field.", statusCode: 422 }));
      return;
    }
    res.end(JSON.stringify({ id: `email_${seen.length}` }));
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("Resend adapter (real SDK against a local stand-in)", () => {
  it("POSTs /emails with the bearer key, the idempotency key and the JSON body", async () => {
    const email = await createResendEmail({
      apiKey: "re_test_123",
      from: "InstaInstru <no-reply@instainstru.test>",
      baseUrl: `${base}/`,
    });
    expect(email.kind).toBe("resend");
    const out = await email.send({
      to: "ivy@example.test",
      subject: "Sam S. sent you a message",
      text: "Hi!",
      idempotencyKey: "unread:u:c:m",
    });
    expect(out).toEqual({ id: "email_1" });
    const req = seen[0]!;
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/emails");
    expect(req.headers.authorization).toBe("Bearer re_test_123");
    expect(req.headers["idempotency-key"]).toBe("unread:u:c:m");
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.body).toMatchObject({
      from: "InstaInstru <no-reply@instainstru.test>",
      to: "ivy@example.test",
      subject: "Sam S. sent you a message",
      text: "Hi!",
    });
  });

  it("throws when Resend refuses, so a background step retries", async () => {
    const email = await createResendEmail({ apiKey: "re_test_123", from: "a@b.test", baseUrl: base });
    await expect(email.send({ to: "bounce@example.test", subject: "x", text: "y" })).rejects.toThrow(
      /validation_error/,
    );
    expect(seen.at(-1)!.headers["idempotency-key"]).toBeUndefined();
  });

  it("sends HTML, headers (List-Unsubscribe) and a base64 .ics attachment", async () => {
    const email = await createResendEmail({ apiKey: "re_test_123", from: "a@b.test", baseUrl: base });
    const ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";
    await email.send({
      to: "ivy@example.test",
      subject: "Booked",
      text: "Booked.",
      html: '<!DOCTYPE html><html lang="en"><body>Booked.</body></html>',
      idempotencyKey: "notif:abc",
      headers: {
        "List-Unsubscribe": "<https://app.test/api/notifications/unsubscribe?token=t>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
      attachments: [{ filename: "lesson.ics", content: ics, contentType: "text/calendar; charset=utf-8" }],
    });
    const req = seen.at(-1)!;
    expect(req.headers["idempotency-key"]).toBe("notif:abc");
    expect(req.body).toMatchObject({
      html: '<!DOCTYPE html><html lang="en"><body>Booked.</body></html>',
      headers: {
        "List-Unsubscribe": "<https://app.test/api/notifications/unsubscribe?token=t>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
      attachments: [
        {
          filename: "lesson.ics",
          content: Buffer.from(ics).toString("base64"),
          content_type: "text/calendar; charset=utf-8",
        },
      ],
    });
  });
});
