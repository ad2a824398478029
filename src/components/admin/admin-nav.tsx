"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "~/components/ui/cn";

/** Every admin console page, grouped. Pages of other areas add themselves here (one list, one nav). */
export const ADMIN_NAV: { group: string; items: { href: string; label: string }[] }[] = [
  {
    group: "Overview",
    items: [
      { href: "/admin", label: "Dashboard" },
      { href: "/admin/users", label: "Users" },
      { href: "/admin/audit", label: "Audit log" },
    ],
  },
  {
    group: "Marketplace",
    items: [
      { href: "/admin/instructors", label: "Instructors" },
      { href: "/admin/bookings", label: "Bookings" },
      { href: "/admin/payments", label: "Payments" },
      { href: "/admin/moderation", label: "Moderation" },
      { href: "/admin/jobs", label: "Jobs" },
    ],
  },
  {
    group: "Search",
    items: [
      { href: "/admin/nl-search", label: "Search diagnostics" },
      { href: "/admin/search-config", label: "Search config" },
      { href: "/admin/search-analytics", label: "Search analytics" },
    ],
  },
];

const isCurrent = (pathname: string, href: string) =>
  href === "/admin" ? pathname === "/admin" : pathname === href || pathname.startsWith(`${href}/`);

/**
 * The admin console's navigation: a sidebar on wide screens, a horizontally scrolling strip on phones.
 * The current page is marked with aria-current.
 */
export function AdminNav() {
  const pathname = usePathname() ?? "";
  return (
    <nav
      aria-label="Admin console"
      className="border-b border-slate-200 bg-white lg:w-56 lg:shrink-0 lg:border-r lg:border-b-0 lg:bg-slate-50/60"
    >
      <div className="flex gap-1 relative overflow-x-auto px-3 py-2 lg:sticky lg:top-0 lg:flex-col lg:gap-4 lg:overflow-visible lg:px-3 lg:py-6">
        {ADMIN_NAV.map((g) => (
          <div key={g.group} className="flex shrink-0 gap-1 lg:flex-col">
            <p className="hidden px-3 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase lg:block">
              {g.group}
            </p>
            <ul className="flex gap-1 lg:flex-col">
              {g.items.map((item) => {
                const current = isCurrent(pathname, item.href);
                return (
                  <li key={item.href} className="shrink-0">
                    <Link
                      href={item.href}
                      aria-current={current ? "page" : undefined}
                      className={cn(
                        "block rounded-lg px-3 py-2 text-sm whitespace-nowrap focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none",
                        current
                          ? "bg-brand-50 font-semibold text-brand-800"
                          : "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
                      )}
                    >
                      {item.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </div>
    </nav>
  );
}
