import { errorBrand } from "~/lib/error-brand";
/**
 * The payments port (PRODUCT.md §5): Stripe Connect's objects in Stripe's own terms, so the Stripe adapter is
 * a thin mapping and the local gateway (the embedded default) can reproduce Stripe's state machine and error
 * semantics without the network. Amounts are integer cents; every create call carries an idempotency key the
 * caller derives from booking id + action + attempt.
 */

/** A card as the product may show it: never the number. */
export type CardSummary = {
  paymentMethodId: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  /** Same card, same fingerprint (Stripe's `card.fingerprint`); used to spot duplicates. */
  fingerprint: string;
};

export type ConnectedAccountStatus = {
  accountId: string;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  /** Stripe's `requirements.currently_due`. */
  requirementsDue: string[];
};

/** Stripe's PaymentIntent statuses that matter to us. */
export type PaymentIntentStatus =
  "requires_payment_method" | "requires_action" | "requires_capture" | "processing" | "succeeded" | "canceled";

export type PaymentIntentResult = {
  paymentIntentId: string;
  status: PaymentIntentStatus;
  amountCents: number;
  /** Set once captured (or charged). */
  amountReceivedCents: number;
  chargeId: string | null;
};

/**
 * A card or state error in Stripe's vocabulary. `code` is Stripe's error code (`card_declined`,
 * `expired_card`, `incorrect_cvc`, `authentication_required`, `payment_intent_unexpected_state`, …);
 * `declineCode` Stripe's decline code (`generic_decline`, `insufficient_funds`, …) when the card was declined.
 * `message` is safe to show to the cardholder.
 */
const paymentGatewayErrorBrand = errorBrand("PaymentGatewayError");
export class PaymentGatewayError extends Error {
  constructor(
    message: string,
    readonly type: "card_error" | "invalid_request_error" | "api_error" | "idempotency_error" | "authentication_error",
    readonly code: string | null,
    readonly declineCode: string | null = null,
    /** The PaymentIntent the error happened on, when one was created (Stripe returns it with card errors). */
    readonly paymentIntentId: string | null = null,
  ) {
    super(message);
    this.name = "PaymentGatewayError";
    paymentGatewayErrorBrand.mark(this);
  }
  /** Answers by brand, so the class works across Next bundles (src/lib/error-brand.ts). */
  static [Symbol.hasInstance](value: unknown): boolean {
    return paymentGatewayErrorBrand.test(value);
  }
  get isCardError() {
    return this.type === "card_error";
  }
}

/**
 * A webhook whose `Stripe-Signature` is missing, wrong or older than the tolerance (5 minutes), or a gateway with
 * no webhook secret configured. The webhook route answers 400 and processes nothing.
 */
const webhookSignatureErrorBrand = errorBrand("WebhookSignatureError");
export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookSignatureError";
    webhookSignatureErrorBrand.mark(this);
  }
  /** Answers by brand, so the class works across Next bundles (src/lib/error-brand.ts). */
  static [Symbol.hasInstance](value: unknown): boolean {
    return webhookSignatureErrorBrand.test(value);
  }
}

/** A verified webhook event, reduced to what the product reads. */
export type GatewayEvent = {
  id: string;
  type: string;
  created: number;
  /** The account the event happened on (Connect events), if any. */
  account: string | null;
  /** `data.object` as sent. */
  object: Record<string, unknown>;
};

export interface PaymentGateway {
  readonly kind: "stripe" | "local";

  // ── Connect (instructors) ──
  /** `accounts.create({ type: "express", email, capabilities: card_payments + transfers, metadata.userId })`. */
  createConnectedAccount(input: {
    email: string;
    userId: string;
    idempotencyKey: string;
  }): Promise<{ accountId: string }>;
  /** `accountLinks.create({ account, refresh_url, return_url, type: "account_onboarding" })`. */
  createOnboardingLink(input: {
    accountId: string;
    refreshUrl: string;
    returnUrl: string;
  }): Promise<{ url: string; expiresAt: Date }>;
  /** `accounts.retrieve(id)`. */
  getConnectedAccount(accountId: string): Promise<ConnectedAccountStatus>;

