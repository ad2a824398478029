import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ServerResponse } from "node:http";
import { sendJson, startStandIn, type RecordedRequest, type StandIn } from "~/test/http-stand-in";
import { PaymentGatewayError, WebhookSignatureError, type PaymentGateway } from "./port";
import { createStripeGateway } from "./stripe";
import { signWebhookPayload, verifyWebhookSignature } from "./webhook-signature";

/**
 * The Stripe adapter with the real `stripe` SDK against a local stand-in of Stripe's API: the requests it sends
 * (method, path, form parameters, Idempotency-Key, no Stripe-Account on destination charges) and how Stripe's
 * answers and errors come back through the port.
 */

const SECRET_KEY = "sk_test_51Standin0123456789abcdefghijklmnopqrstuvwxyz";
const WEBHOOK_SECRET = "whsec_standin_0123456789abcdef0123456789abcdef";
const CREATED = 1_763_640_000;

let standIn: StandIn;
let gateway: PaymentGateway;
/** Answers by "METHOD /path"; anything else is a 404 in Stripe's shape. */
let routes: Record<string, (req: RecordedRequest, res: ServerResponse) => void> = {};

beforeAll(async () => {
  standIn = await startStandIn((req, res) => {
    const path = req.url.split("?")[0]!;
    const route = routes[`${req.method} ${path}`];
    if (route) route(req, res);
    else
      sendJson(res, 404, {
        error: {
          type: "invalid_request_error",
          code: "resource_missing",
          message: `Unrecognized request URL (${req.method}: ${path}).`,
        },
      });
  });
  gateway = await createStripeGateway({
    secretKey: SECRET_KEY,
    webhookSecret: WEBHOOK_SECRET,
    apiBase: standIn.url,
    maxNetworkRetries: 1,
  });
});
afterAll(async () => standIn?.close());
beforeEach(() => {
  standIn.requests.length = 0;
  routes = {};
});

/** The form-encoded body as Stripe's bracket keys (`transfer_data[destination]`). */
const form = (req: RecordedRequest) => Object.fromEntries(new URLSearchParams(req.body));
const only = () => {
  expect(standIn.requests).toHaveLength(1);
  return standIn.requests[0]!;
};

function paymentIntent(over: Record<string, unknown> = {}) {
  return {
    id: "pi_3StandinAuth0001",
    object: "payment_intent",
    amount: 6000,
    amount_capturable: 6000,
    amount_received: 0,
    application_fee_amount: 900,
    capture_method: "manual",
    client_secret: "pi_3StandinAuth0001_secret_abc",
    confirmation_method: "automatic",
    created: CREATED,
    currency: "usd",
    customer: "cus_Standin0001",
    latest_charge: "ch_3StandinAuth0001",
    livemode: false,
    metadata: { bookingId: "01JBOOKING0000000000000000" },
    payment_method: "pm_Standin0001",
    allowed_payment_method_types: ["card"],
    payment_method_types: ["card"],
    status: "requires_capture",
    transfer_data: { destination: "acct_1StandinInstr" },
    ...over,
  };
}

function cardPaymentMethod(id: string, last4: string, brand = "visa") {
  return {
    id,
    object: "payment_method",
    type: "card",
    created: CREATED,
    customer: "cus_Standin0001",
    livemode: false,
    billing_details: { address: null, email: null, name: null, phone: null },
    card: {
      brand,
      last4,
      exp_month: 12,
      exp_year: 2030,
      fingerprint: `fp${last4}Standin00`,
      funding: "credit",
      country: "US",
      checks: { cvc_check: "pass" },
    },
    metadata: {},
  };
}

