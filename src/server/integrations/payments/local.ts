import { createHash, createHmac, randomBytes, randomInt } from "node:crypto";
import { AUTHENTICATION_REQUIRED, CHARGE_DECLINE, type CardDecline, type ChargeBehaviour } from "~/lib/cards";
import type { Database, Tx } from "~/server/db/client";
import type { LocalGatewayObjectType } from "~/server/db/schema";
import { runTransaction } from "~/server/db/transaction";
import { createLocalGatewayRepository, type LocalGatewayRepository } from "~/server/repositories/local-gateway";
import { checkCard } from "./local-cards";
import {
  PaymentGatewayError,
  type CardSummary,
  type ConnectedAccountStatus,
  type GatewayEvent,
  type PaymentGateway,
  type PaymentIntentResult,
  type PaymentIntentStatus,
} from "./port";
import { signWebhookPayload, verifyWebhookSignature } from "./webhook-signature";

/**
 * The local payment gateway: the embedded default when STRIPE_SECRET_KEY is unset. It reproduces the parts of
 * Stripe the product uses — Connect Express accounts with a hosted-onboarding stand-in page, Customers,
 * SetupIntents confirmed with Stripe's test cards, manual-capture destination PaymentIntents, refunds that reverse
 * the transfer — with Stripe's state machine, error codes and idempotency, so the payment service behaves the same
 * on both. State lives in the database (`local_gateway_objects`), so restarts and several processes agree.
 */

/** Stripe releases an uncaptured authorization after 7 days (the PaymentIntent becomes canceled, reason automatic). */
export const AUTHORIZATION_VALIDITY_MS = 7 * 24 * 3600 * 1000;
/** Stripe forgets idempotency keys after 24 hours. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3600 * 1000;
/** How long a local onboarding link works (Stripe's expire after a few minutes; a demo needs a little longer). */
export const ONBOARDING_LINK_TTL_MS = 30 * 60 * 1000;
/** Stripe's minimum charge in USD. */
const MIN_CHARGE_CENTS = 50;

/** What completing Stripe's Express onboarding asks for, as `requirements.currently_due` lists it. */
const EXPRESS_REQUIREMENTS = [
  "business_profile.mcc",
  "business_profile.url",
  "business_type",
  "external_account",
  "individual.address.city",
  "individual.address.line1",
  "individual.address.postal_code",
  "individual.address.state",
  "individual.dob.day",
  "individual.dob.month",
  "individual.dob.year",
  "individual.email",
  "individual.first_name",
  "individual.last_name",
  "individual.phone",
  "individual.ssn_last_4",
  "tos_acceptance.date",
  "tos_acceptance.ip",
];

type Json = Record<string, unknown>;
/** `last_payment_error` / `last_setup_error` in Stripe's shape. */
type StripeCardErrorData = { type: "card_error"; code: string; decline_code: string | null; message: string };
const toErrorData = (d: CardDecline): StripeCardErrorData => ({
  type: "card_error",
  code: d.code,
  decline_code: d.declineCode,
  message: d.message,
});
const fromErrorData = (e: StripeCardErrorData): CardDecline => ({
  code: e.code,
  declineCode: e.decline_code,
  message: e.message,
});
type AccountData = {
  id: string;
  object: "account";
  type: "express";
  email: string;
  metadata: { userId: string };
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
  capabilities: { card_payments: "active" | "inactive"; transfers: "active" | "inactive" };
  requirements: { currently_due: string[] };
  created: number;
};
type AccountLinkData = {
  object: "account_link";
  account: string;
  refresh_url: string;
  return_url: string;
  expires_at: number;
  used: boolean;
  created: number;
};
type CustomerData = {
  id: string;
  object: "customer";
  email: string;
  name: string;
  metadata: { userId: string };
  created: number;
};
type SetupIntentData = {
  id: string;
  object: "setup_intent";
  customer: string;
  usage: "off_session";
  allowed_payment_method_types: ["card"];
  status: "requires_payment_method" | "succeeded";
  payment_method: string | null;
  client_secret: string;
  last_setup_error: StripeCardErrorData | null;
  created: number;
};
type PaymentMethodData = {
  id: string;
  object: "payment_method";
  type: "card";
  customer: string | null;
  card: { brand: string; last4: string; exp_month: number; exp_year: number; fingerprint: string; funding: "credit" };
  /** Local only: what an off-session charge of this card does (the test card's script). */
  x_charge_behaviour: ChargeBehaviour;
  created: number;
};
type PaymentIntentData = {
  id: string;
  object: "payment_intent";
  amount: number;
  currency: string;
  customer: string;
  payment_method: string;
  capture_method: "manual";
  status: PaymentIntentStatus;
  amount_capturable: number;
  amount_received: number;
  application_fee_amount: number;
  transfer_data: { destination: string };
  metadata: Record<string, string>;
  latest_charge: string | null;
  last_payment_error: StripeCardErrorData | null;
  canceled_at: number | null;
  cancellation_reason: "requested_by_customer" | "automatic" | null;
  created: number;
  /** Local only: the charge's refund state (Stripe keeps it on the Charge object). */
  x_charge: {
    amount_refunded: number;
    application_fee_refunded: number;
    transfer_reversed: number;
  };
};
type RefundData = {
  id: string;
  object: "refund";
  amount: number;
  payment_intent: string;
  charge: string;
  status: "succeeded";
  reverse_transfer: boolean;
  refund_application_fee: boolean;
  /** Local only: what moved back from the connected account and from the platform fee. */
  x_transfer_reversal_amount: number;
  x_application_fee_refund_amount: number;
  created: number;
};

