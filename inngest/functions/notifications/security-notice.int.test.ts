import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { outbox } from "~/server/db/schema";
import { createTestRuntime, createTestUser, TEST_PASSWORD, type TestRuntime } from "~/test/harness";
import { securityNotice } from "./security-notice";

let rt: TestRuntime;
beforeAll(async () => {
  rt = await createTestRuntime({ events: { background: false, functions: [securityNotice.spec] as never } });
});
afterAll(async () => rt?.close());

const mails = (email: string) =>
  rt.dbh.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.channel, "email"), eq(outbox.recipient, email)));

describe("security notices from the auth/account services", () => {
  it("a sign-in from a new device (not the first sign-in, not a known device) and a password change notify by email", async () => {
    const u = await createTestUser(rt, { role: "student" });
    // Every preference for email off does not matter: security ignores preferences.
    await rt.services.notifications.setPreference(u.id, "lesson_updates", "email", false);
    await rt.services.session.start({ userId: u.id, ip: "203.0.113.1", userAgent: "Firefox/140 Linux" });
    await rt.services.session.start({ userId: u.id, ip: "203.0.113.1", userAgent: "Firefox/140 Linux" });
    await rt.events.runDue();
    expect(await mails(u.email)).toHaveLength(0);

    await rt.services.session.start({ userId: u.id, ip: "198.51.100.9", userAgent: "Safari/19 iPhone" });
    await rt.events.runDue();
    const signIn = await mails(u.email);
    expect(signIn.map((m) => m.subject)).toEqual(["New sign-in to your InstaInstru account"]);
    expect(signIn[0]!.body).toContain("Safari/19 iPhone");
    expect(signIn[0]!.body).not.toContain("unsubscribe");

    await rt.services.account.changePassword(u.id, {
      currentPassword: TEST_PASSWORD,
      newPassword: "another long passphrase 42",
    });
    await rt.events.runDue();
    expect((await mails(u.email)).map((m) => m.subject).sort()).toEqual([
      "New sign-in to your InstaInstru account",
      "Your InstaInstru password was changed",
    ]);
  });
});
