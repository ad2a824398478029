import { CallToAction, Details, P } from "../layout";
import { defineEmailTemplate } from "../render";

export type SecurityNoticeProps = {
  recipientFirstName: string;
  kind: "new_sign_in" | "password_changed" | "two_factor_enabled" | "two_factor_disabled";
  /** When it happened, in the reader's zone with the zone named. */
  when: string;
  /** The device (user agent, shortened) for sign-ins. */
  device?: string | null;
};

const WHAT: Record<SecurityNoticeProps["kind"], [subject: string, line: string]> = {
  new_sign_in: ["New sign-in to your InstaInstru account", "Your account was signed in to from a new device."],
  password_changed: ["Your InstaInstru password was changed", "The password of your account was changed."],
  two_factor_enabled: [
    "Two-factor authentication turned on",
    "Two-factor authentication was turned on for your account.",
  ],
  two_factor_disabled: [
    "Two-factor authentication turned off",
    "Two-factor authentication was turned off for your account.",
  ],
};

/** Security notices are critical: they ignore preferences and carry no unsubscribe link. */
export const securityNoticeEmail = defineEmailTemplate<SecurityNoticeProps>({
  id: "security-notice",
  critical: true,
  subject: (p) => WHAT[p.kind][0],
  heading: (p) => WHAT[p.kind][0],
  Body: ({ props: p, ctx }) => (
    <>
      <P>
        Hi {p.recipientFirstName}, {WHAT[p.kind][1]}
      </P>
      <Details rows={[["When", p.when], ...(p.device ? ([["Device", p.device]] as [string, string][]) : [])]} />
      <P>
        If this was you, there is nothing to do. If not, change your password now and review your security settings.
      </P>
      <CallToAction href={ctx.url("/account/security")}>Review security</CallToAction>
    </>
  ),
});
