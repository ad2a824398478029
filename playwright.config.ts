import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * E2E against the built app (`next build` by `npm run test:e2e`, then `next start` on :3100 through
 * scripts/e2e-server.ts with a fresh seeded database). Playwright never downloads a browser here:
 * Debian's Chromium is used when present.
 * PW_NO_WEBSERVER=1 skips starting the server (run it yourself on :3100).
 */
const CI = Boolean(process.env.CI);
const PORT = 3100;
const baseURL = `http://localhost:${PORT}`;
const SYSTEM_CHROMIUM = "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: CI,
  workers: 2,
  retries: CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  webServer:
    process.env.PW_NO_WEBSERVER === "1"
      ? undefined
      : {
          command: "npx tsx scripts/e2e-server.ts",
          url: `${baseURL}/api/health`,
          timeout: 180_000,
          reuseExistingServer: !CI,
          stdout: "pipe",
          stderr: "pipe",
        },
});