  // ── Customers and saved cards (students) ──
  /** `customers.create({ email, name, metadata.userId })`. */
  createCustomer(input: {
    email: string;
    name: string;
    userId: string;
    idempotencyKey: string;
  }): Promise<{ customerId: string }>;
  /**
   * `setupIntents.create({ customer, usage: "off_session", payment_method_types: ["card"] })` — the card is saved at
   * booking. (In the SDK's API version 2026-10-28.endive the parameter is `allowed_payment_method_types`.)
   */
  createSetupIntent(input: {
    customerId: string;
    idempotencyKey: string;
  }): Promise<{ setupIntentId: string; clientSecret: string }>;
  /**
   * `setupIntents.retrieve(id)` after the browser confirmed it (Stripe Elements) — returns the saved card once
   * the SetupIntent succeeded, or throws a card error.
   */
  completeSetupIntent(input: { setupIntentId: string; customerId: string }): Promise<CardSummary>;
  /**
   * Local gateway only — what Stripe.js does in the browser with Elements: confirms a SetupIntent with a card
   * number (Stripe's documented test cards decide the outcome). Undefined on the Stripe adapter, where card
   * numbers never reach our server.
   */
  confirmSetupIntentWithCard?(input: {
    setupIntentId: string;
    clientSecret: string;
    number: string;
    expMonth: number;
    expYear: number;
    cvc: string;
  }): Promise<void>;
  /** `paymentMethods.list({ customer, type: "card" })`. */
  listCards(customerId: string): Promise<CardSummary[]>;
  /** `paymentMethods.detach(id)`. */
  detachCard(paymentMethodId: string): Promise<void>;
  /**
   * `customers.del(id)` — account deletion: the customer's personal data and saved cards go, its payments stay.
   * A customer already gone counts as done.
   */
  deleteCustomer(customerId: string): Promise<void>;

  // ── Money ──
  /**
   * Authorizes (holds) a card off-session: `paymentIntents.create({ amount, currency, customer, payment_method,
   * capture_method: "manual", confirm: true, off_session: true, transfer_data: { destination },
   * application_fee_amount, metadata })`. Resolves with status `requires_capture`; declines throw a card error
   * (with the PaymentIntent id); a card that needs the cardholder resolves with `requires_action`.
   * Note: with `off_session: true` Stripe does not leave a PaymentIntent in `requires_action`; it fails the
   * request with a card error `authentication_required` (PaymentIntent id attached, status
   * `requires_payment_method`). Both adapters behave that way; treat either outcome as "needs the cardholder".
   */
  authorize(input: {
    amountCents: number;
    currency: string;
    customerId: string;
    paymentMethodId: string;
    destinationAccountId: string;
    applicationFeeCents: number;
    metadata: Record<string, string>;
    idempotencyKey: string;
  }): Promise<PaymentIntentResult>;
  /**
   * `paymentIntents.capture(id, { amount_to_capture, application_fee_amount })` — a partial capture (a
   * cancellation fee) releases the rest of the hold.
   */
  capture(input: {
    paymentIntentId: string;
    amountCents: number;
    applicationFeeCents: number;
    idempotencyKey: string;
  }): Promise<PaymentIntentResult>;
  /** `paymentIntents.cancel(id)`: releases an uncaptured hold. */
  cancel(input: { paymentIntentId: string; idempotencyKey: string }): Promise<PaymentIntentResult>;
  /**
   * `refunds.create({ payment_intent, amount, reverse_transfer: true, refund_application_fee })`: the
   * instructor's transfer is reversed in proportion, and the platform fee too when `refundApplicationFee`.
   */
  refund(input: {
    paymentIntentId: string;
    amountCents: number;
    refundApplicationFee: boolean;
    idempotencyKey: string;
  }): Promise<{ refundId: string; status: "succeeded" | "pending" | "failed" }>;
  /** `paymentIntents.retrieve(id)`. */
  getPaymentIntent(paymentIntentId: string): Promise<PaymentIntentResult>;

  // ── Webhooks ──
  /** `webhooks.constructEvent(rawBody, signature, secret)`; throws on a bad or stale signature. */
  verifyWebhook(rawBody: string, signatureHeader: string | null): GatewayEvent;
}
