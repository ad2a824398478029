import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeCallbackUrl } from "~/components/auth/callback-url";
import { SignInForm } from "~/components/auth/sign-in-form";
import { firstParam, type SearchParams } from "~/components/forms/search-params";
import { getMe } from "~/components/shell/current-user";
import { Alert } from "~/components/ui/alert";

export const metadata: Metadata = { title: "Sign in" };

/** Messages other pages can ask for with ?notice=… (fixed keys: no text from the URL is shown). */
const NOTICES: Record<string, string> = {
  "password-changed": "Your password was changed. Please sign in with your new password.",
  "2fa-disabled": "Two-factor authentication is off. Please sign in again.",
  "account-created": "Your account is ready. Please sign in.",
};

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const callbackUrl = safeCallbackUrl(firstParam(sp.callbackUrl));
  if (await getMe()) redirect(callbackUrl);
  const notice = NOTICES[firstParam(sp.notice) ?? ""];
  const signUpHref = callbackUrl === "/" ? "/sign-up" : `/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  return (
    <div className="w-full max-w-md">
      <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-card sm:p-8">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Welcome back</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">
          Sign in to book lessons, message instructors and manage your calendar.
        </p>
        {notice && (
          <Alert tone="success" className="mb-5">
            {notice}
          </Alert>
        )}
        <SignInForm callbackUrl={callbackUrl} signUpHref={signUpHref} />
      </div>
    </div>
  );
}
