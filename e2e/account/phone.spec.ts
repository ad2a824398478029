import { expect, test } from "@playwright/test";
import { createAccount, signInViaApi } from "../fixtures/api";

test("[ACCOUNT] student verifies a phone number with the SMS code from the outbox", async ({ page }) => {
  const account = await createAccount(page, "student", { firstName: "Pia" });
  await signInViaApi(page, account);
  // A number unique to this run, so the outbox row is ours.
  const phone = `+1917${String(Date.now()).slice(-7)}`;

  await page.goto("/account");
  await page.getByLabel("Mobile number").fill(phone);
  await page.getByRole("button", { name: "Send code" }).click();
  await expect(page.getByText(`We sent a 6-digit code to ${phone}`)).toBeVisible();

  // The local SMS adapter records the message at /dev/outbox.
  const outbox = await page.context().newPage();
  await outbox.goto("/dev/outbox");
  const row = outbox.getByRole("row").filter({ hasText: phone }).first();
  await expect(row).toBeVisible();
  const code = /\b(\d{6})\b/.exec((await row.textContent()) ?? "")?.[1];
  expect(code, "code in the SMS body").toBeTruthy();
  await outbox.close();

  const input = page.getByRole("textbox", { name: "Verification code" });
  await expect(input).toHaveAttribute("inputmode", "numeric");
  await input.fill(code === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText(/That code is not correct\. 4 attempts left\./)).toBeVisible();

  await input.fill(code!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("Your phone number is verified.")).toBeVisible();
  await expect(page.getByText("Verified", { exact: true })).toBeVisible();

  // It sticks after a reload (read from the server).
  await page.reload();
  await expect(page.getByText(phone)).toBeVisible();
  await expect(page.getByText("Verified", { exact: true })).toBeVisible();
});
