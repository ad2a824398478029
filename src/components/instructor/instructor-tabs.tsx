"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "~/components/ui/cn";

export const INSTRUCTOR_TABS = [
  { href: "/instructor", label: "Overview" },
  { href: "/instructor/profile", label: "Profile" },
  { href: "/instructor/services", label: "Services" },
  { href: "/instructor/availability", label: "Availability" },
  { href: "/instructor/bookings", label: "Bookings" },
  { href: "/instructor/payouts", label: "Payouts" },
  { href: "/instructor/inbox", label: "Inbox" },
];

/** Section navigation of the instructor dashboard. */
export function InstructorTabs() {
  const pathname = usePathname();
  return (
    <nav
      aria-label="Instructor dashboard"
      className="-mx-4 relative overflow-x-auto border-b border-slate-200 px-4 sm:mx-0 sm:px-0"
    >
      <ul className="-mb-px flex gap-5">
        {INSTRUCTOR_TABS.map((t) => {
          const active =
            t.href === "/instructor" ? pathname === t.href : pathname === t.href || pathname.startsWith(`${t.href}/`);
          return (
            <li key={t.href} className="shrink-0">
              <Link
                href={t.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-block border-b-2 px-1 pb-3 text-sm font-semibold whitespace-nowrap",
                  active
                    ? "border-brand-600 text-brand-700"
                    : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
                )}
              >
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