/** The onboarding page's view of a link. */
export type LocalOnboardingLink = { accountId: string; email: string; state: "ready" | "expired" | "used" };

export type LocalPaymentGateway = PaymentGateway & {
  readonly kind: "local";
  confirmSetupIntentWithCard: NonNullable<PaymentGateway["confirmSetupIntentWithCard"]>;
  /** The `whsec_…` secret `verifyWebhook` checks against (generated once per database unless given). */
  readonly webhookSecret: string;
  /** A webhook body and `Stripe-Signature` header, signed as Stripe would deliver this event. */
  signEvent(event: { type: string; object: Json; account?: string | null; id?: string }): {
    payload: string;
    signature: string;
  };
  /**
   * The local hosted-onboarding page's lookup: the link, only for the user whose account it is (null otherwise,
   * so another user learns nothing about it).
   */
  findOnboardingLink(input: { token: string; userId: string }): Promise<LocalOnboardingLink | null>;
  /**
   * "Complete onboarding (test mode)": marks the account details_submitted / charges_enabled / payouts_enabled
   * with its capabilities active, and returns where to send the browser — the link's return_url, or its
   * refresh_url when the link expired or was used (Stripe's rule). Null when the link is not this user's.
   */
  completeOnboarding(input: {
    token: string;
    userId: string;
  }): Promise<{ redirectUrl: string; completed: boolean } | null>;
  /** The raw stored object (tests and diagnostics): transfer reversals, fee refunds, last errors. */
  inspect(id: string): Promise<Json | null>;
};

export type LocalGatewayOptions = {
  db: Database;
  /** Public origin of the site: onboarding links point at `${appUrl}/dev/connect-onboarding`. */
  appUrl: string;
  now?: () => Date;
  /** Overrides the generated webhook secret (tests that sign events themselves). */
  webhookSecret?: string;
};

/** Alphanumeric like Stripe's ids. */
function randomAlnum(length: number): string {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}
const newObjectId = (prefix: string) => `${prefix}_${randomAlnum(24)}`;

