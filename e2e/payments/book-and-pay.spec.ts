import { expect, test } from "@playwright/test";
import { createAccount, signInViaApi } from "../fixtures/api";
import { createBookableInstructor } from "../fixtures/instructor";
import { CARDS, NY, addTestCard, bookUrl, paymentSection, startInDays, startInHours } from "./helpers";

test.use({ timezoneId: NY, locale: "en-US" });

test("[PAYMENTS] student books a lesson a few hours away, adds test card 4242 and sees the hold placed", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const instructor = await createBookableInstructor({ hourlyRateCents: 8000, durations: [30, 60] });
  const student = await createAccount(page, "student", { firstName: "Sam", lastName: "Payer" });
  await signInViaApi(page, student);

  const start = startInHours(4);
  await page.goto(bookUrl(instructor.serviceId, start));
  const form = page.getByRole("form", { name: "Book this lesson" });
  await expect(form.getByTestId("quote-total")).toHaveText("$80.00");
  await expect(form.getByTestId("quote-card")).toHaveText("$80.00");
  // Less than 24 h away: the hold is placed at once.
  await expect(form.getByTestId("hold-copy")).toContainText("We'll place a hold of $80.00 on your card now");

  const payment = paymentSection(page);
  await expect(payment.getByText("You have no saved cards yet")).toBeVisible();
  await expect(form.getByRole("button", { name: "Confirm booking" })).toBeDisabled();
  await addTestCard(payment, CARDS.ok);
  await expect(payment.getByRole("radio", { name: "Visa ending in 4242" })).toBeChecked();

  await form.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page).toHaveURL(/\/lessons\/[0-9A-Z]{26}\?booked=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Lesson booked" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Piano with Irene T." })).toContainText("Confirmed");

  const section = page.getByRole("region", { name: "Payment" });
  await expect(section).toContainText("Authorized");
  await expect(section).toContainText("Hold of $80.00");
  await expect(section).toContainText("Visa ending in 4242");
  await expect(section.getByRole("list", { name: "Timeline" })).toBeVisible();

  // The card is saved on the account, as the default.
  await page.goto("/account/payments");
  const cards = page.getByRole("list", { name: "Saved cards" });
  await expect(cards.getByRole("listitem")).toHaveCount(1);
  await expect(cards.getByRole("listitem").first()).toContainText("Visa ending in 4242");
  await expect(cards.getByRole("listitem").first()).toContainText("Default");

  await instructor.api.dispose();
});

test("[PAYMENTS] a lesson days away is booked with a saved card and shows the scheduled hold date", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const instructor = await createBookableInstructor({ hourlyRateCents: 6000, durations: [60] });
  const student = await createAccount(page, "student", { firstName: "Sam", lastName: "Planner" });
  await signInViaApi(page, student);

  // A card saved from the account page first; the checkout preselects it.
  await page.goto("/account/payments");
  await expect(page.getByText("No saved cards")).toBeVisible();
  await addTestCard(page.getByRole("region", { name: "Payment methods" }), CARDS.ok);
  await expect(page.getByRole("list", { name: "Saved cards" }).getByRole("listitem")).toHaveCount(1);

  const start = startInDays(4, 10);
  const holdAt = start.minus({ hours: 24 });
  await page.goto(bookUrl(instructor.serviceId, start));
  const form = page.getByRole("form", { name: "Book this lesson" });
  await expect(form.getByTestId("quote-total")).toHaveText("$60.00");
  await expect(form.getByTestId("hold-copy")).toContainText(
    `We'll place a hold of $60.00 on your card 24 h before the lesson (${holdAt.toFormat("ccc, LLL d, h:mm a")}`,
  );
  await expect(paymentSection(page).getByRole("radio", { name: "Visa ending in 4242" })).toBeChecked();
  await form.getByRole("button", { name: "Confirm booking" }).click();

  await expect(page).toHaveURL(/\/lessons\/[0-9A-Z]{26}\?booked=1$/);
  const section = page.getByRole("region", { name: "Payment" });
  await expect(section).toContainText("Scheduled");
  await expect(section).toContainText(`Hold of $60.00 on ${holdAt.toFormat("ccc, LLL d, h:mm a")}`);
  await expect(section).toContainText("Visa ending in 4242");

  await instructor.api.dispose();
});
