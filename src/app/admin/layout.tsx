import type { ReactNode } from "react";
import { AdminNav } from "~/components/admin/admin-nav";
import { getMe } from "~/components/shell/current-user";

/**
 * The admin console's frame: the console navigation beside every admin page, shown only to admins with 2FA on
 * (each page still runs its own guard, `adminGate`, which decides what renders).
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const me = await getMe();
  const showNav = Boolean(me?.permissions.includes("admin:access") && me.twoFactorEnabled);
  if (!showNav) return <>{children}</>;
  return (
    <div className="flex w-full flex-1 flex-col lg:flex-row">
      <AdminNav />
      <div className="flex min-w-0 flex-1 flex-col">{children}</div>
    </div>
  );
}
