import { expect, test } from "@playwright/test";
import { createAccount, createAdmin, signInViaApi, trpcQuery } from "../fixtures/api";

test("[ADMIN] an admin finds a user by email and suspends them: their open session stops working; the audit log names both", async ({
  page,
  browser,
}) => {
  // The victim, signed in in their own browser.
  const victimContext = await browser.newContext();
  const victimPage = await victimContext.newPage();
  const lastName = `Victim${Date.now().toString(36)}`;
  const victim = await createAccount(victimPage, "student", { firstName: "Vera", lastName });
  await signInViaApi(victimPage, victim);
  expect(await trpcQuery<{ email: string } | null>(victimPage, "account.me")).toMatchObject({ email: victim.email });

  await signInViaApi(page, await createAdmin(page));
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  await page.getByLabel("Name, email or id").fill(victim.email);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]q=/);
  const table = page.getByRole("table", { name: "Users" });
  await expect(table.getByRole("row")).toHaveCount(2); // header + the one match
  await table.getByRole("link", { name: `Vera ${lastName}` }).click();

  await expect(page.getByRole("heading", { name: `Vera ${lastName}`, level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Suspend" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Reason").fill("Reported for spam (e2e)");
  await dialog.getByRole("button", { name: "Suspend" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Suspended." })).toBeVisible();
  await expect(page.getByText("suspended", { exact: true })).toBeVisible();

  // The victim's open session no longer works: the API says signed out and pages send them to sign in.
  expect(await trpcQuery(victimPage, "account.me")).toBeNull();
  await victimPage.goto("/account");
  await expect(victimPage).toHaveURL(/\/sign-in/);
  await victimContext.close();

  // The audit log shows who did it to whom, by name, with links.
  await page.goto("/admin/audit?action=admin.user.suspend");
  const audit = page.getByRole("table", { name: "Audit log, newest first" });
  const row = audit.getByRole("row").filter({ hasText: `Vera ${lastName}` });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("link", { name: `Vera ${lastName}` })).toHaveAttribute(
    "href",
    /^\/admin\/users\/[0-9A-Z]{26}$/,
  );
  const actor = row.getByRole("link").first();
  await expect(actor).toHaveAttribute("href", /^\/admin\/users\/[0-9A-Z]{26}$/);
  await expect(actor).not.toHaveText(/…/);
  await expect(row).toContainText("active");
  await expect(row).toContainText("suspended");
});

test("[ADMIN] the dashboard renders its charts with data; screenshots at 1280 and 390 px", async ({
  page,
}, testInfo) => {
  // At least one new account today, so the new-users chart has data.
  await createAccount(page, "student");
  await signInViaApi(page, await createAdmin(page));
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/admin");
  await expect(
    page.getByRole("navigation", { name: "Admin console" }).getByRole("link", { name: "Dashboard" }),
  ).toHaveAttribute("aria-current", "page");
  const users = page.getByRole("figure", { name: "New users per role" });
  await expect(users).toBeVisible();
  await expect(users.locator("svg.recharts-surface:not([aria-label])")).toBeVisible();
  await expect(users.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await page.getByRole("button", { name: "7 days" }).click();
  await expect(page.getByRole("button", { name: "7 days" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText(/^Last 7 days/)).toBeVisible();
  await expect(users.locator("svg.recharts-surface:not([aria-label])")).toBeVisible();
  // The table alternative has one row per day.
  await users.getByText("New users per role as a table").click();
  await expect(users.getByRole("table").getByRole("row")).toHaveCount(8);
  await testInfo.attach("admin-dashboard-1280", {
    body: await page.screenshot({ fullPage: true }),
    contentType: "image/png",
  });
  await page.screenshot({ path: testInfo.outputPath("admin-dashboard-1280.png"), fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(users.locator("svg.recharts-surface:not([aria-label])")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("admin-dashboard-390.png"), fullPage: true });
  for (const path of ["/admin/users", "/admin/audit"]) {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(path);
      await expect(page.getByRole("table").first()).toBeVisible();
      // Wide tables scroll inside their frame; the page itself never scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({
        path: testInfo.outputPath(`${path.slice(1).replace(/\//g, "-")}-${width}.png`),
        fullPage: true,
      });
    }
  }
});
