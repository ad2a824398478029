import type { ReactNode } from "react";

/** Sign-in and sign-up: one focused card on a soft background. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex flex-1 items-start justify-center bg-gradient-to-b from-brand-50/80 to-white px-4 py-10 sm:items-center sm:py-16">
      {children}
    </div>
  );
}