/** JSON with sorted keys: the same parameters always hash the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Json)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

type SerializedError = {
  message: string;
  type: PaymentGatewayError["type"];
  code: string | null;
  declineCode: string | null;
  paymentIntentId: string | null;
};
const serializeError = (e: PaymentGatewayError): SerializedError => ({
  message: e.message,
  type: e.type,
  code: e.code,
  declineCode: e.declineCode,
  paymentIntentId: e.paymentIntentId,
});
const deserializeError = (e: SerializedError) =>
  new PaymentGatewayError(e.message, e.type, e.code, e.declineCode, e.paymentIntentId);

const invalid = (message: string, code: string | null, paymentIntentId: string | null = null) =>
  new PaymentGatewayError(message, "invalid_request_error", code, null, paymentIntentId);
const missing = (what: string, id: string) => invalid(`No such ${what}: '${id}'`, "resource_missing");
const cardError = (d: CardDecline, paymentIntentId: string | null = null) =>
  new PaymentGatewayError(d.message, "card_error", d.code, d.declineCode, paymentIntentId);

function assertAmount(name: string, value: number, min: number) {
  if (!Number.isInteger(value)) throw invalid(`Invalid integer: ${name}`, "parameter_invalid_integer");
  if (value < min)
    throw invalid(
      `${name} must be at least ${min}`,
      min >= MIN_CHARGE_CENTS ? "amount_too_small" : "parameter_invalid_integer",
    );
}

function toResult(pi: PaymentIntentData): PaymentIntentResult {
  return {
    paymentIntentId: pi.id,
    status: pi.status,
    amountCents: pi.amount,
    amountReceivedCents: pi.amount_received,
    chargeId: pi.latest_charge,
  };
}

function toCard(pm: PaymentMethodData): CardSummary {
  return {
    paymentMethodId: pm.id,
    brand: pm.card.brand,
    last4: pm.card.last4,
    expMonth: pm.card.exp_month,
    expYear: pm.card.exp_year,
    fingerprint: pm.card.fingerprint,
  };
}

function toAccountStatus(a: AccountData): ConnectedAccountStatus {
  return {
    accountId: a.id,
    chargesEnabled: a.charges_enabled,
    payoutsEnabled: a.payouts_enabled,
    detailsSubmitted: a.details_submitted,
    requirementsDue: [...a.requirements.currently_due],
  };
}

const unexpectedState = (pi: PaymentIntentData, action: string, allowed: string[]) =>
  invalid(
    `This PaymentIntent could not be ${action} because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be ${action}: ${allowed.join(", ")}.`,
    "payment_intent_unexpected_state",
    pi.id,
  );

/** Secrets generated once per database (never a fixed string): the webhook secret and the fingerprint key. */
async function loadSecrets(db: Database): Promise<{ webhookSecret: string; fingerprintKey: string }> {
  const repo = createLocalGatewayRepository(db);
  const row = await repo.insertOrGet({
    id: "local_gateway_secrets",
    type: "secret",
    data: {
      webhookSecret: `whsec_${randomBytes(24).toString("hex")}`,
      fingerprintKey: randomBytes(32).toString("hex"),
    },
  });
  const data = row.data as { webhookSecret: string; fingerprintKey: string };
  return { webhookSecret: data.webhookSecret, fingerprintKey: data.fingerprintKey };
}

