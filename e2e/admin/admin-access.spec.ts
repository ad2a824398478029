import { expect, test } from "@playwright/test";
import { createAccount, signInViaApi } from "../fixtures/api";

/** The seeded demo admin (src/server/db/seed/seed.ts: DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_ADMIN_TOTP_SECRET). */
const ADMIN = {
  email: "admin@instainstru.test",
  password: "instainstru-demo",
  totpSecret: "KRUGS4ZANFZSAYJAORSXG5BAONSWG4TF",
};

test("[ADMIN] a student gets a 403 on /admin; signed-out visitors are sent to sign in", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin$/);

  const account = await createAccount(page, "student");
  await signInViaApi(page, account);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
});

test("[ADMIN] the admin with 2FA sees users by role and the audit log", async ({ page }) => {
  await signInViaApi(page, ADMIN);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Admin", level: 1 })).toBeVisible();
  const users = page.getByRole("region", { name: "Users by role" });
  for (const label of ["Students", "Instructors", "Admins", "All accounts"])
    await expect(users.getByText(label)).toBeVisible();
  const admins = users.getByText("Admins").locator("xpath=following-sibling::dd");
  await expect(admins).toHaveText(/^[1-9]\d*$/);

  // Our own sign-in is in the audit log.
  const audit = page.getByRole("table", { name: "Recent audit log, newest first" });
  await expect(audit.getByRole("row").filter({ hasText: "auth.login" }).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Security notice" })).toHaveCount(0);
});
