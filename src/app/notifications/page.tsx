import type { Metadata } from "next";
import { NotificationList } from "~/components/notifications/notification-list";
import { requireUser } from "~/components/shell/current-user";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const me = await requireUser("/notifications");
  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-10 sm:px-6">
      <h1 className="mb-6 text-3xl font-bold tracking-tight text-slate-900">Notifications</h1>
      <NotificationList zone={me.timeZone} />
    </div>
  );
}
