import { expect, test } from "@playwright/test";
import { messageIn, navInbox, openActions, personIn } from "./helpers";

/*
 * Two people in two browser contexts, each with their own live stream. Nothing here reloads a page: every change on
 * one side must reach the other through the subscription (assertions poll until visible).
 */
test("[MESSAGING] student and instructor chat live: message both ways, typing, read ticks, reaction, edit, delete — without reloads", async ({
  browser,
}) => {
  const student = await personIn(browser, "student", { firstName: "Sam", lastName: "Novak" });
  const instructor = await personIn(browser, "instructor", { firstName: "Maria", lastName: "Keller" });
  const s = student.page;
  const i = instructor.page;

  // The instructor has her inbox open before the conversation exists.
  await i.goto("/instructor/inbox");
  await expect(i.getByRole("heading", { name: "Inbox" })).toBeVisible();
  await expect(i.getByText("No conversations yet")).toBeVisible();

  // The student opens a conversation from the profile's "Message" link, before any booking.
  await s.goto(`/inbox?to=${instructor.id}`);
  await expect(s).toHaveURL(/\/inbox\/[0-9A-HJKMNP-TV-Z]{26}$/);
  await expect(s.getByRole("heading", { name: "Maria K." })).toBeVisible();
  const studentBox = s.getByRole("textbox", { name: "Message Maria" });
  await studentBox.fill("Hi Maria! Do you teach beginners?");
  await studentBox.press("Enter");
  await expect(studentBox).toHaveValue("");

  const first = messageIn(s, "Hi Maria! Do you teach beginners?");
  await expect(first).toBeVisible();

  // It appears live in the instructor's inbox, unread, with the nav badge; her stream acknowledges delivery.
  const row = i.getByRole("link", { name: /Sam N\./ });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Hi Maria! Do you teach beginners?");
  await expect(row).toContainText("1 unread");
  await expect(navInbox(i)).toHaveAccessibleName(/1 unread/);
  await expect(first.getByRole("img", { name: "Delivered" })).toBeVisible();

  // She opens it: the student's ticks turn to read, her badge clears.
  await row.click();
  await expect(i).toHaveURL(/\/instructor\/inbox\/[0-9A-HJKMNP-TV-Z]{26}$/);
  await expect(messageIn(i, "Hi Maria! Do you teach beginners?")).toBeVisible();
  await expect(first.getByRole("img", { name: "Read" })).toBeVisible();
  await expect(navInbox(i)).toHaveAccessibleName("Inbox");

  // She types: the student sees the typing indicator; her reply arrives live and ends it.
  const instructorBox = i.getByRole("textbox", { name: "Message Sam" });
  await instructorBox.pressSequentially("Yes, I love ");
  await expect(s.getByText("Maria is typing…")).toBeVisible();
  await instructorBox.pressSequentially("teaching beginners.");
  await instructorBox.press("Enter");
  const reply = messageIn(s, "Yes, I love teaching beginners.");
  await expect(reply).toBeVisible();
  await expect(s.getByText("Maria is typing…")).toBeHidden();
  // The student has the thread in front of them, so the reply is read at once.
  const replyOnInstructorSide = messageIn(i, "Yes, I love teaching beginners.");
  await expect(replyOnInstructorSide.getByRole("img", { name: "Read" })).toBeVisible();

  // The other way round: the student types, the instructor sees it.
  await studentBox.pressSequentially("Great, thanks");
  await expect(i.getByText("Sam is typing…")).toBeVisible();
  await studentBox.pressSequentially("!");
  await studentBox.press("Enter");
  await expect(messageIn(i, "Great, thanks!")).toBeVisible();

  // Reaction: the student reacts to the reply; it shows on the instructor's side (not pressed: not hers).
  await openActions(reply);
  await s.getByRole("menuitemcheckbox", { name: "React with 👍" }).click();
  await expect(reply.getByRole("button", { name: "👍 1" })).toHaveAttribute("aria-pressed", "true");
  await expect(replyOnInstructorSide.getByRole("button", { name: "👍 1" })).toHaveAttribute("aria-pressed", "false");

  // Edit: the student corrects the first message; the instructor sees the new text marked "edited".
  await openActions(first);
  await s.getByRole("menuitem", { name: "Edit" }).click();
  const editBox = s.getByRole("textbox", { name: "Edit message" });
  await editBox.fill("Hi Maria! Do you teach adult beginners?");
  await editBox.press("Enter");
  await expect(messageIn(s, "Hi Maria! Do you teach adult beginners?").getByText("edited")).toBeVisible();
  const editedThere = messageIn(i, "Hi Maria! Do you teach adult beginners?");
  await expect(editedThere).toBeVisible();
  await expect(editedThere.getByText("edited")).toBeVisible();
  await expect(
    i.getByRole("list", { name: "Messages with Sam N." }).getByText("Hi Maria! Do you teach beginners?"),
  ).toHaveCount(0);

  // Delete: the student deletes "Great, thanks!"; both sides show "Message deleted" and the text is gone.
  await openActions(messageIn(s, "Great, thanks!"));
  await s.getByRole("menuitem", { name: "Delete" }).click();
  const confirm = s.getByRole("dialog", { name: "Delete this message?" });
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(confirm).toBeHidden();
  await expect(messageIn(s, "Message deleted")).toBeVisible();
  await expect(messageIn(i, "Message deleted")).toBeVisible();
  await expect(i.getByRole("list", { name: "Messages with Sam N." }).getByText("Great, thanks!")).toHaveCount(0);
  // The inbox row's preview says so too.
  await expect(i.getByRole("link", { name: /Sam N\./ })).toContainText("Message deleted");

  await student.context.close();
  await instructor.context.close();
});
