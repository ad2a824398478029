import type { Metadata } from "next";
import { VerifyEmailStatus } from "~/components/auth/verify-email-status";
import { firstParam, type SearchParams } from "~/components/forms/search-params";
import { Alert } from "~/components/ui/alert";

export const metadata: Metadata = { title: "Confirm your email" };

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

export default async function VerifyEmailPage({ searchParams }: { searchParams: SearchParams }) {
  const token = firstParam((await searchParams).token) ?? "";
  return (
    <div className="w-full max-w-md">
      <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-card sm:p-8">
        <h1 className="mb-5 text-2xl font-bold tracking-tight text-slate-900">Confirm your email</h1>
        {TOKEN.test(token) ? (
          <VerifyEmailStatus token={token} />
        ) : (
          <Alert tone="error">This confirmation link is incomplete. Open the link from the email again.</Alert>
        )}
      </div>
    </div>
  );
}
