import { expect, test, type Locator, type Page } from "@playwright/test";
import { DateTime } from "luxon";
import { createAccount, signInViaApi } from "../fixtures/api";

const NY = "America/New_York";
const LONDON = "Europe/London";
// A 1×1 PNG: enough for the server's magic-byte check.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

test.use({ timezoneId: NY, locale: "en-US" });

/** Press on one cell and release on another: the editor paints the rectangle between them. */
async function drag(page: Page, from: Locator, to: Locator) {
  await from.evaluate((el) => el.scrollIntoView({ block: "center" }));
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error("cells not visible");
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 6 });
  await page.mouse.up();
}

test("[INSTRUCTOR] instructor completes onboarding, adds a service, paints availability, and a signed-out visitor sees the profile and its slots", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const account = await createAccount(page, "instructor", { firstName: "Irene", lastName: "Onboard" });
  await signInViaApi(page, account);

  // Dashboard: not live yet, with a checklist and progress.
  await page.goto("/instructor");
  await expect(page.getByRole("heading", { name: "Get your profile live" })).toBeVisible();
  const progress = page.getByRole("progressbar", { name: "Profile completion" });
  const doneBefore = Number(await progress.getAttribute("aria-valuenow"));

  // Profile: about, areas, photo, payouts.
  await page.getByRole("navigation", { name: "Instructor dashboard" }).getByRole("link", { name: "Profile" }).click();
  await expect(page.getByRole("heading", { name: "Your profile", level: 1 })).toBeVisible();
  const about = page.getByRole("form", { name: "About you" });
  await expect(about.getByRole("button", { name: "Save profile" })).toBeEnabled();
  await about.getByLabel("Headline").fill("Patient piano teacher for adult beginners");
  await about
    .getByLabel("Bio")
    .fill(
      "I have taught piano for twelve years, mostly to adults who always wanted to play. Lessons are relaxed, structured and fun.",
    );
  await about.getByLabel("Years of experience").fill("12");
  const languages = about.getByLabel("Languages you teach in");
  await languages.fill("English");
  await languages.press("Enter");
  await languages.fill("Spanish");
  await languages.press("Enter");
  await expect(about.getByRole("list", { name: "Languages" }).getByRole("listitem")).toHaveText(["English", "Spanish"]);
  await about.getByLabel("I teach online").check();
  await about.getByLabel("I travel to students").check();
  await about.getByRole("button", { name: "Save profile" }).click();
  await expect(about.getByRole("status")).toHaveText("Profile saved.");

  const areas = page.getByRole("region", { name: "Areas you travel to" });
  await areas.getByLabel("Search neighbourhoods").fill("Astoria");
  await areas.getByRole("checkbox", { name: "Astoria", exact: true }).check();
  await expect(areas.getByRole("list", { name: "Selected areas" })).toContainText("Astoria");
  await areas.getByRole("button", { name: "Save areas" }).click();
  await expect(areas.getByRole("status")).toHaveText("Service areas saved.");

  const photo = page.getByRole("region", { name: "Profile photo" });
  await photo
    .getByLabel("Choose a photo")
    .setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not an image") });
  await expect(photo.getByRole("alert")).toHaveText("Choose a JPEG, PNG or WebP image.");
  await photo.getByLabel("Choose a photo").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: PNG });
  await expect(photo.getByRole("img", { name: "Preview of your new photo" })).toBeVisible();
  await photo.getByRole("button", { name: "Upload photo" }).click();
  await expect(photo.getByRole("status")).toHaveText("Photo updated.");
  await expect(photo.getByRole("img", { name: "Your profile photo" })).toHaveAttribute("src", /^\/api\/uploads\//);

  const verification = page.getByRole("region", { name: "Verification and payouts" });
  await verification.getByRole("button", { name: "Set up payouts" }).click();
  await expect(verification.getByText("Active", { exact: true })).toBeVisible();

  // A service.
  await page.getByRole("navigation", { name: "Instructor dashboard" }).getByRole("link", { name: "Services" }).click();
  await expect(page.getByRole("heading", { name: "No services yet" })).toBeVisible();
  await page.getByRole("button", { name: "Add a service", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Add a service" });
  await dialog.getByLabel("Subject").selectOption({ label: "Piano" });
  await dialog.getByLabel("Hourly rate (USD)").fill("80");
  await dialog.getByRole("checkbox", { name: "30 min" }).check();
  await expect(dialog.getByRole("checkbox", { name: "60 min" })).toBeChecked();
  await expect(dialog.getByRole("checkbox", { name: "Online" })).toBeChecked();
  await expect(dialog.getByRole("checkbox", { name: "At my place" })).toBeDisabled(); // "Students come to me" is off
  await dialog.getByRole("button", { name: "Add service" }).click();
  await expect(dialog).toBeHidden();
  const services = page.getByRole("list", { name: "Your services" });
  await expect(services.getByRole("heading", { name: "Piano" })).toBeVisible();
  await expect(services).toContainText("$80.00 / hour · 30, 60 min");

  // Availability: next week, paint Monday 09:00–11:00 by dragging, and open Tuesday 14:00–15:00 with the keyboard.
  await page
    .getByRole("navigation", { name: "Instructor dashboard" })
    .getByRole("link", { name: "Availability" })
    .click();
  await page.getByRole("button", { name: "Next week", exact: true }).click();
  const grid = page.getByRole("grid", { name: /^Availability, week of/ });
  await expect(grid).toBeVisible();
  await drag(
    page,
    grid.getByRole("gridcell", { name: "Monday 09:00–09:30, unavailable" }),
    grid.getByRole("gridcell", { name: "Monday 10:30–11:00, unavailable" }),
  );
  for (const t of ["09:00–09:30", "09:30–10:00", "10:00–10:30", "10:30–11:00"])
    await expect(grid.getByRole("gridcell", { name: `Monday ${t}, available` })).toBeVisible();
  await expect(grid.getByRole("gridcell", { name: "Monday 11:00–11:30, unavailable" })).toBeVisible();
  await grid.getByRole("gridcell", { name: "Tuesday 14:00–14:30, unavailable" }).click();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Space");
  await expect(grid.getByRole("gridcell", { name: "Tuesday 14:30–15:00, available" })).toBeFocused();
  await expect(page.getByText("You have unsaved changes.")).toBeVisible();
  await page.getByRole("button", { name: "Save week" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  // Another tab saves the same week first: this one gets the latest version and says so.
  const other = await page.context().newPage();
  await other.goto("/instructor/availability");
  await other.getByRole("button", { name: "Next week", exact: true }).click();
  const otherGrid = other.getByRole("grid", { name: /^Availability, week of/ });
  await otherGrid.getByRole("gridcell", { name: "Wednesday 12:00–12:30, unavailable" }).click();
  await other.getByRole("button", { name: "Save week" }).click();
  await expect(other.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await other.close();
  await grid.getByRole("gridcell", { name: "Thursday 12:00–12:30, unavailable" }).click();
  await page.getByRole("button", { name: "Save week" }).click();
  await expect(page.getByText("This week was changed in another tab — showing the latest version")).toBeVisible();
  await expect(grid.getByRole("gridcell", { name: "Wednesday 12:00–12:30, available" })).toBeVisible();
  await expect(grid.getByRole("gridcell", { name: "Thursday 12:00–12:30, unavailable" })).toBeVisible();
  await expect(grid.getByRole("gridcell", { name: "Monday 09:00–09:30, available" })).toBeVisible();

  // The dashboard now says the profile is live.
  await page.getByRole("navigation", { name: "Instructor dashboard" }).getByRole("link", { name: "Overview" }).click();
  await expect(page.getByRole("heading", { name: "Your profile is live" })).toBeVisible();
  expect(Number(await progress.getAttribute("aria-valuenow"))).toBeGreaterThan(doneBefore);
  const profileHref = await page.getByRole("link", { name: "View public profile" }).getAttribute("href");
  expect(profileHref).toMatch(/^\/instructors\/[0-9A-Z]{26}$/);

  // A signed-out visitor in London sees the profile, and next Monday's 09:00 New York lesson at London time.
  const visitor = await browser.newContext({ timezoneId: LONDON, locale: "en-US" });
  const v = await visitor.newPage();
  await v.goto(profileHref!);
  await expect(v.getByRole("heading", { name: "Irene O.", level: 1 })).toBeVisible();
  await expect(v.getByText("Patient piano teacher for adult beginners")).toBeVisible();
  await expect(v.getByText("English, Spanish")).toBeVisible();
  const lessons = v.getByRole("region", { name: "Lessons" });
  await expect(lessons.getByRole("heading", { name: "Piano" })).toBeVisible();
  await expect(lessons).toContainText("$80 / hour");
  await expect(v.getByRole("img", { name: "Photo of Irene O." })).toBeVisible();
  await expect(v.getByRole("link", { name: "Sign in to save" })).toBeVisible();

  const booking = v.getByRole("complementary", { name: "Book a lesson" });
  await expect(booking.getByText(/Times in London time/)).toBeVisible();
  const mondayNine = DateTime.now().setZone(NY).startOf("week").plus({ weeks: 1 }).set({ hour: 9 }).setZone(LONDON);
  await booking
    .getByRole("button", { name: new RegExp(`^${mondayNine.toFormat("cccc, LLLL d")}, \\d+ open times?$`) })
    .click();
  const slot = booking.getByRole("link", { name: mondayNine.toFormat("cccc, LLLL d, h:mm a") });
  await expect(slot).toBeVisible();
  // 60-minute lessons inside 09:00–11:00 New York start at 09:00 … 10:00 (15-minute grid): five times that day.
  await expect(booking.getByRole("region", { name: /^Open times on/ }).getByRole("link")).toHaveCount(5);
  await expect(slot).toHaveAttribute(
    "href",
    new RegExp(
      `^/book\\?serviceId=[0-9A-Z]{26}&start=${encodeURIComponent(mondayNine.toUTC().toISO({ suppressMilliseconds: false })!)}&duration=60$`,
    ),
  );
  await visitor.close();
});
