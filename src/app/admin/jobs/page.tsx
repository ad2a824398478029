import type { Metadata } from "next";
import { DataTable, FilterBar, FilterSelect, PagePager, Td, Th, tableParams } from "~/components/admin/data-table";
import { adminGate } from "~/components/admin/admin-gate";
import { JOB_STATUSES, dateTimeIn, label, oneOf, pageOf } from "~/components/admin/ops/format";
import { OpsAction } from "~/components/admin/ops/ops-action";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Jobs · Admin" };
const BASE = "/admin/jobs";
const PAGE_SIZE = 25;
const TONE = {
  failed: "danger",
  running: "brand",
  queued: "warning",
  sleeping: "neutral",
  completed: "success",
  cancelled: "neutral",
} as const;

/** Background runs of the durable runner: what ran, what failed (and why), and a retry for failed runs. */
export default async function AdminJobsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const gate = await adminGate(BASE, "admin:jobs", "Jobs");
  if (!gate.me) return gate.blocked;
  const params = tableParams(await searchParams);
  const status = oneOf(JOB_STATUSES, params.status);
  const page = pageOf(params.page);
  const fmt = dateTimeIn(gate.me.timeZone);
  const jobs = await (await serverApi()).admin.jobs.list({ status, page, pageSize: PAGE_SIZE }).catch(() => null);

  return (
    <div className="mx-auto w-full max-w-7xl px-4 py-10 sm:px-6 lg:px-8">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Background jobs</h1>
      <p className="mt-1 text-slate-600">Recent runs of payment, notification and booking flows.</p>
      {!jobs ? (
        <Alert tone="error" className="mt-6">
          Couldn&apos;t load the runs. Reload to try again.
        </Alert>
      ) : (
        <>
          {jobs.runner === "inngest" && (
            <Alert tone="info" className="mt-6">
              Jobs run on Inngest here: their runs are in the Inngest dashboard, not in this database.
            </Alert>
          )}
          <dl className="mt-6 flex flex-wrap gap-3">
            {JOB_STATUSES.map((s) => (
              <div key={s} className="min-w-28 rounded-xl border border-slate-200 bg-white px-4 py-3">
                <dt className="text-xs text-slate-600 capitalize">{s}</dt>
                <dd
                  className={
                    s === "failed" && (jobs.counts[s] ?? 0) > 0 ? "text-xl font-bold text-red-700" : "text-xl font-bold"
                  }
                >
                  {jobs.counts[s] ?? 0}
                </dd>
              </div>
            ))}
          </dl>
          <div className="mt-6">
            <FilterBar action={BASE} label="Filter runs" resetHref={BASE}>
              <FilterSelect
                name="status"
                label="Status"
                defaultValue={status}
                options={JOB_STATUSES.map((s) => [s, label(s)] as const)}
              />
            </FilterBar>
          </div>
          <div className="mt-6">
            <DataTable
              caption="Job runs, most recently changed first"
              isEmpty={jobs.items.length === 0}
              empty="No runs here."
              head={
                <>
                  <Th>Function</Th>
                  <Th>Event</Th>
                  <Th>Status</Th>
                  <Th>Attempts</Th>
                  <Th>Updated</Th>
                  <Th>Error</Th>
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                </>
              }
            >
              {jobs.items.map((r) => (
                <tr key={r.id}>
                  <Td className="font-mono text-xs">{r.functionId}</Td>
                  <Td className="font-mono text-xs">{r.eventName}</Td>
                  <Td>
                    <Badge tone={TONE[r.status]}>{r.status}</Badge>
                  </Td>
                  <Td className="tabular-nums">
                    {r.attempt}/{r.maxAttempts} · {r.steps} steps
                  </Td>
                  <Td className="whitespace-nowrap">{fmt(r.updatedAt)}</Td>
                  <Td className="max-w-72 text-xs break-words text-red-700">{r.lastError ?? ""}</Td>
                  <Td>
                    {r.status === "failed" && (
                      <OpsAction
                        spec={{ kind: "retryJob", runId: r.id }}
                        label="Retry"
                        title="Run this job again?"
                        description="It resumes at the step that failed; completed steps are not repeated."
                        reason="none"
                      />
                    )}
                  </Td>
                </tr>
              ))}
            </DataTable>
            <PagePager
              basePath={BASE}
              params={params}
              page={page}
              pageSize={PAGE_SIZE}
              total={(page - 1) * PAGE_SIZE + jobs.items.length + (jobs.hasMore ? 1 : 0)}
            />
          </div>
        </>
      )}
    </div>
  );
}
