import { expect, test } from "@playwright/test";
import { messageIn, personIn } from "./helpers";

test("[MESSAGING] student archives a conversation, a new message brings it back to Active live; trash and restore", async ({
  browser,
}) => {
  const student = await personIn(browser, "student", { firstName: "Ava", lastName: "Lind" });
  const instructor = await personIn(browser, "instructor", { firstName: "Kofi", lastName: "Mensah" });
  const s = student.page;
  const i = instructor.page;

  await s.goto(`/inbox?to=${instructor.id}`);
  const box = s.getByRole("textbox", { name: "Message Kofi" });
  await box.fill("Hello Kofi, quick question about guitar lessons.");
  await box.press("Enter");
  await expect(messageIn(s, "Hello Kofi, quick question about guitar lessons.")).toBeVisible();
  const folders = s.getByRole("tablist", { name: "Folders" });
  const row = s.getByRole("link", { name: /Kofi M\./ });
  await expect(row).toBeVisible();

  await s.getByRole("button", { name: "Archive conversation" }).click();
  await expect(s.getByRole("heading", { name: /Kofi M\./ }).getByText("Archived")).toBeVisible();
  await expect(row).toHaveCount(0);
  await folders.getByRole("tab", { name: /Archived/ }).click();
  await expect(row).toBeVisible();

  // The instructor answers: the conversation returns to the student's Active folder without a reload.
  await i.goto("/instructor/inbox");
  await i.getByRole("link", { name: /Ava L\./ }).click();
  const reply = i.getByRole("textbox", { name: "Message Ava" });
  await reply.fill("Sure, ask away!");
  await reply.press("Enter");
  await expect(messageIn(s, "Sure, ask away!")).toBeVisible();
  await expect(s.getByRole("button", { name: "Archive conversation" })).toBeVisible();
  await expect(row).toHaveCount(0); // gone from Archived…
  await folders.getByRole("tab", { name: /Active/ }).click();
  await expect(row).toBeVisible(); // …and back in Active

  // Trash, then restore.
  await s.getByRole("button", { name: "Move conversation to trash" }).click();
  await expect(s.getByRole("heading", { name: /Kofi M\./ }).getByText("In trash")).toBeVisible();
  await folders.getByRole("tab", { name: /Trash/ }).click();
  await expect(row).toBeVisible();
  await s.getByRole("button", { name: "Restore conversation to inbox" }).click();
  await expect(row).toHaveCount(0);
  await folders.getByRole("tab", { name: /Active/ }).click();
  await expect(row).toBeVisible();

  await student.context.close();
  await instructor.context.close();
});

test("[MESSAGING] a message that fails to send shows Retry and arrives exactly once after retrying", async ({
  browser,
}) => {
  const student = await personIn(browser, "student", { firstName: "Noah", lastName: "Berg" });
  const instructor = await personIn(browser, "instructor", { firstName: "Ines", lastName: "Costa" });
  const s = student.page;
  const i = instructor.page;

  await s.goto(`/inbox?to=${instructor.id}`);
  // The first send never reaches the server.
  await s.route(/\/api\/trpc\/[^?]*conversations\.send/, (route) => route.abort("internetdisconnected"), { times: 1 });
  const box = s.getByRole("textbox", { name: "Message Ines" });
  await box.fill("Are you free on Thursday evenings?");
  await box.press("Enter");

  const bubble = messageIn(s, "Are you free on Thursday evenings?");
  await expect(bubble).toBeVisible(); // shown at once (optimistic)
  await expect(bubble.getByText(/Not sent/)).toBeVisible();
  await bubble.getByRole("button", { name: "Retry" }).click();
  await expect(bubble.getByText(/Not sent/)).toHaveCount(0);
  await expect(bubble.getByRole("img", { name: /Sent|Delivered|Read/ })).toBeVisible();

  await i.goto("/instructor/inbox");
  await i.getByRole("link", { name: /Noah B\./ }).click();
  await expect(
    i.getByRole("list", { name: "Messages with Noah B." }).getByText("Are you free on Thursday evenings?"),
  ).toHaveCount(1);
  await expect(
    s.getByRole("list", { name: "Messages with Ines C." }).getByText("Are you free on Thursday evenings?"),
  ).toHaveCount(1);

  await student.context.close();
  await instructor.context.close();
});
