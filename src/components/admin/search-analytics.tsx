"use client";

import { useState } from "react";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { fmtDateTime } from "~/components/time/format";
import { api } from "~/trpc/react";

const pct = (n: number) => `${(n * 100).toFixed(n > 0 && n < 0.1 ? 1 : 0)}%`;

/** Search analytics for admins: totals, a daily zero-result-rate bar chart, top and zero-result queries. */
export function SearchAnalyticsView({ timeZone }: { timeZone: string }) {
  const [days, setDays] = useState(30);
  const data = api.admin.searchAnalytics.useQuery({ days, limit: 20 }, { refetchOnWindowFocus: false });

  return (
    <div className="mt-6 space-y-6">
      <label className="flex items-center gap-2 text-sm text-slate-700">
        Period
        <select
          value={days}
          onChange={(e) => setDays(Number(e.target.value))}
          className="h-9 rounded-lg border border-slate-300 bg-white px-2 text-sm"
        >
          {[7, 30, 90].map((d) => (
            <option key={d} value={d}>
              Last {d} days
            </option>
          ))}
        </select>
      </label>
      {data.isError && <Alert tone="error">{data.error.message}</Alert>}
      {data.isPending && (
        <div aria-busy="true" aria-label="Loading" className="h-80 animate-pulse rounded-2xl bg-slate-100" />
      )}
      {data.data && (
        <>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
            {[
              ["Searches", data.data.totals.searches.toLocaleString("en-US")],
              ["Zero results", data.data.totals.zeroResults.toLocaleString("en-US")],
              ["Zero-result rate", pct(data.data.totals.zeroResultRate)],
              ["Clicks", data.data.totals.clicks.toLocaleString("en-US")],
              ["Degraded", data.data.totals.degraded.toLocaleString("en-US")],
            ].map(([k, v]) => (
              <div key={k} className="rounded-2xl border border-slate-200 bg-white p-4 shadow-card">
                <dt className="text-xs text-slate-500">{k}</dt>
                <dd className="mt-1 text-2xl font-bold text-slate-900">{v}</dd>
              </div>
            ))}
          </dl>

          <section aria-labelledby="an-daily" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-card">
            <h2 id="an-daily" className="text-base font-semibold text-slate-900">
              Zero-result rate per day
            </h2>
            {data.data.perDay.length ? (
              <div className="mt-4 flex h-40 items-end gap-1" role="list" aria-label="Zero-result rate per day">
                {data.data.perDay.map((d) => (
                  <div
                    key={d.date}
                    role="listitem"
                    aria-label={`${d.date}: ${pct(d.zeroResultRate)} of ${d.searches} searches`}
                    title={`${d.date}: ${pct(d.zeroResultRate)} of ${d.searches} searches, avg ${d.avgMs} ms`}
                    className="flex h-full min-w-1 flex-1 flex-col justify-end rounded-t bg-slate-50"
                  >
                    <div
                      className="rounded-t bg-rose-400"
                      style={{ height: `${Math.max(d.searches ? 2 : 0, d.zeroResultRate * 100)}%` }}
                    />
                  </div>
                ))}
              </div>
            ) : (
              <p className="mt-3 text-sm text-slate-500">No searches in this period.</p>
            )}
          </section>

          <div className="grid gap-6 lg:grid-cols-2">
            <section aria-labelledby="an-top" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-card">
              <h2 id="an-top" className="text-base font-semibold text-slate-900">
                Top queries
              </h2>
              <table className="mt-3 w-full text-left text-sm" aria-labelledby="an-top">
                <thead className="text-xs text-slate-500">
                  <tr>
                    <th className="py-1 font-medium">Query</th>
                    <th className="py-1 text-right font-medium">Searches</th>
                    <th className="py-1 text-right font-medium">Avg results</th>
                    <th className="py-1 text-right font-medium">CTR</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {data.data.topQueries.map((r) => (
                    <tr key={r.normalised}>
                      <td className="py-1.5">{r.normalised}</td>
                      <td className="py-1.5 text-right tabular-nums">{r.searches}</td>
                      <td className="py-1.5 text-right tabular-nums">{r.avgResults.toFixed(1)}</td>
                      <td className="py-1.5 text-right tabular-nums">{pct(r.clickThroughRate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {data.data.topQueries.length === 0 && <p className="py-3 text-sm text-slate-500">No searches yet.</p>}
            </section>

            <section aria-labelledby="an-zero" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-card">
              <h2 id="an-zero" className="text-base font-semibold text-slate-900">
                Zero-result queries
              </h2>
              <table className="mt-3 w-full text-left text-sm" aria-labelledby="an-zero">
                <thead className="text-xs text-slate-500">
                  <tr>
                    <th className="py-1 font-medium">Query</th>
                    <th className="py-1 text-right font-medium">Searches</th>
                    <th className="py-1 text-right font-medium">Last</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {data.data.zeroResultQueries.map((r) => (
                    <tr key={r.normalised}>
                      <td className="py-1.5">{r.normalised}</td>
                      <td className="py-1.5 text-right tabular-nums">{r.searches}</td>
                      <td className="py-1.5 text-right text-slate-600">{fmtDateTime(r.lastSearchedAt, timeZone)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {data.data.zeroResultQueries.length === 0 && (
                <p className="py-3 text-sm text-slate-500">None — every search found someone.</p>
              )}
            </section>
          </div>

          <LearnedAliases timeZone={timeZone} />
        </>
      )}
    </div>
  );
}

/** Place aliases learned from result clicks, with how many distinct clients taught each; wrong ones can be removed. */
function LearnedAliases({ timeZone }: { timeZone: string }) {
  const utils = api.useUtils();
  const list = api.admin.searchAliases.list.useQuery(undefined, { refetchOnWindowFocus: false });
  const remove = api.admin.searchAliases.remove.useMutation({
    onSuccess: () =>
      Promise.all([utils.admin.searchAliases.list.invalidate(), utils.admin.searchAnalytics.invalidate()]),
  });
  return (
    <section aria-labelledby="an-alias" className="rounded-2xl border border-slate-200 bg-white p-5 shadow-card">
      <h2 id="an-alias" className="text-base font-semibold text-slate-900">
        Learned place aliases
      </h2>
      {list.isError && <Alert tone="error">{list.error.message}</Alert>}
      {remove.isError && <Alert tone="error">{remove.error.message}</Alert>}
      {list.data && list.data.aliases.length === 0 && <p className="py-3 text-sm text-slate-500">None learned yet.</p>}
      {list.data && list.data.aliases.length > 0 && (
        <table className="mt-3 w-full text-left text-sm" aria-labelledby="an-alias">
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-1 font-medium">Phrase</th>
              <th className="py-1 font-medium">Place</th>
              <th className="py-1 text-right font-medium">Clients</th>
              <th className="py-1 pl-3 font-medium">Taught by</th>
              <th className="py-1 text-right font-medium">Learned</th>
              <th className="py-1">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {list.data.aliases.map((a) => (
              <tr key={a.alias}>
                <td className="py-1.5">“{a.alias}”</td>
                <td className="py-1.5">{a.regionName}</td>
                <td className="py-1.5 text-right tabular-nums">{a.clients}</td>
                <td className="py-1.5 pl-3 text-slate-700">
                  {a.taughtBy.length > 0 ? a.taughtBy.map((t) => t.name).join(", ") : "anonymous visitors"}
                  {a.clients > a.taughtBy.length && a.taughtBy.length > 0
                    ? ` + ${a.clients - a.taughtBy.length} anonymous`
                    : ""}
                </td>
                <td className="py-1.5 text-right text-slate-600">{fmtDateTime(a.createdAt, timeZone)}</td>
                <td className="py-1.5 text-right">
                  <Button
                    size="sm"
                    variant="secondary"
                    aria-label={`Remove alias ${a.alias}`}
                    loading={remove.isPending && remove.variables?.alias === a.alias}
                    onClick={() => remove.mutate({ alias: a.alias })}
                  >
                    Remove
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