describe("Stripe adapter (real stripe SDK against a local stand-in)", () => {
  it("creates an Express account with card_payments + transfers and the user id, under the caller's idempotency key", async () => {
    routes["POST /v1/accounts"] = (_req, res) =>
      sendJson(res, 200, {
        id: "acct_1StandinInstr",
        object: "account",
        type: "express",
        charges_enabled: false,
        payouts_enabled: false,
        details_submitted: false,
      });
    expect(
      await gateway.createConnectedAccount({
        email: "inst@example.test",
        userId: "01JUSER",
        idempotencyKey: "connect:01JUSER:create",
      }),
    ).toEqual({
      accountId: "acct_1StandinInstr",
    });
    const req = only();
    expect(req.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
    expect(req.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(req.headers["idempotency-key"]).toBe("connect:01JUSER:create");
    expect(req.headers["stripe-version"]).toBe("2026-10-28.endive");
    expect(form(req)).toEqual({
      type: "express",
      email: "inst@example.test",
      "capabilities[card_payments][requested]": "true",
      "capabilities[transfers][requested]": "true",
      "metadata[userId]": "01JUSER",
    });
  });

  it("creates an account_onboarding link and reads the account's status", async () => {
    routes["POST /v1/account_links"] = (_req, res) =>
      sendJson(res, 200, {
        object: "account_link",
        created: CREATED,
        expires_at: CREATED + 300,
        url: "https://connect.stripe.com/setup/e/acct_1StandinInstr/abc",
      });
    const link = await gateway.createOnboardingLink({
      accountId: "acct_1StandinInstr",
      refreshUrl: "https://app.test/refresh",
      returnUrl: "https://app.test/return",
    });
    expect(link).toEqual({
      url: "https://connect.stripe.com/setup/e/acct_1StandinInstr/abc",
      expiresAt: new Date((CREATED + 300) * 1000),
    });
    expect(form(only())).toEqual({
      account: "acct_1StandinInstr",
      refresh_url: "https://app.test/refresh",
      return_url: "https://app.test/return",
      type: "account_onboarding",
    });

    standIn.requests.length = 0;
    routes["GET /v1/accounts/acct_1StandinInstr"] = (_req, res) =>
      sendJson(res, 200, {
        id: "acct_1StandinInstr",
        object: "account",
        type: "express",
        charges_enabled: true,
        payouts_enabled: false,
        details_submitted: true,
        requirements: { currently_due: ["external_account"], eventually_due: [], past_due: [], disabled_reason: null },
      });
    expect(await gateway.getConnectedAccount("acct_1StandinInstr")).toEqual({
      accountId: "acct_1StandinInstr",
      chargesEnabled: true,
      payoutsEnabled: false,
      detailsSubmitted: true,
      requirementsDue: ["external_account"],
    });
    expect(only()).toMatchObject({ method: "GET", url: "/v1/accounts/acct_1StandinInstr" });
  });

  it("creates a customer and an off-session card SetupIntent, then reads the saved card from the SetupIntent", async () => {
    routes["POST /v1/customers"] = (_req, res) =>
      sendJson(res, 200, { id: "cus_Standin0001", object: "customer", email: "s@example.test", name: "Sam Student" });
    routes["POST /v1/setup_intents"] = (_req, res) =>
      sendJson(res, 200, {
        id: "seti_Standin0001",
        object: "setup_intent",
        client_secret: "seti_Standin0001_secret_xyz",
        status: "requires_payment_method",
        usage: "off_session",
        customer: "cus_Standin0001",
      });
    routes["GET /v1/setup_intents/seti_Standin0001"] = (_req, res) =>
      sendJson(res, 200, {
        id: "seti_Standin0001",
        object: "setup_intent",
        status: "succeeded",
        usage: "off_session",
        customer: "cus_Standin0001",
        last_setup_error: null,
        payment_method: cardPaymentMethod("pm_Standin0001", "4242"),
      });

    expect(
      await gateway.createCustomer({
        email: "s@example.test",
        name: "Sam Student",
        userId: "01JSTUDENT",
        idempotencyKey: "customer:01JSTUDENT",
      }),
    ).toEqual({ customerId: "cus_Standin0001" });
    expect(
      await gateway.createSetupIntent({ customerId: "cus_Standin0001", idempotencyKey: "setup:01JSTUDENT:1" }),
    ).toEqual({
      setupIntentId: "seti_Standin0001",
      clientSecret: "seti_Standin0001_secret_xyz",
    });
    expect(
      await gateway.completeSetupIntent({ setupIntentId: "seti_Standin0001", customerId: "cus_Standin0001" }),
    ).toEqual({
      paymentMethodId: "pm_Standin0001",
      brand: "visa",
      last4: "4242",
      expMonth: 12,
      expYear: 2030,
      fingerprint: "fp4242Standin00",
    });

    const [customer, setup, retrieve] = standIn.requests;
    expect(form(customer!)).toEqual({ email: "s@example.test", name: "Sam Student", "metadata[userId]": "01JSTUDENT" });
    expect(customer!.headers["idempotency-key"]).toBe("customer:01JSTUDENT");
    expect(form(setup!)).toEqual({
      customer: "cus_Standin0001",
      usage: "off_session",
      "allowed_payment_method_types[0]": "card",
    });
    expect(setup!.headers["idempotency-key"]).toBe("setup:01JSTUDENT:1");
    expect(retrieve!.method).toBe("GET");
    expect(decodeURIComponent(retrieve!.url)).toBe("/v1/setup_intents/seti_Standin0001?expand[0]=payment_method");
    // The local-only card entry does not exist on the Stripe adapter: card numbers never reach our server.
    expect("confirmSetupIntentWithCard" in gateway).toBe(false);
  });

  it("refuses another customer's SetupIntent and surfaces a failed setup as the card error", async () => {
    routes["GET /v1/setup_intents/seti_Other"] = (_req, res) =>
      sendJson(res, 200, {
        id: "seti_Other",
        object: "setup_intent",
        status: "succeeded",
        customer: "cus_SomeoneElse",
        payment_method: cardPaymentMethod("pm_X", "1111"),
      });
    const stolen = await gateway
      .completeSetupIntent({ setupIntentId: "seti_Other", customerId: "cus_Standin0001" })
      .catch((e: unknown) => e);
    expect(stolen).toBeInstanceOf(PaymentGatewayError);
    expect(stolen).toMatchObject({ type: "invalid_request_error", code: "resource_missing" });

    routes["GET /v1/setup_intents/seti_Failed"] = (_req, res) =>
      sendJson(res, 200, {
        id: "seti_Failed",
        object: "setup_intent",
        status: "requires_payment_method",
        customer: "cus_Standin0001",
        payment_method: null,
        last_setup_error: {
          type: "card_error",
          code: "card_declined",
          decline_code: "insufficient_funds",
          message: "Your card has insufficient funds.",
        },
      });
    await expect(
      gateway.completeSetupIntent({ setupIntentId: "seti_Failed", customerId: "cus_Standin0001" }),
    ).rejects.toMatchObject({
      type: "card_error",
      code: "card_declined",
      declineCode: "insufficient_funds",
      message: "Your card has insufficient funds.",
    });
  });

  it("deletes a customer (account deletion); one already gone counts as done; other failures surface", async () => {
    routes["DELETE /v1/customers/cus_Gone0001"] = (_req, res) =>
      sendJson(res, 200, { id: "cus_Gone0001", object: "customer", deleted: true });
    await gateway.deleteCustomer("cus_Gone0001");
    expect(standIn.requests[0]).toMatchObject({ method: "DELETE", url: "/v1/customers/cus_Gone0001" });
    // No route: Stripe's 404 resource_missing.
    await expect(gateway.deleteCustomer("cus_Missing01")).resolves.toBeUndefined();
    routes["DELETE /v1/customers/cus_Locked01"] = (_req, res) =>
      sendJson(res, 400, {
        error: { type: "invalid_request_error", code: "parameter_invalid", message: "Nope." },
      });
    await expect(gateway.deleteCustomer("cus_Locked01")).rejects.toMatchObject({ code: "parameter_invalid" });
  });

  it("lists a customer's cards and detaches one", async () => {
    routes["GET /v1/payment_methods"] = (_req, res) =>
      sendJson(res, 200, {
        object: "list",
        url: "/v1/payment_methods",
        has_more: false,
        data: [cardPaymentMethod("pm_A", "4242"), cardPaymentMethod("pm_B", "4444", "mastercard")],
      });
    routes["POST /v1/payment_methods/pm_A/detach"] = (_req, res) =>
      sendJson(res, 200, { ...cardPaymentMethod("pm_A", "4242"), customer: null });
    const cards = await gateway.listCards("cus_Standin0001");
    expect(cards.map((c) => [c.paymentMethodId, c.brand, c.last4])).toEqual([
      ["pm_A", "visa", "4242"],
      ["pm_B", "mastercard", "4444"],
    ]);
    const list = standIn.requests[0]!;
    expect(list.method).toBe("GET");
    expect(Object.fromEntries(new URL(list.url, "http://x").searchParams)).toEqual({
      customer: "cus_Standin0001",
      type: "card",
      limit: "100",
    });
    await gateway.detachCard("pm_A");
    expect(standIn.requests[1]).toMatchObject({ method: "POST", url: "/v1/payment_methods/pm_A/detach" });
  });

  it("authorizes off-session: manual capture, confirm, destination, application fee, metadata, idempotency key, no Stripe-Account", async () => {
    routes["POST /v1/payment_intents"] = (_req, res) => sendJson(res, 200, paymentIntent());
    const result = await gateway.authorize({
      amountCents: 6000,
      currency: "USD",
      customerId: "cus_Standin0001",
      paymentMethodId: "pm_Standin0001",
      destinationAccountId: "acct_1StandinInstr",
      applicationFeeCents: 900,
      metadata: { bookingId: "01JBOOKING0000000000000000", action: "authorize" },
      idempotencyKey: "booking:01JBOOKING0000000000000000:authorize:1",
    });
    expect(result).toEqual({
      paymentIntentId: "pi_3StandinAuth0001",
      status: "requires_capture",
      amountCents: 6000,
      amountReceivedCents: 0,
      chargeId: "ch_3StandinAuth0001",
    });
    const req = only();
    expect(req.url).toBe("/v1/payment_intents");
    expect(req.headers["idempotency-key"]).toBe("booking:01JBOOKING0000000000000000:authorize:1");
    // A destination charge is made on the platform account: no Stripe-Account header.
    expect(req.headers["stripe-account"]).toBeUndefined();
    expect(form(req)).toEqual({
      amount: "6000",
      currency: "usd",
      customer: "cus_Standin0001",
      payment_method: "pm_Standin0001",
      "allowed_payment_method_types[0]": "card",
      capture_method: "manual",
      confirm: "true",
      off_session: "true",
      "transfer_data[destination]": "acct_1StandinInstr",
      application_fee_amount: "900",
      "metadata[bookingId]": "01JBOOKING0000000000000000",
      "metadata[action]": "authorize",
    });
  });

  it("maps a 402 card decline to a card error with code, decline code, the PaymentIntent id and Stripe's cardholder message", async () => {
    routes["POST /v1/payment_intents"] = (_req, res) =>
      sendJson(res, 402, {
        error: {
          type: "card_error",
          code: "card_declined",
          decline_code: "insufficient_funds",
          message: "Your card has insufficient funds.",
          charge: "ch_3StandinDecline",
          doc_url: "https://stripe.com/docs/error-codes/card-declined",
          payment_intent: paymentIntent({
            id: "pi_3StandinDecline",
            status: "requires_payment_method",
            amount_capturable: 0,
          }),
        },
      });
    const err = await gateway
      .authorize({
        amountCents: 6000,
        currency: "usd",
        customerId: "cus_Standin0001",
        paymentMethodId: "pm_Standin0001",
        destinationAccountId: "acct_1StandinInstr",
        applicationFeeCents: 900,
        metadata: {},
        idempotencyKey: "booking:B:authorize:2",
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaymentGatewayError);
    expect(err).toMatchObject({
      type: "card_error",
      code: "card_declined",
      declineCode: "insufficient_funds",
      paymentIntentId: "pi_3StandinDecline",
      message: "Your card has insufficient funds.",
      isCardError: true,
    });
    // A 402 is final: the SDK does not retry it.
    expect(standIn.requests).toHaveLength(1);
  });

  it("maps authentication_required (off-session 3-D Secure), state errors and idempotency errors; hides non-card messages", async () => {
    routes["POST /v1/payment_intents"] = (_req, res) =>
      sendJson(res, 402, {
        error: {
          type: "card_error",
          code: "authentication_required",
          decline_code: "authentication_required",
          message: "Your card was declined. This transaction requires authentication.",
          payment_intent: paymentIntent({ id: "pi_3StandinSca", status: "requires_payment_method" }),
        },
      });
    const input = {
      amountCents: 6000,
      currency: "usd",
      customerId: "c",
      paymentMethodId: "pm",
      destinationAccountId: "acct",
      applicationFeeCents: 900,
      metadata: {},
      idempotencyKey: "k1",
    };
    await expect(gateway.authorize(input)).rejects.toMatchObject({
      type: "card_error",
      code: "authentication_required",
      paymentIntentId: "pi_3StandinSca",
    });

    routes["POST /v1/payment_intents/pi_3StandinAuth0001/capture"] = (_req, res) =>
      sendJson(res, 400, {
        error: {
          type: "invalid_request_error",
          code: "payment_intent_unexpected_state",
          message:
            "This PaymentIntent could not be captured because it has a status of canceled. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.",
          payment_intent: paymentIntent({ status: "canceled" }),
        },
      });
    const state = await gateway
      .capture({
        paymentIntentId: "pi_3StandinAuth0001",
        amountCents: 6000,
        applicationFeeCents: 900,
        idempotencyKey: "k2",
      })
      .catch((e: unknown) => e);
    expect(state).toMatchObject({
      type: "invalid_request_error",
      code: "payment_intent_unexpected_state",
      paymentIntentId: "pi_3StandinAuth0001",
    });
    // Not a card error: the message is generic (Stripe's names parameters and ids), the original stays as cause.
    expect((state as PaymentGatewayError).message).toBe("The payment could not be processed.");
    expect(((state as PaymentGatewayError).cause as Error).message).toContain("status of canceled");

    routes["POST /v1/payment_intents/pi_3StandinAuth0001/cancel"] = (_req, res) =>
      sendJson(res, 400, {
        error: {
          type: "idempotency_error",
          message: "Keys for idempotent requests can only be used with the same parameters they were first used with.",
        },
      });
    await expect(
      gateway.cancel({ paymentIntentId: "pi_3StandinAuth0001", idempotencyKey: "k1" }),
    ).rejects.toMatchObject({ type: "idempotency_error" });

    routes["GET /v1/payment_intents/pi_x"] = (_req, res) =>
      sendJson(res, 401, {
        error: { type: "invalid_request_error", message: "Invalid API Key provided: sk_test_***" },
      });
    await expect(gateway.getPaymentIntent("pi_x")).rejects.toMatchObject({ type: "authentication_error" });
  });

  it("captures with amount_to_capture + application_fee_amount, cancels, and retrieves, each write under its key", async () => {
    routes["POST /v1/payment_intents/pi_3StandinAuth0001/capture"] = (_req, res) =>
      sendJson(
        res,
        200,
        paymentIntent({
          status: "succeeded",
          amount_capturable: 0,
          amount_received: 3000,
          application_fee_amount: 450,
        }),
      );
    expect(
      await gateway.capture({
        paymentIntentId: "pi_3StandinAuth0001",
        amountCents: 3000,
        applicationFeeCents: 450,
        idempotencyKey: "booking:B:capture:1",
      }),
    ).toEqual({
      paymentIntentId: "pi_3StandinAuth0001",
      status: "succeeded",
      amountCents: 6000,
      amountReceivedCents: 3000,
      chargeId: "ch_3StandinAuth0001",
    });
    const capture = only();
    expect(form(capture)).toEqual({ amount_to_capture: "3000", application_fee_amount: "450" });
    expect(capture.headers["idempotency-key"]).toBe("booking:B:capture:1");

    standIn.requests.length = 0;
    routes["POST /v1/payment_intents/pi_3StandinAuth0002/cancel"] = (_req, res) =>
      sendJson(
        res,
        200,
        paymentIntent({
          id: "pi_3StandinAuth0002",
          status: "canceled",
          amount_capturable: 0,
          latest_charge: { id: "ch_expanded", object: "charge" },
        }),
      );
    expect(
      await gateway.cancel({ paymentIntentId: "pi_3StandinAuth0002", idempotencyKey: "booking:C:cancel" }),
    ).toMatchObject({ status: "canceled", chargeId: "ch_expanded" });
    const cancel = only();
    expect(cancel.method).toBe("POST");
    expect(cancel.headers["idempotency-key"]).toBe("booking:C:cancel");

    standIn.requests.length = 0;
    routes["GET /v1/payment_intents/pi_3StandinAuth0001"] = (_req, res) =>
      sendJson(res, 200, paymentIntent({ status: "processing" }));
    expect((await gateway.getPaymentIntent("pi_3StandinAuth0001")).status).toBe("processing");
    expect(only().method).toBe("GET");
  });

  it("refunds with reverse_transfer and refund_application_fee under the caller's key", async () => {
    routes["POST /v1/refunds"] = (req, res) =>
      sendJson(res, 200, {
        id: "re_Standin0001",
        object: "refund",
        amount: Number(form(req).amount),
        status: "succeeded",
        payment_intent: "pi_3StandinAuth0001",
        charge: "ch_3StandinAuth0001",
      });
    expect(
      await gateway.refund({
        paymentIntentId: "pi_3StandinAuth0001",
        amountCents: 1500,
        refundApplicationFee: true,
        idempotencyKey: "booking:B:refund:1",
      }),
    ).toEqual({
      refundId: "re_Standin0001",
      status: "succeeded",
    });
    const req = only();
    expect(req.headers["idempotency-key"]).toBe("booking:B:refund:1");
    expect(form(req)).toEqual({
      payment_intent: "pi_3StandinAuth0001",
      amount: "1500",
      reverse_transfer: "true",
      refund_application_fee: "true",
    });

    standIn.requests.length = 0;
    routes["POST /v1/refunds"] = (_req, res) =>
      sendJson(res, 200, { id: "re_Standin0002", object: "refund", amount: 100, status: "pending" });
    expect(
      await gateway.refund({
        paymentIntentId: "pi_3StandinAuth0001",
        amountCents: 100,
        refundApplicationFee: false,
        idempotencyKey: "booking:B:refund:2",
      }),
    ).toEqual({
      refundId: "re_Standin0002",
      status: "pending",
    });
    expect(form(only()).refund_application_fee).toBe("false");
  });

  it("retries a 500 with the same Idempotency-Key (so Stripe answers the retry from the first attempt)", async () => {
    let calls = 0;
    routes["POST /v1/refunds"] = (_req, res) => {
      calls++;
      if (calls === 1) sendJson(res, 500, { error: { type: "api_error", message: "An unknown error occurred" } });
      else sendJson(res, 200, { id: "re_Retry", object: "refund", amount: 100, status: "succeeded" });
    };
    expect(
      (
        await gateway.refund({
          paymentIntentId: "pi_1",
          amountCents: 100,
          refundApplicationFee: true,
          idempotencyKey: "booking:R:refund:1",
        })
      ).refundId,
    ).toBe("re_Retry");
    expect(standIn.requests.map((r) => r.headers["idempotency-key"])).toEqual([
      "booking:R:refund:1",
      "booking:R:refund:1",
    ]);
  });

  it("maps an unreachable API to api_error", async () => {
    const dead = await createStripeGateway({
      secretKey: SECRET_KEY,
      apiBase: "http://127.0.0.1:9",
      maxNetworkRetries: 0,
      timeoutMs: 2000,
    });
    await expect(dead.getPaymentIntent("pi_1")).rejects.toMatchObject({
      type: "api_error",
      code: "api_connection_error",
    });
  });

  describe("webhooks (stripe.webhooks.constructEvent)", () => {
    const payload = JSON.stringify({
      id: "evt_Standin0001",
      object: "event",
      api_version: "2026-10-28.endive",
      created: CREATED,
      type: "payment_intent.amount_capturable_updated",
      account: "acct_1StandinInstr",
      livemode: false,
      data: { object: { id: "pi_3StandinAuth0001", object: "payment_intent", status: "requires_capture" } },
    });
    const now = () => Math.floor(Date.now() / 1000);

    it("verifies a correctly signed payload (signed by our helper, as the local gateway signs)", () => {
      expect(gateway.verifyWebhook(payload, signWebhookPayload(payload, WEBHOOK_SECRET, now()))).toEqual({
        id: "evt_Standin0001",
        type: "payment_intent.amount_capturable_updated",
        created: CREATED,
        account: "acct_1StandinInstr",
        object: { id: "pi_3StandinAuth0001", object: "payment_intent", status: "requires_capture" },
      });
    });

    it("speaks the same scheme as Stripe: a header from Stripe's own test signer passes our (local gateway's) verifier", async () => {
      const { default: StripeSdk } = await import("stripe");
      const header = StripeSdk.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
      expect(() => verifyWebhookSignature(payload, header, WEBHOOK_SECRET)).not.toThrow();
      expect(() => verifyWebhookSignature(payload, header, "whsec_other")).toThrow(WebhookSignatureError);
    });

    it("refuses a bad signature, a stale timestamp, a missing header, and everything when no secret is configured", async () => {
      expect(() => gateway.verifyWebhook(payload, signWebhookPayload(payload, "whsec_wrong", now()))).toThrow(
        WebhookSignatureError,
      );
      expect(() =>
        gateway.verifyWebhook(
          payload.replace("requires_capture", "succeeded"),
          signWebhookPayload(payload, WEBHOOK_SECRET, now()),
        ),
      ).toThrow(WebhookSignatureError);
      expect(() => gateway.verifyWebhook(payload, signWebhookPayload(payload, WEBHOOK_SECRET, now() - 600))).toThrow(
        /tolerance/i,
      );
      expect(() => gateway.verifyWebhook(payload, null)).toThrow(WebhookSignatureError);
      const unconfigured = await createStripeGateway({ secretKey: SECRET_KEY, apiBase: standIn.url });
      expect(() => unconfigured.verifyWebhook(payload, signWebhookPayload(payload, WEBHOOK_SECRET, now()))).toThrow(
        /not configured/,
      );
    });
  });
});
