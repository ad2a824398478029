import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rowsOf } from "~/server/db/client";
import { createLocalGatewayRepository } from "~/server/repositories/local-gateway";
import { createTestRuntime, type TestRuntime } from "~/test/harness";
import { createLocalGateway, type LocalPaymentGateway } from "./local";
import { PaymentGatewayError, WebhookSignatureError } from "./port";
import { signWebhookPayload } from "./webhook-signature";

const APP_URL = "http://localhost:3100";
let rt: TestRuntime;
/** The gateways' shared clock: tests move it forward to pass Stripe's time limits. */
let clock = new Date("2026-11-20T12:00:00Z");
let gw: LocalPaymentGateway;
let seq = 0;
const key = (what: string) => `test:${what}:${++seq}`;

beforeAll(async () => {
  rt = await createTestRuntime();
  gw = await createLocalGateway({ db: rt.dbh.db, appUrl: APP_URL, now: () => clock });
});
afterAll(async () => rt?.close());

/** Runs `fn`, expecting a PaymentGatewayError, and returns it. */
async function gatewayError(fn: () => Promise<unknown>): Promise<PaymentGatewayError> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PaymentGatewayError);
    return e as PaymentGatewayError;
  }
  throw new Error("expected a PaymentGatewayError");
}

async function newCustomer(userId = `user_${++seq}`) {
  return (
    await gw.createCustomer({
      email: `${userId}@example.test`,
      name: "Test Student",
      userId,
      idempotencyKey: key("customer"),
    })
  ).customerId;
}

/** A customer with this card saved through a SetupIntent, as the browser would confirm it. */
async function savedCard(number: string, customerId?: string) {
  const customer = customerId ?? (await newCustomer());
  const si = await gw.createSetupIntent({ customerId: customer, idempotencyKey: key("seti") });
  await gw.confirmSetupIntentWithCard({
    ...si,
    number,
    expMonth: 12,
    expYear: 2030,
    cvc: number.startsWith("37") ? "1234" : "123",
  });
  const card = await gw.completeSetupIntent({ setupIntentId: si.setupIntentId, customerId: customer });
  return { customerId: customer, card };
}

/** An instructor's connected account that finished (local) onboarding. */
async function onboardedAccount(userId = `instr_${++seq}`) {
  const { accountId } = await gw.createConnectedAccount({
    email: `${userId}@example.test`,
    userId,
    idempotencyKey: key("acct"),
  });
  const { url } = await gw.createOnboardingLink({
    accountId,
    refreshUrl: `${APP_URL}/instructor/payouts?refresh=1`,
    returnUrl: `${APP_URL}/instructor/payouts`,
  });
  const token = new URL(url).searchParams.get("link")!;
  expect(await gw.completeOnboarding({ token, userId })).toEqual({
    redirectUrl: `${APP_URL}/instructor/payouts`,
    completed: true,
  });
  return accountId;
}

function authorizeInput(
  customerId: string,
  paymentMethodId: string,
  destinationAccountId: string,
  over: Partial<{ amountCents: number; applicationFeeCents: number }> = {},
) {
  return {
    amountCents: over.amountCents ?? 6000,
    currency: "usd",
    customerId,
    paymentMethodId,
    destinationAccountId,
    applicationFeeCents: over.applicationFeeCents ?? 900,
    metadata: { bookingId: "01JBOOKING0000000000000000" },
    idempotencyKey: key("authorize"),
  };
}

