import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "~/server/db/client";
import { backupCodes, instructorProfiles, phoneVerifications, users } from "~/server/db/schema";

export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

/** Users and their credentials. */
export function createUserRepository(db: DbOrTx) {
  return {
    async findById(id: string, tx: DbOrTx = db): Promise<UserRow | null> {
      const [row] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
      return row ?? null;
    },
    async findByEmail(email: string, tx: DbOrTx = db): Promise<UserRow | null> {
      const [row] = await tx
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = lower(${email})`)
        .limit(1);
      return row ?? null;
    },
    async countByRole(): Promise<Record<string, number>> {
      const rows = await db
        .select({ role: users.role, n: sql<number>`count(*)::int` })
        .from(users)
        .groupBy(users.role);
      return Object.fromEntries(rows.map((r) => [r.role, r.n]));
    },
    async insert(values: NewUser, tx: DbOrTx = db): Promise<UserRow> {
      const [row] = await tx.insert(users).values(values).returning();
      if (!row) throw new Error("insert returned no row");
      return row;
    },
    async update(id: string, values: Partial<Omit<NewUser, "id">>, tx: DbOrTx = db): Promise<UserRow | null> {
      const [row] = await tx.update(users).set(values).where(eq(users.id, id)).returning();
      return row ?? null;
    },
    /** The empty instructor profile every instructor account starts with. */
    async insertInstructorProfile(userId: string, timeZone: string, tx: DbOrTx = db): Promise<void> {
      await tx.insert(instructorProfiles).values({ userId, timeZone });
    },
    async bumpSessionVersion(id: string, tx: DbOrTx = db): Promise<void> {
      await tx
        .update(users)
        .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
        .where(eq(users.id, id));
    },
    async replaceBackupCodes(userId: string, hashes: string[], tx: DbOrTx = db): Promise<void> {
      await tx.delete(backupCodes).where(eq(backupCodes.userId, userId));
      if (hashes.length) await tx.insert(backupCodes).values(hashes.map((codeHash) => ({ userId, codeHash })));
    },
    /** Marks an unused backup code as used; true only for the one call that spent it. */
    async consumeBackupCode(userId: string, codeHash: string, tx: DbOrTx = db): Promise<boolean> {
      const rows = await tx
        .update(backupCodes)
        .set({ usedAt: new Date() })
        .where(and(eq(backupCodes.userId, userId), eq(backupCodes.codeHash, codeHash), isNull(backupCodes.usedAt)))
        .returning({ id: backupCodes.id });
      return rows.length === 1;
    },
    async countUnusedBackupCodes(userId: string, tx: DbOrTx = db): Promise<number> {
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(backupCodes)
        .where(and(eq(backupCodes.userId, userId), isNull(backupCodes.usedAt)));
      return row?.n ?? 0;
    },
    async insertPhoneVerification(values: typeof phoneVerifications.$inferInsert, tx: DbOrTx = db) {
      const [row] = await tx.insert(phoneVerifications).values(values).returning();
      if (!row) throw new Error("insert returned no row");
      return row;
    },
    async latestPhoneVerification(userId: string, tx: DbOrTx = db) {
      const [row] = await tx
        .select()
        .from(phoneVerifications)
        .where(and(eq(phoneVerifications.userId, userId), isNull(phoneVerifications.consumedAt)))
        .orderBy(sql`${phoneVerifications.createdAt} desc, ${phoneVerifications.id} desc`)
        .limit(1);
      return row ?? null;
    },
    /** Counts an attempt atomically; returns the attempts now recorded. */
    async addPhoneVerificationAttempt(id: string, tx: DbOrTx = db): Promise<number> {
      const [row] = await tx
        .update(phoneVerifications)
        .set({ attempts: sql`${phoneVerifications.attempts} + 1` })
        .where(eq(phoneVerifications.id, id))
        .returning({ attempts: phoneVerifications.attempts });
      return row?.attempts ?? Number.MAX_SAFE_INTEGER;
    },
    async consumePhoneVerification(id: string, tx: DbOrTx = db): Promise<void> {
      await tx.update(phoneVerifications).set({ consumedAt: new Date() }).where(eq(phoneVerifications.id, id));
    },
  };
}
export type UserRepository = ReturnType<typeof createUserRepository>;
