import type { Database } from "~/server/db/client";
import type { z } from "zod";
import type { ZConfirmLocalCardInput, ZSetupIntentInput } from "~/server/api/routers/payments.schemas";
import type { PaymentRepository } from "~/server/repositories/payments";
import type { UserRepository } from "~/server/repositories/users";
import {
  PaymentGatewayError,
  type CardSummary,
  type ConnectedAccountStatus,
  type PaymentGateway,
} from "~/server/integrations/payments/port";
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError, ValidationError } from "~/server/errors";
import type { RateLimiterFactory } from "~/server/kv/rate-limit";
import { creditGrantLines } from "./money";

export type CardView = {
  paymentMethodId: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  isDefault: boolean;
};
export type AccountView = {
  state: "not_started" | "pending" | "complete";
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  requirementsDue: string[];
};

type Deps = {
  db: Database;
  repo: PaymentRepository;
  users: UserRepository;
  gateway: PaymentGateway;
  appUrl: string;
  limiters: RateLimiterFactory;
  now?: () => Date;
};

/**
 * Card confirmations per student per hour (saved or declined alike): a stolen-card tester gets a handful of
 * tries, not thousands. Stripe has its own card-testing defences; this one also guards the local gateway.
 */
export const CARD_ATTEMPT_LIMIT = { name: "card-attempts", points: 10, durationSeconds: 3600 };

/** A card error as the cardholder should read it, with Stripe's decline code for the page. */
function cardFailure(e: unknown): never {
  if (e instanceof PaymentGatewayError && (e.isCardError || e.type === "invalid_request_error")) {
    throw new ValidationError(
      e.isCardError ? e.message : "That card couldn't be saved. Check the details and try again.",
      {},
      { declineCode: e.declineCode ?? e.code },
    );
  }
  throw e;
}

export const accountState = (
  s: Pick<ConnectedAccountStatus, "chargesEnabled" | "payoutsEnabled" | "detailsSubmitted">,
): "pending" | "complete" => (s.chargesEnabled && s.payoutsEnabled && s.detailsSubmitted ? "complete" : "pending");

/**
 * Saved cards (Stripe Customers + SetupIntents), platform credits, and instructors' Connect accounts. Card
 * numbers never pass through here except in local mode, where the local gateway plays Stripe.js.
 */
