import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { Suspense, type ReactNode } from "react";
import { HeaderSkeleton, SiteHeader } from "~/components/shell/site-header";
import { SiteFooter } from "~/components/shell/site-footer";
import { VerifyEmailBanner } from "~/components/account/verify-email-banner";
import { TRPCReactProvider } from "~/trpc/react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "InstaInstru — Lessons with great local and online instructors", template: "%s · InstaInstru" },
  description:
    "Find a piano teacher, SAT math tutor, Spanish coach or swim instructor near you or online. Message them, book from their real availability and pay securely.",
  applicationName: "InstaInstru",
};

export const viewport: Viewport = { themeColor: "#6d3bea", width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: the proxy's CSP nonce (src/proxy.ts) must reach Next's inline scripts.
  await connection();
  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col">
        <TRPCReactProvider>
          <a
            href="#main"
            className="sr-only z-50 rounded-lg bg-white px-4 py-2 text-sm font-semibold text-brand-700 shadow-pop focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
          >
            Skip to content
          </a>
          <Suspense fallback={<HeaderSkeleton />}>
            <SiteHeader />
          </Suspense>
          <Suspense fallback={null}>
            <VerifyEmailBanner />
          </Suspense>
          <main id="main" tabIndex={-1} className="flex flex-1 flex-col focus:outline-none">
            {children}
          </main>
          <SiteFooter />
        </TRPCReactProvider>
      </body>
    </html>
  );
}
