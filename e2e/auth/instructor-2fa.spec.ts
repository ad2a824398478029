import { expect, test, type Page } from "@playwright/test";
import { createAccount, enableTotp, nextTotpCode, signInViaApi, trpcQuery, type Account } from "../fixtures/api";
import { accountMenu, signOutViaMenu } from "../fixtures/ui";

/** Password step through the form; stops at the second-factor step. */
async function passwordStep(page: Page, account: Account) {
  await page.goto("/sign-in");
  const submit = page.getByRole("button", { name: "Sign in" });
  await expect(submit).toBeEnabled();
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await submit.click();
  await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
}

test("[AUTH] instructor with 2FA signs in with a TOTP code", async ({ page, request }) => {
  // Prepared on a separate request context, so the page itself starts signed out.
  const account = await createAccount(request, "instructor", { firstName: "Tess" });
  await signInViaApi(request, account);
  const { secret } = await enableTotp(request);

  await passwordStep(page, account);
  const code = page.getByLabel("Authentication code");
  await expect(code).toHaveAttribute("inputmode", "numeric");
  await expect(code).toBeFocused();

  await code.fill("000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("That code is not valid")).toBeVisible();

  await code.fill(await nextTotpCode(secret));
  await page.getByRole("button", { name: "Verify" }).click();

  await expect(page).toHaveURL("/");
  await expect(accountMenu(page, "Tess")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calendar" })).toBeVisible();
});

test("[AUTH] instructor signs in with a backup code, which then cannot be used again", async ({ page, request }) => {
  const account = await createAccount(request, "instructor", { firstName: "Bea" });
  await signInViaApi(request, account);
  const { backupCodes } = await enableTotp(request);
  const backup = backupCodes[0]!;

  await passwordStep(page, account);
  await page.getByRole("button", { name: "Use a backup code instead" }).click();
  const field = page.getByLabel("Backup code");
  await field.fill(backup);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(accountMenu(page, "Bea")).toBeVisible();
  expect(await trpcQuery<number>(request, "auth.backupCodesLeft")).toBe(9);

  await signOutViaMenu(page, "Bea");

  await passwordStep(page, account);
  await page.getByRole("button", { name: "Use a backup code instead" }).click();
  await page.getByLabel("Backup code").fill(backup);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("That backup code is not valid or was already used.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(accountMenu(page, "Bea")).toHaveCount(0);

  // Another unused code still works.
  await page.getByLabel("Backup code").fill(backupCodes[1]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(accountMenu(page, "Bea")).toBeVisible();
  expect(await trpcQuery<number>(request, "auth.backupCodesLeft")).toBe(8);
});
