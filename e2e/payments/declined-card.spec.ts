import { expect, test } from "@playwright/test";
import { createAccount, signInViaApi } from "../fixtures/api";
import { createBookableInstructor } from "../fixtures/instructor";
import { CARDS, NY, addTestCard, bookUrl, paymentSection, startInHours } from "./helpers";

test.use({ timezoneId: NY, locale: "en-US" });

test("[PAYMENTS] a card declined when saved shows a clear error and is not added", async ({ page }) => {
  test.setTimeout(90_000);
  const instructor = await createBookableInstructor();
  const student = await createAccount(page, "student", { firstName: "Sam", lastName: "Declined" });
  await signInViaApi(page, student);

  await page.goto(bookUrl(instructor.serviceId, startInHours(5)));
  const payment = paymentSection(page);
  const cardForm = await addTestCard(payment, CARDS.declinedAtSave);
  await expect(cardForm.getByRole("alert")).toContainText("Your card was declined.");
  await expect(payment.getByRole("radio")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Confirm booking" })).toBeDisabled();

  await instructor.api.dispose();
});

test("[PAYMENTS] a card declined at authorization leaves the lesson unbooked, and another card books it", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const instructor = await createBookableInstructor();
  const student = await createAccount(page, "student", { firstName: "Sam", lastName: "Retry" });
  await signInViaApi(page, student);

  // Less than 24 h away: the hold is placed inside booking, and 4000…0341 saves but is declined there.
  const start = startInHours(5);
  await page.goto(bookUrl(instructor.serviceId, start));
  const form = page.getByRole("form", { name: "Book this lesson" });
  const payment = paymentSection(page);
  await addTestCard(payment, CARDS.declinedAtCharge);
  await expect(payment.getByRole("radio", { name: "Visa ending in 0341" })).toBeChecked();
  await form.getByRole("button", { name: "Confirm booking" }).click();

  const alert = payment.getByRole("alert");
  await expect(alert).toContainText("Payment declined — your lesson isn't booked");
  await expect(alert).toContainText("Your card was declined.");
  await expect(page).toHaveURL(/\/book\?/);

  // Nothing confirmed in My lessons.
  const lessons = await page.context().newPage();
  await lessons.goto("/lessons");
  await expect(lessons.getByRole("tab", { name: "Upcoming", selected: true })).toBeVisible();
  await expect(
    lessons
      .getByRole("heading", { name: "No upcoming lessons" })
      .or(lessons.getByRole("list", { name: "Upcoming lessons" })),
  ).toBeVisible();
  await expect(lessons.getByRole("article").filter({ hasText: "Confirmed" })).toHaveCount(0);
  await lessons.close();

  // Another card, then confirm again: booked.
  await addTestCard(payment, CARDS.ok);
  await expect(payment.getByRole("radio", { name: "Visa ending in 4242" })).toBeChecked();
  await expect(payment.getByRole("alert")).toHaveCount(0);
  await form.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page).toHaveURL(/\/lessons\/[0-9A-Z]{26}\?booked=1$/);
  await expect(page.getByRole("region", { name: "Payment" })).toContainText("Authorized");

  await instructor.api.dispose();
});
