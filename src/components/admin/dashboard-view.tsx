"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { useState, type ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { formatMoney } from "~/components/time/format";
import type { AppRouter } from "~/server/api/root";
import { api } from "~/trpc/react";

type Dashboard = inferRouterOutputs<AppRouter>["admin"]["dashboard"];

const RANGES = [7, 30, 90] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** "2026-11-03" → "Nov 3" (a calendar date: no zone involved). */
const dayLabel = (iso: string) => `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${Number(iso.slice(8, 10))}`;
const pct = (r: number) => `${(r * 100).toFixed(r > 0 && r < 0.1 ? 1 : 0)}%`;
const int = (n: number) => n.toLocaleString("en-US");
const AXIS = { tick: { fontSize: 12, fill: "#64748b" }, tickLine: false } as const;

/** The admin dashboard: a range picker, headline figures and five charts, each with a caption and a table. */
export function DashboardView() {
  const [days, setDays] = useState<(typeof RANGES)[number]>(30);
  const q = api.admin.dashboard.useQuery({ days }, { refetchOnWindowFocus: false, placeholderData: (p) => p });

  return (
    <section aria-labelledby="dash-title" className="mt-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="dash-title" className="text-lg font-semibold text-slate-900">
          Marketplace activity
        </h2>
        <div role="group" aria-label="Period" className="inline-flex rounded-lg border border-slate-300 bg-white p-0.5">
          {RANGES.map((d) => (
            <button
              key={d}
              type="button"
              aria-pressed={days === d}
              onClick={() => setDays(d)}
              className={cn(
                "rounded-md px-3 py-1.5 text-sm font-medium focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none",
                days === d ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100",
              )}
            >
              {d} days
            </button>
          ))}
        </div>
      </div>
      {q.data && (
        <p className="mt-1 text-sm text-slate-600">
          Last {q.data.days} days ({dayLabel(q.data.series[0]?.date ?? "")} –{" "}
          {dayLabel(q.data.series.at(-1)?.date ?? "")}
          ), days in {q.data.timeZone.replace(/_/g, " ")}.
        </p>
      )}

      {q.isError && (
        <Alert tone="error" className="mt-4" title="Couldn't load the dashboard">
          {q.error.message}{" "}
          <Button variant="outline" size="sm" className="ml-2" onClick={() => void q.refetch()}>
            Try again
          </Button>
        </Alert>
      )}
      {q.isPending && (
        <div aria-busy="true" aria-label="Loading dashboard" className="mt-4 space-y-4">
          <div className="grid grid-cols-2 gap-3 lg:grid-cols-3 xl:grid-cols-6">
            {[0, 1, 2, 3, 4, 5].map((i) => (
              <div key={i} className="h-24 animate-pulse rounded-2xl bg-slate-100" />
            ))}
          </div>
          <div className="grid gap-4 xl:grid-cols-2">
            {[0, 1].map((i) => (
              <div key={i} className="h-72 animate-pulse rounded-2xl bg-slate-100" />
            ))}
          </div>
        </div>
      )}
      {q.data && <DashboardBody data={q.data} stale={q.isFetching} />}
    </section>
  );
}

