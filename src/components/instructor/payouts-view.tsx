"use client";

import Link from "next/link";
import { useEffect, useEffectEvent, useRef, useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { PAYOUT_STATE_LABEL, PAYOUT_STATE_TONE } from "~/components/booking/payment-labels";
import { toApiError, type ApiError } from "~/components/forms/api-error";
import { fmtDayShort, formatMoney } from "~/components/time/format";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button, ButtonLink } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { CheckIcon } from "~/components/ui/icons";
import { api, type RouterOutputs } from "~/trpc/react";

type Status = RouterOutputs["payouts"]["status"];
type Account = Status["account"];

const ACCOUNT_LABEL: Record<Account["state"], string> = {
  not_started: "Not set up",
  pending: "Setup in progress",
  complete: "Active",
};
const ACCOUNT_TONE: Record<Account["state"], "neutral" | "warning" | "success"> = {
  not_started: "neutral",
  pending: "warning",
  complete: "success",
};

/** Stripe's requirement keys ("individual.verification.document") in words. */
function requirementLabel(key: string): string {
  const words = key.split(".").pop()?.replaceAll("_", " ") ?? key;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "2026-03-09" (a week's Monday) → "Mar 9", read as a calendar date, not an instant. */
function weekLabel(weekStart: string): string {
  return new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" }).format(
    new Date(`${weekStart}T00:00:00Z`),
  );
}

/** The instructor's Payouts page: payout account, fee tier, earnings by week and by lesson. */
export function PayoutsView({ zone, onboarding }: { zone: string; onboarding: "returned" | "expired" | null }) {
  const status = api.payouts.status.useQuery();
  if (status.isPending)
    return (
      <div aria-busy="true" aria-label="Loading payouts" className="space-y-6">
        <div className="grid gap-6 lg:grid-cols-2">
          <div className="h-48 animate-pulse rounded-2xl bg-slate-100" />
          <div className="h-48 animate-pulse rounded-2xl bg-slate-100" />
        </div>
        <div className="h-80 animate-pulse rounded-2xl bg-slate-100" />
      </div>
    );
  if (status.isError)
    return (
      <Alert tone="error" title="We couldn't load your payouts">
        {toApiError(status.error).message}{" "}
        <button type="button" className="font-semibold underline" onClick={() => void status.refetch()}>
          Try again
        </button>
      </Alert>
    );
  const s = status.data;
  return (
    <div className="space-y-6">
      <dl className="grid gap-3 sm:grid-cols-3">
        <Stat
          label="Upcoming and pending"
          value={formatMoney(s.earnings.pendingCents)}
          hint="Lessons not yet paid out"
        />
        <Stat label="Paid out" value={formatMoney(s.earnings.paidCents)} hint="Last 12 weeks" />
        <Stat
          label="Your platform fee"
          value={`${s.feeTier.percent} %`}
          hint={
            s.feeTier.founding
              ? "Founding instructor"
              : `${s.feeTier.completedLast90Days} ${s.feeTier.completedLast90Days === 1 ? "lesson" : "lessons"} in 90 days`
          }
        />
      </dl>
      <div className="grid gap-6 lg:grid-cols-2">
        <AccountCard account={s.account} onboarding={onboarding} />
        <FeeTierCard tier={s.feeTier} />
      </div>
      <EarningsChart weeks={s.earnings.weeks} />
      <EarningsTable items={s.earnings.items} zone={zone} />
    </div>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <div className="rounded-2xl border border-slate-200 bg-white p-4 shadow-card">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-bold text-slate-900 tabular-nums">{value}</dd>
      <dd className="mt-0.5 text-xs text-slate-500">{hint}</dd>
    </div>
  );
}

function AccountCard({ account, onboarding }: { account: Account; onboarding: "returned" | "expired" | null }) {
  const utils = api.useUtils();
  const start = api.payouts.startOnboarding.useMutation();
  const refresh = api.payouts.refreshStatus.useMutation();
  const [error, setError] = useState<ApiError | null>(null);
  const [leaving, setLeaving] = useState(false);

  async function onRefresh() {
    setError(null);
    try {
      const next = await refresh.mutateAsync();
      utils.payouts.status.setData(undefined, (prev) => (prev ? { ...prev, account: next } : prev));
    } catch (e) {
      setError(toApiError(e));
    }
  }

  // Back from Stripe (or the local onboarding page): ask for the account's state once.
  const refreshOnReturn = useEffectEvent(() => void onRefresh());
  const refreshed = useRef(false);
  useEffect(() => {
    if (onboarding !== "returned" || refreshed.current) return;
    refreshed.current = true;
    refreshOnReturn();
  }, [onboarding]);

  async function onStart() {
    setError(null);
    try {
      const { url } = await start.mutateAsync();
      setLeaving(true);
      window.location.assign(url);
    } catch (e) {
      setError(toApiError(e));
    }
  }

  const ok = (b: boolean, label: string) => (
    <li className="flex items-center gap-2">
      {b ? (
        <CheckIcon className="size-4 text-emerald-600" />
      ) : (
        <span aria-hidden="true" className="inline-block size-4 rounded-full border-2 border-slate-300" />
      )}
      <span className={b ? "text-slate-900" : "text-slate-600"}>
        {label}
        <span className="sr-only">{b ? ": yes" : ": not yet"}</span>
      </span>
    </li>
  );

  return (
    <Card
      id="payout-account"
      title="Payout account"
      description="Lesson payments reach your bank through Stripe."
      actions={<Badge tone={ACCOUNT_TONE[account.state]}>{ACCOUNT_LABEL[account.state]}</Badge>}
    >
      <div className="space-y-4">
        {error && <Alert tone="error">{error.message}</Alert>}
        {onboarding === "expired" && account.state !== "complete" && (
          <Alert tone="warning">Your setup link expired. Continue setup to get a new one.</Alert>
        )}
        {onboarding === "returned" && account.state === "complete" && <Alert tone="success">Payouts are set up.</Alert>}
        <ul className="space-y-1.5 text-sm">
          {ok(account.chargesEnabled, "Students can pay you")}
          {ok(account.payoutsEnabled, "Payouts to your bank")}
        </ul>
        {account.requirementsDue.length > 0 && (
          <div className="rounded-xl bg-amber-50 p-3 text-sm ring-1 ring-amber-200">
            <p className="font-semibold text-amber-900">Stripe still needs</p>
            <ul className="mt-1 list-disc space-y-0.5 pl-5 text-amber-900">
              {account.requirementsDue.map((r) => (
                <li key={r}>{requirementLabel(r)}</li>
              ))}
            </ul>
          </div>
        )}
        <div className="flex flex-wrap gap-2">
          {account.state !== "complete" && (
            <Button onClick={() => void onStart()} loading={start.isPending || leaving}>
              {account.state === "not_started" ? "Set up payouts" : "Continue setup"}
            </Button>
          )}
          <Button variant="outline" onClick={() => void onRefresh()} loading={refresh.isPending}>
            Refresh status
          </Button>
        </div>
        {account.state === "complete" && (
          <p className="text-sm text-slate-600">
            You&apos;re all set. Earnings are paid out after each lesson is charged.
          </p>
        )}
      </div>
    </Card>
  );
}

function FeeTierCard({ tier }: { tier: Status["feeTier"] }) {
  const next = tier.nextTier;
  const goal = next ? tier.completedLast90Days + next.lessonsNeeded : 0;
  return (
    <Card
      id="fee-tier"
      title="Platform fee"
      description="Your fee drops as you teach more: 15 % → 12 % → 10 % by lessons completed in the last 90 days."
    >
      <div className="space-y-4">
        <p className="text-lg text-slate-900">
          You pay <strong className="text-2xl">{tier.percent} %</strong>
          {tier.founding && <span className="text-slate-600"> — founding instructor rate, for life.</span>}
        </p>
        {tier.founding ? (
          <p className="text-sm text-slate-600">
            As a founding instructor you keep the 8 % rate however many lessons you teach.
          </p>
        ) : next ? (
          <div className="space-y-2">
            <p className="text-sm text-slate-700">
              Complete <strong>{next.lessonsNeeded}</strong> more {next.lessonsNeeded === 1 ? "lesson" : "lessons"} in
              90 days to drop to <strong>{next.percent} %</strong>.
            </p>
            <div
              role="progressbar"
              aria-label={`Progress to the ${next.percent} % tier`}
              aria-valuemin={0}
              aria-valuemax={goal}
              aria-valuenow={tier.completedLast90Days}
              aria-valuetext={`${tier.completedLast90Days} of ${goal} lessons`}
              className="h-2.5 overflow-hidden rounded-full bg-slate-100"
            >
              <div
                className="h-full rounded-full bg-brand-600"
                style={{ width: `${goal ? Math.min(100, (tier.completedLast90Days / goal) * 100) : 0}%` }}
              />
            </div>
            <p className="text-xs text-slate-500">
              {tier.completedLast90Days} of {goal} lessons completed in the last 90 days
            </p>
          </div>
        ) : (
          <p className="text-sm text-slate-700">
            You&apos;re on the lowest tier. Keep teaching {tier.completedLast90Days} or more lessons every 90 days to
            stay here.
          </p>
        )}
      </div>
    </Card>
  );
}

function EarningsChart({ weeks }: { weeks: Status["earnings"]["weeks"] }) {
  const data = weeks.map((w) => ({
    week: weekLabel(w.weekStart),
    weekStart: w.weekStart,
    pending: w.pendingCents / 100,
    paid: w.paidCents / 100,
  }));
  const paid = weeks.reduce((a, w) => a + w.paidCents, 0);
  const pending = weeks.reduce((a, w) => a + w.pendingCents, 0);
  const summary =
    weeks.length === 0
      ? "No earnings in this period."
      : `Earnings per week from ${weekLabel(weeks[0]!.weekStart)} to ${weekLabel(weeks[weeks.length - 1]!.weekStart)}: ${formatMoney(paid)} paid out, ${formatMoney(pending)} upcoming or pending.`;
  return (
    <Card
      id="earnings-chart"
      title="Earnings by week"
      description="The last 12 weeks and the next 4: what's paid out and what's still to come."
    >
      <figure>
        <figcaption id="earnings-chart-summary" className="text-sm text-slate-700">
          {summary}
        </figcaption>
        {paid + pending === 0 ? (
          <p className="mt-4 rounded-xl border border-dashed border-slate-300 bg-slate-50 px-5 py-8 text-center text-sm text-slate-600">
            No earnings yet. Lessons you teach show up here as soon as they&apos;re booked.
          </p>
        ) : (
          <div className="mt-4" aria-hidden="true">
            <BarChart
              responsive
              style={{ width: "100%", height: 260 }}
              data={data}
              margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
              accessibilityLayer={false}
            >
              <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
              <XAxis
                dataKey="week"
                tick={{ fontSize: 12, fill: "#64748b" }}
                tickLine={false}
                axisLine={{ stroke: "#cbd5e1" }}
                interval="preserveStartEnd"
                minTickGap={12}
              />
              <YAxis
                tick={{ fontSize: 12, fill: "#64748b" }}
                tickLine={false}
                axisLine={false}
                width={48}
                tickFormatter={(v: number) => `$${v}`}
              />
              <Tooltip formatter={(v) => formatMoney(Math.round(Number(v) * 100))} cursor={{ fill: "#f1f5f9" }} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar dataKey="paid" name="Paid" stackId="e" fill="var(--color-brand-600)" radius={[0, 0, 0, 0]} />
              <Bar
                dataKey="pending"
                name="Upcoming / pending"
                stackId="e"
                fill="var(--color-brand-300)"
                radius={[4, 4, 0, 0]}
              />
            </BarChart>
          </div>
        )}
        {weeks.length > 0 && (
          <details className="mt-4 text-sm">
            <summary className="cursor-pointer font-medium text-brand-700 hover:text-brand-800">
              Weekly figures as a table
            </summary>
            <div className="mt-2 relative overflow-x-auto">
              <table className="w-full min-w-[20rem] text-left">
                <caption className="sr-only">Earnings per week</caption>
                <thead className="border-b border-slate-200 text-xs text-slate-500">
                  <tr>
                    <th scope="col" className="px-2 py-1.5 font-medium">
                      Week of
                    </th>
                    <th scope="col" className="px-2 py-1.5 text-right font-medium">
                      Paid
                    </th>
                    <th scope="col" className="px-2 py-1.5 text-right font-medium">
                      Upcoming / pending
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {weeks.map((w) => (
                    <tr key={w.weekStart}>
                      <th scope="row" className="px-2 py-1.5 font-normal">
                        {weekLabel(w.weekStart)}
                      </th>
                      <td className="px-2 py-1.5 text-right tabular-nums">{formatMoney(w.paidCents)}</td>
                      <td className="px-2 py-1.5 text-right tabular-nums">{formatMoney(w.pendingCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        )}
      </figure>
    </Card>
  );
}

function EarningsTable({ items, zone }: { items: Status["earnings"]["items"]; zone: string }) {
  return (
    <Card
      id="earnings"
      title="Earnings by lesson"
      description="Your share is the lesson price minus the platform fee. Paid out after each lesson is charged."
    >
      {items.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-slate-50 px-5 py-8 text-center">
          <p className="font-semibold text-slate-900">No earnings yet</p>
          <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
            Keep your availability open so students can book you.
          </p>
          <ButtonLink href="/instructor/availability" variant="outline" size="sm" className="mt-4">
            Edit availability
          </ButtonLink>
        </div>
      ) : (
        <div className="-mx-5 relative overflow-x-auto sm:-mx-6">
          <table className="w-full min-w-[44rem] text-left text-sm" aria-labelledby="earnings-title">
            <thead className="border-b border-slate-200 text-xs text-slate-500">
              <tr>
                {["Date", "Subject", "Student", "Price", "Fee", "Your share", "Status"].map((h, i) => (
                  <th
                    key={h}
                    scope="col"
                    className={`px-3 py-2 font-medium first:pl-5 last:pr-5 sm:first:pl-6 sm:last:pr-6 ${i >= 3 && i <= 5 ? "text-right" : ""}`}
                  >
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((r) => (
                <tr key={r.bookingId}>
                  <td className="px-3 py-2.5 pl-5 whitespace-nowrap sm:pl-6">
                    <Link href={`/lessons/${r.bookingId}`} className="font-medium text-slate-900 hover:text-brand-700">
                      {fmtDayShort(r.lessonStartAt, zone)}
                    </Link>
                  </td>
                  <td className="px-3 py-2.5">{r.subjectName}</td>
                  <td className="px-3 py-2.5 whitespace-nowrap">{r.studentName}</td>
                  <td className="px-3 py-2.5 text-right tabular-nums">{formatMoney(r.lessonPriceCents)}</td>
                  <td className="px-3 py-2.5 text-right text-slate-600 tabular-nums">
                    −{formatMoney(r.platformFeeCents)}
                  </td>
                  <td className="px-3 py-2.5 text-right font-semibold tabular-nums">
                    {formatMoney(r.instructorShareCents)}
                  </td>
                  <td className="px-3 py-2.5 pr-5 sm:pr-6">
                    <Badge tone={PAYOUT_STATE_TONE[r.state]}>{PAYOUT_STATE_LABEL[r.state]}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
