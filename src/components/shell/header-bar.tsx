"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { buttonClass } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { CloseIcon, MenuIcon } from "~/components/ui/icons";
import { MessagingLive } from "~/components/messaging/messaging-live";
import { InboxUnreadBadge, useUnreadTotal } from "~/components/messaging/unread-badge";
import { NotificationBell } from "~/components/notifications/bell";
import { AccountMenu } from "./account-menu";
import { Avatar } from "./avatar";
import { Logo } from "./logo";
import { accountLinks, isActive, primaryLinks } from "./nav-links";
import { signOutToHome } from "./sign-out";
import type { NavUser } from "./types";

/** Top navigation: role links, account menu or sign-in buttons, and a mobile menu below `md`. */
export function HeaderBar({ user }: { user: NavUser | null }) {
  const pathname = usePathname();
  const [mobileOpen, setMobileOpen] = useState(false);
  const links = primaryLinks(user);
  // Students and instructors have an inbox: one live stream for the whole session, and the unread badge.
  const messaging = user?.role === "student" || user?.role === "instructor";
  const unread = useUnreadTotal(messaging);

  // Close the mobile menu whenever the route changes.
  const [lastPath, setLastPath] = useState(pathname);
  if (pathname !== lastPath) {
    setLastPath(pathname);
    setMobileOpen(false);
  }

  useEffect(() => {
    if (!mobileOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setMobileOpen(false);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [mobileOpen]);

  const linkClass = (href: string) =>
    cn(
      "rounded-lg px-3 py-2 text-sm font-medium transition-colors",
      isActive(pathname, href)
        ? "bg-brand-50 text-brand-700"
        : "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
    );

  return (
    <header className="sticky top-0 z-40 border-b border-slate-200/80 bg-white/90 backdrop-blur supports-[backdrop-filter]:bg-white/75">
      <div className="mx-auto flex h-16 max-w-7xl items-center gap-4 px-4 sm:px-6 lg:px-8">
        <Logo />
        <nav aria-label="Main" className="ml-4 hidden md:block">
          <ul className="flex items-center gap-1">
            {links.map((l) => (
              <li key={l.href}>
                <Link
                  href={l.href}
                  className={cn(linkClass(l.href), "inline-flex items-center")}
                  aria-current={isActive(pathname, l.href) ? "page" : undefined}
                >
                  {l.label}
                  {l.badge === "unread" && <InboxUnreadBadge />}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ml-auto hidden items-center gap-2 md:flex">
          {user ? (
            <>
              <NotificationBell live={messaging} />
              <AccountMenu user={user} />
            </>
          ) : (
            <>
              <Link
                href="/sign-up?role=instructor"
                className="mr-2 text-sm font-medium text-slate-700 hover:text-slate-900"
              >
                Teach on InstaInstru
              </Link>
              <Link href="/sign-in" className={buttonClass("ghost", "sm")}>
                Sign in
              </Link>
              <Link href="/sign-up" className={buttonClass("primary", "sm")}>
                Sign up
              </Link>
            </>
          )}
        </div>
        {user && <NotificationBell live={messaging} className="ml-auto md:hidden" />}
        <button
          type="button"
          className={cn(
            "relative inline-flex size-10 items-center justify-center rounded-lg text-slate-700 hover:bg-slate-100 md:hidden",
            !user && "ml-auto",
          )}
          aria-expanded={mobileOpen}
          aria-controls="mobile-menu"
          aria-label={`${mobileOpen ? "Close menu" : "Open menu"}${unread > 0 ? ` (${unread} unread messages)` : ""}`}
          onClick={() => setMobileOpen((o) => !o)}
        >
          {mobileOpen ? <CloseIcon className="size-6" /> : <MenuIcon className="size-6" />}
          {unread > 0 && !mobileOpen && (
            <span
              aria-hidden="true"
              className="absolute top-1.5 right-1.5 size-2.5 rounded-full bg-brand-600 ring-2 ring-white"
            />
          )}
        </button>
        {messaging && <MessagingLive />}
      </div>

      <div id="mobile-menu" hidden={!mobileOpen} className="border-t border-slate-200 bg-white md:hidden">
        <nav aria-label="Mobile" className="mx-auto max-w-7xl space-y-1 px-4 py-3">
          {user && (
            <div className="mb-2 flex items-center gap-3 rounded-lg bg-slate-50 px-3 py-3">
              <Avatar firstName={user.firstName} lastName={user.lastName} className="size-10 text-sm" />
              <div className="min-w-0">
                <p className="truncate text-sm font-semibold text-slate-900">
                  {user.firstName} {user.lastName}
                </p>
                <p className="truncate text-xs text-slate-500">{user.email}</p>
              </div>
            </div>
          )}
          {[...links, ...(user ? accountLinks(user) : [])].map((l) => (
            <Link
              key={l.href}
              href={l.href}
              className={cn(linkClass(l.href), "flex items-center text-base")}
              aria-current={isActive(pathname, l.href) ? "page" : undefined}
              onClick={() => setMobileOpen(false)}
            >
              {l.label}
              {l.badge === "unread" && <InboxUnreadBadge />}
            </Link>
          ))}
          <div className="border-t border-slate-100 pt-3">
            {user ? (
              <button
                type="button"
                className={cn(buttonClass("outline", "md"), "w-full")}
                onClick={() => void signOutToHome()}
              >
                Sign out
              </button>
            ) : (
              <div className="grid grid-cols-2 gap-2">
                <Link href="/sign-in" className={buttonClass("outline", "md")} onClick={() => setMobileOpen(false)}>
                  Sign in
                </Link>
                <Link href="/sign-up" className={buttonClass("primary", "md")} onClick={() => setMobileOpen(false)}>
                  Sign up
                </Link>
              </div>
            )}
          </div>
        </nav>
      </div>
    </header>
  );
}
