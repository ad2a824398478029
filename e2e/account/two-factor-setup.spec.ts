import { expect, test } from "@playwright/test";
import { generate } from "otplib";
import { createAccount, signInViaApi, trpcQuery } from "../fixtures/api";

test("[ACCOUNT] student turns on 2FA from the security page and sees the backup codes once", async ({ page }) => {
  const account = await createAccount(page, "student", { firstName: "Noor" });
  await signInViaApi(page, account);

  await page.goto("/account/security");
  const card = page.getByRole("region", { name: "Two-factor authentication" });
  await expect(card.getByText("Off", { exact: true })).toBeVisible();
  await card.getByRole("button", { name: "Set up two-factor authentication" }).click();

  await expect(card.getByRole("img", { name: /QR code/ })).toBeVisible();
  const secret = ((await card.getByLabel("Setup key").textContent()) ?? "").replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

  await card.getByLabel("Code from your app").fill(await generate({ secret }));
  await card.getByRole("button", { name: "Turn on" }).click();

  const codes = card.getByRole("list", { name: "Backup codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  await expect(codes.first()).toHaveText(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
  await card.getByRole("button", { name: "I've saved my codes" }).click();

  await expect(codes).toHaveCount(0);
  await expect(card.getByText("10 of 10")).toBeVisible();
  expect(await trpcQuery<number>(page, "auth.backupCodesLeft")).toBe(10);

  // Shown once: a reload shows the status, not the codes.
  await page.reload();
  await expect(card.getByText("On", { exact: true })).toBeVisible();
  await expect(card.getByRole("list", { name: "Backup codes" })).toHaveCount(0);
});