export async function createLocalGateway(opts: LocalGatewayOptions): Promise<LocalPaymentGateway> {
  const { db } = opts;
  const now = opts.now ?? (() => new Date());
  const unix = () => Math.floor(now().getTime() / 1000);
  const secrets = await loadSecrets(db);
  const webhookSecret = opts.webhookSecret ?? secrets.webhookSecret;
  const appUrl = opts.appUrl.replace(/\/$/, "");

  const fingerprint = (digits: string) =>
    createHmac("sha256", secrets.fingerprintKey).update(digits).digest("base64url").replace(/[-_]/g, "").slice(0, 16);

  async function insert(
    repo: LocalGatewayRepository,
    type: LocalGatewayObjectType,
    id: string,
    data: Json,
    parentId: string | null = null,
  ) {
    await repo.insert({ id, type, parentId, data, createdAt: now() });
  }
  async function save(repo: LocalGatewayRepository, id: string, data: Json, parentId?: string | null) {
    await repo.update(id, { data, updatedAt: now(), ...(parentId !== undefined ? { parentId } : {}) });
  }
  async function load<T>(
    repo: LocalGatewayRepository,
    type: LocalGatewayObjectType,
    id: string,
    what: string,
    forUpdate = false,
  ): Promise<T> {
    const row = await repo.find(type, id, { forUpdate });
    if (!row) throw missing(what, id);
    return row.data as T;
  }

  /** A PaymentIntent, with Stripe's 7-day authorization expiry applied (and stored) when it has passed. */
  async function loadIntent(repo: LocalGatewayRepository, id: string): Promise<PaymentIntentData> {
    const pi = await load<PaymentIntentData>(repo, "payment_intent", id, "payment_intent", true);
    if (pi.status === "requires_capture" && now().getTime() - pi.created * 1000 > AUTHORIZATION_VALIDITY_MS) {
      const expired: PaymentIntentData = {
        ...pi,
        status: "canceled",
        amount_capturable: 0,
        canceled_at: unix(),
        cancellation_reason: "automatic",
      };
      await save(repo, id, expired);
      return expired;
    }
    return pi;
  }

  /**
   * Runs a request under Stripe's idempotency rules in one transaction: the key is claimed first (a concurrent
   * request with the same key waits here), a replay returns the stored outcome — including a card error — and a
   * replay with other parameters is an idempotency_error. Requests refused before they executed (bad parameters,
   * wrong state) are not stored, as on Stripe, so they roll back and the key stays free.
   */
  async function idempotent<T>(
    key: string,
    operation: string,
    params: Json,
    fn: (repo: LocalGatewayRepository) => Promise<T>,
  ): Promise<T> {
    if (typeof key !== "string" || key.length < 1 || key.length > 255)
      throw invalid("Idempotency keys must be 1 to 255 characters long.", "idempotency_key_invalid");
    const requestHash = createHash("sha256").update(canonical({ operation, params })).digest("hex");
    const outcome = await runTransaction(db, async (tx: Tx) => {
      const repo = createLocalGatewayRepository(tx);
      const claim = { key, operation, requestHash, createdAt: now() };
      const existing = await repo.claimKey(claim);
      if (existing) {
        if (now().getTime() - existing.createdAt.getTime() > IDEMPOTENCY_KEY_TTL_MS) {
          await repo.reclaimKey(claim);
        } else if (existing.requestHash !== requestHash || !existing.response) {
          return {
            error: serializeError(
              new PaymentGatewayError(
                `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
                "idempotency_error",
                null,
              ),
            ),
          };
        } else {
          return existing.response as { ok: T } | { error: SerializedError };
        }
      }
      let result: { ok: T } | { error: SerializedError };
      try {
        result = { ok: await fn(repo) };
      } catch (e) {
        // Card errors happen after the request executed (a PaymentIntent exists): Stripe stores them.
        if (e instanceof PaymentGatewayError && e.type === "card_error") result = { error: serializeError(e) };
        else throw e;
      }
      await repo.saveKeyResponse(key, result);
      return result;
    });
    if ("error" in outcome) throw deserializeError(outcome.error);
    return outcome.ok;
  }

  const readRepo = () => createLocalGatewayRepository(db);

  const gateway: LocalPaymentGateway = {
    kind: "local",
    webhookSecret,

    // ── Connect ──
    createConnectedAccount(input) {
      return idempotent(
        input.idempotencyKey,
        "accounts.create",
        { email: input.email, userId: input.userId },
        async (repo) => {
          const id = newObjectId("acct");
          const account: AccountData = {
            id,
            object: "account",
            type: "express",
            email: input.email,
            metadata: { userId: input.userId },
            charges_enabled: false,
            payouts_enabled: false,
            details_submitted: false,
            capabilities: { card_payments: "inactive", transfers: "inactive" },
            requirements: { currently_due: [...EXPRESS_REQUIREMENTS] },
            created: unix(),
          };
          await insert(repo, "account", id, account);
          return { accountId: id };
        },
      );
    },

    async createOnboardingLink(input) {
      const repo = readRepo();
      await load<AccountData>(repo, "account", input.accountId, "account");
      for (const url of [input.refreshUrl, input.returnUrl]) {
        if (!/^https?:\/\//.test(url)) throw invalid("refresh_url and return_url must be http(s) URLs.", "url_invalid");
      }
      const token = randomBytes(24).toString("base64url");
      const expiresAt = new Date(now().getTime() + ONBOARDING_LINK_TTL_MS);
      const link: AccountLinkData = {
        object: "account_link",
        account: input.accountId,
        refresh_url: input.refreshUrl,
        return_url: input.returnUrl,
        expires_at: Math.floor(expiresAt.getTime() / 1000),
        used: false,
        created: unix(),
      };
      await insert(repo, "account_link", token, link, input.accountId);
      return { url: `${appUrl}/dev/connect-onboarding?link=${encodeURIComponent(token)}`, expiresAt };
    },

    async getConnectedAccount(accountId) {
      return toAccountStatus(await load<AccountData>(readRepo(), "account", accountId, "account"));
    },

    async findOnboardingLink({ token, userId }) {
      const repo = readRepo();
      const row = await repo.find("account_link", token);
      if (!row) return null;
      const link = row.data as AccountLinkData;
      const account = await load<AccountData>(repo, "account", link.account, "account");
      if (account.metadata.userId !== userId) return null;
      const state = link.used ? "used" : link.expires_at <= unix() ? "expired" : "ready";
      return { accountId: account.id, email: account.email, state };
    },

    completeOnboarding({ token, userId }) {
      return runTransaction(db, async (tx) => {
        const repo = createLocalGatewayRepository(tx);
        const row = await repo.find("account_link", token, { forUpdate: true });
        if (!row) return null;
        const link = row.data as AccountLinkData;
        const account = await load<AccountData>(repo, "account", link.account, "account", true);
        if (account.metadata.userId !== userId) return null;
        if (link.used || link.expires_at <= unix()) return { redirectUrl: link.refresh_url, completed: false };
        await save(repo, token, { ...link, used: true });
        const done: AccountData = {
          ...account,
          charges_enabled: true,
          payouts_enabled: true,
          details_submitted: true,
          capabilities: { card_payments: "active", transfers: "active" },
          requirements: { currently_due: [] },
        };
        await save(repo, account.id, done);
        return { redirectUrl: link.return_url, completed: true };
      });
    },

    // ── Customers and cards ──
    createCustomer(input) {
      return idempotent(
        input.idempotencyKey,
        "customers.create",
        { email: input.email, name: input.name, userId: input.userId },
        async (repo) => {
          const id = newObjectId("cus");
          const customer: CustomerData = {
            id,
            object: "customer",
            email: input.email,
            name: input.name,
            metadata: { userId: input.userId },
            created: unix(),
          };
          await insert(repo, "customer", id, customer);
          return { customerId: id };
        },
      );
    },

    createSetupIntent(input) {
      return idempotent(input.idempotencyKey, "setup_intents.create", { customer: input.customerId }, async (repo) => {
        await load<CustomerData>(repo, "customer", input.customerId, "customer");
        const id = newObjectId("seti");
        const si: SetupIntentData = {
          id,
          object: "setup_intent",
          customer: input.customerId,
          usage: "off_session",
          allowed_payment_method_types: ["card"],
          status: "requires_payment_method",
          payment_method: null,
          client_secret: `${id}_secret_${randomAlnum(32)}`,
          last_setup_error: null,
          created: unix(),
        };
        await insert(repo, "setup_intent", id, si, input.customerId);
        return { setupIntentId: id, clientSecret: si.client_secret };
      });
    },

    async confirmSetupIntentWithCard(input) {
      const outcome = await runTransaction(db, async (tx) => {
        const repo = createLocalGatewayRepository(tx);
        const si = await load<SetupIntentData>(repo, "setup_intent", input.setupIntentId, "setupintent", true);
        // The client secret is the browser's proof it may confirm this SetupIntent (as with Stripe.js).
        if (si.client_secret !== input.clientSecret) throw missing("setupintent", input.setupIntentId);
        if (si.status !== "requires_payment_method") {
          throw invalid(
            `You cannot confirm this SetupIntent because it has a status of ${si.status}.`,
            "setup_intent_unexpected_state",
          );
        }
        const check = checkCard(input, now());
        if (!check.ok) {
          await save(repo, si.id, { ...si, last_setup_error: toErrorData(check.decline) });
          return { decline: check.decline };
        }
        const pmId = newObjectId("pm");
        const pm: PaymentMethodData = {
          id: pmId,
          object: "payment_method",
          type: "card",
          customer: si.customer,
          card: {
            brand: check.brand,
            last4: check.last4,
            exp_month: check.expMonth,
            exp_year: check.expYear,
            fingerprint: fingerprint(check.digits),
            funding: "credit",
          },
          x_charge_behaviour: check.charge,
          created: unix(),
        };
        await insert(repo, "payment_method", pmId, pm, si.customer);
        await save(repo, si.id, { ...si, status: "succeeded", payment_method: pmId, last_setup_error: null });
        return { decline: null };
      });
      // The failed attempt is recorded (committed) before the cardholder sees the decline.
      if (outcome.decline) throw cardError(outcome.decline);
    },

    async completeSetupIntent(input) {
      const repo = readRepo();
      const si = await load<SetupIntentData>(repo, "setup_intent", input.setupIntentId, "setupintent");
      if (si.customer !== input.customerId) throw missing("setupintent", input.setupIntentId);
      if (si.status === "succeeded" && si.payment_method) {
        return toCard(await load<PaymentMethodData>(repo, "payment_method", si.payment_method, "payment_method"));
      }
      if (si.last_setup_error) throw cardError(fromErrorData(si.last_setup_error));
      throw invalid(
        `This SetupIntent has a status of ${si.status}: confirm it with a card first.`,
        "setup_intent_unexpected_state",
      );
    },

    async listCards(customerId) {
      const repo = readRepo();
      await load<CustomerData>(repo, "customer", customerId, "customer");
      return (await repo.listByParent("payment_method", customerId)).map((r) => toCard(r.data as PaymentMethodData));
    },

    async deleteCustomer(customerId) {
      await runTransaction(db, async (tx) => {
        const repo = createLocalGatewayRepository(tx);
        const found = await repo.find("customer", customerId, { forUpdate: true });
        if (!found) return; // already gone
        const customer = found.data as CustomerData;
        // As Stripe does: saved cards are detached and the customer keeps no personal data; payments stay.
        for (const pm of await repo.listByParent("payment_method", customerId))
          await save(repo, pm.id, { ...(pm.data as PaymentMethodData), customer: null }, null);
        await save(repo, customer.id, {
          id: customer.id,
          object: "customer",
          deleted: true,
          created: customer.created,
        });
      });
    },

    async detachCard(paymentMethodId) {
      await runTransaction(db, async (tx) => {
        const repo = createLocalGatewayRepository(tx);
        const pm = await load<PaymentMethodData>(repo, "payment_method", paymentMethodId, "payment_method", true);
        if (!pm.customer)
          throw invalid(
            "The payment method you provided is not attached to a customer so detachment is impossible.",
            "payment_method_unexpected_state",
          );
        await save(repo, pm.id, { ...pm, customer: null }, null);
      });
    },

    // ── Money ──
    authorize(input) {
      const currency = input.currency.toLowerCase();
      const params = {
        amount: input.amountCents,
        currency,
        customer: input.customerId,
        payment_method: input.paymentMethodId,
        destination: input.destinationAccountId,
        application_fee_amount: input.applicationFeeCents,
        metadata: input.metadata,
      };
      return idempotent(input.idempotencyKey, "payment_intents.create", params, async (repo) => {
        assertAmount("amount", input.amountCents, MIN_CHARGE_CENTS);
        assertAmount("application_fee_amount", input.applicationFeeCents, 0);
        if (!/^[a-z]{3}$/.test(currency))
          throw invalid(`Invalid currency: ${input.currency}`, "parameter_invalid_string");
        if (input.applicationFeeCents > input.amountCents) {
          throw invalid(
            "The application fee amount cannot be greater than the amount of the payment.",
            "application_fee_amount_too_large",
          );
        }
        await load<CustomerData>(repo, "customer", input.customerId, "customer");
        const pm = await load<PaymentMethodData>(repo, "payment_method", input.paymentMethodId, "PaymentMethod");
        if (pm.customer !== input.customerId) {
          throw invalid(
            `The PaymentMethod '${pm.id}' does not belong to the Customer '${input.customerId}'.`,
            "payment_method_unexpected_state",
          );
        }
        const destination = await load<AccountData>(repo, "account", input.destinationAccountId, "account");
        if (destination.capabilities.transfers !== "active") {
          throw invalid(
            "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments",
            "insufficient_capabilities_for_transfer",
          );
        }
        const id = newObjectId("pi");
        const pi: PaymentIntentData = {
          id,
          object: "payment_intent",
          amount: input.amountCents,
          currency,
          customer: input.customerId,
          payment_method: pm.id,
          capture_method: "manual",
          status: "requires_capture",
          amount_capturable: input.amountCents,
          amount_received: 0,
          application_fee_amount: input.applicationFeeCents,
          transfer_data: { destination: input.destinationAccountId },
          metadata: { ...input.metadata },
          latest_charge: newObjectId("ch"),
          last_payment_error: null,
          canceled_at: null,
          cancellation_reason: null,
          created: unix(),
          x_charge: { amount_refunded: 0, application_fee_refunded: 0, transfer_reversed: 0 },
        };
        // Off-session: a card that needs its holder (3-D Secure) or that the issuer declines fails the confirmation;
        // the PaymentIntent stays behind in requires_payment_method with the error, as on Stripe.
        const decline =
          pm.x_charge_behaviour === "authentication_required"
            ? AUTHENTICATION_REQUIRED
            : pm.x_charge_behaviour === "decline"
              ? CHARGE_DECLINE
              : null;
        if (decline) {
          await insert(
            repo,
            "payment_intent",
            id,
            {
              ...pi,
              status: "requires_payment_method",
              amount_capturable: 0,
              last_payment_error: toErrorData(decline),
            } satisfies PaymentIntentData,
            input.customerId,
          );
          throw cardError(decline, id);
        }
        await insert(repo, "payment_intent", id, pi, input.customerId);
        return toResult(pi);
      });
    },

    capture(input) {
      const params = {
        payment_intent: input.paymentIntentId,
        amount_to_capture: input.amountCents,
        application_fee_amount: input.applicationFeeCents,
      };
      return idempotent(input.idempotencyKey, "payment_intents.capture", params, async (repo) => {
        const pi = await loadIntent(repo, input.paymentIntentId);
        if (pi.status !== "requires_capture") throw unexpectedState(pi, "captured", ["requires_capture"]);
        assertAmount("amount_to_capture", input.amountCents, 1);
        assertAmount("application_fee_amount", input.applicationFeeCents, 0);
        if (input.amountCents > pi.amount_capturable) {
          throw invalid(
            `The amount_to_capture (${input.amountCents}) cannot be greater than the amount_capturable (${pi.amount_capturable}) of this PaymentIntent.`,
            "amount_too_large",
            pi.id,
          );
        }
        if (input.applicationFeeCents > input.amountCents) {
          throw invalid(
            "The application fee amount cannot be greater than the amount captured.",
            "application_fee_amount_too_large",
            pi.id,
          );
        }
        // A partial capture releases the rest of the hold.
        const captured: PaymentIntentData = {
          ...pi,
          status: "succeeded",
          amount_received: input.amountCents,
          amount_capturable: 0,
          application_fee_amount: input.applicationFeeCents,
        };
        await save(repo, pi.id, captured);
        return toResult(captured);
      });
    },

    cancel(input) {
      return idempotent(
        input.idempotencyKey,
        "payment_intents.cancel",
        { payment_intent: input.paymentIntentId },
        async (repo) => {
          const pi = await loadIntent(repo, input.paymentIntentId);
          const cancellable: PaymentIntentStatus[] = [
            "requires_payment_method",
            "requires_capture",
            "requires_action",
            "processing",
          ];
          if (!cancellable.includes(pi.status)) throw unexpectedState(pi, "canceled", cancellable);
          const canceled: PaymentIntentData = {
            ...pi,
            status: "canceled",
            amount_capturable: 0,
            canceled_at: unix(),
            cancellation_reason: "requested_by_customer",
          };
          await save(repo, pi.id, canceled);
          return toResult(canceled);
        },
      );
    },

    refund(input) {
      const params = {
        payment_intent: input.paymentIntentId,
        amount: input.amountCents,
        reverse_transfer: true,
        refund_application_fee: input.refundApplicationFee,
      };
      return idempotent(input.idempotencyKey, "refunds.create", params, async (repo) => {
        const pi = await loadIntent(repo, input.paymentIntentId);
        if (pi.status !== "succeeded" || !pi.latest_charge) throw unexpectedState(pi, "refunded", ["succeeded"]);
        assertAmount("amount", input.amountCents, 1);
        const refundable = pi.amount_received - pi.x_charge.amount_refunded;
        if (refundable === 0)
          throw invalid(`Charge ${pi.latest_charge} has already been refunded.`, "charge_already_refunded", pi.id);
        if (input.amountCents > refundable) {
          throw invalid(
            `Refund amount ($${(input.amountCents / 100).toFixed(2)}) is greater than unrefunded amount on charge ($${(refundable / 100).toFixed(2)})`,
            "amount_too_large",
            pi.id,
          );
        }
        // Destination charge with application_fee_amount: the whole captured amount was transferred, so the
        // reversal equals the refund; the platform fee is refunded in proportion (the rest of it on the last refund).
        const amountRefunded = pi.x_charge.amount_refunded + input.amountCents;
        const feeRemaining = pi.application_fee_amount - pi.x_charge.application_fee_refunded;
        const feeRefund = !input.refundApplicationFee
          ? 0
          : amountRefunded === pi.amount_received
            ? feeRemaining
            : Math.min(feeRemaining, Math.round((input.amountCents * pi.application_fee_amount) / pi.amount_received));
        const id = newObjectId("re");
        const refund: RefundData = {
          id,
          object: "refund",
          amount: input.amountCents,
          payment_intent: pi.id,
          charge: pi.latest_charge,
          status: "succeeded",
          reverse_transfer: true,
          refund_application_fee: input.refundApplicationFee,
          x_transfer_reversal_amount: input.amountCents,
          x_application_fee_refund_amount: feeRefund,
          created: unix(),
        };
        await insert(repo, "refund", id, refund, pi.id);
        await save(repo, pi.id, {
          ...pi,
          x_charge: {
            amount_refunded: amountRefunded,
            application_fee_refunded: pi.x_charge.application_fee_refunded + feeRefund,
            transfer_reversed: pi.x_charge.transfer_reversed + input.amountCents,
          },
        } satisfies PaymentIntentData);
        return { refundId: id, status: "succeeded" as const };
      });
    },

    async getPaymentIntent(paymentIntentId) {
      return toResult(await runTransaction(db, (tx) => loadIntent(createLocalGatewayRepository(tx), paymentIntentId)));
    },

    // ── Webhooks ──
    verifyWebhook(rawBody, signatureHeader) {
      verifyWebhookSignature(rawBody, signatureHeader, webhookSecret, unix());
      const event = JSON.parse(rawBody) as {
        id?: unknown;
        type?: unknown;
        created?: unknown;
        account?: unknown;
        data?: { object?: unknown };
      };
      if (
        typeof event.id !== "string" ||
        typeof event.type !== "string" ||
        !event.data ||
        typeof event.data.object !== "object" ||
        event.data.object === null
      ) {
        throw invalid("The webhook payload is not a Stripe event.", null);
      }
      return {
        id: event.id,
        type: event.type,
        created: typeof event.created === "number" ? event.created : 0,
        account: typeof event.account === "string" ? event.account : null,
        object: event.data.object as Json,
      } satisfies GatewayEvent;
    },

    signEvent(event) {
      const payload = JSON.stringify({
        id: event.id ?? newObjectId("evt"),
        object: "event",
        type: event.type,
        created: unix(),
        livemode: false,
        ...(event.account ? { account: event.account } : {}),
        data: { object: event.object },
      });
      return { payload, signature: signWebhookPayload(payload, webhookSecret, unix()) };
    },

    async inspect(id) {
      const type = id.startsWith("pi_")
        ? "payment_intent"
        : id.startsWith("re_")
          ? "refund"
          : id.startsWith("pm_")
            ? "payment_method"
            : id.startsWith("seti_")
              ? "setup_intent"
              : id.startsWith("acct_")
                ? "account"
                : "customer";
      return (await readRepo().find(type, id))?.data ?? null;
    },
  };
  return gateway;
}
