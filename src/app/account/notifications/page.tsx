import type { Metadata } from "next";
import { PreferencesForm } from "~/components/notifications/preferences-form";
import { getMe, requireUser } from "~/components/shell/current-user";

export const metadata: Metadata = { title: "Notification preferences" };

/**
 * Notification preferences. Every non-critical email's footer links here with a signed `token`: the one-click
 * unsubscribe works without signing in; the full grid needs the account.
 */
export default async function NotificationPreferencesPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" && raw.length <= 200 ? raw : null;
  const me = token ? await getMe().catch(() => null) : await requireUser("/account/notifications");
  return <PreferencesForm token={token} signedIn={Boolean(me)} />;
}
