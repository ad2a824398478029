import Link from "next/link";
import { LogoMark } from "./logo";

const COLUMNS = [
  {
    title: "Learn",
    links: [
      { href: "/search", label: "Find an instructor" },
      { href: "/search?q=online", label: "Online lessons" },
      { href: "/#how-it-works", label: "How it works" },
    ],
  },
  {
    title: "Teach",
    links: [
      { href: "/sign-up?role=instructor", label: "Become an instructor" },
      { href: "/sign-in?callbackUrl=%2Finstructor", label: "Instructor sign in" },
    ],
  },
  {
    title: "Account",
    links: [
      { href: "/account", label: "Settings" },
      { href: "/account/security", label: "Security & 2FA" },
    ],
  },
];

export function SiteFooter() {
  return (
    <footer className="border-t border-slate-200 bg-slate-50">
      <div className="mx-auto grid max-w-7xl gap-10 px-4 py-12 sm:px-6 md:grid-cols-[1.4fr_repeat(3,1fr)] lg:px-8">
        <div>
          <div className="flex items-center gap-2">
            <LogoMark className="size-7" />
            <span className="font-bold text-slate-900">InstaInstru</span>
          </div>
          <p className="mt-3 max-w-xs text-sm text-slate-600">
            Lessons with real people — in your neighbourhood or online, booked in minutes.
          </p>
        </div>
        {COLUMNS.map((c) => (
          <nav key={c.title} aria-label={c.title}>
            <h2 className="text-sm font-semibold text-slate-900">{c.title}</h2>
            <ul className="mt-3 space-y-2">
              {c.links.map((l) => (
                <li key={l.href}>
                  <Link href={l.href} className="text-sm text-slate-600 hover:text-slate-900">
                    {l.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ))}
      </div>
      <div className="border-t border-slate-200">
        <p className="mx-auto max-w-7xl px-4 py-5 text-xs text-slate-500 sm:px-6 lg:px-8">
          © {new Date().getFullYear()} InstaInstru. All rights reserved.
        </p>
      </div>
    </footer>
  );
}
