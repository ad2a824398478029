import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startStandIn, sendJson, type StandIn } from "~/test/http-stand-in";
import { createTurnstileVerifier, TURNSTILE_VERIFY_TIMEOUT_MS } from ".";

const SECRET = "0x4AAAAAAAtestsecretkey";
let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn();
});
afterAll(async () => standIn?.close());
beforeEach(() => {
  standIn.requests.length = 0;
});

const verifier = (timeoutMs?: number) =>
  createTurnstileVerifier({
    secretKey: SECRET,
    verifyUrl: `${standIn.url}/turnstile/v0/siteverify`,
    ...(timeoutMs ? { timeoutMs } : {}),
  });

describe("Turnstile siteverify adapter (real fetch against a local stand-in)", () => {
  it("POSTs form-encoded secret, response and remoteip, and maps success", async () => {
    standIn.respond((_req, res) =>
      sendJson(res, 200, {
        success: true,
        challenge_ts: "2026-01-01T00:00:00Z",
        hostname: "localhost",
        "error-codes": [],
      }),
    );
    const v = verifier();
    expect(v.kind).toBe("turnstile");
    expect(await v.verify("token-from-widget", "203.0.113.7")).toEqual({ success: true, errorCodes: [] });

    expect(standIn.requests).toHaveLength(1);
    const req = standIn.requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.url).toBe("/turnstile/v0/siteverify");
    expect(req.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(req.body);
    expect(Object.fromEntries(form)).toEqual({
      secret: SECRET,
      response: "token-from-widget",
      remoteip: "203.0.113.7",
    });
  });

  it("omits remoteip when unknown and encodes awkward tokens safely", async () => {
    standIn.respond((_req, res) => sendJson(res, 200, { success: true }));
    expect(await verifier().verify("a+b/c=d&secret=evil")).toEqual({ success: true, errorCodes: [] });
    const form = new URLSearchParams(standIn.requests[0]!.body);
    expect(form.get("response")).toBe("a+b/c=d&secret=evil");
    expect(form.getAll("secret")).toEqual([SECRET]);
    expect(form.has("remoteip")).toBe(false);
  });

  it("maps a refusal with its error codes", async () => {
    standIn.respond((_req, res) =>
      sendJson(res, 200, { success: false, "error-codes": ["invalid-input-response", "timeout-or-duplicate"] }),
    );
    expect(await verifier().verify("stale", "203.0.113.7")).toEqual({
      success: false,
      errorCodes: ["invalid-input-response", "timeout-or-duplicate"],
    });
  });

  it("only a literal success:true passes", async () => {
    for (const body of [{ success: "true" }, { success: 1 }, {}, { "error-codes": [] }]) {
      standIn.respond((_req, res) => sendJson(res, 200, body));
      expect((await verifier().verify("t")).success).toBe(false);
    }
  });

  it("fails closed on HTTP 500", async () => {
    standIn.respond((_req, res) => sendJson(res, 500, { success: true }));
    expect(await verifier().verify("t", "203.0.113.7")).toEqual({ success: false, errorCodes: ["http-500"] });
  });

  it("fails closed on a body that is not JSON", async () => {
    standIn.respond((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>gateway</html>");
    });
    expect(await verifier().verify("t")).toEqual({ success: false, errorCodes: ["verifier-unavailable"] });
  });

  it("fails closed, within the timeout, when the server never answers", async () => {
    standIn.respond(() => undefined); // accept the request, never respond
    const t0 = Date.now();
    expect(await verifier(300).verify("t")).toEqual({ success: false, errorCodes: ["verifier-unavailable"] });
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(2_000);
    expect(standIn.requests).toHaveLength(1);
  });

  it("fails closed when the server stalls in the middle of the body", async () => {
    standIn.respond((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"success": tr'); // …and nothing more
    });
    const t0 = Date.now();
    expect(await verifier(300).verify("t")).toEqual({ success: false, errorCodes: ["verifier-unavailable"] });
    expect(Date.now() - t0).toBeLessThan(2_000);
  });

  it("fails closed when nothing listens at the address", async () => {
    const dead = await startStandIn();
    const url = dead.url;
    await dead.close();
    const v = createTurnstileVerifier({ secretKey: SECRET, verifyUrl: `${url}/siteverify` });
    expect(await v.verify("t")).toEqual({ success: false, errorCodes: ["verifier-unavailable"] });
  });

  it("keeps a production default timeout of a few seconds", () => {
    expect(TURNSTILE_VERIFY_TIMEOUT_MS).toBeGreaterThanOrEqual(1_000);
    expect(TURNSTILE_VERIFY_TIMEOUT_MS).toBeLessThanOrEqual(10_000);
  });
});
