import { expect, test } from "@playwright/test";
import { E2E_PASSWORD, uniqueEmail } from "../fixtures/api";
import { accountMenu, signOutViaMenu } from "../fixtures/ui";

test("[AUTH] student signs up, signs out and signs back in", async ({ page }) => {
  const email = uniqueEmail("student");

  await page.goto("/sign-up");
  const create = page.getByRole("button", { name: "Create account" });
  await expect(create).toBeEnabled(); // hydrated
  await expect(page.getByRole("radio", { name: /I want to learn/ })).toBeChecked();
  await page.getByLabel("First name").fill("Ada");
  await page.getByLabel("Last name").fill("Lovelace");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
  // Filled in from the browser's zone after hydration.
  await expect(page.getByLabel("Time zone")).not.toHaveValue("");
  await create.click();

  await expect(page).toHaveURL("/");
  await expect(accountMenu(page, "Ada")).toBeVisible();
  const mainNav = page.getByRole("navigation", { name: "Main" });
  await expect(mainNav.getByRole("link", { name: "My lessons" })).toBeVisible();
  await expect(mainNav.getByRole("link", { name: "Dashboard" })).toHaveCount(0);

  await signOutViaMenu(page, "Ada");

  // A protected page sends us to sign in and back.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);
  const signIn = page.getByRole("button", { name: "Sign in" });
  await expect(signIn).toBeEnabled();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
  await signIn.click();

  await expect(page).toHaveURL("/account");
  await expect(page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();
  await expect(page.getByLabel("First name")).toHaveValue("Ada");
  await expect(page.getByLabel("Last name")).toHaveValue("Lovelace");
  await expect(page.getByLabel("Email")).toHaveValue(email);
});

test("[AUTH] sign-up shows field errors inline and refuses a taken email", async ({ page }) => {
  const email = uniqueEmail("student");
  await page.goto("/sign-up");
  const create = page.getByRole("button", { name: "Create account" });
  await expect(create).toBeEnabled();
  await page.getByLabel("First name").fill("Bo");
  await page.getByLabel("Last name").fill("Short");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("short");
  await create.click();
  const password = page.getByLabel("Password", { exact: true });
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Use at least 10 characters")).toBeVisible();

  await password.fill(E2E_PASSWORD);
  await create.click();
  await expect(page).toHaveURL("/");

  // Same email again, different case: emails are unique case-insensitively.
  await signOutViaMenu(page, "Bo");
  await page.goto("/sign-up");
  await expect(create).toBeEnabled();
  await page.getByLabel("First name").fill("Bo");
  await page.getByLabel("Last name").fill("Again");
  await page.getByLabel("Email").fill(email.toUpperCase());
  await page.getByLabel("Password", { exact: true }).fill(E2E_PASSWORD);
  await create.click();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("An account with this email already exists")).toBeVisible();
  await expect(page).toHaveURL("/sign-up");
});
