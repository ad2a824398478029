import { expect, test, type Page } from "@playwright/test";
import type { DateTime } from "luxon";
import { createAccount, signInViaApi } from "../fixtures/api";
import { createBookableInstructor } from "../fixtures/instructor";
import { saveTestCard } from "../fixtures/payments";
import { NY, bookUrl, paymentSection, startInDays } from "../payments/helpers";

test.use({ timezoneId: NY, locale: "en-US" });

/** Books through the booking page with the student's saved (default) card. */
async function book(page: Page, serviceId: string, start: DateTime) {
  await page.goto(bookUrl(serviceId, start));
  const form = page.getByRole("form", { name: "Book this lesson" });
  await expect(paymentSection(page).getByRole("radio", { name: "Visa ending in 4242" })).toBeChecked();
  await form.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page).toHaveURL(/\/lessons\/[0-9A-Z]{26}\?booked=1$/);
}

const bell = (page: Page) =>
  page
    .getByRole("banner")
    .getByRole("link", { name: /^Notifications/ })
    .first();

test("[NOTIFICATIONS] booking puts the confirmation in the outbox and the bell; turning the email off stops it", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const instructor = await createBookableInstructor({ hourlyRateCents: 6000, durations: [60] });
  const student = await createAccount(page, "student", { firstName: "Nora", lastName: "Notified" });
  await signInViaApi(page, student);
  await saveTestCard(page);

  // 1. A booking: the confirmation email (with its calendar file) lands in the outbox, and the bell counts it.
  await book(page, instructor.serviceId, startInDays(5, 10));
  await expect(async () => {
    await page.goto("/dev/outbox");
    await expect(page.getByRole("table", { name: "Sent messages" })).toContainText("Booked: Piano with Irene");
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole("table", { name: "Sent messages" })).toContainText("[Attached: lesson.ics]");
  await expect(bell(page)).toHaveAccessibleName(/Notifications \(\d+ unread\)/);

  // The notification centre lists it, links to the lesson, and marks it read.
  await bell(page).click();
  await expect(page).toHaveURL(/\/notifications$/);
  const list = page.getByRole("list", { name: "Notifications" });
  await expect(list.getByRole("link", { name: "Lesson booked" })).toHaveAttribute("href", /\/lessons\/[0-9A-Z]{26}$/);
  await page.getByRole("button", { name: "Mark all read" }).click();
  await expect(page.getByText("You're all caught up.")).toBeVisible();
  await expect(bell(page)).toHaveAccessibleName("Notifications");

  // 2. Lesson updates by email off (security stays locked on): the next booking sends no email, only the bell.
  await page.goto("/account/notifications");
  const lessonEmail = page.getByRole("checkbox", { name: "Lesson updates by Email" });
  await expect(lessonEmail).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Security by Email (always on)" })).toBeDisabled();
  await lessonEmail.uncheck();
  await expect(lessonEmail).not.toBeChecked();
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Lesson updates by Email" })).not.toBeChecked();

  await book(page, instructor.serviceId, startInDays(6, 11));
  await expect(async () => {
    await page.goto("/notifications");
    await expect(page.getByText("1 unread")).toBeVisible();
  }).toPass({ timeout: 30_000 });
  await page.goto("/dev/outbox");
  const rows = page.getByRole("table", { name: "Sent messages" }).getByRole("row").filter({ hasText: "Booked: Piano" });
  await expect(rows).toHaveCount(1);

  await instructor.api.dispose();
});
