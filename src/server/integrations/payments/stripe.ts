import type Stripe from "stripe";
import {
  PaymentGatewayError,
  WebhookSignatureError,
  type CardSummary,
  type ConnectedAccountStatus,
  type PaymentGateway,
  type PaymentIntentResult,
  type PaymentIntentStatus,
} from "./port";

export type StripeGatewayOptions = {
  secretKey: string;
  /** `whsec_…` of the webhook endpoint; without it every webhook is refused. */
  webhookSecret?: string;
  /** Another API origin, e.g. a local stand-in in tests (`http://127.0.0.1:4010`); default https://api.stripe.com. */
  apiBase?: string;
  /** Network retries of the SDK (safe: every write carries our idempotency key). */
  maxNetworkRetries?: number;
  timeoutMs?: number;
};

/** Generic, cardholder-safe wording for errors that are not card errors (Stripe's own text may name parameters or ids). */
const SAFE_MESSAGES: Record<PaymentGatewayError["type"], string> = {
  card_error: "Your card was declined.",
  invalid_request_error: "The payment could not be processed.",
  api_error: "The payment provider is unavailable right now. Please try again shortly.",
  idempotency_error: "The payment could not be processed.",
  authentication_error: "The payment provider rejected our credentials.",
};

/**
 * Maps an error from the `stripe` SDK to the port's PaymentGatewayError (any other error passes through). Card
 * errors keep Stripe's message, which Stripe writes for the cardholder; other messages are replaced by generic
 * text, with the SDK's error kept as `cause` for the logs.
 */
export function toGatewayError(e: unknown): unknown {
  if (!e || typeof e !== "object" || !("type" in e) || typeof e.type !== "string" || !e.type.startsWith("Stripe"))
    return e;
  const err = e as Stripe.errors.StripeError;
  const type: PaymentGatewayError["type"] =
    err.type === "StripeCardError"
      ? "card_error"
      : err.type === "StripeInvalidRequestError"
        ? "invalid_request_error"
        : err.type === "StripeIdempotencyError"
          ? "idempotency_error"
          : err.type === "StripeAuthenticationError" || err.type === "StripePermissionError"
            ? "authentication_error"
            : "api_error";
  const code =
    err.code ??
    (err.type === "StripeRateLimitError"
      ? "rate_limit"
      : err.type === "StripeConnectionError"
        ? "api_connection_error"
        : null);
  const message = type === "card_error" && err.message ? err.message : SAFE_MESSAGES[type];
  const mapped = new PaymentGatewayError(message, type, code, err.decline_code ?? null, err.payment_intent?.id ?? null);
  mapped.cause = e;
  return mapped;
}

const PORT_STATUSES = new Set<string>([
  "requires_payment_method",
  "requires_action",
  "requires_capture",
  "processing",
  "succeeded",
  "canceled",
]);

function toResult(pi: Stripe.PaymentIntent): PaymentIntentResult {
  // With confirm: true a PaymentIntent never rests in requires_confirmation; if it did, it still needs a payment method.
  const status = (PORT_STATUSES.has(pi.status) ? pi.status : "requires_payment_method") as PaymentIntentStatus;
  const charge = pi.latest_charge;
  return {
    paymentIntentId: pi.id,
    status,
    amountCents: pi.amount,
    amountReceivedCents: pi.amount_received,
    chargeId: typeof charge === "string" ? charge : (charge?.id ?? null),
  };
}

function toCard(pm: Stripe.PaymentMethod): CardSummary {
  const card = pm.card;
  if (!card)
    throw new PaymentGatewayError(
      "That payment method is not a card.",
      "invalid_request_error",
      "payment_method_invalid_parameter",
    );
  return {
    paymentMethodId: pm.id,
    brand: card.brand,
    last4: card.last4,
    expMonth: card.exp_month,
    expYear: card.exp_year,
    fingerprint: card.fingerprint ?? pm.id,
  };
}

function toAccountStatus(a: Stripe.Account): ConnectedAccountStatus {
  return {
    accountId: a.id,
    chargesEnabled: a.charges_enabled ?? false,
    payoutsEnabled: a.payouts_enabled ?? false,
    detailsSubmitted: a.details_submitted ?? false,
    requirementsDue: [...(a.requirements?.currently_due ?? [])],
  };
}

const idOf = (v: string | { id: string } | null | undefined) => (typeof v === "string" ? v : (v?.id ?? null));

/**
 * The real adapter over the `stripe` SDK: each port method is the one Stripe call its doc comment names, on the
 * platform account (destination charges need no Stripe-Account header). Every create/capture/cancel/refund carries
 * the caller's idempotency key, so the SDK's own network retries and the caller's retries are both safe. The SDK
 * pins API version 2026-10-28.endive, where `payment_method_types` is spelled `allowed_payment_method_types`.
 */
