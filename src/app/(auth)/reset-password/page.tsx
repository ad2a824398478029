import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "~/components/auth/reset-password-form";
import { firstParam, type SearchParams } from "~/components/forms/search-params";
import { Alert } from "~/components/ui/alert";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Choose a new password" };

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

export default async function ResetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const token = firstParam((await searchParams).token) ?? "";
  // Checked before asking for a password, so an old link says so at once (the reset itself checks again).
  const valid = TOKEN.test(token) && (await (await serverApi()).auth.checkResetToken({ token })).valid;
  return (
    <div className="w-full max-w-md">
      <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-card sm:p-8">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Choose a new password</h1>
        {valid ? (
          <>
            <p className="mt-1 mb-6 text-sm text-slate-600">Use at least 10 characters; a few words work well.</p>
            <ResetPasswordForm token={token} />
          </>
        ) : (
          <div className="mt-4 space-y-4">
            <Alert tone="error" title="This link can't be used">
              Reset links work once, for 30 minutes, and only the newest one you asked for works.
            </Alert>
            <Link href="/forgot-password" className="inline-block font-semibold text-brand-700 hover:text-brand-800">
              Get a new link
            </Link>
          </div>
        )}
      </div>
    </div>
  );
}