function DashboardBody({ data, stale }: { data: Dashboard; stale: boolean }) {
  const t = data.totals;
  const series = data.series.map((d) => ({
    ...d,
    label: dayLabel(d.date),
    gmv: d.gmvCents / 100,
    revenue: d.platformRevenueCents / 100,
    cancellationRate: d.bookings ? d.cancelled / d.bookings : 0,
    zeroRate: d.searches ? d.zeroResults / d.searches : 0,
  }));
  const empty = (n: number) => n === 0;
  return (
    <div aria-busy={stale} className={cn("mt-4 space-y-4 transition-opacity", stale && "opacity-70")}>
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-3 xl:grid-cols-6">
        {(
          [
            ["Bookings", int(t.bookings)],
            ["GMV", formatMoney(t.gmvCents)],
            ["Platform revenue", formatMoney(t.platformRevenueCents)],
            ["New users", int(t.newUsers)],
            ["Cancellation rate", pct(t.cancellationRate)],
            ["Zero-result searches", pct(t.zeroResultRate)],
          ] as const
        ).map(([k, v]) => (
          <div key={k} className="rounded-2xl border border-slate-200 bg-white p-4 shadow-card">
            <dt className="text-xs text-slate-500">{k}</dt>
            <dd className="mt-1 text-2xl font-bold tracking-tight text-slate-900">{v}</dd>
          </div>
        ))}
      </dl>

      <div className="grid gap-4 xl:grid-cols-2">
        <ChartCard
          id="chart-bookings"
          title="Bookings per day"
          summary={`${int(t.bookings)} bookings made in the last ${data.days} days, ${int(t.cancelled)} of them cancelled.`}
          isEmpty={empty(t.bookings)}
          emptyText="No bookings in this period."
          table={{
            columns: ["Day", "Bookings", "Cancelled"],
            rows: data.series.map((d) => [dayLabel(d.date), int(d.bookings), int(d.cancelled)]),
          }}
        >
          <BarChart responsive style={{ width: "100%", height: 240 }} data={series} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" {...AXIS} interval="preserveStartEnd" minTickGap={16} />
            <YAxis {...AXIS} axisLine={false} width={36} allowDecimals={false} />
            <Tooltip cursor={{ fill: "#f1f5f9" }} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="bookings" name="Bookings" fill="var(--color-brand-600)" radius={[3, 3, 0, 0]} />
            <Bar dataKey="cancelled" name="Cancelled" fill="#f59e0b" radius={[3, 3, 0, 0]} />
          </BarChart>
        </ChartCard>

        <ChartCard
          id="chart-money"
          title="GMV and platform revenue"
          summary={`GMV ${formatMoney(t.gmvCents)} (card and credit captured), platform revenue ${formatMoney(t.platformRevenueCents)} after fee reversals, refunds ${formatMoney(t.refundsCents)}.`}
          isEmpty={empty(t.gmvCents) && empty(t.platformRevenueCents) && empty(t.refundsCents)}
          emptyText="No money moved in this period."
          table={{
            columns: ["Day", "GMV", "Platform revenue", "Refunds"],
            rows: data.series.map((d) => [
              dayLabel(d.date),
              formatMoney(d.gmvCents),
              formatMoney(d.platformRevenueCents),
              formatMoney(d.refundsCents),
            ]),
          }}
        >
          <LineChart responsive style={{ width: "100%", height: 240 }} data={series} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" {...AXIS} interval="preserveStartEnd" minTickGap={16} />
            <YAxis {...AXIS} axisLine={false} width={52} tickFormatter={(v: number) => `$${v}`} />
            <Tooltip formatter={(v) => formatMoney(Math.round(Number(v) * 100))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Line
              type="monotone"
              dataKey="gmv"
              name="GMV"
              stroke="var(--color-brand-600)"
              strokeWidth={2}
              dot={false}
            />
            <Line
              type="monotone"
              dataKey="revenue"
              name="Platform revenue"
              stroke="#0f766e"
              strokeWidth={2}
              dot={false}
            />
          </LineChart>
        </ChartCard>

        <ChartCard
          id="chart-users"
          title="New users per role"
          summary={`${int(t.newUsers)} new accounts: ${int(t.newStudents)} students, ${int(t.newInstructors)} instructors, ${int(t.newAdmins)} admins.`}
          isEmpty={empty(t.newUsers)}
          emptyText="No new accounts in this period."
          table={{
            columns: ["Day", "Students", "Instructors", "Admins"],
            rows: data.series.map((d) => [
              dayLabel(d.date),
              int(d.newStudents),
              int(d.newInstructors),
              int(d.newAdmins),
            ]),
          }}
        >
          <BarChart responsive style={{ width: "100%", height: 240 }} data={series} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" {...AXIS} interval="preserveStartEnd" minTickGap={16} />
            <YAxis {...AXIS} axisLine={false} width={36} allowDecimals={false} />
            <Tooltip cursor={{ fill: "#f1f5f9" }} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="newStudents" name="Students" stackId="u" fill="var(--color-brand-600)" />
            <Bar dataKey="newInstructors" name="Instructors" stackId="u" fill="#0f766e" />
            <Bar dataKey="newAdmins" name="Admins" stackId="u" fill="#64748b" radius={[3, 3, 0, 0]} />
          </BarChart>
        </ChartCard>

        <ChartCard
          id="chart-rates"
          title="Cancellation and zero-result rates"
          summary={`Cancellation rate ${pct(t.cancellationRate)} of ${int(t.bookings)} bookings made; zero-result rate ${pct(t.zeroResultRate)} of ${int(t.searches)} searches.`}
          isEmpty={empty(t.bookings) && empty(t.searches)}
          emptyText="No bookings or searches in this period."
          table={{
            columns: ["Day", "Cancelled / booked", "Zero results / searches"],
            rows: data.series.map((d) => [
              dayLabel(d.date),
              d.bookings ? `${int(d.cancelled)} / ${int(d.bookings)} (${pct(d.cancelled / d.bookings)})` : "—",
              d.searches ? `${int(d.zeroResults)} / ${int(d.searches)} (${pct(d.zeroResults / d.searches)})` : "—",
            ]),
          }}
        >
          <LineChart responsive style={{ width: "100%", height: 240 }} data={series} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" {...AXIS} interval="preserveStartEnd" minTickGap={16} />
            <YAxis {...AXIS} axisLine={false} width={44} domain={[0, 1]} tickFormatter={(v: number) => pct(v)} />
            <Tooltip formatter={(v) => pct(Number(v))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Line
              type="monotone"
              dataKey="cancellationRate"
              name="Cancellation rate"
              stroke="#f59e0b"
              strokeWidth={2}
              dot={false}
            />
            <Line
              type="monotone"
              dataKey="zeroRate"
              name="Zero-result rate"
              stroke="#dc2626"
              strokeWidth={2}
              dot={false}
            />
          </LineChart>
        </ChartCard>
      </div>
    </div>
  );
}

/** A chart with its caption (the accessible summary), an empty state and the same figures as a table. */
function ChartCard({
  id,
  title,
  summary,
  isEmpty,
  emptyText,
  table,
  children,
}: {
  id: string;
  title: string;
  summary: string;
  isEmpty: boolean;
  emptyText: string;
  table: { columns: string[]; rows: (string | number)[][] };
  children: ReactNode;
}) {
  return (
    <figure
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-summary`}
      className="min-w-0 rounded-2xl border border-slate-200 bg-white p-5 shadow-card"
    >
      <h3 id={`${id}-title`} className="text-base font-semibold text-slate-900">
        {title}
      </h3>
      <figcaption id={`${id}-summary`} className="mt-1 text-sm text-slate-600">
        {summary}
      </figcaption>
      {isEmpty ? (
        <p className="mt-4 rounded-xl border border-dashed border-slate-300 bg-slate-50 px-5 py-10 text-center text-sm text-slate-600">
          {emptyText}
        </p>
      ) : (
        <div className="mt-4" aria-hidden="true" data-chart={id}>
          {children}
        </div>
      )}
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer font-medium text-brand-700 hover:text-brand-800">{title} as a table</summary>
        <div className="mt-2 max-h-72 overflow-auto">
          <table className="w-full text-left">
            <caption className="sr-only">{title}</caption>
            <thead className="sticky top-0 border-b border-slate-200 bg-white text-xs text-slate-500">
              <tr>
                {table.columns.map((c) => (
                  <th key={c} scope="col" className="px-2 py-1.5 font-medium">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {table.rows.map((r) => (
                <tr key={String(r[0])}>
                  {r.map((cell, i) =>
                    i === 0 ? (
                      <th key={i} scope="row" className="px-2 py-1.5 font-normal text-slate-700">
                        {cell}
                      </th>
                    ) : (
                      <td key={i} className="px-2 py-1.5 text-slate-900 tabular-nums">
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
