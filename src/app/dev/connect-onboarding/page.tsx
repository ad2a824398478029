import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { requireUser } from "~/components/shell/current-user";
import { Alert } from "~/components/ui/alert";
import { buttonClass } from "~/components/ui/button";
import { asLocalGateway } from "~/server/integrations/payments";
import { getRuntime } from "~/server/runtime";

export const metadata: Metadata = { title: "Payout onboarding (test mode)", robots: { index: false } };

/** Link tokens are 32 base64url characters; anything else is not a link. */
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * The local gateway's stand-in for Stripe's hosted Express onboarding (only when no Stripe key is configured, i.e.
 * the local gateway runs). The link opens only for the signed-in user whose connected account it is; anyone else
 * gets a 404. Completing it marks the account onboarded and returns to the app (see the route beside this page).
 */
export default async function ConnectOnboardingPage({
  searchParams,
}: {
  searchParams: Promise<{ link?: string | string[] }>;
}) {
  await connection();
  const local = asLocalGateway((await getRuntime()).payments);
  if (!local) notFound();
  const { link } = await searchParams;
  const token = typeof link === "string" && TOKEN.test(link) ? link : null;
  if (!token) notFound();
  const me = await requireUser(`/dev/connect-onboarding?link=${encodeURIComponent(token)}`);
  const view = await local.findOnboardingLink({ token, userId: me.id });
  if (!view) notFound();

  return (
    <div className="mx-auto w-full max-w-lg px-4 py-12 sm:px-6">
      <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">Test mode</p>
      <h1 className="mt-1 text-3xl font-bold tracking-tight text-slate-900">Set up payouts</h1>
      <p className="mt-3 text-slate-600">
        This stands in for Stripe&apos;s onboarding while payments run on the local test gateway. No personal or bank
        details are collected here.
      </p>
      <dl className="mt-6 rounded-xl border border-slate-200 bg-white px-4 py-3 text-sm">
        <div className="flex justify-between gap-3 py-1">
          <dt className="text-slate-500">Account</dt>
          <dd className="font-mono text-slate-900">{view.accountId}</dd>
        </div>
        <div className="flex justify-between gap-3 py-1">
          <dt className="text-slate-500">Email</dt>
          <dd className="text-slate-900">{view.email}</dd>
        </div>
      </dl>
      {view.state === "ready" ? (
        <form method="post" action="/dev/connect-onboarding/complete" className="mt-6">
          <input type="hidden" name="link" value={token} />
          <button type="submit" className={buttonClass("primary", "lg", "w-full")}>
            Complete onboarding (test mode)
          </button>
        </form>
      ) : (
        <div className="mt-6 space-y-4">
          <Alert tone="warning" title={view.state === "used" ? "This link was already used" : "This link has expired"}>
            Onboarding links work once and for a short time. Go back to get a new one.
          </Alert>
          <form method="post" action="/dev/connect-onboarding/complete">
            <input type="hidden" name="link" value={token} />
            <button type="submit" className={buttonClass("outline", "md", "w-full")}>
              Back to InstaInstru
            </button>
          </form>
        </div>
      )}
    </div>
  );
}
