import { expect, request as pwRequest, test } from "@playwright/test";
import { BASE_URL, createAccount, signInViaApi, trpcMutation, trpcQuery } from "../fixtures/api";
import { createBookableInstructor } from "../fixtures/instructor";
import { saveTestCard } from "../fixtures/payments";
import { NY, startInDays } from "./helpers";

test.use({ timezoneId: NY, locale: "en-US" });

test("[PAYMENTS] after a lesson is completed and charged, the instructor's Payouts page shows the earning", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const instructor = await createBookableInstructor({ hourlyRateCents: 8000, durations: [60] });
  const studentApi = await pwRequest.newContext({ baseURL: BASE_URL });
  const student = await createAccount(studentApi, "student", { firstName: "Sam", lastName: "Earner" });
  await signInViaApi(studentApi, student);

  const card = await saveTestCard(studentApi);

  // A lesson that ended 30 hours ago, completed, authorized and captured through the payment service (test hook).
  const hook = await studentApi.post("/api/test-hooks", {
    data: {
      action: "past-captured-payment",
      studentEmail: student.email,
      instructorEmail: instructor.account.email,
      paymentMethodId: card.paymentMethodId,
      endedHoursAgo: 30,
    },
    headers: { Origin: BASE_URL },
  });
  expect(hook.ok(), `test hook answered ${hook.status()}: ${await hook.text()}`).toBe(true);
  const { bookingId } = (await hook.json()) as { bookingId: string };

  // And an upcoming lesson, four days ahead at 11:00.
  const from = startInDays(4, 0);
  const slots = await trpcQuery<{ slots: string[] }>(studentApi, "availability.getSlots", {
    instructorServiceId: instructor.serviceId,
    duration: 60,
    from: from.toISO(),
    to: from.plus({ days: 1 }).toISO(),
  });
  const start = slots.slots.find((s) => new Date(s).getTime() === startInDays(4, 11).toMillis());
  expect(start, "an 11:00 slot is open").toBeTruthy();
  await trpcMutation(studentApi, "booking.create", {
    instructorServiceId: instructor.serviceId,
    start,
    durationMinutes: 60,
    location: { type: "online" },
    notes: "",
    idempotencyKey: crypto.randomUUID(),
    paymentMethodId: card.paymentMethodId,
  });

  // The instructor opens Payouts from the dashboard tabs.
  await signInViaApi(page, instructor.account);
  await page.goto("/instructor");
  await page.getByRole("navigation", { name: "Instructor dashboard" }).getByRole("link", { name: "Payouts" }).click();
  await expect(page.getByRole("heading", { name: "Payouts", level: 1 })).toBeVisible();

  const tier = page.getByRole("region", { name: "Platform fee" });
  await expect(tier).toContainText("You pay 15 %");
  await expect(tier).toContainText(/Complete \d+ more lessons? in 90 days to drop to 12 %/);

  const earnings = page.getByRole("region", { name: "Earnings by lesson" });
  const rows = earnings.getByRole("row");
  await expect(rows).toHaveCount(3); // header + the charged lesson + the upcoming one
  const charged = rows.filter({ hasText: /Pending payout|Paid/ });
  await expect(charged).toHaveCount(1);
  await expect(charged).toContainText("Piano");
  await expect(charged).toContainText("Sam E.");
  await expect(charged).toContainText("$80.00");
  await expect(charged).toContainText("−$12.00");
  await expect(charged).toContainText("$68.00");
  await expect(rows.filter({ hasText: "Upcoming" })).toContainText("$68.00");

  const chart = page.getByRole("region", { name: "Earnings by week" });
  await expect(chart.getByRole("figure")).toContainText(/\$\d+\.\d\d paid out, \$\d+\.\d\d upcoming or pending/);
  await chart.getByText("Weekly figures as a table").click();
  await expect(chart.getByRole("table")).toBeVisible();

  // The lesson page shows the instructor their share of the charged lesson.
  await page.goto(`/lessons/${bookingId}`);
  const payment = page.getByRole("region", { name: "Payment" });
  await expect(payment).toContainText("Charged");
  await expect(payment).toContainText("Your share");
  await expect(payment).toContainText("$68.00");
  await expect(payment).toContainText("Platform fee (15 %)");

  await studentApi.dispose();
  await instructor.api.dispose();
});
