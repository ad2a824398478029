import type { Metadata } from "next";
import { PaymentsPanel } from "~/components/account/payments-panel";
import { requireUser } from "~/components/shell/current-user";
import { ButtonLink } from "~/components/ui/button";

export const metadata: Metadata = { title: "Payments" };

export default async function AccountPaymentsPage() {
  const me = await requireUser("/account/payments");
  if (me.role === "instructor") {
    return (
      <div className="rounded-2xl border border-dashed border-slate-300 bg-slate-50 px-6 py-12 text-center">
        <h2 className="text-lg font-semibold text-slate-900">Your earnings are under Payouts</h2>
        <p className="mx-auto mt-1 max-w-md text-slate-600">
          Cards and receipts are for students. See your earnings and payout account on the Payouts page.
        </p>
        <ButtonLink href="/instructor/payouts" className="mt-5">
          Go to Payouts
        </ButtonLink>
      </div>
    );
  }
  return <PaymentsPanel zone={me.timeZone} />;
}
