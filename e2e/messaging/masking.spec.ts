import { expect, test } from "@playwright/test";
import { messageIn, personIn } from "./helpers";

test("[MESSAGING] before any booking, an email address the student writes reaches the instructor masked", async ({
  browser,
}) => {
  const student = await personIn(browser, "student", { firstName: "Lena", lastName: "Ortiz" });
  const instructor = await personIn(browser, "instructor", { firstName: "Omar", lastName: "Haddad" });
  const s = student.page;
  const i = instructor.page;
  const email = `lena.${Date.now()}@example.com`;

  await s.goto(`/inbox?to=${instructor.id}`);
  await expect(s.getByText("Phone numbers and emails stay hidden until a lesson is confirmed.")).toBeVisible();
  const box = s.getByRole("textbox", { name: "Message Omar" });
  await box.fill(`Could you write to me at ${email} about Saturday?`);
  await box.press("Enter");

  // The sender's own copy is replaced by what the server stored.
  const mine = messageIn(s, "Could you write to me at [email hidden] about Saturday?");
  await expect(mine).toBeVisible();
  await expect(mine.getByText("contact details hidden")).toBeVisible();

  await i.goto("/instructor/inbox");
  const row = i.getByRole("link", { name: /Lena O\./ });
  await expect(row).toContainText("[email hidden]");
  await row.click();
  await expect(messageIn(i, "Could you write to me at [email hidden] about Saturday?")).toBeVisible();
  await expect(i.getByText(email)).toHaveCount(0);

  await student.context.close();
  await instructor.context.close();
});
