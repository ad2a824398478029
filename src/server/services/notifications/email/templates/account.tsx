import { CallToAction, LinkLine, P } from "../layout";
import { defineEmailTemplate } from "../render";

/** Account-access mail (critical: no unsubscribe link; sent whatever the preferences). Links are absolute. */
export type PasswordResetEmailProps = { recipientFirstName: string; resetUrl: string; minutes: number };
export type VerifyEmailProps = { recipientFirstName: string; verifyUrl: string; hours: number };

export const passwordResetEmail = defineEmailTemplate<PasswordResetEmailProps>({
  id: "password-reset",
  critical: true,
  subject: () => "Reset your InstaInstru password",
  heading: () => "Reset your password",
  reason: () => "You get this email because someone asked to reset the password of your InstaInstru account.",
  Body: ({ props: p }) => (
    <>
      <P>Hi {p.recipientFirstName}, someone (hopefully you) asked to reset the password of your account.</P>
      <CallToAction href={p.resetUrl}>Choose a new password</CallToAction>
      <P>
        The link works once, for {p.minutes} minutes. If you didn&apos;t ask for this, ignore this email: your password
        stays as it is.
      </P>
      <LinkLine links={[["Open the reset page", p.resetUrl]]} />
    </>
  ),
});

export const verifyEmailEmail = defineEmailTemplate<VerifyEmailProps>({
  id: "verify-email",
  critical: true,
  subject: () => "Confirm your email address",
  heading: () => "Confirm your email address",
  reason: () => "You get this email because this address was used to create an InstaInstru account.",
  Body: ({ props: p }) => (
    <>
      <P>Hi {p.recipientFirstName}, welcome to InstaInstru! Confirm your email address to start booking lessons.</P>
      <CallToAction href={p.verifyUrl}>Confirm my email</CallToAction>
      <P>The link works once, for {p.hours} hours. If you didn&apos;t create an account, ignore this email.</P>
      <LinkLine links={[["Open the confirmation page", p.verifyUrl]]} />
    </>
  ),
});
