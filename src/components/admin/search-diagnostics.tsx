"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { formatMoney } from "~/components/time/format";
import { useViewerZone } from "~/components/time/use-viewer-zone";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";
import { api, type RouterOutputs } from "~/trpc/react";

type Report = RouterOutputs["admin"]["runSearchDiagnostics"];
type Status = Report["diagnostics"]["stages"][number]["status"];

const STATUS_BAR: Record<Status, string> = {
  ok: "bg-brand-600",
  hit: "bg-emerald-500",
  cached: "bg-emerald-500",
  miss: "bg-slate-400",
  not_needed: "bg-slate-300",
  skipped: "bg-amber-400",
  timeout: "bg-red-500",
  error: "bg-red-600",
  unavailable: "bg-slate-300",
};
const STATUS_TONE: Record<Status, "neutral" | "success" | "warning" | "brand" | "danger"> = {
  ok: "brand",
  hit: "success",
  cached: "success",
  miss: "neutral",
  not_needed: "neutral",
  skipped: "warning",
  timeout: "danger",
  error: "danger",
  unavailable: "neutral",
};

const ms = (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`;
const pct = (n: number) => `${Math.round(n * 100)}%`;

/** The admin diagnostics screen: query box → the whole pipeline report. */
export function SearchDiagnostics({ initialQuery }: { initialQuery: string }) {
  const router = useRouter();
  const zone = useViewerZone(null);
  const [text, setText] = useState(initialQuery);
  const [q, setQ] = useState(initialQuery);
  const report = api.admin.runSearchDiagnostics.useQuery(
    { q, zone: zone ?? undefined },
    { enabled: q.length > 0 && zone !== null, staleTime: 0, gcTime: 0, refetchOnWindowFocus: false },
  );

  return (
    <div className="mt-6">
      <form
        role="search"
        aria-label="Diagnose a search"
        className="flex max-w-3xl gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const next = text.trim();
          if (!next) return;
          if (next === q) void report.refetch();
          setQ(next);
          router.replace(`/admin/nl-search?q=${encodeURIComponent(next)}`, { scroll: false });
        }}
      >
        <label htmlFor="diag-q" className="sr-only">
          Search query
        </label>
        <input
          id="diag-q"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="piano lessons in park slope under $80"
          className="h-11 min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-3.5 text-base text-slate-900 hover:border-slate-400 focus:border-brand-600 sm:text-sm"
        />
        <Button type="submit" loading={report.isFetching}>
          Run diagnostics
        </Button>
      </form>

      {report.isError && (
        <Alert tone="error" className="mt-6">
          {report.error.message}
        </Alert>
      )}
      {report.data && <ReportView r={report.data} />}
    </div>
  );
}

function Panel({
  id,
  title,
  children,
  className,
}: {
  id: string;
  title: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section
      aria-labelledby={id}
      className={cn("rounded-2xl border border-slate-200 bg-white p-5 shadow-card", className)}
    >
      <h2 id={id} className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      <div className="mt-4">{children}</div>
    </section>
  );
}

function ReportView({ r }: { r: Report }) {
  const d = r.diagnostics;
  const span = Math.max(d.totalMs, d.budget.totalMs, ...d.stages.map((s) => s.startMs + s.ms), 1);
  const used = Math.min(1, d.budget.usedMs / Math.max(1, d.budget.totalMs));
  const funnel: [string, number][] = [
    ["Text (lexical)", d.funnel.text],
    ["Vector", d.funnel.vector],
    ["Fused", d.funnel.fused],
    ["After filters", d.funnel.filtered],
    ["Availability checked", d.funnel.availabilityChecked],
    ["Available", d.funnel.available],
    ["Final", d.funnel.final],
  ];
  const funnelMax = Math.max(1, ...funnel.map(([, n]) => n));

  return (
    <div className="mt-6 grid gap-5 lg:grid-cols-2">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:col-span-2">
        {[
          ["Total", ms(d.totalMs)],
          ["Budget", `${ms(d.budget.usedMs)} / ${ms(d.budget.totalMs)}`],
          ["Results", `${r.total.value}${r.total.exact ? "" : "+"}`],
          ["Engines", `${d.engines.vector} · ${d.engines.embedder} · ${d.engines.llm}`],
        ].map(([k, v]) => (
          <div key={k} className="rounded-2xl border border-slate-200 bg-white p-4 shadow-card">
            <dt className="text-xs text-slate-500">{k}</dt>
            <dd className="mt-1 truncate font-semibold text-slate-900">{v}</dd>
          </div>
        ))}
      </dl>

      <Panel id="diag-timeline" title="Pipeline timeline" className="lg:col-span-2">
        <ol aria-label="Stages" className="space-y-1.5">
          {d.stages.map((s, i) => (
            <li
              key={`${s.stage}-${i}`}
              className="grid grid-cols-[9rem_1fr_4.5rem] items-center gap-3 text-sm sm:grid-cols-[12rem_1fr_5rem]"
            >
              <span className="truncate font-mono text-xs text-slate-700" title={s.detail}>
                {s.stage}
              </span>
              <span className="relative h-5 rounded bg-slate-50" aria-hidden="true">
                <span
                  className={cn("absolute inset-y-0 rounded", STATUS_BAR[s.status])}
                  style={{ left: `${(s.startMs / span) * 100}%`, width: `max(2px, ${(s.ms / span) * 100}%)` }}
                />
              </span>
              <span className="text-right tabular-nums text-slate-700">
                {ms(s.ms)}
                <span className="sr-only"> ({s.status})</span>
                {s.status !== "ok" && (
                  <span className="block text-[10px] text-slate-500 uppercase">{s.status.replace("_", " ")}</span>
                )}
              </span>
            </li>
          ))}
        </ol>
        <div className="mt-4 flex items-center gap-3 text-xs text-slate-600">
          <span className="w-36 sm:w-48">Budget used</span>
          <span
            className="relative h-2.5 flex-1 rounded-full bg-slate-100"
            role="img"
            aria-label={`Budget used ${pct(used)}`}
          >
            <span
              className={cn(
                "absolute inset-y-0 left-0 rounded-full",
                used > 0.9 ? "bg-red-500" : used > 0.6 ? "bg-amber-400" : "bg-emerald-500",
              )}
              style={{ width: pct(used) }}
            />
          </span>
          <span className="w-20 text-right tabular-nums">{pct(used)}</span>
        </div>
        <p className="mt-3 text-xs text-slate-600">
          Reserve {ms(d.budget.reserveMs)} · {d.budget.highLoad ? "high load budget" : "normal budget"} ·{" "}
          {d.cached ? "served from cache" : "uncached"} · parser {r.parsed.parser}
        </p>
        <div className="mt-3">
          <h3 className="text-sm font-medium text-slate-800">Skipped stages</h3>
          {r.skipped.length ? (
            <ul className="mt-1 flex flex-wrap gap-2">
              {r.skipped.map((s) => (
                <li key={s.stage}>
                  <Badge tone="warning">
                    {s.stage} · {s.reason.replace("_", " ")}
                  </Badge>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-sm text-slate-500">None</p>
          )}
        </div>
      </Panel>

      <Panel id="diag-location" title="Location tiers">
        {d.locationTiers.length ? (
          <table className="w-full text-left text-sm" aria-labelledby="diag-location">
            <thead className="text-xs text-slate-500">
              <tr>
                <th className="py-1 font-medium">Tier</th>
                <th className="py-1 font-medium">Term</th>
                <th className="py-1 font-medium">Status</th>
                <th className="py-1 font-medium">Result</th>
                <th className="py-1 text-right font-medium">Confidence</th>
                <th className="py-1 text-right font-medium">Time</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {d.locationTiers.map((t, i) => (
                <tr key={`${t.tier}-${i}`} title={t.detail}>
                  <td className="py-1.5 font-mono text-xs">{t.tier}</td>
                  <td className="py-1.5">{t.term ?? "—"}</td>
                  <td className="py-1.5">
                    <Badge tone={STATUS_TONE[t.status]}>{t.status.replace("_", " ")}</Badge>
                  </td>
                  <td className="py-1.5">{t.result?.name ?? "—"}</td>
                  <td className="py-1.5 text-right tabular-nums">
                    {t.confidence == null ? "—" : t.confidence.toFixed(2)}
                  </td>
                  <td className="py-1.5 text-right tabular-nums">{ms(t.ms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-slate-500">No place in the query.</p>
        )}
      </Panel>

      <Panel id="diag-funnel" title="Candidate funnel">
        <ol className="space-y-1.5">
          {funnel.map(([label, n]) => (
            <li key={label} className="grid grid-cols-[9rem_1fr_3rem] items-center gap-3 text-sm">
              <span className="text-slate-700">{label}</span>
              <span className="flex h-5 justify-center rounded bg-slate-50" aria-hidden="true">
                <span
                  className="h-full rounded bg-brand-500"
                  style={{ width: `max(2px, ${(n / funnelMax) * 100}%)` }}
                />
              </span>
              <span className="text-right tabular-nums font-semibold text-slate-900">{n}</span>
            </li>
          ))}
        </ol>
      </Panel>

      <Panel id="diag-parse" title="Parsed query" className="lg:col-span-2">
        <ul className="flex flex-wrap gap-2">
          {r.parsed.chips.length ? (
            r.parsed.chips.map((c) => (
              <li key={c.field}>
                <Badge tone="brand">
                  {c.field}: {c.label}
                </Badge>
              </li>
            ))
          ) : (
            <li className="text-sm text-slate-500">No fields recognised</li>
          )}
        </ul>
        <p className="mt-3 text-sm text-slate-600">
          Keywords: {r.parsed.keywords.join(", ") || "—"} · unsure fields: {r.parse.unsureFields.join(", ") || "none"} ·
          LLM: {r.parse.llm.status.replace("_", " ")}
        </p>
      </Panel>

      <Panel
        id="diag-results"
        title={`Results (${r.cards.length} shown, ${r.candidates.length} candidates scored)`}
        className="lg:col-span-2"
      >
        <div className="relative overflow-x-auto">
          <table className="w-full min-w-[44rem] text-left text-sm" aria-labelledby="diag-results">
            <thead className="text-xs text-slate-500">
              <tr>
                <th className="py-1 font-medium">#</th>
                <th className="py-1 font-medium">Instructor</th>
                <th className="py-1 text-right font-medium">Lexical</th>
                <th className="py-1 text-right font-medium">Vector</th>
                <th className="py-1 text-right font-medium">RRF</th>
                <th className="py-1 text-right font-medium">Score</th>
                <th className="py-1 text-right font-medium">From</th>
                <th className="py-1 pl-3 font-medium">Availability</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {r.candidates.slice(0, 50).map((c, i) => (
                <tr key={c.instructorId}>
                  <td className="py-1.5 tabular-nums text-slate-500">{i + 1}</td>
                  <td className="py-1.5">
                    <Link
                      href={`/instructors/${c.instructorId}`}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {c.name}
                    </Link>
                  </td>
                  <td className="py-1.5 text-right tabular-nums">{c.lexicalRank ?? "—"}</td>
                  <td className="py-1.5 text-right tabular-nums">{c.vectorRank ?? "—"}</td>
                  <td className="py-1.5 text-right tabular-nums">{c.rrf.toFixed(4)}</td>
                  <td
                    className="py-1.5 text-right tabular-nums"
                    title={Object.entries(c.signals)
                      .map(([k, v]) => `${k} ${v.toFixed(2)}`)
                      .join(" · ")}
                  >
                    {c.score.toFixed(3)}
                  </td>
                  <td className="py-1.5 text-right tabular-nums">
                    {formatMoney(c.priceFromCents, "USD", { whole: true })}
                  </td>
                  <td className="py-1.5 pl-3">{c.availability.replace("_", " ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.candidates.length === 0 && <p className="py-4 text-sm text-slate-500">No candidates.</p>}
        </div>
      </Panel>
    </div>
  );
}
