/**
 * Playwright's web server: a fresh, seeded database, then the app (scripts/serve.ts) on port 3100 (the build is done
 * by `npm run test:e2e` beforehand). Uses the real PostgreSQL + Redis when TEST_DATABASE_URL /
 * TEST_REDIS_URL are set (CI), otherwise a fresh PGlite directory and in-process ports.
 */
import { rmSync } from "node:fs";
import postgres from "postgres";
import { authSecret } from "../src/server/config/env";
import { TURNSTILE_DUMMY_TOKEN } from "../src/server/integrations/turnstile";
import { sendJson, startStandIn } from "../src/test/http-stand-in";
import { openAndMigrate, seed } from "./db";
import { serve } from "./run";

const PORT = process.env.E2E_PORT ?? "3100";
const adminUrl = process.env.TEST_DATABASE_URL;
let databaseUrl: string | undefined;
const pgliteDir = ".data/e2e-pglite";

if (adminUrl) {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe("drop database if exists instainstru_e2e with (force)");
  await admin.unsafe("create database instainstru_e2e");
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = "/instainstru_e2e";
  databaseUrl = u.toString();
} else {
  rmSync(pgliteDir, { recursive: true, force: true });
}

const dbh = await openAndMigrate(databaseUrl, pgliteDir);
const s = await seed(dbh, {});
await dbh.close();
console.log(`[e2e] ${dbh.driver} seeded (${s.instructors} instructors) — starting on :${PORT}`);

/**
 * With real servers this is a real deployment as far as env validation goes (the embedded flag relaxes nothing
 * then): it needs AUTH_SECRET — the seed's secret, so the demo admin's TOTP decrypts — and a Turnstile secret,
 * verified against a local siteverify stand-in with the semantics of Cloudflare's "always passes" test secret.
 */
const realDeployment: Record<string, string> = {};
if (databaseUrl) {
  const siteverify = await startStandIn((req, res) => {
    const form = new URLSearchParams(req.body);
    sendJson(
      res,
      200,
      form.get("response") === TURNSTILE_DUMMY_TOKEN
        ? { success: true, "error-codes": [] }
        : { success: false, "error-codes": ["invalid-input-response"] },
    );
  });
  Object.assign(realDeployment, {
    AUTH_SECRET: authSecret(),
    TURNSTILE_SECRET_KEY: "1x0000000000000000000000000000000AA",
    TURNSTILE_VERIFY_URL: `${siteverify.url}/turnstile/v0/siteverify`,
  });
}

serve("npx", ["tsx", "scripts/serve.ts", "-p", PORT], {
  ...process.env,
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { PGLITE_DIR: pgliteDir }),
  ...realDeployment,
  ...(process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL, REDIS_PREFIX: `e2e:${Date.now()}:` } : {}),
  INSTAINSTRU_ALLOW_EMBEDDED: "1",
  E2E_TEST_HOOKS: "1",
  NEXTAUTH_URL: `http://localhost:${PORT}`,
  NEXT_TELEMETRY_DISABLED: "1",
});