describe(`local payment gateway (${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"})`, () => {
  describe("saving a card (SetupIntent confirmed with Stripe's test cards)", () => {
    it.each([
      ["4242424242424242", "visa", "4242"],
      ["5555555555554444", "mastercard", "4444"],
      ["378282246310005", "amex", "0005"],
      ["4000002760003184", "visa", "3184"],
      ["4000000000000341", "visa", "0341"],
    ])("%s is saved as a %s ending %s", async (number, brand, last4) => {
      const { customerId, card } = await savedCard(number);
      expect(card).toMatchObject({ brand, last4, expMonth: 12, expYear: 2030 });
      expect(card.paymentMethodId).toMatch(/^pm_[A-Za-z0-9]{24}$/);
      expect(card.fingerprint).toMatch(/^[A-Za-z0-9]{16}$/);
      expect(await gw.listCards(customerId)).toEqual([card]);
    });

    it.each([
      ["4000000000000002", "card_declined", "generic_decline", "Your card was declined."],
      ["4000000000009995", "card_declined", "insufficient_funds", "Your card has insufficient funds."],
      ["4000000000000069", "expired_card", "expired_card", "Your card has expired."],
      ["4000000000000127", "incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect."],
      ["4242424242424241", "incorrect_number", null, "Your card number is incorrect."],
      ["4242 4242", "invalid_number", null, "Your card number is invalid."],
    ])("%s is declined when saved: %s / %s", async (number, code, declineCode, message) => {
      const customerId = await newCustomer();
      const si = await gw.createSetupIntent({ customerId, idempotencyKey: key("seti") });
      const err = await gatewayError(() =>
        gw.confirmSetupIntentWithCard({ ...si, number, expMonth: 12, expYear: 2030, cvc: "123" }),
      );
      expect({ type: err.type, code: err.code, declineCode: err.declineCode, message: err.message }).toEqual({
        type: "card_error",
        code,
        declineCode,
        message,
      });
      // The server's completion step sees the same error; nothing was saved and the SetupIntent can be retried.
      const again = await gatewayError(() => gw.completeSetupIntent({ setupIntentId: si.setupIntentId, customerId }));
      expect([again.type, again.code]).toEqual(["card_error", code]);
      expect(await gw.listCards(customerId)).toEqual([]);
      await gw.confirmSetupIntentWithCard({
        ...si,
        number: "4242 4242 4242 4242",
        expMonth: 12,
        expYear: 2030,
        cvc: "123",
      });
      expect((await gw.completeSetupIntent({ setupIntentId: si.setupIntentId, customerId })).last4).toBe("4242");
    });

    it("refuses a past expiry (expired_card), a bad month and a short CVC, in Stripe's terms", async () => {
      const customerId = await newCustomer();
      const si = await gw.createSetupIntent({ customerId, idempotencyKey: key("seti") });
      const card = { ...si, number: "4242424242424242", cvc: "123" };
      expect(
        (await gatewayError(() => gw.confirmSetupIntentWithCard({ ...card, expMonth: 10, expYear: 2026 }))).code,
      ).toBe("expired_card");
      expect(
        (await gatewayError(() => gw.confirmSetupIntentWithCard({ ...card, expMonth: 13, expYear: 2030 }))).code,
      ).toBe("invalid_expiry_month");
      expect(
        (await gatewayError(() => gw.confirmSetupIntentWithCard({ ...card, expMonth: 12, expYear: 2030, cvc: "12" })))
          .code,
      ).toBe("invalid_cvc");
      // The current month still counts (valid through its last day); a two-digit year is 20YY.
      await gw.confirmSetupIntentWithCard({ ...card, expMonth: 11, expYear: 26 });
      expect(await gw.completeSetupIntent({ setupIntentId: si.setupIntentId, customerId })).toMatchObject({
        expMonth: 11,
        expYear: 2026,
      });
    });

    it("needs the SetupIntent's client secret and its own customer; a succeeded SetupIntent cannot be confirmed again", async () => {
      const customerId = await newCustomer();
      const si = await gw.createSetupIntent({ customerId, idempotencyKey: key("seti") });
      const card = { number: "4242424242424242", expMonth: 12, expYear: 2030, cvc: "123" };
      const wrongSecret = await gatewayError(() =>
        gw.confirmSetupIntentWithCard({
          ...card,
          setupIntentId: si.setupIntentId,
          clientSecret: `${si.setupIntentId}_secret_guess`,
        }),
      );
      expect([wrongSecret.type, wrongSecret.code]).toEqual(["invalid_request_error", "resource_missing"]);
      const notConfirmed = await gatewayError(() =>
        gw.completeSetupIntent({ setupIntentId: si.setupIntentId, customerId }),
      );
      expect(notConfirmed.code).toBe("setup_intent_unexpected_state");
      await gw.confirmSetupIntentWithCard({ ...card, ...si });
      expect((await gatewayError(() => gw.confirmSetupIntentWithCard({ ...card, ...si }))).code).toBe(
        "setup_intent_unexpected_state",
      );
      const otherCustomer = await newCustomer();
      expect(
        (
          await gatewayError(() =>
            gw.completeSetupIntent({ setupIntentId: si.setupIntentId, customerId: otherCustomer }),
          )
        ).code,
      ).toBe("resource_missing");
    });

    it("stores brand, last 4, expiry and a keyed fingerprint — never the card number", async () => {
      const { customerId, card } = await savedCard("5555555555554444");
      const second = await savedCard("5555 5555 5555 4444", customerId);
      expect(second.card.fingerprint).toBe(card.fingerprint);
      expect(second.card.paymentMethodId).not.toBe(card.paymentMethodId);
      expect((await savedCard("4242424242424242")).card.fingerprint).not.toBe(card.fingerprint);
      const dump = JSON.stringify(rowsOf(await rt.dbh.db.execute(sql`select data from local_gateway_objects`)));
      expect(dump).not.toContain("5555555555554444");
      expect(dump).not.toContain("4242424242424242");
      expect(dump).toContain('"last4":"4444"');
    });

    it("detaches a card: it leaves the customer's list and cannot be detached twice", async () => {
      const { customerId, card } = await savedCard("4242424242424242");
      const other = await savedCard("5555555555554444", customerId);
      await gw.detachCard(card.paymentMethodId);
      expect(await gw.listCards(customerId)).toEqual([other.card]);
      expect((await gatewayError(() => gw.detachCard(card.paymentMethodId))).code).toBe(
        "payment_method_unexpected_state",
      );
      expect((await gatewayError(() => gw.detachCard("pm_missing"))).code).toBe("resource_missing");
    });
  });

  describe("Connect onboarding (local hosted page)", () => {
    it("starts restricted; only the owner's link completes it; a used link sends the browser to refresh_url", async () => {
      const userId = `instr_${++seq}`;
      const { accountId } = await gw.createConnectedAccount({
        email: "inst@example.test",
        userId,
        idempotencyKey: key("acct"),
      });
      const before = await gw.getConnectedAccount(accountId);
      expect(before).toMatchObject({
        accountId,
        chargesEnabled: false,
        payoutsEnabled: false,
        detailsSubmitted: false,
      });
      expect(before.requirementsDue).toContain("external_account");

      const { url, expiresAt } = await gw.createOnboardingLink({
        accountId,
        refreshUrl: `${APP_URL}/r`,
        returnUrl: `${APP_URL}/done`,
      });
      expect(url).toMatch(new RegExp(`^${APP_URL}/dev/connect-onboarding\\?link=[A-Za-z0-9_-]{32}$`));
      expect(expiresAt.getTime()).toBe(clock.getTime() + 30 * 60_000);
      const token = new URL(url).searchParams.get("link")!;

      // Someone else (even another instructor) learns nothing and changes nothing.
      expect(await gw.findOnboardingLink({ token, userId: "someone_else" })).toBeNull();
      expect(await gw.completeOnboarding({ token, userId: "someone_else" })).toBeNull();
      expect(await gw.findOnboardingLink({ token: "no-such-link", userId })).toBeNull();
      expect((await gw.getConnectedAccount(accountId)).chargesEnabled).toBe(false);

      expect(await gw.findOnboardingLink({ token, userId })).toEqual({
        accountId,
        email: "inst@example.test",
        state: "ready",
      });
      expect(await gw.completeOnboarding({ token, userId })).toEqual({
        redirectUrl: `${APP_URL}/done`,
        completed: true,
      });
      expect(await gw.getConnectedAccount(accountId)).toEqual({
        accountId,
        chargesEnabled: true,
        payoutsEnabled: true,
        detailsSubmitted: true,
        requirementsDue: [],
      });

      expect(await gw.findOnboardingLink({ token, userId })).toMatchObject({ state: "used" });
      expect(await gw.completeOnboarding({ token, userId })).toEqual({ redirectUrl: `${APP_URL}/r`, completed: false });
    });

    it("an expired link does nothing and sends the browser to refresh_url", async () => {
      const userId = `instr_${++seq}`;
      const { accountId } = await gw.createConnectedAccount({
        email: "late@example.test",
        userId,
        idempotencyKey: key("acct"),
      });
      const { url } = await gw.createOnboardingLink({
        accountId,
        refreshUrl: `${APP_URL}/r`,
        returnUrl: `${APP_URL}/done`,
      });
      const token = new URL(url).searchParams.get("link")!;
      clock = new Date(clock.getTime() + 31 * 60_000);
      expect(await gw.findOnboardingLink({ token, userId })).toMatchObject({ state: "expired" });
      expect(await gw.completeOnboarding({ token, userId })).toEqual({ redirectUrl: `${APP_URL}/r`, completed: false });
      expect((await gw.getConnectedAccount(accountId)).detailsSubmitted).toBe(false);
    });

    it("refuses a destination charge to an account that has not finished onboarding", async () => {
      const { customerId, card } = await savedCard("4242424242424242");
      const { accountId } = await gw.createConnectedAccount({
        email: "new@example.test",
        userId: `instr_${++seq}`,
        idempotencyKey: key("acct"),
      });
      const err = await gatewayError(() => gw.authorize(authorizeInput(customerId, card.paymentMethodId, accountId)));
      expect([err.type, err.code]).toEqual(["invalid_request_error", "insufficient_capabilities_for_transfer"]);
      expect((await gatewayError(() => gw.getConnectedAccount("acct_missing"))).code).toBe("resource_missing");
    });
  });

  describe("authorization (manual-capture destination PaymentIntent, off-session)", () => {
    let destination: string;
    beforeAll(async () => {
      destination = await onboardedAccount();
    });

    it("4242: holds the amount (requires_capture) with the fee, destination and metadata recorded", async () => {
      const { customerId, card } = await savedCard("4242424242424242");
      const result = await gw.authorize(authorizeInput(customerId, card.paymentMethodId, destination));
      expect(result).toEqual({
        paymentIntentId: expect.stringMatching(/^pi_/),
        status: "requires_capture",
        amountCents: 6000,
        amountReceivedCents: 0,
        chargeId: expect.stringMatching(/^ch_/),
      });
      expect(await gw.getPaymentIntent(result.paymentIntentId)).toEqual(result);
      expect(await gw.inspect(result.paymentIntentId)).toMatchObject({
        capture_method: "manual",
        amount_capturable: 6000,
        application_fee_amount: 900,
        transfer_data: { destination },
        metadata: { bookingId: "01JBOOKING0000000000000000" },
        customer: customerId,
        payment_method: card.paymentMethodId,
      });
    });

    it("4000002760003184: off-session authorization needs the cardholder (authentication_required, with the PaymentIntent)", async () => {
      const { customerId, card } = await savedCard("4000002760003184");
      const input = authorizeInput(customerId, card.paymentMethodId, destination);
      const err = await gatewayError(() => gw.authorize(input));
      expect({ type: err.type, code: err.code, declineCode: err.declineCode }).toEqual({
        type: "card_error",
        code: "authentication_required",
        declineCode: "authentication_required",
      });
      expect(err.paymentIntentId).toMatch(/^pi_/);
      expect(await gw.getPaymentIntent(err.paymentIntentId!)).toMatchObject({
        status: "requires_payment_method",
        amountReceivedCents: 0,
      });
      // A retry with the same key replays the stored failure: same error, same PaymentIntent, no second attempt.
      const replay = await gatewayError(() => gw.authorize(input));
      expect([replay.code, replay.paymentIntentId]).toEqual(["authentication_required", err.paymentIntentId]);
    });

    it("4000000000000341: saved fine, declined at authorization (card_declined / generic_decline)", async () => {
      const { customerId, card } = await savedCard("4000000000000341");
      const err = await gatewayError(() => gw.authorize(authorizeInput(customerId, card.paymentMethodId, destination)));
      expect({ type: err.type, code: err.code, declineCode: err.declineCode, message: err.message }).toEqual({
        type: "card_error",
        code: "card_declined",
        declineCode: "generic_decline",
        message: "Your card was declined.",
      });
      const pi = await gw.inspect(err.paymentIntentId!);
      expect(pi).toMatchObject({
        status: "requires_payment_method",
        last_payment_error: { type: "card_error", code: "card_declined", decline_code: "generic_decline" },
      });
      // The declined PaymentIntent can still be canceled (the service cleans up before retrying with a new key).
      expect((await gw.cancel({ paymentIntentId: err.paymentIntentId!, idempotencyKey: key("cancel") })).status).toBe(
        "canceled",
      );
    });

    it("refuses bad amounts before anything is created (not stored under the key)", async () => {
      const { customerId, card } = await savedCard("4242424242424242");
      const tooSmall = authorizeInput(customerId, card.paymentMethodId, destination, {
        amountCents: 49,
        applicationFeeCents: 0,
      });
      expect((await gatewayError(() => gw.authorize(tooSmall))).code).toBe("amount_too_small");
      const feeTooBig = authorizeInput(customerId, card.paymentMethodId, destination, {
        amountCents: 5000,
        applicationFeeCents: 5001,
      });
      expect((await gatewayError(() => gw.authorize(feeTooBig))).code).toBe("application_fee_amount_too_large");
      // A request refused before it executed is not stored under its key, so the corrected request may use it.
      expect((await gw.authorize({ ...tooSmall, amountCents: 50 })).status).toBe("requires_capture");
      const other = await newCustomer();
      const notTheirs = await gatewayError(() =>
        gw.authorize(authorizeInput(other, card.paymentMethodId, destination)),
      );
      expect(notTheirs.code).toBe("payment_method_unexpected_state");
    });
  });

  describe("capture, cancel and refund (Stripe's state machine)", () => {
    let destination: string;
    let customerId: string;
    let pm: string;
    const authorize = async (over: Partial<{ amountCents: number; applicationFeeCents: number }> = {}) =>
      gw.authorize(authorizeInput(customerId, pm, destination, over));

    beforeAll(async () => {
      destination = await onboardedAccount();
      const saved = await savedCard("4242424242424242");
      customerId = saved.customerId;
      pm = saved.card.paymentMethodId;
    });

    it("full capture, then partial refunds: the transfer is reversed and the fee refunded in proportion, down to zero", async () => {
      const { paymentIntentId } = await authorize({ amountCents: 6000, applicationFeeCents: 900 });
      const captured = await gw.capture({
        paymentIntentId,
        amountCents: 6000,
        applicationFeeCents: 900,
        idempotencyKey: key("capture"),
      });
      expect(captured).toMatchObject({
        paymentIntentId,
        status: "succeeded",
        amountCents: 6000,
        amountReceivedCents: 6000,
      });

      const r1 = await gw.refund({
        paymentIntentId,
        amountCents: 2000,
        refundApplicationFee: true,
        idempotencyKey: key("refund"),
      });
      expect(r1).toEqual({ refundId: expect.stringMatching(/^re_/), status: "succeeded" });
      expect(await gw.inspect(r1.refundId)).toMatchObject({
        amount: 2000,
        reverse_transfer: true,
        x_transfer_reversal_amount: 2000,
        x_application_fee_refund_amount: 300,
      });

      const tooMuch = await gatewayError(() =>
        gw.refund({ paymentIntentId, amountCents: 4001, refundApplicationFee: true, idempotencyKey: key("refund") }),
      );
      expect([tooMuch.type, tooMuch.code]).toEqual(["invalid_request_error", "amount_too_large"]);

      const r2 = await gw.refund({
        paymentIntentId,
        amountCents: 4000,
        refundApplicationFee: true,
        idempotencyKey: key("refund"),
      });
      expect(await gw.inspect(r2.refundId)).toMatchObject({ x_application_fee_refund_amount: 600 });
      expect(await gw.inspect(paymentIntentId)).toMatchObject({
        x_charge: { amount_refunded: 6000, application_fee_refunded: 900, transfer_reversed: 6000 },
      });

      const again = await gatewayError(() =>
        gw.refund({ paymentIntentId, amountCents: 1, refundApplicationFee: true, idempotencyKey: key("refund") }),
      );
      expect(again.code).toBe("charge_already_refunded");
    });

    it("partial capture (a cancellation fee) releases the rest; refunds are bounded by what was captured", async () => {
      const { paymentIntentId } = await authorize({ amountCents: 6000, applicationFeeCents: 900 });
      const captured = await gw.capture({
        paymentIntentId,
        amountCents: 3000,
        applicationFeeCents: 450,
        idempotencyKey: key("capture"),
      });
      expect(captured).toMatchObject({ status: "succeeded", amountCents: 6000, amountReceivedCents: 3000 });
      expect(await gw.inspect(paymentIntentId)).toMatchObject({ amount_capturable: 0, application_fee_amount: 450 });
      const err = await gatewayError(() =>
        gw.refund({ paymentIntentId, amountCents: 3001, refundApplicationFee: false, idempotencyKey: key("refund") }),
      );
      expect(err.code).toBe("amount_too_large");
      const r = await gw.refund({
        paymentIntentId,
        amountCents: 1000,
        refundApplicationFee: false,
        idempotencyKey: key("refund"),
      });
      expect(await gw.inspect(r.refundId)).toMatchObject({
        x_transfer_reversal_amount: 1000,
        x_application_fee_refund_amount: 0,
      });
    });

    it("refuses to capture more than authorized, a fee above the capture, and a second capture", async () => {
      const { paymentIntentId } = await authorize({ amountCents: 6000 });
      const over = await gatewayError(() =>
        gw.capture({ paymentIntentId, amountCents: 6001, applicationFeeCents: 900, idempotencyKey: key("capture") }),
      );
      expect([over.type, over.code, over.paymentIntentId]).toEqual([
        "invalid_request_error",
        "amount_too_large",
        paymentIntentId,
      ]);
      const fee = await gatewayError(() =>
        gw.capture({ paymentIntentId, amountCents: 1000, applicationFeeCents: 1001, idempotencyKey: key("capture") }),
      );
      expect(fee.code).toBe("application_fee_amount_too_large");

      const captureKey = key("capture");
      const first = await gw.capture({
        paymentIntentId,
        amountCents: 6000,
        applicationFeeCents: 900,
        idempotencyKey: captureKey,
      });
      // The same request retried (same key) is answered from the stored result…
      expect(
        await gw.capture({ paymentIntentId, amountCents: 6000, applicationFeeCents: 900, idempotencyKey: captureKey }),
      ).toEqual(first);
      // …a new capture attempt is refused by the state machine.
      const twice = await gatewayError(() =>
        gw.capture({ paymentIntentId, amountCents: 6000, applicationFeeCents: 900, idempotencyKey: key("capture") }),
      );
      expect([twice.type, twice.code]).toEqual(["invalid_request_error", "payment_intent_unexpected_state"]);
      expect(twice.message).toContain("status of succeeded");
      const cancelCaptured = await gatewayError(() => gw.cancel({ paymentIntentId, idempotencyKey: key("cancel") }));
      expect(cancelCaptured.code).toBe("payment_intent_unexpected_state");
    });

    it("cancel releases the hold; a canceled PaymentIntent cannot be captured, refunded or canceled again", async () => {
      const { paymentIntentId } = await authorize();
      const canceled = await gw.cancel({ paymentIntentId, idempotencyKey: key("cancel") });
      expect(canceled).toMatchObject({ paymentIntentId, status: "canceled", amountReceivedCents: 0 });
      for (const attempt of [
        () =>
          gw.capture({ paymentIntentId, amountCents: 6000, applicationFeeCents: 900, idempotencyKey: key("capture") }),
        () =>
          gw.refund({ paymentIntentId, amountCents: 100, refundApplicationFee: true, idempotencyKey: key("refund") }),
        () => gw.cancel({ paymentIntentId, idempotencyKey: key("cancel") }),
      ]) {
        const err = await gatewayError(attempt);
        expect([err.type, err.code, err.paymentIntentId]).toEqual([
          "invalid_request_error",
          "payment_intent_unexpected_state",
          paymentIntentId,
        ]);
      }
    });

    it("cannot refund before capture", async () => {
      const { paymentIntentId } = await authorize();
      const err = await gatewayError(() =>
        gw.refund({ paymentIntentId, amountCents: 100, refundApplicationFee: true, idempotencyKey: key("refund") }),
      );
      expect(err.code).toBe("payment_intent_unexpected_state");
    });

    it("an authorization not captured within 7 days is released (canceled, automatic), as on Stripe", async () => {
      const { paymentIntentId } = await authorize();
      clock = new Date(clock.getTime() + 7 * 24 * 3600_000 + 60_000);
      expect(await gw.getPaymentIntent(paymentIntentId)).toMatchObject({ status: "canceled" });
      expect(await gw.inspect(paymentIntentId)).toMatchObject({ cancellation_reason: "automatic" });
      const err = await gatewayError(() =>
        gw.capture({ paymentIntentId, amountCents: 6000, applicationFeeCents: 900, idempotencyKey: key("capture") }),
      );
      expect(err.code).toBe("payment_intent_unexpected_state");
    });
  });

  describe("idempotency", () => {
    it("same key and parameters → the same object; other parameters → idempotency_error; after 24 hours the key is new", async () => {
      const input = {
        email: "s@example.test",
        name: "Sam Student",
        userId: "user_idem",
        idempotencyKey: key("customer"),
      };
      const first = await gw.createCustomer(input);
      expect(await gw.createCustomer({ ...input })).toEqual(first);
      const err = await gatewayError(() => gw.createCustomer({ ...input, name: "Someone Else" }));
      expect([err.type, err.code]).toEqual(["idempotency_error", null]);
      // A key belongs to one endpoint.
      const otherEndpoint = await gatewayError(() =>
        gw.createSetupIntent({ customerId: first.customerId, idempotencyKey: input.idempotencyKey }),
      );
      expect(otherEndpoint.type).toBe("idempotency_error");

      clock = new Date(clock.getTime() + 24 * 3600_000 + 1000);
      const later = await gw.createCustomer({ ...input, name: "Someone Else" });
      expect(later.customerId).not.toBe(first.customerId);
    });

    it("authorize retried with its key does not hold the card twice, even when the retries race", async () => {
      const destination = await onboardedAccount();
      const { customerId, card } = await savedCard("4242424242424242");
      const input = authorizeInput(customerId, card.paymentMethodId, destination);
      const results = await Promise.all([gw.authorize(input), gw.authorize(input), gw.authorize(input)]);
      expect(new Set(results.map((r) => r.paymentIntentId)).size).toBe(1);
      const intents = await createLocalGatewayRepository(rt.dbh.db).listByParent("payment_intent", customerId);
      expect(intents).toHaveLength(1);
      const changed = await gatewayError(() => gw.authorize({ ...input, amountCents: 7000 }));
      expect(changed.type).toBe("idempotency_error");
    });

    it("an empty or overlong key is refused", async () => {
      const customerId = await newCustomer();
      expect((await gatewayError(() => gw.createSetupIntent({ customerId, idempotencyKey: "" }))).code).toBe(
        "idempotency_key_invalid",
      );
      expect(
        (await gatewayError(() => gw.createSetupIntent({ customerId, idempotencyKey: "k".repeat(256) }))).code,
      ).toBe("idempotency_key_invalid");
    });
  });

  it("keeps its state in the database: a new gateway instance (a restart) sees cards, intents, keys and the same secrets", async () => {
    const destination = await onboardedAccount();
    const { customerId, card } = await savedCard("5555555555554444");
    const input = authorizeInput(customerId, card.paymentMethodId, destination);
    const authorized = await gw.authorize(input);

    const restarted = await createLocalGateway({ db: rt.dbh.db, appUrl: APP_URL, now: () => clock });
    expect(restarted.webhookSecret).toBe(gw.webhookSecret);
    expect(await restarted.listCards(customerId)).toEqual([card]);
    expect(await restarted.getPaymentIntent(authorized.paymentIntentId)).toEqual(authorized);
    expect(await restarted.authorize(input)).toEqual(authorized);
    expect(
      (
        await restarted.capture({
          paymentIntentId: authorized.paymentIntentId,
          amountCents: 6000,
          applicationFeeCents: 900,
          idempotencyKey: key("capture"),
        })
      ).status,
    ).toBe("succeeded");
    // The same card saved after the restart has the same fingerprint (the key is in the database, not in memory).
    expect((await savedCard("5555555555554444")).card.fingerprint).toBe(card.fingerprint);
    // The runtime's own gateway is the local one on the same database.
    expect(rt.payments.kind).toBe("local");
    expect(await rt.payments.listCards(customerId)).toEqual([card]);
  });

  describe("webhooks (Stripe's t=…,v1=… HMAC-SHA256 scheme)", () => {
    it("verifies an event it signed and returns it in the port's shape", () => {
      const { payload, signature } = gw.signEvent({
        type: "account.updated",
        account: "acct_123",
        object: { id: "acct_123", object: "account", charges_enabled: true },
      });
      expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      const event = gw.verifyWebhook(payload, signature);
      expect(event).toEqual({
        id: expect.stringMatching(/^evt_/),
        type: "account.updated",
        created: Math.floor(clock.getTime() / 1000),
        account: "acct_123",
        object: { id: "acct_123", object: "account", charges_enabled: true },
      });
    });

    it("accepts a payload signed with the secret by anyone (the webhook route's tests sign the same way for both gateways)", () => {
      const payload = JSON.stringify({
        id: "evt_1",
        object: "event",
        type: "payment_intent.succeeded",
        created: 1,
        data: { object: { id: "pi_1", object: "payment_intent" } },
      });
      const header = signWebhookPayload(payload, gw.webhookSecret, Math.floor(clock.getTime() / 1000));
      expect(gw.verifyWebhook(payload, header)).toMatchObject({
        id: "evt_1",
        type: "payment_intent.succeeded",
        account: null,
        object: { id: "pi_1" },
      });
    });

    it("refuses a tampered body, another secret, a stale or future timestamp, and a missing header", () => {
      const { payload, signature } = gw.signEvent({ type: "charge.refunded", object: { id: "ch_1" } });
      const now = Math.floor(clock.getTime() / 1000);
      expect(() => gw.verifyWebhook(payload.replace("ch_1", "ch_2"), signature)).toThrow(WebhookSignatureError);
      expect(() => gw.verifyWebhook(payload, signWebhookPayload(payload, "whsec_other", now))).toThrow(
        WebhookSignatureError,
      );
      expect(() => gw.verifyWebhook(payload, signWebhookPayload(payload, gw.webhookSecret, now - 301))).toThrow(
        /tolerance/,
      );
      expect(() => gw.verifyWebhook(payload, signWebhookPayload(payload, gw.webhookSecret, now + 301))).toThrow(
        /tolerance/,
      );
      expect(() => gw.verifyWebhook(payload, null)).toThrow(WebhookSignatureError);
      expect(() => gw.verifyWebhook(payload, "t=abc,v1=xyz")).toThrow(WebhookSignatureError);
      // Several v1 signatures (a secret being rolled): one match is enough.
      const v1 = signature.split("v1=")[1]!;
      expect(gw.verifyWebhook(payload, `t=${now},v1=${"0".repeat(64)},v1=${v1}`).type).toBe("charge.refunded");
    });

    it("uses a random secret generated once per database (no fixed string in the code)", async () => {
      expect(gw.webhookSecret).toMatch(/^whsec_[0-9a-f]{48}$/);
      const [row] = rowsOf<{ data: { webhookSecret: string } }>(
        await rt.dbh.db.execute(sql`select data from local_gateway_objects where type = 'secret'`),
      );
      expect(row?.data.webhookSecret).toBe(gw.webhookSecret);
    });
  });
});
