/** Shared by the CLI scripts: open the configured database, migrate, and seed when asked. */
import { env, authSecret } from "../src/server/config/env";
import { migrateDatabase, openDatabase, type DbHandle } from "../src/server/db/client";
import { HashGate, createPasswordHasher } from "../src/server/auth/password";
import { isSeeded, seedDatabase, type SeedOptions, type SeedSummary } from "../src/server/db/seed/seed";

export async function openAndMigrate(url = env.DATABASE_URL, pgliteDir = env.PGLITE_DIR): Promise<DbHandle> {
  const dbh = await openDatabase({ url, pgliteDir });
  await migrateDatabase(dbh);
  return dbh;
}

export async function seed(dbh: DbHandle, opts: SeedOptions): Promise<SeedSummary> {
  // The demo's instructors can all be paid: each gets a completed local Connect account.
  return seedDatabase(dbh.db, createPasswordHasher(new HashGate(2)), authSecret(), {
    connectAllInstructors: true,
    ...opts,
  });
}

export { isSeeded };
