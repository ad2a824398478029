import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { timestamps, tstz } from "./_columns";

/**
 * The local payment gateway's state (the embedded default when STRIPE_SECRET_KEY is unset): Stripe's objects as
 * JSON under Stripe-style ids, so a demo restart or a second process sees the same accounts, cards and
 * PaymentIntents. Nothing here is read by the product directly — only through the gateway port. Card numbers are
 * never stored (brand, last 4, expiry and a keyed fingerprint only).
 */
export const LOCAL_GATEWAY_OBJECT_TYPES = [
  "secret",
  "account",
  "account_link",
  "customer",
  "setup_intent",
  "payment_method",
  "payment_intent",
  "refund",
] as const;
export type LocalGatewayObjectType = (typeof LOCAL_GATEWAY_OBJECT_TYPES)[number];

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(","));

export const localGatewayObjects = pgTable(
  "local_gateway_objects",
  {
    /** Stripe-style id (`pi_…`, `cus_…`, `acct_…`); for an account link, its unguessable URL token. */
    id: text("id").primaryKey(),
    type: text("type", { enum: LOCAL_GATEWAY_OBJECT_TYPES }).notNull(),
    /** The owning object: a payment method's customer (null once detached), a refund's PaymentIntent, a link's account. */
    parentId: text("parent_id"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    ...timestamps,
  },
  (t) => [
    check("local_gateway_objects_type_ck", sql`${t.type} in (${inList(LOCAL_GATEWAY_OBJECT_TYPES)})`),
    index("local_gateway_objects_parent_idx").on(t.type, t.parentId),
  ],
);

/**
 * Stripe's idempotency: the first request with a key stores its outcome (a result, or a card error); a replay with
 * the same operation and parameters gets that outcome again, a replay with anything else is an idempotency_error.
 * Keys are forgotten after 24 hours, as Stripe's are.
 */
export const localGatewayIdempotencyKeys = pgTable(
  "local_gateway_idempotency_keys",
  {
    key: text("key").primaryKey(),
    operation: text("operation").notNull(),
    /** SHA-256 of the operation and its canonical parameters. */
    requestHash: text("request_hash").notNull(),
    /** `{ ok: result }` or `{ error: … }`; null only inside the transaction that is executing the request. */
    response: jsonb("response").$type<Record<string, unknown>>(),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [check("local_gateway_idempotency_key_len_ck", sql`char_length(${t.key}) between 1 and 255`)],
);
