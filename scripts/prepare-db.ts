/** Migrates the configured database (PostgreSQL via DATABASE_URL, else PGlite in PGLITE_DIR); `--seed-if-empty` seeds a fresh one. */
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../src/server/db/seed/seed";
import { isSeeded, openAndMigrate, seed } from "./db";

const t0 = Date.now();
const dbh = await openAndMigrate();
console.log(
  `[db] ${dbh.driver} migrated in ${Date.now() - t0} ms (pgvector: ${dbh.capabilities.vector ? "yes" : "no"})`,
);
if (process.argv.includes("--seed-if-empty") && !(await isSeeded(dbh.db))) {
  const s = await seed(dbh, {});
  console.log(
    `[db] seeded ${s.instructors} instructors, ${s.students} students, ${s.services} services, ${s.bookings} bookings in ${s.ms} ms`,
  );
  console.log(`[db] demo accounts (password "${DEMO_PASSWORD}"): ${Object.values(DEMO_ACCOUNTS).join(", ")}`);
}
await dbh.close();
