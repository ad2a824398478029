import { expect, request as pwRequest, test } from "@playwright/test";
import { DateTime } from "luxon";
import { BASE_URL, createAccount, signInViaApi, trpcMutation, trpcQuery } from "../fixtures/api";
import { createBookableInstructor } from "../fixtures/instructor";
import { saveTestCard } from "../fixtures/payments";

const NY = "America/New_York";
test.use({ timezoneId: NY, locale: "en-US" });

test("[BOOKING] instructor sees the booking, marks a past lesson complete, and the student reviews it", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const instructor = await createBookableInstructor();
  const studentApi = await pwRequest.newContext({ baseURL: BASE_URL });
  const student = await createAccount(studentApi, "student", { firstName: "Sam", lastName: "Reviewer" });
  await signInViaApi(studentApi, student);
  const card = await saveTestCard(studentApi);

  // An upcoming lesson booked through the API: the first open 60-minute slot three days from now.
  const from = DateTime.now().setZone(NY).plus({ days: 3 }).startOf("day");
  const slots = await trpcQuery<{ slots: string[] }>(studentApi, "availability.getSlots", {
    instructorServiceId: instructor.serviceId,
    duration: 60,
    from: from.toISO(),
    to: from.plus({ days: 1 }).toISO(),
  });
  const start = slots.slots.find((s) => DateTime.fromISO(s).setZone(NY).hour === 11);
  expect(start, "an 11:00 slot is open").toBeTruthy();
  const upcoming = await trpcMutation<{ id: string; status: string }>(studentApi, "booking.create", {
    instructorServiceId: instructor.serviceId,
    start,
    durationMinutes: 60,
    location: { type: "online" },
    notes: "Looking forward to it",
    idempotencyKey: crypto.randomUUID(),
    paymentMethodId: card.paymentMethodId,
  });
  expect(upcoming.status).toBe("confirmed");
  const startNy = DateTime.fromISO(start!).setZone(NY);

  // A lesson that ended two hours ago (test hook: the product can't book the past).
  const hook = await studentApi.post("/api/test-hooks", {
    data: {
      action: "past-booking",
      studentEmail: student.email,
      instructorEmail: instructor.account.email,
      endedHoursAgo: 2,
    },
    headers: { Origin: BASE_URL },
  });
  expect(hook.ok(), `test hook answered ${hook.status()}`).toBe(true);

  // Instructor: the week calendar shows the upcoming lesson as a block.
  await signInViaApi(page, instructor.account);
  await page.goto("/instructor/bookings");
  await expect(page.getByRole("tab", { name: "Week", selected: true })).toBeVisible();
  if (startNy.startOf("week").toISODate() !== DateTime.now().setZone(NY).startOf("week").toISODate()) {
    await page.getByRole("button", { name: "Next week", exact: true }).click();
  }
  const block = page.getByRole("button", {
    name: new RegExp(`^Piano with Sam R\\., ${startNy.toFormat("ccc, LLL d")} · 11:00 AM – 12:00 PM`),
  });
  await expect(block).toBeVisible();
  await block.click();
  const lesson = page.getByRole("dialog", { name: "Piano with Sam R." });
  await expect(lesson).toContainText("Confirmed");
  await expect(lesson).toContainText("Looking forward to it");
  await expect(lesson.getByRole("button", { name: /^Cancel/ })).toBeVisible();
  await expect(lesson.getByRole("button", { name: /^Mark complete/ })).toHaveCount(0); // not over yet
  await lesson.getByRole("button", { name: "Close" }).click();

  // List view: upcoming, then past → mark complete.
  await page.getByRole("tab", { name: "List" }).click();
  await expect(page.getByRole("list", { name: "Upcoming lessons" }).getByRole("article")).toContainText([
    "Piano with Sam R.",
  ]);
  await page.getByRole("tab", { name: "Past" }).click();
  const past = page
    .getByRole("list", { name: "Past lessons" })
    .getByRole("article")
    .filter({ hasText: "Piano with Sam R." });
  await expect(past).toContainText("Confirmed");
  await past.getByRole("button", { name: "Mark complete: Piano with Sam R." }).click();
  const confirm = page.getByRole("dialog", { name: "Mark this lesson complete?" });
  await confirm.getByRole("button", { name: "Mark complete" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "is marked complete" })).toBeVisible();
  await expect(past).toContainText("Completed");
  await expect(past.getByRole("button", { name: /^Mark complete/ })).toHaveCount(0);

  // Student: past lesson → review with 5 stars.
  const studentContext = await browser.newContext({ timezoneId: NY, locale: "en-US" });
  const s = await studentContext.newPage();
  await signInViaApi(s, student);
  await s.goto("/lessons");
  await s.getByRole("tab", { name: "Past" }).click();
  const done = s
    .getByRole("list", { name: "Past lessons" })
    .getByRole("article")
    .filter({ hasText: "Piano with Irene T." });
  await expect(done).toContainText("Completed");
  await done.getByRole("link", { name: "Leave a review" }).click();
  await expect(s).toHaveURL(/\/lessons\/[0-9A-Z]{26}#review$/);
  const review = s.getByRole("form", { name: "Review this lesson" });
  await review.getByRole("radio", { name: "5 stars" }).check();
  await review
    .getByLabel("Your review")
    .fill("Irene is a wonderful teacher — I played my first piece after one lesson.");
  await review.getByRole("button", { name: "Post review" }).click();
  await expect(s.getByRole("status").filter({ hasText: "Your review is posted" })).toBeVisible();
  await expect(s.getByRole("region", { name: "Your review" })).toContainText(
    "I played my first piece after one lesson.",
  );
  await expect(s.getByRole("button", { name: "Edit review" })).toBeVisible();

  // The review is public and the instructor replies once.
  await s.goto(`/instructors/${instructor.id}`);
  const reviews = s.getByRole("list", { name: "Reviews" });
  await expect(reviews).toContainText("I played my first piece after one lesson.");
  await expect(reviews).toContainText("Sam R.");
  await expect(s.getByRole("img", { name: "Rated 5.0 out of 5, 1 review" })).toBeVisible();

  await page.getByRole("tab", { name: "Reviews" }).click();
  const mine = page.getByRole("list", { name: "Reviews of your lessons" }).getByRole("listitem").first();
  await expect(mine).toContainText("I played my first piece after one lesson.");
  await mine.getByRole("button", { name: "Reply" }).click();
  await mine.getByRole("textbox", { name: "Reply to Sam R." }).fill("Thank you Sam — see you next week!");
  await mine.getByRole("button", { name: "Post reply" }).click();
  await expect(mine).toContainText("Your reply");
  await expect(mine.getByRole("button", { name: "Reply" })).toHaveCount(0);

  await studentContext.close();
  await studentApi.dispose();
  await instructor.api.dispose();
});
