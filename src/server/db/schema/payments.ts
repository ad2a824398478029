import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { idColumn, timestamps, tstz } from "./_columns";
import { bookings, instructorProfiles } from "./instructors";
import { users } from "./users";

/**
 * Payments (PRODUCT.md §5). Stripe's objects are referenced by id only; amounts are integer cents in USD.
 * The ledger is double entry: every transaction's entries sum to zero (a deferred constraint trigger checks it
 * at commit, and `ledgerImbalances()` in the repository asks the same question as a query).
 */

/** Where the lesson's money stands. `not_required`: credits cover the whole price, no card is touched. */
export const PAYMENT_STATES = [
  "awaiting_card",
  "scheduled",
  "authorizing",
  "authorized",
  "auth_failed",
  "captured",
  "released",
  "refunded",
  "partially_refunded",
  "disputed",
  "not_required",
] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

export const CONNECT_ACCOUNT_STATES = ["pending", "complete"] as const;

/** An instructor's Stripe Connect (Express) account. No row = onboarding not started. */
export const paymentAccounts = pgTable(
  "payment_accounts",
  {
    instructorId: text("instructor_id")
      .primaryKey()
      .references(() => instructorProfiles.userId, { onDelete: "cascade" }),
    stripeAccountId: text("stripe_account_id").notNull().unique(),
    state: text("state", { enum: CONNECT_ACCOUNT_STATES }).notNull().default("pending"),
    chargesEnabled: boolean("charges_enabled").notNull().default(false),
    payoutsEnabled: boolean("payouts_enabled").notNull().default(false),
    detailsSubmitted: boolean("details_submitted").notNull().default(false),
    requirementsDue: text("requirements_due")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    ...timestamps,
  },
  (t) => [check("payment_accounts_state_ck", sql`${t.state} in ('pending','complete')`)],
);

/** A student's Stripe Customer and the card used by default. */
export const paymentCustomers = pgTable("payment_customers", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  stripeCustomerId: text("stripe_customer_id").notNull().unique(),
  defaultPaymentMethodId: text("default_payment_method_id"),
  ...timestamps,
});

/** One per booking: the plan (amounts, fee), the Stripe PaymentIntent and where it stands. */
export const bookingPayments = pgTable(
  "booking_payments",
  {
    bookingId: text("booking_id")
      .primaryKey()
      .references(() => bookings.id, { onDelete: "cascade" }),
    studentId: text("student_id")
      .notNull()
      .references(() => users.id),
    instructorId: text("instructor_id")
      .notNull()
      .references(() => instructorProfiles.userId),
    state: text("state", { enum: PAYMENT_STATES }).notNull(),
    currency: text("currency").notNull().default("USD"),
    lessonPriceCents: integer("lesson_price_cents").notNull(),
    creditAppliedCents: integer("credit_applied_cents").notNull().default(0),
    cardAmountCents: integer("card_amount_cents").notNull(),
    /** Whole percent (15, 12, 10 or the founding 8), fixed when the payment is planned. */
    feePercent: integer("fee_percent").notNull(),
    platformFeeCents: integer("platform_fee_cents").notNull(),
    instructorShareCents: integer("instructor_share_cents").notNull(),
    /** What the card was charged (a cancellation fee is a partial capture). */
    capturedCents: integer("captured_cents").notNull().default(0),
    /** Credits actually consumed once settled (≤ credit applied). */
    creditUsedCents: integer("credit_used_cents").notNull().default(0),
    refundedCents: integer("refunded_cents").notNull().default(0),
    paymentMethodId: text("payment_method_id"),
    cardBrand: text("card_brand"),
    cardLast4: text("card_last4"),
    paymentIntentId: text("payment_intent_id").unique(),
    chargeId: text("charge_id"),
    /** Authorization attempts so far; part of the idempotency key of the next one. */
    attempts: integer("attempts").notNull().default(0),
    authorizeAt: tstz("authorize_at"),
    authorizedAt: tstz("authorized_at"),
    captureAt: tstz("capture_at"),
    capturedAt: tstz("captured_at"),
    disputedAt: tstz("disputed_at"),
    lastError: text("last_error"),
    lastDeclineCode: text("last_decline_code"),
    /** Bumped on every change (optimistic readers; the writers hold the row lock). */
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
    check(
      "booking_payments_state_ck",
      sql`${t.state} in ('awaiting_card','scheduled','authorizing','authorized','auth_failed','captured','released','refunded','partially_refunded','disputed','not_required')`,
    ),
    check("booking_payments_currency_ck", sql`${t.currency} = 'USD'`),
    check(
      "booking_payments_split_ck",
      sql`${t.creditAppliedCents} >= 0 and ${t.cardAmountCents} >= 0 and ${t.creditAppliedCents} + ${t.cardAmountCents} = ${t.lessonPriceCents}`,
    ),
    check(
      "booking_payments_fee_ck",
      sql`${t.feePercent} between 0 and 100 and ${t.platformFeeCents} >= 0 and ${t.instructorShareCents} >= 0 and ${t.platformFeeCents} + ${t.instructorShareCents} = ${t.lessonPriceCents}`,
    ),
    check(
      "booking_payments_captured_ck",
      sql`${t.capturedCents} between 0 and ${t.cardAmountCents} and ${t.refundedCents} between 0 and ${t.capturedCents} + ${t.creditUsedCents}`,
    ),
    check("booking_payments_credit_used_ck", sql`${t.creditUsedCents} between 0 and ${t.creditAppliedCents}`),
    check("booking_payments_attempts_ck", sql`${t.attempts} >= 0`),
    check("booking_payments_last4_ck", sql`${t.cardLast4} is null or ${t.cardLast4} ~ '^[0-9]{4}$'`),
    index("booking_payments_instructor_idx").on(t.instructorId, t.state),
    index("booking_payments_student_idx").on(t.studentId, t.createdAt),
  ],
);

