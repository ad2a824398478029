import { expect, test, type Page } from "@playwright/test";
import { createAccount, signInViaApi, trpcQuery } from "../fixtures/api";
import { accountMenu } from "../fixtures/ui";

/** The newest link to `path` in a mail with `subject`, read from the dev outbox of the signed-in `mailbox` page. */
async function linkFromOutbox(mailbox: Page, subject: string, path: string): Promise<string> {
  await mailbox.goto("/dev/outbox");
  const row = mailbox.getByRole("row").filter({ hasText: subject }).first();
  await expect(row).toBeVisible();
  const text = (await row.textContent()) ?? "";
  const hit = new RegExp(`${path.replace("/", "\\/")}\\?token=[A-Za-z0-9_-]+`).exec(text);
  expect(hit, `${path} link in the mail`).toBeTruthy();
  return hit![0];
}

test("[ACCOUNT] a user resets a forgotten password from the emailed link and signs in with the new one", async ({
  page,
  browser,
}) => {
  const account = await createAccount(page.request, "student", { firstName: "Rhea" });
  // The person's phone, still signed in, where they read their mail (reset signs every device out).
  const phoneContext = await browser.newContext();
  const phone = await phoneContext.newPage();
  await signInViaApi(phone, account);

  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL("/forgot-password");
  await page.getByLabel("Email").fill(account.email);
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(page.getByText("If an account exists for that address")).toBeVisible();

  const link = await linkFromOutbox(phone, "Reset your InstaInstru password", "/reset-password");
  await page.goto(link);
  const newPassword = "brand-New-Passphrase-77";
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm new password").fill(newPassword);
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page).toHaveURL(/\/sign-in\?notice=password-changed/);
  await expect(page.getByText("Your password was changed.")).toBeVisible();

  // The link is spent.
  const again = await browser.newPage();
  await again.goto(link);
  await expect(again.getByText("This link can't be used")).toBeVisible();
  await again.close();

  // Every session ended: the phone is signed out.
  expect(await trpcQuery(phone, "account.me")).toBeNull();
  await phoneContext.close();

  // The old password no longer works; the new one does.
  const signIn = page.getByRole("button", { name: "Sign in" });
  await expect(signIn).toBeEnabled();
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await signIn.click();
  await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  await page.getByLabel("Password", { exact: true }).fill(newPassword);
  await signIn.click();
  await expect(page).toHaveURL("/");
  await expect(accountMenu(page, "Rhea")).toBeVisible();
});

test("[ACCOUNT] a new student sees the verify banner, resends the email and confirms the address", async ({ page }) => {
  const account = await createAccount(page, "student", { firstName: "Vera", emailVerified: false });
  await signInViaApi(page, account);

  await page.goto("/");
  const banner = page.getByRole("region", { name: "Verification reminder" });
  await expect(banner).toContainText("Confirm your email to book lessons.");
  await banner.getByRole("button", { name: "Resend verification email" }).click();
  await expect(banner.getByText("Sent. Check your inbox.")).toBeVisible();

  const mailbox = await page.context().newPage();
  const link = await linkFromOutbox(mailbox, "Confirm your email address", "/verify-email");
  await mailbox.close();
  await page.goto(link);
  await expect(page.getByText("Email confirmed")).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Verification reminder" })).toHaveCount(0);
  expect(await trpcQuery<{ emailVerified: boolean }>(page, "account.me")).toMatchObject({ emailVerified: true });
});
