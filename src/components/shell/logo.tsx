import Link from "next/link";
import { cn } from "~/components/ui/cn";

export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={cn("size-8", className)}>
      <defs>
        <linearGradient id="ii-logo" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#9a7bfd" />
          <stop offset="1" stopColor="#5c2cd0" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="9" fill="url(#ii-logo)" />
      <circle cx="11" cy="9" r="2.6" fill="#fff" />
      <rect x="8.6" y="13.2" width="4.8" height="11" rx="2.4" fill="#fff" />
      <circle cx="21" cy="9" r="2.6" fill="#fcd34d" />
      <rect x="18.6" y="13.2" width="4.8" height="11" rx="2.4" fill="#fcd34d" />
    </svg>
  );
}

export function Logo({ className }: { className?: string }) {
  return (
    <Link href="/" className={cn("flex items-center gap-2 rounded-lg", className)}>
      <LogoMark />
      <span className="text-lg font-bold tracking-tight text-slate-900">
        Insta<span className="text-brand-600">Instru</span>
      </span>
    </Link>
  );
}
