import Link from "next/link";
import { unstable_rethrow } from "next/navigation";
import { AlertIcon } from "~/components/ui/icons";
import { getMe } from "./current-user";
import { HeaderBar } from "./header-bar";
import { Logo } from "./logo";

/** Server part of the header: loads the user once and hands the client bar only what it shows. */
export async function SiteHeader() {
  // The header must not take the whole site down: if the account lookup fails, render it signed out
  // (the page itself reports its own errors).
  const me = await getMe().catch((e: unknown) => {
    unstable_rethrow(e); // Next's own control flow (dynamic-rendering bailout, redirects) must pass through
    console.error("header: account lookup failed", e);
    return null;
  });
  return (
    <>
      <HeaderBar
        user={me ? { firstName: me.firstName, lastName: me.lastName, email: me.email, role: me.role } : null}
      />
      {me?.twoFactorRequired && !me.twoFactorEnabled && (
        <div role="region" aria-label="Security notice" className="border-b border-amber-200 bg-amber-50">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2.5 text-sm text-amber-900 sm:px-6 lg:px-8">
            <AlertIcon className="size-4 shrink-0" />
            <p className="font-medium">Two-factor authentication is required for admins.</p>
            <Link href="/account/security" className="font-semibold underline underline-offset-2 hover:text-amber-950">
              Set it up now
            </Link>
          </div>
        </div>
      )}
    </>
  );
}

/** Shown while the user loads (same height as the bar, so nothing jumps). */
export function HeaderSkeleton() {
  return (
    <header className="sticky top-0 z-40 border-b border-slate-200/80 bg-white">
      <div className="mx-auto flex h-16 max-w-7xl items-center px-4 sm:px-6 lg:px-8">
        <Logo />
        <div className="ml-auto h-9 w-40 animate-pulse rounded-lg bg-slate-100 max-md:w-10" aria-hidden="true" />
      </div>
    </header>
  );
}
