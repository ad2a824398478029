import { expect, test } from "@playwright/test";
import { DateTime } from "luxon";
import { createAccount, signInViaApi } from "../fixtures/api";
import { createBookableInstructor } from "../fixtures/instructor";
import { CARDS, addTestCard } from "../payments/helpers";

const NY = "America/New_York";
test.use({ timezoneId: NY, locale: "en-US" });

const dayName = (t: DateTime) => t.toFormat("cccc, LLLL d");
const slotName = (t: DateTime) => t.toFormat("cccc, LLLL d, h:mm a");

test("[BOOKING] student books from a profile, sees it upcoming, reschedules and cancels with the fee shown", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const instructor = await createBookableInstructor({ hourlyRateCents: 8000, durations: [30, 60] });
  const student = await createAccount(page, "student", { firstName: "Sam", lastName: "Booker" });
  await signInViaApi(page, student);

  // Four days ahead at 10:00: free to cancel for now. Tomorrow-ish, 18–19 hours ahead: a 50 % fee.
  const first = DateTime.now().setZone(NY).plus({ days: 4 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
  const second = DateTime.now().setZone(NY).plus({ hours: 18 }).startOf("hour").plus({ hours: 1 });

  // Profile → 60 min → the day → the time.
  await page.goto(`/instructors/${instructor.id}`);
  await expect(page.getByRole("heading", { name: "Irene T.", level: 1 })).toBeVisible();
  const calendar = page.getByRole("complementary", { name: "Book a lesson" });
  await expect(calendar.getByText("Times in New York time")).toBeVisible();
  await calendar.getByRole("radio", { name: "60 min" }).check();
  await calendar.getByRole("button", { name: new RegExp(`^${dayName(first)}, \\d+ open times?$`) }).click();
  await calendar.getByRole("link", { name: slotName(first) }).click();

  // Booking page: summary in the viewer's zone, the server's quote and policy, confirm.
  await expect(page).toHaveURL(/\/book\?serviceId=/);
  await expect(page.getByRole("heading", { name: "Book your lesson" })).toBeVisible();
  const form = page.getByRole("form", { name: "Book this lesson" });
  await expect(form.getByText(`Piano with Irene T.`)).toBeVisible();
  await expect(form.getByText(dayName(first))).toBeVisible();
  await expect(form.getByRole("radio", { name: /Online/ })).toBeChecked();
  await expect(form.getByTestId("quote-total")).toHaveText("$80.00");
  await expect(form).toContainText(
    `Free cancellation until ${first.minus({ hours: 24 }).toFormat("ccc, LLL d, h:mm a")}`,
  );
  await expect(form).toContainText(
    `$40.00 if you cancel until ${first.minus({ hours: 12 }).toFormat("ccc, LLL d, h:mm a")}`,
  );
  await form
    .getByLabel(/Anything your instructor should know/)
    .fill("Complete beginner, I'd love to learn a Chopin nocturne one day.");
  // Payment: a first card, saved at booking; four days ahead, the hold comes 24 h before.
  const payment = form.getByRole("region", { name: "Payment" });
  await addTestCard(payment, CARDS.ok);
  await expect(payment.getByRole("radio", { name: "Visa ending in 4242" })).toBeChecked();
  await expect(form.getByTestId("hold-copy")).toContainText("24 h before the lesson");
  await form.getByRole("button", { name: "Confirm booking" }).click();

  await expect(page).toHaveURL(/\/lessons\/[0-9A-Z]{26}\?booked=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Lesson booked" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Piano with Irene T." })).toContainText(dayName(first));

  // My lessons: upcoming.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My lessons" }).click();
  const upcoming = page.getByRole("list", { name: "Upcoming lessons" });
  await expect(upcoming.getByRole("article")).toHaveCount(1);
  await expect(upcoming.getByRole("article").first()).toContainText("Piano with Irene T.");
  await expect(upcoming.getByRole("article").first()).toContainText("Confirmed");
  await expect(upcoming.getByRole("article").first()).toContainText(`${dayName(first)} · 10:00 AM – 11:00 AM`);

  // Reschedule to tomorrow-ish with the same calendar.
  await upcoming.getByRole("button", { name: `Reschedule Piano on ${dayName(first)}` }).click();
  const reschedule = page.getByRole("dialog", { name: "Reschedule lesson" });
  await reschedule.getByRole("button", { name: new RegExp(`^${dayName(second)}, \\d+ open times?$`) }).click();
  await reschedule.getByRole("button", { name: slotName(second) }).click();
  await expect(reschedule.getByRole("button", { name: slotName(second) })).toHaveAttribute("aria-pressed", "true");
  await reschedule.getByRole("button", { name: "Confirm new time" }).click();
  await expect(reschedule).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Lesson rescheduled" })).toBeVisible();
  const moved = upcoming.getByRole("article").filter({ hasText: dayName(second) });
  await expect(moved).toContainText("Confirmed");
  await expect(moved).toContainText(second.toFormat("h:mm a"));
  await expect(upcoming.getByRole("article").filter({ hasText: dayName(first) })).toContainText("Cancelled");

  // Cancel: 18–19 hours ahead, the dialog shows the 50 % fee before confirming.
  await upcoming.getByRole("button", { name: `Cancel Piano on ${dayName(second)}` }).click();
  const cancel = page.getByRole("dialog", { name: "Cancel this lesson?" });
  await expect(cancel.getByText("Cancellation fee")).toBeVisible();
  await expect(cancel.getByTestId("cancellation-fee")).toHaveText("$40.00");
  await cancel.getByRole("button", { name: "Cancel lesson" }).click();
  await expect(cancel).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Lesson cancelled." })).toBeVisible();
  await expect(moved).toContainText("Cancelled");
  await expect(moved).toContainText("Fee $40.00");
  await expect(upcoming.getByRole("button", { name: /^Cancel Piano/ })).toHaveCount(0);

  await instructor.api.dispose();
});
