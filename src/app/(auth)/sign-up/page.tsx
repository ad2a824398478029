import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeCallbackUrl } from "~/components/auth/callback-url";
import { SignUpForm } from "~/components/auth/sign-up-form";
import { firstParam, type SearchParams } from "~/components/forms/search-params";
import { listTimeZones } from "~/components/forms/time-zones";
import { getMe } from "~/components/shell/current-user";

export const metadata: Metadata = { title: "Create your account" };

export default async function SignUpPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const callbackUrl = safeCallbackUrl(firstParam(sp.callbackUrl));
  if (await getMe()) redirect(callbackUrl);
  const role = firstParam(sp.role) === "instructor" ? "instructor" : "student";
  const signInHref = callbackUrl === "/" ? "/sign-in" : `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  return (
    <div className="w-full max-w-xl">
      <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-card sm:p-8">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">
          {role === "instructor" ? "Start teaching on InstaInstru" : "Create your account"}
        </h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">
          It takes a minute. You can add a phone number and two-factor authentication later.
        </p>
        <SignUpForm zones={listTimeZones()} defaultRole={role} callbackUrl={callbackUrl} signInHref={signInHref} />
      </div>
    </div>
  );
}
