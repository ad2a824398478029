import { afterAll, beforeAll, describe, expect, it } from "vitest";
import twilio from "twilio";
import { eq } from "drizzle-orm";
import { createTwilioSms } from "~/server/integrations/sms";
import { smsOptOuts, users } from "~/server/db/schema";
import { startStandIn, sendJson, type StandIn } from "~/test/http-stand-in";
import { createTestRuntime, createTestUser, type TestRuntime } from "~/test/harness";
import { handleTwilioWebhook, TWILIO_WEBHOOK_PATH } from "./twilio-webhook";

const ACCOUNT_SID = `AC${"0123456789abcdef".repeat(2)}`;
const AUTH_TOKEN = "test-auth-token-0123456789";
const APP_URL = "https://app.instainstru.test";
const PHONE = "+12125550199";

let rt: TestRuntime;
let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn((req, res) => {
    const form = new URLSearchParams(req.body);
    sendJson(res, 201, {
      sid: `SM${"f".repeat(32)}`,
      account_sid: ACCOUNT_SID,
      to: form.get("To"),
      from: form.get("From"),
      body: form.get("Body"),
      status: "queued",
    });
  });
  const sms = await createTwilioSms({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    from: "+15005550006",
    baseUrl: standIn.url,
  });
  rt = await createTestRuntime({ sms, config: { appUrl: APP_URL } });
});
afterAll(async () => {
  await rt?.close();
  await standIn?.close();
});

/** What Twilio POSTs for an inbound SMS, signed as Twilio signs it (HMAC-SHA1 over URL + sorted params). */
function inbound(body: string, opts: { token?: string; from?: string } = {}) {
  const params = {
    AccountSid: ACCOUNT_SID,
    From: opts.from ?? PHONE,
    To: "+15005550006",
    Body: body,
    MessageSid: "SM1",
  };
  const signature = twilio.getExpectedTwilioSignature(
    opts.token ?? AUTH_TOKEN,
    `${APP_URL}${TWILIO_WEBHOOK_PATH}`,
    params,
  );
  return new Request(`http://127.0.0.1:3000${TWILIO_WEBHOOK_PATH}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
    body: new URLSearchParams(params).toString(),
  });
}

const handle = (req: Request) => handleTwilioWebhook({ services: rt.services, sms: rt.sms, appUrl: APP_URL }, req);

describe("Twilio inbound webhook (real SDK signature check) and STOP", () => {
  it("refuses a bad signature (403) and records nothing", async () => {
    const res = await handle(inbound("STOP", { token: "wrong-token" }));
    expect(res.status).toBe(403);
    expect(await rt.dbh.db.select().from(smsOptOuts)).toHaveLength(0);
  });

  it("STOP records the opt-out; the number then receives nothing; START lifts it", async () => {
    const u = await createTestUser(rt, { role: "student" });
    await rt.dbh.db.update(users).set({ phone: PHONE, phoneVerifiedAt: new Date() }).where(eq(users.id, u.id));
    const send = (key: string) =>
      rt.services.dispatch.send({
        userId: u.id,
        category: "reminders",
        kind: "test",
        key,
        sms: { text: "Lesson soon" },
      });

    expect((await send("k1")).sms).toBe("sent");
    expect(standIn.requests.filter((r) => r.method === "POST")).toHaveLength(1);

    const res = await handle(inbound(" stop "));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/xml");
    expect(await rt.dbh.db.select().from(smsOptOuts).where(eq(smsOptOuts.phone, PHONE))).toMatchObject([
      { keyword: "STOP" },
    ]);

    expect((await send("k2")).sms).toBe("stopped");
    expect(standIn.requests.filter((r) => r.method === "POST")).toHaveLength(1);

    expect((await handle(inbound("START"))).status).toBe(200);
    expect(await rt.dbh.db.select().from(smsOptOuts).where(eq(smsOptOuts.phone, PHONE))).toHaveLength(0);
    expect((await send("k3")).sms).toBe("sent");
    expect(standIn.requests.filter((r) => r.method === "POST")).toHaveLength(2);
    // The SDK posted to the Messages resource with the user's verified number.
    expect(new URLSearchParams(standIn.requests.at(-1)!.body).get("To")).toBe(PHONE);
  });

  it("sends SMS only to verified numbers", async () => {
    const u = await createTestUser(rt, { role: "student" });
    await rt.dbh.db.update(users).set({ phone: "+12125550111", phoneVerifiedAt: null }).where(eq(users.id, u.id));
    const r = await rt.services.dispatch.send({
      userId: u.id,
      category: "reminders",
      kind: "test",
      key: "v1",
      sms: { text: "x" },
    });
    expect(r.sms).toBe("no_verified_phone");
  });

  it("answers 404 when SMS runs on the outbox (no Twilio to trust)", async () => {
    const res = await handleTwilioWebhook(
      { services: rt.services, sms: { kind: "outbox", send: async () => ({ id: "x" }) }, appUrl: APP_URL },
      inbound("STOP"),
    );
    expect(res.status).toBe(404);
  });
});
