/**
 * npm run db:seed [-- --scale N] [--force]
 * Seeds the configured database. Refuses a non-empty database unless --force (which empties it first).
 */
import { sql } from "drizzle-orm";
import {
  DEMO_ACCOUNTS,
  DEMO_ADMIN_BACKUP_CODES,
  DEMO_ADMIN_TOTP_SECRET,
  DEMO_PASSWORD,
} from "../src/server/db/seed/seed";
import { isSeeded, openAndMigrate, seed } from "./db";

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const scale = Number(arg("--scale") ?? 1);
if (!Number.isInteger(scale) || scale < 1 || scale > 100) throw new Error("--scale takes a whole number from 1 to 100");

const dbh = await openAndMigrate();
if (await isSeeded(dbh.db)) {
  if (!process.argv.includes("--force")) {
    console.error("The database already has data. Re-run with --force to empty it and seed again.");
    await dbh.close();
    process.exit(1);
  }
  // Every table except drizzle's migration journal.
  await dbh.db.execute(sql`do $$ declare t text; begin
    for t in select tablename from pg_tables where schemaname = 'public' loop
      execute format('truncate table %I cascade', t);
    end loop; end $$;`);
}
const s = await seed(dbh, { scale });
console.log(JSON.stringify(s));
console.log(`Demo accounts — password "${DEMO_PASSWORD}":`);
for (const [role, email] of Object.entries(DEMO_ACCOUNTS)) console.log(`  ${role.padEnd(10)} ${email}`);
console.log(`  admin TOTP secret ${DEMO_ADMIN_TOTP_SECRET}; backup codes ${DEMO_ADMIN_BACKUP_CODES.join(" ")}`);
await dbh.close();
