import { index, pgTable, text } from "drizzle-orm/pg-core";
import { idColumn, timestamps, tstz } from "./_columns";
import { users } from "./users";

/**
 * One row per sign-in. The session JWT carries this id (`sid`); a token whose row is missing, revoked or belongs to
 * someone else is treated as signed out, so sign-out ends a session on the server, not just in the browser.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: idColumn(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamps.createdAt,
    /** Refreshed at most every few minutes while the session is used. */
    lastSeenAt: tstz("last_seen_at").notNull().defaultNow(),
    revokedAt: tstz("revoked_at"),
    /** HMAC of the sign-in IP with the auth secret (never the address itself). */
    ipHash: text("ip_hash"),
    /** The sign-in User-Agent, truncated: enough to recognise a device, not to fingerprint it. */
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);
