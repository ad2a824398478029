import type { Metadata } from "next";
import { firstParam, type SearchParams } from "~/components/forms/search-params";
import { NotAnInstructor, requireInstructor } from "~/components/instructor/guard";
import { PageHeader } from "~/components/instructor/page-header";
import { PayoutsView } from "~/components/instructor/payouts-view";

export const metadata: Metadata = { title: "Payouts" };

/**
 * /instructor/payouts — Stripe (or the local onboarding page) sends the instructor back with `?return=1`, or
 * with `?refresh=1` when the setup link expired.
 */
export default async function InstructorPayoutsPage({ searchParams }: { searchParams: SearchParams }) {
  const me = await requireInstructor("/instructor/payouts");
  if (!me) return <NotAnInstructor />;
  const sp = await searchParams;
  return (
    <>
      <PageHeader title="Payouts" description="Your payout account, platform fee and what each lesson earns you." />
      <div className="mt-6">
        <PayoutsView
          zone={me.timeZone}
          onboarding={firstParam(sp.return) ? "returned" : firstParam(sp.refresh) ? "expired" : null}
        />
      </div>
    </>
  );
}