/** The payment's timeline, for the lesson page and support: what happened, when, how much. */
export const paymentEvents = pgTable(
  "payment_events",
  {
    id: idColumn(),
    bookingId: text("booking_id")
      .notNull()
      .references(() => bookings.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    label: text("label").notNull(),
    amountCents: integer("amount_cents"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [index("payment_events_booking_idx").on(t.bookingId, t.createdAt)],
);

/**
 * Ledger accounts. Signs: + debit, − credit. A capture is student_card + student_credit (debits) = platform_fee +
 * instructor_payable (credits); a refund mirrors it through `refunds`; credit grants are funded by `promotions`.
 */
export const LEDGER_ACCOUNTS = [
  "student_card",
  "student_credit",
  "platform_fee",
  "instructor_payable",
  "refunds",
  "promotions",
  "credit_liability",
] as const;
export type LedgerAccount = (typeof LEDGER_ACCOUNTS)[number];

export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: idColumn(),
    /** Entries of one transaction sum to zero. */
    transactionId: text("transaction_id").notNull(),
    bookingId: text("booking_id").references(() => bookings.id, { onDelete: "cascade" }),
    /** The user the entry concerns (student for card/credit, instructor for payable). */
    userId: text("user_id").references(() => users.id),
    account: text("account", { enum: LEDGER_ACCOUNTS }).notNull(),
    amountCents: integer("amount_cents").notNull(),
    /** capture | cancellation_fee | refund | credit_grant | … */
    kind: text("kind").notNull(),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [
    check(
      "ledger_entries_account_ck",
      sql`${t.account} in ('student_card','student_credit','platform_fee','instructor_payable','refunds','promotions','credit_liability')`,
    ),
    check("ledger_entries_amount_ck", sql`${t.amountCents} <> 0`),
    index("ledger_entries_tx_idx").on(t.transactionId),
    index("ledger_entries_booking_idx").on(t.bookingId),
  ],
);

export const CREDIT_KINDS = ["grant", "spend", "restore"] as const;

/**
 * A student's platform credit: grants (+), spends (−) and restores (+) after a free cancellation. The student's
 * balance is the sum. One spend and one restore per booking (unique), so a credit is never spent twice.
 */
export const creditEntries = pgTable(
  "credit_entries",
  {
    id: idColumn(),
    studentId: text("student_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    bookingId: text("booking_id").references(() => bookings.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: CREDIT_KINDS }).notNull(),
    amountCents: integer("amount_cents").notNull(),
    reason: text("reason").notNull().default(""),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [
    check("credit_entries_kind_ck", sql`${t.kind} in ('grant','spend','restore')`),
    check(
      "credit_entries_sign_ck",
      sql`(${t.kind} = 'spend' and ${t.amountCents} < 0) or (${t.kind} <> 'spend' and ${t.amountCents} > 0)`,
    ),
    check("credit_entries_booking_ck", sql`${t.kind} = 'grant' or ${t.bookingId} is not null`),
    uniqueIndex("credit_entries_booking_kind_uq")
      .on(t.bookingId, t.kind)
      .where(sql`${t.bookingId} is not null`),
    index("credit_entries_student_idx").on(t.studentId, t.createdAt),
  ],
);

/** Stripe webhook events, stored once by id and processed once. */
export const stripeEvents = pgTable(
  "stripe_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    /** Stripe's `created` (seconds), kept for ordering diagnostics. */
    createdUnix: integer("created_unix").notNull(),
    receivedAt: tstz("received_at").notNull().defaultNow(),
    processedAt: tstz("processed_at"),
    outcome: text("outcome"),
  },
  (t) => [index("stripe_events_type_idx").on(t.type, t.receivedAt)],
);
