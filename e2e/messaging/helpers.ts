import { expect, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { createAccount, signInViaApi, trpcQuery, type Account, type Role } from "../fixtures/api";

export type Person = { context: BrowserContext; page: Page; account: Account; id: string };

/** A fresh account of `role`, signed in through the API in its own browser context (its own cookies and stream). */
export async function personIn(
  browser: Browser,
  role: Role,
  name: { firstName: string; lastName: string },
): Promise<Person> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const account = await createAccount(page, role, name);
  await signInViaApi(page, account);
  const me = await trpcQuery<{ id: string }>(page, "account.me");
  return { context, page, account, id: me.id };
}

/** A message (or system notice) of the open thread, by its text. */
export const messageIn = (page: Page, text: string | RegExp): Locator =>
  page
    .getByRole("list", { name: /^Messages with / })
    .getByRole("listitem")
    .filter({ hasText: text })
    .first();

/** Opens a message's actions menu (it shows on hover or focus). */
export async function openActions(message: Locator): Promise<void> {
  await message.hover();
  await message.getByRole("button", { name: "Message actions" }).click();
  await expect(message.page().getByRole("menu", { name: "Message actions" })).toBeVisible();
}

/** The header's Inbox link (its accessible name carries the unread count). */
export const navInbox = (page: Page): Locator =>
  page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Inbox/ });
