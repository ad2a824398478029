import { expect, request as pwRequest, test, type Page } from "@playwright/test";
import { BASE_URL, createAccount, createAdmin, signInViaApi, trpcMutation, trpcQuery } from "../fixtures/api";
import { createBookableInstructor } from "../fixtures/instructor";
import { saveTestCard } from "../fixtures/payments";

test.use({ timezoneId: "America/New_York", locale: "en-US" });

/** The admin's audit log (the full page when the console has it, else the dashboard's recent entries). */
async function openAuditLog(page: Page) {
  const res = await page.goto("/admin/audit");
  if (!res || res.status() === 404) await page.goto("/admin");
}

test("[ADMIN] an admin with 2FA refunds a lesson and hides a message a student reported; both are in the audit log", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  // A paid, completed lesson between a student and an instructor, and a message from the instructor.
  const instructor = await createBookableInstructor({ hourlyRateCents: 6000, durations: [60] });
  const studentApi = await pwRequest.newContext({ baseURL: BASE_URL });
  const student = await createAccount(studentApi, "student", { firstName: "Rita", lastName: "Reporter" });
  await signInViaApi(studentApi, student);
  const card = await saveTestCard(studentApi);
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
  const me = await trpcQuery<{ id: string }>(studentApi, "account.me");
  const rude = `You are hopeless at this ${Date.now()}`;
  await trpcMutation(instructor.api, "conversations.start", {
    otherUserId: me.id,
    message: { clientId: `rude-${crypto.randomUUID()}`, body: rude },
  });

  // The student reports the message from the thread.
  await signInViaApi(page, student);
  await page.goto(`/inbox?to=${instructor.id}`);
  // The thread's bubble (the inbox list shows the same text as a preview).
  const bubble = page
    .getByRole("listitem")
    .filter({ hasText: rude })
    .filter({ has: page.getByRole("button", { name: "Message actions" }) });
  await expect(bubble).toBeVisible();
  await bubble.hover();
  await bubble.getByRole("button", { name: "Message actions" }).click();
  await page.getByRole("menuitem", { name: "Report" }).click();
  const reportDialog = page.getByRole("dialog", { name: "Report this message?" });
  await reportDialog.getByLabel("Reason").fill("Insulting me after the lesson");
  await reportDialog.getByRole("button", { name: "Send report" }).click();
  await expect(reportDialog.getByText("Thanks — a moderator will look at it.")).toBeVisible();
  await reportDialog.getByRole("button", { name: "Close" }).last().click(); // the footer button (the dialog's × is also "Close")

  // The admin refunds the lesson from its timeline.
  const adminContext = await browser.newContext({ timezoneId: "America/New_York", locale: "en-US" });
  const admin = await adminContext.newPage();
  await signInViaApi(admin, await createAdmin(admin));
  await admin.goto(`/admin/bookings/${bookingId}`);
  await expect(admin.getByRole("heading", { level: 1 })).toContainText("Piano");
  const timeline = admin.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByText("Payment captured")).toBeVisible();
  await expect(timeline.getByText(rude)).toBeVisible();
  await admin.getByRole("button", { name: "Refund in full" }).click();
  const refund = admin.getByRole("dialog", { name: "Refund everything charged?" });
  await refund.getByLabel("Reason").fill("Goodwill refund after a complaint");
  await refund.getByRole("button", { name: "Refund in full" }).click();
  await expect(refund.getByText("Refunded.")).toBeVisible();
  await refund.getByRole("button", { name: "Close" }).last().click(); // the footer button (the dialog's × is also "Close")
  const payment = admin.getByRole("region", { name: "Payment" });
  await expect(payment.getByText("refunded", { exact: true })).toBeVisible();
  await expect(timeline.getByText("Refunded", { exact: true })).toBeVisible();

  // The reported message is in the moderation queue; the admin hides it.
  await admin.goto("/admin/moderation?status=open");
  const report = admin.getByRole("listitem").filter({ hasText: rude });
  await expect(report.getByText("Insulting me after the lesson")).toBeVisible();
  await report.getByRole("button", { name: "Hide message" }).click();
  const hide = admin.getByRole("dialog", { name: "Hide this message?" });
  await hide.getByRole("button", { name: "Hide message" }).click();
  await expect(hide.getByText("Done.")).toBeVisible();
  await hide.getByRole("button", { name: "Close" }).last().click(); // the footer button (the dialog's × is also "Close")

  // Both actions are in the audit log.
  await openAuditLog(admin);
  await expect(admin.getByRole("row").filter({ hasText: "admin.booking.refund" }).first()).toBeVisible();
  await expect(admin.getByRole("row").filter({ hasText: "admin.moderation.hide" }).first()).toBeVisible();

  // The student now sees the message as removed by a moderator, its text gone.
  await page.reload();
  await expect(
    page.getByRole("region", { name: "Conversation" }).getByText("Message removed by moderator"),
  ).toBeVisible();
  // The inbox preview says so too.
  await expect(page.getByRole("link", { name: /Message removed by moderator/ })).toBeVisible();
  await expect(page.getByText(rude)).toHaveCount(0);
  await adminContext.close();
});
