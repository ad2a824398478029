// Mutation testing of the rule modules (docs/mutation.md). On demand, one module at a time keeps 2 shared cores usable:
//   npm run test:mutation -- --mutate src/server/services/booking/policy.ts
// Integration suites need TEST_DATABASE_URL / TEST_REDIS_URL exported in the shell; the workers inherit them.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  plugins: ["@stryker-mutator/vitest-runner"],
  checkers: [],
  mutate: [
    "src/server/services/booking/policy.ts",
    "src/server/services/booking/booking-service.ts",
    "src/server/services/messaging/masking.ts",
    "src/server/services/auth/policy.ts",
    "src/server/services/auth/auth-service.ts",
    "src/server/services/availability/availability-service.ts",
    "src/lib/availability/bitmap.ts",
    "src/lib/availability/slots.ts",
    "src/lib/time/windows.ts",
    "src/lib/time/zoned.ts",
    "src/server/realtime/user-stream.ts",
  ],
  coverageAnalysis: "perTest",
  concurrency: 2,
  timeoutMS: 30_000,
  // Runs every covering test of a mutant rather than stopping at the first failure only when asked.
  disableBail: false,
  // Static mutants (module-level constants and regexes, e.g. the masking patterns) are the rules themselves: test them
  // too, though each runs every test of the scope.
  ignoreStatic: false,
  incremental: false,
  tempDirName: ".stryker-tmp",
  // The sandbox needs sources, configs and migrations, not build output or local data.
  ignorePatterns: [".next", ".data", "test-results", "playwright-report", "bench/results", "uploads", "reports"],
  cleanTempDir: "always",
  reporters: ["html", "json", "clear-text", "progress"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true, reportScoreTable: true },
  thresholds: { high: 90, low: 80, break: null },
};
