import type { ReactElement } from "react";
import { render } from "@react-email/render";
import { EmailLayout } from "./layout";

/**
 * Email templates as React components (PRODUCT.md §8).
 *
 * HOW TO ADD A TEMPLATE
 * 1. Create `templates/<name>.tsx` exporting `defineEmailTemplate<Props>({ id, subject, heading, Body, ... })`.
 *    `Body` gets `{ props, ctx }`; build it from the pieces in `../layout` (`P`, `CallToAction`, `Details`,
 *    `LinkLine`) and make every link absolute with `ctx.url("/path")`. Keep props plain data (names, preformatted
 *    times with their zone) — templates hold no rules and read nothing.
 * 2. Set `critical: true` for mail a user can't turn off (security notices, password reset, email verification):
 *    it gets no unsubscribe link and no List-Unsubscribe header.
 * 3. Add it to `templates/index.ts` and to the snapshot list in `templates.test.ts`.
 * 4. Send it: for notification mail go through `services.dispatch.send({ ..., email: { template, props } })`, which
 *    applies preferences, the signed footer link and the delivery key. Account-access mail that must go out
 *    whatever the preferences may call `renderEmail(template, props, { appUrl, preferencesUrl: null })` and hand
 *    `{ subject, html, text }` to the email port (`rt.email.send`) with an idempotency key.
 */
export type EmailContext = {
  appUrl: string;
  /** Signed link to the preferences page; null for critical mail. */
  preferencesUrl: string | null;
  /** Absolute URL of an app path ("/lessons/01J…" → "https://…/lessons/01J…"). */
  url(path: string): string;
};

export type EmailTemplate<P> = {
  /** Stable id, e.g. "lesson-booked" (used in delivery keys and logs). */
  id: string;
  /** Mail that can't be turned off: no unsubscribe link (account access, security). */
  critical?: boolean;
  subject(props: P): string;
  heading(props: P): string;
  /** Inbox preview line; defaults to the heading. */
  preview?(props: P): string;
  /** Footer line on why the reader gets this mail. */
  reason?(props: P): string;
  Body: (args: { props: P; ctx: EmailContext }) => ReactElement;
};

/** Identity helper that fixes the props type of a template. */
export function defineEmailTemplate<P>(template: EmailTemplate<P>): EmailTemplate<P> {
  return template;
}

export type RenderedEmail = { subject: string; html: string; text: string };

/** Absolute URL of `path` on `appUrl` (an absolute `path` is returned unchanged). */
export function absoluteUrl(appUrl: string, path: string): string {
  return new URL(path, appUrl.endsWith("/") ? appUrl : `${appUrl}/`).toString();
}

/** Renders a template to subject + HTML + plain text (the text part is derived from the same tree). */
export async function renderEmail<P>(
  template: EmailTemplate<P>,
  props: P,
  opts: { appUrl: string; preferencesUrl?: string | null },
): Promise<RenderedEmail> {
  const preferencesUrl = template.critical ? null : (opts.preferencesUrl ?? null);
  const ctx: EmailContext = { appUrl: opts.appUrl, preferencesUrl, url: (p) => absoluteUrl(opts.appUrl, p) };
  const { Body } = template;
  const heading = template.heading(props);
  const element = (
    <EmailLayout
      appUrl={ctx.url("/")}
      preview={template.preview?.(props) ?? heading}
      heading={heading}
      preferencesUrl={preferencesUrl}
      reason={template.reason?.(props)}
    >
      <Body props={props} ctx={ctx} />
    </EmailLayout>
  );
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: template.subject(props).slice(0, 200), html, text };
}
