import type { NavUser } from "./types";

/** `badge: "unread"` shows the live unread-messages count beside the link. */
export type NavLink = { href: string; label: string; badge?: "unread" };

/** Main navigation per role. Targets of later features live here so they change in one place. */
export function primaryLinks(user: Pick<NavUser, "role"> | null): NavLink[] {
  switch (user?.role) {
    case "student":
      return [
        { href: "/search", label: "Find instructors" },
        { href: "/lessons", label: "My lessons" },
        { href: "/favourites", label: "Saved" },
        { href: "/inbox", label: "Inbox", badge: "unread" },
      ];
    case "instructor":
      return [
        { href: "/instructor", label: "Dashboard" },
        { href: "/instructor/bookings", label: "Calendar" },
        { href: "/instructor/availability", label: "Availability" },
        { href: "/instructor/payouts", label: "Payouts" },
        { href: "/instructor/inbox", label: "Inbox", badge: "unread" },
      ];
    case "admin":
      return [{ href: "/admin", label: "Admin" }];
    default:
      return [{ href: "/search", label: "Find instructors" }];
  }
}

export const ACCOUNT_LINKS: NavLink[] = [
  { href: "/account", label: "Settings" },
  { href: "/account/security", label: "Security" },
  { href: "/account/notifications", label: "Notifications" },
];

/** Account sections per role: students also keep their cards, credits and receipts there. */
export function accountLinks(user: Pick<NavUser, "role"> | null): NavLink[] {
  return user?.role === "student"
    ? [...ACCOUNT_LINKS, { href: "/account/payments", label: "Payments" }]
    : ACCOUNT_LINKS;
}

/** Whether `href` is the current section (exact for roots, prefix for the rest). */
export function isActive(pathname: string, href: string): boolean {
  if (href === "/" || href === "/instructor" || href === "/account") return pathname === href;
  return pathname === href || pathname.startsWith(`${href}/`);
}
