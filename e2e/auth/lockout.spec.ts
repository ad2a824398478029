import { expect, test, type Page } from "@playwright/test";
import { createAccount } from "../fixtures/api";

async function submitWrong(page: Page, attempt: number) {
  await page.getByLabel("Password", { exact: true }).fill(`wrong-password-${attempt}`);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("[AUTH] repeated wrong passwords show the CAPTCHA then a cooldown", async ({ page, request }) => {
  const account = await createAccount(request, "student");
  const incorrect = page.getByRole("alert").filter({ hasText: "Email or password is incorrect." });
  const robot = page.getByRole("checkbox", { name: "I'm not a robot" });
  const submit = page.getByRole("button", { name: "Sign in" });

  await page.goto("/sign-in");
  await expect(submit).toBeEnabled();
  await page.getByLabel("Email").fill(account.email);

  // Failures 1 and 2: just an error.
  for (const attempt of [1, 2]) {
    await submitWrong(page, attempt);
    await expect(incorrect).toBeVisible();
    await expect(robot).toHaveCount(0);
  }
  // Failure 3: from now on the CAPTCHA is required.
  await submitWrong(page, 3);
  await expect(robot).toBeVisible();
  await expect(robot).not.toBeChecked();

  // Without ticking it the form refuses to send.
  await submitWrong(page, 4);
  await expect(page.getByText("Please confirm you're not a robot first.")).toBeVisible();

  // Failure 4 with the CAPTCHA: wrong password again; the widget resets (tokens are single-use).
  await robot.check();
  await submitWrong(page, 4);
  await expect(incorrect).toBeVisible();
  await expect(robot).not.toBeChecked();

  // Failure 5: locked for a minute, with a live countdown and the button disabled.
  await robot.check();
  await submitWrong(page, 5);
  const timer = page.getByRole("status").filter({ hasText: /Try again in [01]:\d\d/ });
  await expect(timer).toBeVisible();
  await expect(timer).toHaveAttribute("aria-live", "polite");
  await expect(submit).toBeDisabled();
  const first = await timer.textContent();
  await expect(timer).not.toHaveText(first ?? "", { timeout: 5_000 }); // it ticks

  // A fresh page learns about the lock from the email alone.
  await page.goto("/sign-in");
  await expect(submit).toBeEnabled();
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Email").blur();
  await expect(timer).toBeVisible();
  await expect(robot).toBeVisible();
  await expect(submit).toBeDisabled();
});