export async function createStripeGateway(opts: StripeGatewayOptions): Promise<PaymentGateway> {
  const { default: StripeSdk } = await import("stripe");
  const base = opts.apiBase ? new URL(opts.apiBase) : null;
  const stripe = new StripeSdk(opts.secretKey, {
    ...(base
      ? {
          host: base.hostname,
          port: base.port ? Number(base.port) : base.protocol === "http:" ? 80 : 443,
          protocol: base.protocol === "http:" ? "http" : "https",
        }
      : {}),
    maxNetworkRetries: opts.maxNetworkRetries ?? 2,
    timeout: opts.timeoutMs ?? 30_000,
    telemetry: false,
    appInfo: { name: "InstaInstru" },
  });

  async function call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw toGatewayError(e);
    }
  }

  return {
    kind: "stripe",

    // ── Connect ──
    createConnectedAccount({ email, userId, idempotencyKey }) {
      return call(async () => {
        const account = await stripe.accounts.create(
          {
            type: "express",
            email,
            capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
            metadata: { userId },
          },
          { idempotencyKey },
        );
        return { accountId: account.id };
      });
    },
    createOnboardingLink({ accountId, refreshUrl, returnUrl }) {
      return call(async () => {
        const link = await stripe.accountLinks.create({
          account: accountId,
          refresh_url: refreshUrl,
          return_url: returnUrl,
          type: "account_onboarding",
        });
        return { url: link.url, expiresAt: new Date(link.expires_at * 1000) };
      });
    },
    getConnectedAccount(accountId) {
      return call(async () => toAccountStatus(await stripe.accounts.retrieve(accountId)));
    },

    // ── Customers and cards ──
    createCustomer({ email, name, userId, idempotencyKey }) {
      return call(async () => {
        const customer = await stripe.customers.create({ email, name, metadata: { userId } }, { idempotencyKey });
        return { customerId: customer.id };
      });
    },
    createSetupIntent({ customerId, idempotencyKey }) {
      return call(async () => {
        const si = await stripe.setupIntents.create(
          { customer: customerId, usage: "off_session", allowed_payment_method_types: ["card"] },
          { idempotencyKey },
        );
        if (!si.client_secret)
          throw new PaymentGatewayError("The payment provider returned no client secret.", "api_error", null);
        return { setupIntentId: si.id, clientSecret: si.client_secret };
      });
    },
    completeSetupIntent({ setupIntentId, customerId }) {
      return call(async () => {
        const si = await stripe.setupIntents.retrieve(setupIntentId, { expand: ["payment_method"] });
        // Another customer's SetupIntent is "not found" for this one (never confirm someone else's card).
        if (idOf(si.customer) !== customerId) {
          throw new PaymentGatewayError(
            SAFE_MESSAGES.invalid_request_error,
            "invalid_request_error",
            "resource_missing",
          );
        }
        if (si.status === "succeeded" && si.payment_method) {
          const pm =
            typeof si.payment_method === "string"
              ? await stripe.paymentMethods.retrieve(si.payment_method)
              : si.payment_method;
          return toCard(pm);
        }
        const err = si.last_setup_error;
        if (err)
          throw new PaymentGatewayError(
            err.message ?? SAFE_MESSAGES.card_error,
            "card_error",
            err.code ?? "card_declined",
            err.decline_code ?? null,
          );
        throw new PaymentGatewayError(
          "The card has not been confirmed yet.",
          "invalid_request_error",
          "setup_intent_unexpected_state",
        );
      });
    },
    listCards(customerId) {
      return call(async () => {
        const list = await stripe.paymentMethods.list({ customer: customerId, type: "card", limit: 100 });
        return list.data.map(toCard);
      });
    },
    detachCard(paymentMethodId) {
      return call(async () => {
        await stripe.paymentMethods.detach(paymentMethodId);
      });
    },
    async deleteCustomer(customerId) {
      try {
        await call(() => stripe.customers.del(customerId));
      } catch (error) {
        if (!(error instanceof PaymentGatewayError && error.code === "resource_missing")) throw error;
      }
    },

    // ── Money ──
    authorize(input) {
      return call(async () => {
        const pi = await stripe.paymentIntents.create(
          {
            amount: input.amountCents,
            currency: input.currency.toLowerCase(),
            customer: input.customerId,
            payment_method: input.paymentMethodId,
            allowed_payment_method_types: ["card"],
            capture_method: "manual",
            confirm: true,
            off_session: true,
            transfer_data: { destination: input.destinationAccountId },
            application_fee_amount: input.applicationFeeCents,
            metadata: input.metadata,
          },
          { idempotencyKey: input.idempotencyKey },
        );
        return toResult(pi);
      });
    },
    capture({ paymentIntentId, amountCents, applicationFeeCents, idempotencyKey }) {
      return call(async () =>
        toResult(
          await stripe.paymentIntents.capture(
            paymentIntentId,
            { amount_to_capture: amountCents, application_fee_amount: applicationFeeCents },
            { idempotencyKey },
          ),
        ),
      );
    },
    cancel({ paymentIntentId, idempotencyKey }) {
      return call(async () => toResult(await stripe.paymentIntents.cancel(paymentIntentId, {}, { idempotencyKey })));
    },
    refund({ paymentIntentId, amountCents, refundApplicationFee, idempotencyKey }) {
      return call(async () => {
        const refund = await stripe.refunds.create(
          {
            payment_intent: paymentIntentId,
            amount: amountCents,
            reverse_transfer: true,
            refund_application_fee: refundApplicationFee,
          },
          { idempotencyKey },
        );
        const status =
          refund.status === "succeeded"
            ? "succeeded"
            : refund.status === "failed" || refund.status === "canceled"
              ? "failed"
              : "pending";
        return { refundId: refund.id, status };
      });
    },
    getPaymentIntent(paymentIntentId) {
      return call(async () => toResult(await stripe.paymentIntents.retrieve(paymentIntentId)));
    },

    // ── Webhooks ──
    verifyWebhook(rawBody, signatureHeader) {
      if (!opts.webhookSecret)
        throw new WebhookSignatureError("STRIPE_WEBHOOK_SECRET is not configured: webhooks cannot be verified.");
      if (!signatureHeader) throw new WebhookSignatureError("No Stripe-Signature header was provided.");
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signatureHeader, opts.webhookSecret);
      } catch (e) {
        throw new WebhookSignatureError(e instanceof Error ? e.message : "Invalid webhook signature.");
      }
      return {
        id: event.id,
        type: event.type,
        created: event.created,
        account: event.account ?? null,
        object: event.data.object as unknown as Record<string, unknown>,
      };
    },
  };
}
