import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * The tests Stryker runs against the rule modules (stryker.config.mjs): only the suites of those modules, so each
 * mutant runs the few tests that cover it. Integration suites need TEST_DATABASE_URL / TEST_REDIS_URL in the
 * environment of `npm run test:mutation` (Stryker's workers inherit it); without them they use PGlite and the
 * in-process KV twins. MUTATION_SCOPE=unit runs the unit suites only.
 */
const alias = { "~": fileURLToPath(new URL("./src", import.meta.url)) };

export const MUTATION_TESTS = [
  "src/server/services/booking/*.test.ts",
  "src/server/services/messaging/masking.test.ts",
  "src/server/services/auth/*.test.ts",
  "src/server/services/availability/*.test.ts",
  "src/lib/availability/*.test.ts",
  "src/lib/time/*.test.ts",
  "src/server/realtime/*.test.ts",
];

/** MUTATION_SCOPE=unit: only the unit suites (enough for the pure modules: policies, masking, time, stream). */
const unitOnly = process.env.MUTATION_SCOPE === "unit";

export default defineConfig({
  resolve: { alias },
  test: {
    name: "mutation",
    include: MUTATION_TESTS,
    exclude: [
      "node_modules/**",
      // Switches process.env.TZ, which a worker thread (Stryker's vitest pool) cannot; `npm run test:unit` runs it.
      "src/lib/availability/process-tz.test.ts",
      ...(unitOnly ? ["**/*.int.test.ts"] : []),
    ],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    setupFiles: ["./src/test/setup-integration.ts"],
  },
});