export function createPaymentAccountService({
  db,
  repo,
  users,
  gateway,
  appUrl,
  limiters,
  now = () => new Date(),
}: Deps) {
  async function countCardAttempt(userId: string) {
    const r = await limiters(CARD_ATTEMPT_LIMIT).consume(userId);
    if (!r.ok)
      throw new RateLimitedError(
        "Too many card attempts. Please wait a while before trying another card.",
        r.retryAfterSeconds,
      );
  }

  async function ensureCustomer(userId: string) {
    const existing = await repo.findCustomer(userId);
    if (existing) return existing;
    const user = await users.findById(userId);
    if (!user) throw new NotFoundError("Account not found.");
    const { customerId } = await gateway.createCustomer({
      email: user.email,
      name: `${user.firstName} ${user.lastName}`,
      userId,
      idempotencyKey: `customer:${userId}:create:1`,
    });
    return repo.insertCustomer({ userId, stripeCustomerId: customerId });
  }

  async function cardsOf(userId: string): Promise<CardView[]> {
    const customer = await repo.findCustomer(userId);
    if (!customer) return [];
    const cards = await gateway.listCards(customer.stripeCustomerId);
    const def = customer.defaultPaymentMethodId ?? cards[0]?.paymentMethodId ?? null;
    return cards.map((c) => ({
      paymentMethodId: c.paymentMethodId,
      brand: c.brand,
      last4: c.last4,
      expMonth: c.expMonth,
      expYear: c.expYear,
      isDefault: c.paymentMethodId === def,
    }));
  }

  /** Completes a card save: the first card becomes the default; a duplicate (same fingerprint) is not kept twice. */
  async function afterCardSaved(userId: string, card: CardSummary): Promise<CardView> {
    const customer = (await repo.findCustomer(userId))!;
    const cards = await gateway.listCards(customer.stripeCustomerId);
    const duplicate = cards.find(
      (c) => c.fingerprint === card.fingerprint && c.paymentMethodId !== card.paymentMethodId,
    );
    if (duplicate) {
      await gateway.detachCard(card.paymentMethodId);
      return (await cardsOf(userId)).find((c) => c.paymentMethodId === duplicate.paymentMethodId)!;
    }
    if (!customer.defaultPaymentMethodId) await repo.setDefaultCard(userId, card.paymentMethodId);
    return (await cardsOf(userId)).find((c) => c.paymentMethodId === card.paymentMethodId)!;
  }

  /** The student's Customer; the gateway refuses a SetupIntent of another Customer as "not found". */
  async function ownedSetupIntent(userId: string) {
    const customer = await repo.findCustomer(userId);
    if (!customer) throw new NotFoundError("Card setup not found.");
    return customer;
  }

  async function accountView(instructorId: string): Promise<AccountView> {
    const a = await repo.findAccount(instructorId);
    if (!a) return { state: "not_started", chargesEnabled: false, payoutsEnabled: false, requirementsDue: [] };
    return {
      state: a.state,
      chargesEnabled: a.chargesEnabled,
      payoutsEnabled: a.payoutsEnabled,
      requirementsDue: a.requirementsDue,
    };
  }

  /** Stores a Connect account's status (from `accounts.retrieve` or an `account.updated` webhook). */
  async function storeAccountStatus(s: ConnectedAccountStatus) {
    return db.transaction((tx) =>
      repo.updateAccountStatus(tx, s.accountId, {
        state: accountState(s),
        chargesEnabled: s.chargesEnabled,
        payoutsEnabled: s.payoutsEnabled,
        detailsSubmitted: s.detailsSubmitted,
        requirementsDue: s.requirementsDue,
      }),
    );
  }

  return {
    ensureCustomer,
    storeAccountStatus,
    accountView,

    /** Starts saving a card: a SetupIntent on the student's Customer (created on first use). */
    async startCardSetup(userId: string) {
      const customer = await ensureCustomer(userId);
      return gateway.createSetupIntent({
        customerId: customer.stripeCustomerId,
        idempotencyKey: `customer:${userId}:setup:${now().getTime()}`,
      });
    },

    /** Local mode only: confirms the SetupIntent with a test card number, as Stripe.js would in the browser. */
    async confirmLocalCard(userId: string, input: z.infer<typeof ZConfirmLocalCardInput>): Promise<CardView> {
      if (!gateway.confirmSetupIntentWithCard) throw new ForbiddenError("Cards are entered with Stripe on this site.");
      const customer = await ownedSetupIntent(userId);
      await countCardAttempt(userId);
      let card: CardSummary;
      try {
        await gateway.confirmSetupIntentWithCard({ ...input, number: input.number.replace(/\s+/g, "") });
        card = await gateway.completeSetupIntent({
          setupIntentId: input.setupIntentId,
          customerId: customer.stripeCustomerId,
        });
      } catch (e) {
        cardFailure(e);
      }
      return afterCardSaved(userId, card);
    },

    /** Stripe mode: after Elements confirmed the SetupIntent in the browser, stores the saved card. */
    async completeCardSetup(userId: string, input: z.infer<typeof ZSetupIntentInput>): Promise<CardView> {
      const customer = await ownedSetupIntent(userId);
      await countCardAttempt(userId);
      let card: CardSummary;
      try {
        card = await gateway.completeSetupIntent({
          setupIntentId: input.setupIntentId,
          customerId: customer.stripeCustomerId,
        });
      } catch (e) {
        cardFailure(e);
      }
      return afterCardSaved(userId, card);
    },

    listCards: cardsOf,

    /** Removes a saved card, unless it holds (or will hold) an upcoming lesson's authorization. */
    async removeCard(userId: string, paymentMethodId: string): Promise<{ ok: true }> {
      const cards = await cardsOf(userId);
      if (!cards.some((c) => c.paymentMethodId === paymentMethodId)) throw new NotFoundError("Card not found.");
      if (await repo.cardInUse(userId, paymentMethodId))
        throw new ConflictError(
          "This card pays for an upcoming lesson. Add another card to that lesson first, or cancel it.",
        );
      await gateway.detachCard(paymentMethodId);
      const customer = await repo.findCustomer(userId);
      if (customer?.defaultPaymentMethodId === paymentMethodId) {
        await repo.setDefaultCard(
          userId,
          cards.find((c) => c.paymentMethodId !== paymentMethodId)?.paymentMethodId ?? null,
        );
      }
      return { ok: true };
    },

    async setDefaultCard(userId: string, paymentMethodId: string): Promise<CardView[]> {
      const cards = await cardsOf(userId);
      if (!cards.some((c) => c.paymentMethodId === paymentMethodId)) throw new NotFoundError("Card not found.");
      await repo.setDefaultCard(userId, paymentMethodId);
      return cardsOf(userId);
    },

    /** The student's credit balance and history. */
    async credits(userId: string) {
      const [balanceCents, entries] = await Promise.all([repo.creditBalance(userId), repo.listCredits(userId)]);
      return {
        balanceCents,
        entries: entries.map((e) => ({
          id: e.id,
          amountCents: e.amountCents,
          reason: e.reason || e.kind,
          bookingId: e.bookingId,
          createdAt: e.createdAt,
        })),
      };
    },

    /** Grants platform credit to a student (admin tools, promotions, tests), with its ledger transaction. */
    async grantCredit(studentId: string, amountCents: number, reason: string) {
      if (!Number.isSafeInteger(amountCents) || amountCents <= 0)
        throw new ValidationError("A credit is a positive amount of cents.");
      const at = now();
      return db.transaction(async (tx) => {
        const row = await repo.insertCredit(tx, { studentId, kind: "grant", amountCents, reason, createdAt: at });
        await repo.postLedger(tx, {
          bookingId: null,
          kind: "credit_grant",
          createdAt: at,
          lines: creditGrantLines(amountCents, studentId),
        });
        return row!;
      });
    },

    /** Instructor onboarding: the Connect account (created once) and a fresh account link. */
    async startOnboarding(instructorId: string): Promise<{ url: string }> {
      let account = await repo.findAccount(instructorId);
      if (!account) {
        const user = await users.findById(instructorId);
        // Only instructors have payouts (an admin holds every permission but has no instructor profile to attach to).
        if (!user || user.role !== "instructor") throw new NotFoundError("Account not found.");
        const { accountId } = await gateway.createConnectedAccount({
          email: user.email,
          userId: instructorId,
          idempotencyKey: `instructor:${instructorId}:account:1`,
        });
        account = await repo.insertAccount({ instructorId, stripeAccountId: accountId });
      }
      const base = appUrl.replace(/\/$/, "");
      const link = await gateway.createOnboardingLink({
        accountId: account.stripeAccountId,
        refreshUrl: `${base}/instructor/payouts?refresh=1`,
        returnUrl: `${base}/instructor/payouts?return=1`,
      });
      return { url: link.url };
    },

    /** Reads the account from Stripe and stores it. */
    async refreshStatus(instructorId: string): Promise<AccountView> {
      const account = await repo.findAccount(instructorId);
      if (!account) return accountView(instructorId);
      await storeAccountStatus(await gateway.getConnectedAccount(account.stripeAccountId));
      return accountView(instructorId);
    },
  };
}
export type PaymentAccountService = ReturnType<typeof createPaymentAccountService>;
