import { expect, request, test } from "@playwright/test";
import { createAccount, signInViaApi, trpcQuery } from "../fixtures/api";
import { signOutViaMenu } from "../fixtures/ui";

test("[AUTH] signing out ends the session on the server: a copied cookie stops working", async ({
  page,
  context,
  baseURL,
}) => {
  const account = await createAccount(page, "student", { firstName: "Rex" });
  await signInViaApi(page, account);
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(cookie, "session cookie").toBeTruthy();

  // The stolen copy works while the session is live…
  const thief = await request.newContext({ baseURL, extraHTTPHeaders: { cookie: `${cookie!.name}=${cookie!.value}` } });
  expect(await trpcQuery<{ email: string } | null>(thief, "account.me")).toMatchObject({ email: account.email });

  await page.goto("/account");
  await signOutViaMenu(page, "Rex");

  // …and not after the owner signs out, even though the JWT itself has not expired.
  expect(await trpcQuery(thief, "account.me")).toBeNull();
  await thief.dispose();
});
