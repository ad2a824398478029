/**
 * The account-access emails (password reset, email verification), rendered with the shared
 * React email templates (src/server/services/notifications/email). They are critical mail: no unsubscribe link,
 * sent whatever the notification preferences say.
 */
import { renderEmail } from "~/server/services/notifications/email/render";
import { passwordResetEmail, verifyEmailEmail } from "~/server/services/notifications/email/templates/account";

export type AccountMail = { subject: string; text: string; html?: string };

export function passwordResetMail(p: { appUrl: string; firstName: string; link: string; minutes: number }) {
  return renderEmail(
    passwordResetEmail,
    { recipientFirstName: p.firstName, resetUrl: p.link, minutes: p.minutes },
    { appUrl: p.appUrl, preferencesUrl: null },
  );
}

export function verifyEmailMail(p: { appUrl: string; firstName: string; link: string; hours: number }) {
  return renderEmail(
    verifyEmailEmail,
    { recipientFirstName: p.firstName, verifyUrl: p.link, hours: p.hours },
    { appUrl: p.appUrl, preferencesUrl: null },
  );
}
