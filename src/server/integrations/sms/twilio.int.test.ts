import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startStandIn, sendJson, type StandIn } from "~/test/http-stand-in";
import { createTwilioSms } from ".";

const ACCOUNT_SID = `AC${"0123456789abcdef".repeat(2)}`;
const AUTH_TOKEN = "test-auth-token-0123456789";
const FROM = "+15005550006";

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn();
});
afterAll(async () => standIn?.close());
beforeEach(() => {
  standIn.requests.length = 0;
});

/** What Twilio's Messages resource answers to a create (trimmed to the usual fields). */
function twilioMessage(form: URLSearchParams, sid: string) {
  return {
    sid,
    account_sid: ACCOUNT_SID,
    to: form.get("To"),
    from: form.get("From"),
    body: form.get("Body"),
    status: "queued",
    num_segments: "1",
    direction: "outbound-api",
    api_version: "2010-04-01",
    date_created: "Thu, 15 Jan 2026 12:00:00 +0000",
    date_updated: "Thu, 15 Jan 2026 12:00:00 +0000",
    date_sent: null,
    error_code: null,
    error_message: null,
    price: null,
    price_unit: "USD",
    messaging_service_sid: null,
    uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${sid}.json`,
    subresource_uris: { media: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${sid}/Media.json` },
  };
}

describe("Twilio SMS adapter (real twilio SDK against a local stand-in)", () => {
  it("POSTs To/From/Body with Basic auth to the Messages resource and returns the message sid", async () => {
    const sid = `SM${"a1b2c3d4".repeat(4)}`;
    standIn.respond((req, res) => sendJson(res, 201, twilioMessage(new URLSearchParams(req.body), sid)));
    const sms = await createTwilioSms({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      from: FROM,
      baseUrl: standIn.url,
    });
    expect(sms.kind).toBe("twilio");

    const body = "Your InstaInstru verification code is 123456. It expires in 10 minutes.";
    expect(await sms.send("+12125550123", body)).toEqual({ id: sid });

    expect(standIn.requests).toHaveLength(1);
    const req = standIn.requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.url).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64")}`);
    expect(req.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({ To: "+12125550123", From: FROM, Body: body });
  });

  it("surfaces a Twilio error response as a rejection (the caller decides what the user sees)", async () => {
    standIn.respond((_req, res) =>
      sendJson(res, 400, {
        code: 21211,
        message: "The 'To' number +1555 is not a valid phone number.",
        more_info: "https://www.twilio.com/docs/errors/21211",
        status: 400,
      }),
    );
    const sms = await createTwilioSms({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      from: FROM,
      baseUrl: `${standIn.url}/`,
    });
    await expect(sms.send("+1555", "hi")).rejects.toMatchObject({ status: 400, code: 21211 });
    expect(standIn.requests[0]!.url).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`);
  });
});
