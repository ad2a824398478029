import { describe, expect, it } from "vitest";
import { passwordResetMail, verifyEmailMail } from "./account-mail";

const APP = "https://app.instainstru.test";

describe("account emails", () => {
  it("are critical mail with the link in both parts and no unsubscribe link", async () => {
    const link = `${APP}/reset-password?token=abcDEF123_-xyz`;
    const mails = [
      await passwordResetMail({ appUrl: APP, firstName: "Sam", link, minutes: 30 }),
      await verifyEmailMail({
        appUrl: APP,
        firstName: "Sam",
        link: `${APP}/verify-email?token=abcDEF123_-xyz`,
        hours: 24,
      }),
    ];
    expect(mails.map((m) => m.subject)).toEqual(["Reset your InstaInstru password", "Confirm your email address"]);
    expect(mails[0]!.text).toContain(link);
    expect(mails[0]!.html).toContain(link);
    expect(mails[0]!.text).toContain("30 minutes");
    expect(mails[1]!.text).toContain("/verify-email?token=abcDEF123_-xyz");
    for (const m of mails) {
      expect(m.text).toContain("Hi Sam");
      expect(m.html.startsWith("<!DOCTYPE html")).toBe(true);
      expect(m.text.toLowerCase()).not.toContain("unsubscribe");
    }
  });
});
