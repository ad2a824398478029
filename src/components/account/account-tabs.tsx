"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { accountLinks } from "~/components/shell/nav-links";
import type { NavUser } from "~/components/shell/types";
import { cn } from "~/components/ui/cn";

export function AccountTabs({ role }: { role: NavUser["role"] | null }) {
  const pathname = usePathname();
  const TABS = accountLinks(role ? { role } : null);
  return (
    <nav aria-label="Account sections" className="border-b border-slate-200">
      <ul className="-mb-px flex gap-6 relative overflow-x-auto whitespace-nowrap">
        {TABS.map((t) => {
          const active = pathname === t.href;
          return (
            <li key={t.href}>
              <Link
                href={t.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-block border-b-2 px-1 pb-3 text-sm font-semibold",
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
