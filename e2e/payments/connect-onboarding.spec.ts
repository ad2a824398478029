import { expect, request as pwRequest, test } from "@playwright/test";
import { BASE_URL, createAccount, signInViaApi, trpcMutation } from "../fixtures/api";

/** Onboarding links are built on APP_URL (the e2e server leaves the default port): open them by path. */
const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

test("[PAYMENTS] instructor completes the local Connect onboarding page; the link is theirs alone and works once", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const instructor = await createAccount(page, "instructor", { firstName: "Olga", lastName: "Onboard" });
  await signInViaApi(page, instructor);
  const { url } = await trpcMutation<{ url: string }>(page, "payouts.startOnboarding");
  expect(url).toMatch(/\/dev\/connect-onboarding\?link=[A-Za-z0-9_-]{32}$/);
  const link = pathOf(url);

  // Another instructor learns nothing from the link: 404.
  const otherApi = await pwRequest.newContext({ baseURL: BASE_URL });
  await signInViaApi(otherApi, await createAccount(otherApi, "instructor"));
  expect((await otherApi.get(link)).status()).toBe(404);
  const otherPost = await otherApi.post("/dev/connect-onboarding/complete", {
    form: { link: new URL(url).searchParams.get("link")! },
    headers: { Origin: BASE_URL },
    maxRedirects: 0,
  });
  expect(otherPost.status()).toBe(404);
  await otherApi.dispose();

  // The owner sees the test-mode page and completes it; the browser lands on the return URL the service chose
  // (by path: the e2e server's APP_URL names another port).
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Set up payouts", level: 1 })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: instructor.email })).toBeVisible();
  await page.getByRole("button", { name: "Complete onboarding (test mode)" }).click();
  await expect(page).toHaveURL(`${BASE_URL}/instructor/payouts?return=1`);

  // The account is now enabled at the gateway.
  const status = await trpcMutation<{ state: string; chargesEnabled: boolean; payoutsEnabled: boolean }>(
    page,
    "payouts.refreshStatus",
  );
  expect(status).toMatchObject({ state: "complete", chargesEnabled: true, payoutsEnabled: true });

  // The link is single-use: revisiting it says so and sends the browser to the refresh URL.
  await page.goto(link);
  await expect(page.getByText("This link was already used")).toBeVisible();
  await page.getByRole("button", { name: "Back to InstaInstru" }).click();
  await expect(page).toHaveURL(`${BASE_URL}/instructor/payouts?refresh=1`);
});

test("[PAYMENTS] the local onboarding page asks a signed-out visitor to sign in", async ({ page }) => {
  await page.goto("/dev/connect-onboarding?link=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
});
