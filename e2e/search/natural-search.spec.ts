import { expect, test } from "@playwright/test";
import { signInViaApi } from "../fixtures/api";

/** The seeded demo admin (src/server/db/seed/seed.ts: DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_ADMIN_TOTP_SECRET). */
const ADMIN = {
  email: "admin@instainstru.test",
  password: "instainstru-demo",
  totpSecret: "KRUGS4ZANFZSAYJAORSXG5BAONSWG4TF",
};
/** The seed's demo instructor teaches piano in Park Slope, so this query always has results. */
const QUERY = "piano lessons in park slope";

test("[SEARCH] a visitor types a natural query, sees chips and results, refines a chip, opens a profile", async ({
  page,
}) => {
  await page.goto("/");
  const box = page.getByRole("combobox", { name: "What do you want to learn?" }).first();

  // Suggestions: the combobox opens a listbox; arrow keys move through it.
  await box.fill("pian");
  const listbox = page.getByRole("listbox", { name: "Suggestions" });
  await expect(listbox.getByRole("option", { name: /Piano/ }).first()).toBeVisible();
  await expect(box).toHaveAttribute("aria-expanded", "true");
  await box.press("ArrowDown");
  await expect(listbox.getByRole("option").first()).toHaveAttribute("aria-selected", "true");

  await box.fill(QUERY);
  await box.press("Escape");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=piano\+lessons\+in\+park\+slope/);

  const chips = page.getByRole("list", { name: "Search filters" });
  await expect(chips.getByRole("button", { name: /^Edit subject: Piano/ })).toBeVisible();
  const location = chips.getByRole("button", { name: /^Remove location: / });
  await expect(location).toBeVisible();
  const results = page.getByRole("list", { name: "Instructors" });
  await expect(results.getByRole("article").first()).toBeVisible();

  // Refine: drop the place, then cap the price through the chip editor.
  await location.click();
  await expect(page).toHaveURL(/[?&]f=/);
  await expect(chips.getByRole("button", { name: /^Remove location: / })).toHaveCount(0);
  await expect(results.getByRole("article").first()).toBeVisible();

  await chips.getByRole("combobox").selectOption("price");
  const editor = page.getByRole("form", { name: "Edit price" });
  await editor.getByLabel("Max $ / lesson").fill("500");
  await editor.getByRole("button", { name: "Apply" }).click();
  await expect(chips.getByRole("button", { name: /^Edit price: / })).toBeVisible();
  await expect(results.getByRole("article").first()).toBeVisible();

  // Open a profile (the click is logged for analytics).
  const first = results.getByRole("article").first().getByRole("link");
  const name = (await first.textContent())?.trim() ?? "";
  const logged = page.waitForResponse((r) => r.url().includes("search.logClick") && r.ok());
  await first.click();
  await expect(page).toHaveURL(/\/instructors\/[0-9A-Z]{26}/);
  await logged;
  expect(name).toMatch(/^\S+ [A-Z]\.$/);
});

test("[SEARCH] an admin runs the same query in diagnostics and sees the timeline", async ({ page }) => {
  await signInViaApi(page, ADMIN);
  await page.goto("/admin/nl-search");
  await expect(page.getByRole("heading", { name: "Search diagnostics", level: 1 })).toBeVisible();
  await page.getByLabel("Search query").fill(QUERY);
  await page.getByRole("button", { name: "Run diagnostics" }).click();

  const timeline = page.getByRole("region", { name: "Pipeline timeline" });
  await expect(timeline).toBeVisible();
  await expect(timeline.getByRole("list", { name: "Stages" }).getByRole("listitem").first()).toContainText(/ms/);
  expect(await timeline.getByRole("listitem").count()).toBeGreaterThan(2);
  await expect(
    page.getByRole("region", { name: "Location tiers" }).getByRole("cell", { name: "Park Slope" }).first(),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "Candidate funnel" })).toContainText("Final");
  await expect(page).toHaveURL(/\/admin\/nl-search\?q=piano/);
});
