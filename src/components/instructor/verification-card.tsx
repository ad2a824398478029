"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toApiError } from "~/components/forms/api-error";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { CreditCardIcon, ShieldCheckIcon } from "~/components/ui/icons";
import { api } from "~/trpc/react";

type Props = {
  backgroundCheck: { status: "pending" | "passed" | "failed"; started: boolean };
  payoutStatus: "not_started" | "pending" | "active";
};

const CHECK_TEXT = {
  passed: { tone: "success", label: "Passed", body: "Your profile shows the verified badge." },
  pending: {
    tone: "warning",
    label: "In progress",
    body: "Usually done within a day. You can take bookings meanwhile.",
  },
  failed: { tone: "danger", label: "Did not pass", body: "Contact support to review your background check." },
} as const;

/** Background check status (with a start button) and payouts ("Set up payouts"). */
export function VerificationCard({ backgroundCheck, payoutStatus }: Props) {
  const router = useRouter();
  const utils = api.useUtils();
  const start = api.instructor.startBackgroundCheck.useMutation();
  const payouts = api.instructor.setupPayouts.useMutation();
  const [check, setCheck] = useState(backgroundCheck);
  const [payout, setPayout] = useState(payoutStatus);
  const [error, setError] = useState<string | null>(null);

  async function onStart() {
    setError(null);
    try {
      setCheck(await start.mutateAsync());
      void utils.instructor.checklist.invalidate();
    } catch (err) {
      setError(toApiError(err).message);
    }
  }

  async function onPayouts() {
    setError(null);
    try {
      setPayout((await payouts.mutateAsync()).payoutStatus);
      void utils.instructor.checklist.invalidate();
      router.refresh();
    } catch (err) {
      setError(toApiError(err).message);
    }
  }

  const c = CHECK_TEXT[check.status];
  return (
    <Card
      id="verification"
      title="Verification and payouts"
      description="Both are needed before students can find you."
    >
      {error && (
        <Alert tone="error" className="mb-4">
          {error}
        </Alert>
      )}
      <ul className="divide-y divide-slate-100">
        <li className="flex flex-wrap items-center gap-4 py-4 first:pt-0">
          <span className="flex size-10 shrink-0 items-center justify-center rounded-xl bg-emerald-50 text-emerald-700">
            <ShieldCheckIcon className="size-5" />
          </span>
          <div className="min-w-0 flex-1 basis-56">
            <p className="flex flex-wrap items-center gap-2 font-semibold text-slate-900">
              Background check{" "}
              <Badge tone={c.tone}>{check.status === "pending" && !check.started ? "Not started" : c.label}</Badge>
            </p>
            <p className="mt-0.5 text-sm text-slate-600">
              {check.status === "pending" && !check.started ? "Start it now — it runs in the background." : c.body}
            </p>
          </div>
          {check.status === "pending" && !check.started && (
            <Button variant="outline" onClick={() => void onStart()} loading={start.isPending}>
              Start background check
            </Button>
          )}
        </li>
        <li className="flex flex-wrap items-center gap-4 py-4 last:pb-0">
          <span className="flex size-10 shrink-0 items-center justify-center rounded-xl bg-brand-50 text-brand-700">
            <CreditCardIcon className="size-5" />
          </span>
          <div className="min-w-0 flex-1 basis-56">
            <p className="flex flex-wrap items-center gap-2 font-semibold text-slate-900">
              Payouts{" "}
              <Badge tone={payout === "active" ? "success" : payout === "pending" ? "warning" : "neutral"}>
                {payout === "active" ? "Active" : payout === "pending" ? "Pending" : "Not set up"}
              </Badge>
            </p>
            <p className="mt-0.5 text-sm text-slate-600">
              {payout === "active"
                ? "Lesson payments go to your account after each lesson."
                : "Tell us where to send your earnings."}
            </p>
          </div>
          {payout !== "active" && (
            <Button onClick={() => void onPayouts()} loading={payouts.isPending}>
              Set up payouts
            </Button>
          )}
        </li>
      </ul>
    </Card>
  );
}
