import { expect, test, type Page } from "@playwright/test";
import { createAccount, signInViaApi } from "../fixtures/api";

/** Collects CSP violations (console + securitypolicyviolation events) while a page is used. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return violations;
}

test("[SECURITY] pages load and hydrate under the CSP with no violations", async ({ page }) => {
  const violations = await watchCsp(page);
  const res = await page.goto("/");
  expect(res?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(res?.headers()["x-content-type-options"]).toBe("nosniff");
  await page.goto("/sign-in");
  // Hydrated: the client-side form reacts (the password field accepts input, the button is interactive).
  await page.getByLabel("Email").fill("nobody@example.test");
  await expect(page.getByLabel("Email")).toHaveValue("nobody@example.test");
  await page.goto("/search?q=piano");
  await expect(page.getByRole("heading").first()).toBeVisible();

  const account = await createAccount(page, "student", { firstName: "Csp" });
  await signInViaApi(page, account);
  const acc = await page.goto("/account");
  expect(acc?.headers()["cache-control"]).toContain("no-store");
  await expect(page.getByRole("heading").first()).toBeVisible();
  await page.goto("/dev/outbox");
  await expect(page.getByRole("heading", { name: "Dev outbox" })).toBeVisible();
  expect(violations).toEqual([]);
});
