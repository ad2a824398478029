import type { ReactNode } from "react";
import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Link,
  Preview,
  Section,
  Text,
} from "@react-email/components";

/** Brand colours of the site (globals.css `brand-600` / slate), inlined: mail clients ignore stylesheets. */
const C = { brand: "#4f46e5", text: "#0f172a", muted: "#64748b", border: "#e2e8f0", bg: "#f8fafc" } as const;

export type LayoutProps = {
  /** Absolute origin, e.g. https://instainstru.com (every link in a mail must be absolute). */
  appUrl: string;
  /** The inbox preview line (hidden in the body). */
  preview: string;
  heading: string;
  /**
   * Signed link to /account/notifications for non-critical mail (the footer's "manage / unsubscribe" link).
   * Null for critical mail (security notices, account access): those can't be turned off, so no such link.
   */
  preferencesUrl: string | null;
  /** Why the reader gets this mail, in the footer ("You booked a lesson on InstaInstru."). */
  reason?: string;
  children: ReactNode;
};

/** The one frame of every InstaInstru email: brand bar, heading, body, footer with the preferences link. */
export function EmailLayout({ appUrl, preview, heading, preferencesUrl, reason, children }: LayoutProps) {
  return (
    <Html lang="en" dir="ltr">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: C.bg, color: C.text, fontFamily: "Helvetica, Arial, sans-serif", margin: 0 }}>
        <Container style={{ maxWidth: "560px", margin: "0 auto", padding: "24px 16px" }}>
          <Section style={{ paddingBottom: "12px" }}>
            <Link href={appUrl} style={{ color: C.brand, fontSize: "20px", fontWeight: 700, textDecoration: "none" }}>
              InstaInstru
            </Link>
          </Section>
          <Section
            style={{
              backgroundColor: "#ffffff",
              border: `1px solid ${C.border}`,
              borderRadius: "12px",
              padding: "24px",
            }}
          >
            <Heading as="h1" style={{ fontSize: "22px", lineHeight: "28px", margin: "0 0 16px" }}>
              {heading}
            </Heading>
            {children}
          </Section>
          <Hr style={{ borderColor: C.border, margin: "24px 0 12px" }} />
          <Text style={{ color: C.muted, fontSize: "12px", lineHeight: "18px", margin: 0 }}>
            {reason ?? "You have an account on InstaInstru."}
            {preferencesUrl ? (
              <>
                {" "}
                <Link href={preferencesUrl} style={{ color: C.muted, textDecoration: "underline" }}>
                  Manage email preferences or unsubscribe
                </Link>
                .
              </>
            ) : (
              " This is a required notice about your account."
            )}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

/** A body paragraph. */
export function P({ children }: { children: ReactNode }) {
  return <Text style={{ fontSize: "15px", lineHeight: "22px", margin: "0 0 12px" }}>{children}</Text>;
}

/** The mail's main action; `href` must be absolute (use `ctx.url(path)`). */
export function CallToAction({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Section style={{ margin: "8px 0 16px" }}>
      <Button
        href={href}
        style={{
          backgroundColor: C.brand,
          borderRadius: "8px",
          color: "#ffffff",
          fontSize: "15px",
          fontWeight: 600,
          padding: "12px 20px",
          textDecoration: "none",
        }}
      >
        {children}
      </Button>
    </Section>
  );
}

/** Label/value lines (lesson, when, where, price). */
export function Details({ rows }: { rows: [label: string, value: string][] }) {
  return (
    <Section style={{ margin: "0 0 16px" }}>
      {rows.map(([label, value]) => (
        <Text key={label} style={{ fontSize: "14px", lineHeight: "20px", margin: "0 0 4px" }}>
          <strong>{label}:</strong> {value}
        </Text>
      ))}
    </Section>
  );
}

/** A secondary link line (e.g. "Add to Google Calendar"). */
export function LinkLine({ links }: { links: [label: string, href: string][] }) {
  return (
    <Text style={{ fontSize: "13px", lineHeight: "20px", margin: "0 0 12px" }}>
      {links.map(([label, href], i) => (
        <span key={href}>
          {i > 0 ? " · " : null}
          <Link href={href} style={{ color: C.brand }}>
            {label}
          </Link>
        </span>
      ))}
    </Text>
  );
}
