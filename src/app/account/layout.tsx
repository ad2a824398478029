import type { ReactNode } from "react";
import { AccountTabs } from "~/components/account/account-tabs";
import { getMe } from "~/components/shell/current-user";

/** Chrome only: each page checks the session itself (see requireUser). */
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const me = await getMe().catch(() => null);
  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-10 sm:px-6">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Account</h1>
      <div className="mt-6">
        <AccountTabs role={me?.role ?? null} />
      </div>
      <div className="mt-8 space-y-6">{children}</div>
    </div>
  );
}
