import type { Metadata } from "next";
import { FilterBar, FilterSelect, PagePager, tableParams } from "~/components/admin/data-table";
import { adminGate } from "~/components/admin/admin-gate";
import { REPORT_STATUSES, dateTimeIn, label, oneOf, pageOf } from "~/components/admin/ops/format";
import { OpsAction } from "~/components/admin/ops/ops-action";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Moderation · Admin" };
const BASE = "/admin/moderation";
const PAGE_SIZE = 20;

/** Reported messages and reviews, open first: hide, dismiss, warn or suspend the author. */
export default async function AdminModerationPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const gate = await adminGate(BASE, "admin:moderation", "Moderation");
  if (!gate.me) return gate.blocked;
  const params = tableParams(await searchParams);
  const status = oneOf(REPORT_STATUSES, params.status);
  const page = pageOf(params.page);
  const fmt = dateTimeIn(gate.me.timeZone);
  const queue = await (
    await serverApi()
  ).admin.moderation
    .queue({ status, page, pageSize: PAGE_SIZE })
    .catch(() => null);

  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10 sm:px-6 lg:px-8">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Moderation</h1>
      <p className="mt-1 text-slate-600">
        What users reported. Each decision closes every open report of the same thing.
      </p>
      <div className="mt-6">
        <FilterBar action={BASE} label="Filter reports" resetHref={BASE}>
          <FilterSelect
            name="status"
            label="Status"
            defaultValue={status}
            options={REPORT_STATUSES.map((s) => [s, label(s)] as const)}
          />
        </FilterBar>
      </div>
      {!queue ? (
        <Alert tone="error" className="mt-6">
          Couldn&apos;t load the reports. Reload to try again.
        </Alert>
      ) : queue.items.length === 0 ? (
        <p
          role="status"
          className="mt-6 rounded-xl border border-dashed border-slate-300 px-4 py-10 text-center text-sm text-slate-600"
        >
          No reports{status ? ` marked ${label(status)}` : ""}.
        </p>
      ) : (
        <>
          <ul className="mt-6 space-y-4" aria-label="Reports">
            {queue.items.map((r) => (
              <li key={r.id} className="rounded-2xl border border-slate-200 bg-white p-5">
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  <Badge tone={r.status === "open" ? "warning" : "neutral"}>{label(r.status)}</Badge>
                  <span className="font-semibold text-slate-900">
                    Reported {r.targetType}
                    {r.rating !== null ? ` (${r.rating}★)` : ""}
                  </span>
                  <span className="text-slate-500">
                    by {r.reporterName} · <time dateTime={r.createdAt.toISOString()}>{fmt(r.createdAt)}</time>
                  </span>
                  {r.hidden && <Badge tone="danger">hidden</Badge>}
                </div>
                <blockquote className="mt-3 rounded-lg bg-slate-50 px-4 py-3 text-sm break-words whitespace-pre-wrap text-slate-800">
                  {r.content ?? <em className="text-slate-500">(no longer available)</em>}
                </blockquote>
                <p className="mt-2 text-sm text-slate-700">
                  <span className="font-medium">Reason:</span> {r.reason}
                </p>
                <p className="mt-1 text-sm text-slate-600">
                  Author: {r.authorName ?? "deleted account"}
                  {r.authorStatus && r.authorStatus !== "active" ? ` (${r.authorStatus})` : ""}
                </p>
                {r.status === "open" && (
                  <div className="mt-4 flex flex-wrap gap-2">
                    <OpsAction
                      spec={{ kind: "resolve", reportId: r.id, action: "hide" }}
                      label={`Hide ${r.targetType}`}
                      title={`Hide this ${r.targetType}?`}
                      description={
                        r.targetType === "message"
                          ? "Both participants will see “Message removed by moderator”."
                          : "The review disappears from the instructor's profile."
                      }
                      variant="danger"
                    />
                    <OpsAction
                      spec={{ kind: "resolve", reportId: r.id, action: "dismiss" }}
                      label="Dismiss"
                      title="Dismiss this report?"
                      description="Nothing changes for the author."
                    />
                    <OpsAction
                      spec={{ kind: "resolve", reportId: r.id, action: "warn" }}
                      label="Warn author"
                      title="Warn the author?"
                      description="They get a notification that this broke the guidelines (your note is included)."
                    />
                    <OpsAction
                      spec={{ kind: "resolve", reportId: r.id, action: "suspend" }}
                      label="Suspend author"
                      title="Suspend the author's account?"
                      description="They are signed out everywhere and can't sign in until an admin lifts it."
                      reason="required"
                      variant="danger"
                    />
                  </div>
                )}
              </li>
            ))}
          </ul>
          <PagePager basePath={BASE} params={params} page={page} pageSize={PAGE_SIZE} total={queue.total} />
        </>
      )}
    </div>
  );
}
