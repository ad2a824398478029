import { sql } from "drizzle-orm";
import { check, index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { idColumn, tstz } from "./_columns";
import { users } from "./users";

export const IDEMPOTENCY_STATUSES = ["pending", "completed"] as const;
export type IdempotencyStatus = (typeof IDEMPOTENCY_STATUSES)[number];

/**
 * Client idempotency keys of our own mutations (booking.create, …), reserved *before* the work: the unique
 * (scope, user, key) makes one request the owner; others with the same key wait for its result, or are refused
 * when their payload differs (`request_hash`). `result_ref` names what the work made (e.g. the booking id) and is
 * written in the same transaction as that work. A failed attempt deletes its pending row so a retry can run.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    id: idColumn(),
    /** Which operation the key belongs to, e.g. "booking.create". */
    scope: text("scope").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    /** SHA-256 of the request's canonical JSON (the key itself excluded). */
    requestHash: text("request_hash").notNull(),
    status: text("status").$type<IdempotencyStatus>().notNull().default("pending"),
    resultRef: text("result_ref"),
    createdAt: tstz("created_at").notNull().defaultNow(),
    completedAt: tstz("completed_at"),
  },
  (t) => [
    uniqueIndex("idempotency_keys_scope_user_key_uq").on(t.scope, t.userId, t.key),
    index("idempotency_keys_created_idx").on(t.createdAt),
    check("idempotency_keys_status_ck", sql`${t.status} in ('pending', 'completed')`),
    check("idempotency_keys_key_len_ck", sql`char_length(${t.key}) between 1 and 128`),
    check("idempotency_keys_result_ck", sql`(${t.status} = 'completed') = (${t.resultRef} is not null)`),
  ],
);
export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;
