/**
 * npm run demo — migrate, seed an empty database, build, and serve http://localhost:3000.
 * With no configuration this is the embedded default: PGlite in .data/, in-process Redis ports, local adapters.
 */
import { performance } from "node:perf_hooks";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../src/server/db/seed/seed";
import { isSeeded, openAndMigrate, seed } from "./db";
import { run, serve } from "./run";

const t0 = performance.now();
const dbh = await openAndMigrate();
if (!(await isSeeded(dbh.db))) {
  const s = await seed(dbh, {});
  console.log(`[demo] seeded ${s.instructors} instructors and ${s.students} students in ${s.ms} ms`);
}
await dbh.close(); // PGlite allows one owner: release it before the server opens it.

const env = {
  ...process.env,
  // Embedded parts are allowed for the demo even though Next runs it in production mode.
  INSTAINSTRU_ALLOW_EMBEDDED: process.env.DATABASE_URL ? process.env.INSTAINSTRU_ALLOW_EMBEDDED : "1",
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? "http://localhost:3000",
  NEXT_TELEMETRY_DISABLED: "1",
};
if (!process.argv.includes("--no-build")) await run("npx", ["next", "build"], env);
console.log(`[demo] ready to serve after ${Math.round(performance.now() - t0)} ms — http://localhost:3000`);
console.log(`[demo] sign in with ${Object.values(DEMO_ACCOUNTS).join(", ")} — password "${DEMO_PASSWORD}"`);
// scripts/serve.ts: Next behind a Node server that passes the connection's peer address (per-IP limits).
serve("npx", ["tsx", "scripts/serve.ts", "-p", "3000"], env);
