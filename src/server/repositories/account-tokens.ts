import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { accountTokens, sessions, type AccountTokenPurpose } from "~/server/db/schema";

export type AccountTokenRow = typeof accountTokens.$inferSelect;

/** Emailed single-use tokens (stored as hashes) and the session revocation that goes with a password reset. */
export function createAccountTokenRepository(db: DbOrTx) {
  return {
    /** Stores a new token and spends every older unspent one of the same purpose (the newest link wins). */
    async issue(
      values: { userId: string; purpose: AccountTokenPurpose; tokenHash: string; expiresAt: Date; now: Date },
      tx: DbOrTx = db,
    ): Promise<AccountTokenRow> {
      await tx
        .update(accountTokens)
        .set({ usedAt: values.now })
        .where(
          and(
            eq(accountTokens.userId, values.userId),
            eq(accountTokens.purpose, values.purpose),
            isNull(accountTokens.usedAt),
          ),
        );
      const [row] = await tx
        .insert(accountTokens)
        .values({
          userId: values.userId,
          purpose: values.purpose,
          tokenHash: values.tokenHash,
          expiresAt: values.expiresAt,
          createdAt: values.now,
        })
        .returning();
      if (!row) throw new Error("insert returned no row");
      return row;
    },

    /**
     * Spends a token: only an unspent, unexpired token of that purpose, and only once (the update is the check,
     * so two concurrent uses cannot both succeed). Returns the spent row or null.
     */
    async spend(
      tokenHash: string,
      purpose: AccountTokenPurpose,
      now: Date,
      tx: DbOrTx = db,
    ): Promise<AccountTokenRow | null> {
      const [row] = await tx
        .update(accountTokens)
        .set({ usedAt: now })
        .where(
          and(
            eq(accountTokens.tokenHash, tokenHash),
            eq(accountTokens.purpose, purpose),
            isNull(accountTokens.usedAt),
            gt(accountTokens.expiresAt, now),
          ),
        )
        .returning();
      return row ?? null;
    },

    /** Whether a token could still be spent (the reset page checks before asking for a new password). */
    async findUsable(tokenHash: string, purpose: AccountTokenPurpose, now: Date): Promise<AccountTokenRow | null> {
      const [row] = await db
        .select()
        .from(accountTokens)
        .where(
          and(
            eq(accountTokens.tokenHash, tokenHash),
            eq(accountTokens.purpose, purpose),
            isNull(accountTokens.usedAt),
            gt(accountTokens.expiresAt, now),
          ),
        )
        .limit(1);
      return row ?? null;
    },

    /** Spends every unspent token of a user (all purposes or one). */
    async spendAllFor(userId: string, now: Date, purpose?: AccountTokenPurpose, tx: DbOrTx = db): Promise<void> {
      await tx
        .update(accountTokens)
        .set({ usedAt: now })
        .where(
          and(
            eq(accountTokens.userId, userId),
            isNull(accountTokens.usedAt),
            purpose ? eq(accountTokens.purpose, purpose) : sql`true`,
          ),
        );
    },

    /** Revokes every live server-side session of a user; returns how many. */
    async revokeAllSessions(userId: string, tx: DbOrTx = db): Promise<number> {
      const rows = await tx
        .update(sessions)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id });
      return rows.length;
    },
  };
}
export type AccountTokenRepository = ReturnType<typeof createAccountTokenRepository>;
