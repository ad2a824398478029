import type { ReactNode } from "react";
import { AccountTabs } from "~/components/account/account-tabs";

/** Chrome only: each page checks the session itself (see requireUser). */
export default function AccountLayout({ children }: { children: ReactNode }) {
  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-10 sm:px-6">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Account</h1>
      <div className="mt-6">
        <AccountTabs />
      </div>
      <div className="mt-8 space-y-6">{children}</div>
    </div>
  );
}
