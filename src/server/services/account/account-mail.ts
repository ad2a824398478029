/**
 * The account-access emails (password reset, email verification, password changed). They are critical mail:
 * no unsubscribe link, sent whatever the notification preferences say. Kept behind these functions so the
 * content can move to the shared React email templates without touching the flows.
 */
export type AccountMail = { subject: string; text: string; html?: string };

export async function passwordResetMail(p: { firstName: string; link: string; minutes: number }): Promise<AccountMail> {
  return {
    subject: "Reset your InstaInstru password",
    text: [
      `Hi ${p.firstName},`,
      "",
      "Someone (hopefully you) asked to reset the password of your InstaInstru account.",
      `Choose a new password here (the link works once, for ${p.minutes} minutes):`,
      p.link,
      "",
      "If you didn't ask for this, ignore this email: your password stays as it is.",
    ].join("\n"),
  };
}

export async function verifyEmailMail(p: { firstName: string; link: string; hours: number }): Promise<AccountMail> {
  return {
    subject: "Confirm your email address",
    text: [
      `Hi ${p.firstName},`,
      "",
      "Welcome to InstaInstru! Confirm your email address to start booking lessons:",
      p.link,
      "",
      `The link works once, for ${p.hours} hours. If you didn't create an account, ignore this email.`,
    ].join("\n"),
  };
}

export async function passwordChangedMail(p: { firstName: string; resetLink: string }): Promise<AccountMail> {
  return {
    subject: "Your InstaInstru password was changed",
    text: [
      `Hi ${p.firstName},`,
      "",
      "The password of your InstaInstru account was just reset, and every device was signed out.",
      "If this wasn't you, reset your password now and contact support:",
      p.resetLink,
    ].join("\n"),
  };
}
