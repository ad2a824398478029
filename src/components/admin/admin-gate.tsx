import Link from "next/link";
import type { ReactNode } from "react";
import { requireUser } from "~/components/shell/current-user";
import type { Me } from "~/components/shell/types";
import { ButtonLink } from "~/components/ui/button";
import { LockIcon, ShieldCheckIcon } from "~/components/ui/icons";

/**
 * The admin console's guard (as on /admin): signed out → sign in; without the permission → 403; without 2FA → set it up.
 * Returns the user when the page may render, else the screen to show instead.
 */
export async function adminGate(
  path: string,
  permission: string,
  title: string,
): Promise<{ me: Me; blocked: null } | { me: null; blocked: ReactNode }> {
  const me = await requireUser(path);
  if (!me.permissions.includes("admin:access") || !me.permissions.includes(permission)) {
    return {
      me: null,
      blocked: (
        <div className="mx-auto flex max-w-lg flex-1 flex-col items-center justify-center px-4 py-20 text-center">
          <span className="flex size-12 items-center justify-center rounded-full bg-slate-100 text-slate-600">
            <LockIcon />
          </span>
          <p className="mt-4 text-sm font-semibold text-slate-500">403</p>
          <h1 className="mt-1 text-2xl font-bold text-slate-900">You don&apos;t have access to this page</h1>
          <p className="mt-3 text-slate-600">The admin console is only for InstaInstru staff.</p>
          <ButtonLink href="/" variant="outline" className="mt-6">
            Go home
          </ButtonLink>
        </div>
      ),
    };
  }
  if (!me.twoFactorEnabled) {
    return {
      me: null,
      blocked: (
        <div className="mx-auto w-full max-w-2xl px-4 py-16 sm:px-6">
          <h1 className="text-3xl font-bold tracking-tight text-slate-900">{title}</h1>
          <div className="mt-6 rounded-2xl border border-amber-200 bg-amber-50 p-6">
            <div className="flex items-start gap-4">
              <ShieldCheckIcon className="size-8 shrink-0 text-amber-700" />
              <div>
                <h2 className="text-lg font-semibold text-amber-950">Turn on two-factor authentication first</h2>
                <p className="mt-1 text-amber-900">
                  Admin tools are available only to admins who sign in with a second factor.
                </p>
                <ButtonLink href="/account/security" className="mt-4">
                  Set up two-factor
                </ButtonLink>
              </div>
            </div>
          </div>
        </div>
      ),
    };
  }
  return { me, blocked: null };
}

/** Links between the admin search tools. */
export function AdminSearchNav({ current }: { current: "nl-search" | "search-config" | "search-analytics" }) {
  const items = [
    ["nl-search", "/admin/nl-search", "Diagnostics"],
    ["search-config", "/admin/search-config", "Config"],
    ["search-analytics", "/admin/search-analytics", "Analytics"],
  ] as const;
  return (
    <nav aria-label="Search admin" className="mt-4 flex gap-1 border-b border-slate-200">
      <Link href="/admin" className="px-3 py-2 text-sm text-slate-600 hover:text-slate-900">
        ← Admin
      </Link>
      {items.map(([id, href, label]) => (
        <Link
          key={id}
          href={href}
          aria-current={current === id ? "page" : undefined}
          className={
            current === id
              ? "-mb-px border-b-2 border-brand-600 px-3 py-2 text-sm font-semibold text-brand-700"
              : "px-3 py-2 text-sm text-slate-600 hover:text-slate-900"
          }
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
