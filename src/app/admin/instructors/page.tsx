import type { Metadata } from "next";
import { FilterBar, FilterSelect, FilterText, PagePager, tableParams } from "~/components/admin/data-table";
import { adminGate } from "~/components/admin/admin-gate";
import { CHECK_STATUSES, dateTimeIn, label, oneOf, pageOf } from "~/components/admin/ops/format";
import { OpsAction } from "~/components/admin/ops/ops-action";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Instructors · Admin" };
const BASE = "/admin/instructors";
const PAGE_SIZE = 20;
const FIELDS = ["headline", "bio", "photo"] as const;
const CHECK_TONE = { pending: "warning", passed: "success", failed: "danger" } as const;

/** The verification queue: background checks, approve / reject, founding flag, and profile moderation. */
export default async function AdminInstructorsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const gate = await adminGate(BASE, "admin:instructors", "Instructors");
  if (!gate.me) return gate.blocked;
  const params = tableParams(await searchParams);
  const check = oneOf(CHECK_STATUSES, params.check);
  const page = pageOf(params.page);
  const fmt = dateTimeIn(gate.me.timeZone);
  const list = await (
    await serverApi()
  ).admin.instructors
    .list({ check, query: params.q?.slice(0, 120), page, pageSize: PAGE_SIZE })
    .catch(() => null);

  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-10 sm:px-6 lg:px-8">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Instructors</h1>
      <p className="mt-1 text-slate-600">Pending background checks first.</p>
      <div className="mt-6">
        <FilterBar action={BASE} label="Filter instructors" resetHref={BASE}>
          <FilterSelect
            name="check"
            label="Background check"
            defaultValue={check}
            options={CHECK_STATUSES.map((s) => [s, label(s)] as const)}
          />
          <FilterText name="q" label="Name or email" defaultValue={params.q} />
        </FilterBar>
      </div>
      {!list ? (
        <Alert tone="error" className="mt-6">
          Couldn&apos;t load instructors. Reload to try again.
        </Alert>
      ) : list.items.length === 0 ? (
        <p
          role="status"
          className="mt-6 rounded-xl border border-dashed border-slate-300 px-4 py-10 text-center text-sm text-slate-600"
        >
          No instructors match.
        </p>
      ) : (
        <>
          <ul className="mt-6 space-y-4" aria-label="Instructors">
            {list.items.map((i) => (
              <li key={i.id} className="rounded-2xl border border-slate-200 bg-white p-5">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div>
                    <h2 className="font-semibold text-slate-900">{i.name}</h2>
                    <p className="text-sm text-slate-600">
                      {i.email} · joined {fmt(i.createdAt)}
                    </p>
                  </div>
                  <div className="flex flex-wrap gap-2">
                    <Badge tone={CHECK_TONE[i.backgroundCheck]}>check {i.backgroundCheck}</Badge>
                    <Badge tone={i.listed ? "success" : "neutral"}>{i.listed ? "listed" : "not listed"}</Badge>
                    {i.founding && <Badge tone="brand">founding</Badge>}
                    {i.accountStatus !== "active" && <Badge tone="danger">{i.accountStatus}</Badge>}
                  </div>
                </div>
                <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
                  <div>
                    <dt className="inline text-slate-600">Provider result: </dt>
                    <dd className="inline">
                      {i.providerResult ?? (i.backgroundCheckRef ? i.backgroundCheck : "not started")}
                    </dd>
                  </div>
                  <div>
                    <dt className="inline text-slate-600">Payouts: </dt>
                    <dd className="inline">{label(i.payoutStatus)}</dd>
                  </div>
                  <div>
                    <dt className="inline text-slate-600">Active services: </dt>
                    <dd className="inline">{i.activeServices}</dd>
                  </div>
                </dl>
                <div className="mt-3 space-y-2 rounded-lg bg-slate-50 p-3 text-sm">
                  {FIELDS.map((f) => {
                    const hidden = i.hidden.includes(f);
                    const value = f === "headline" ? i.headline : f === "bio" ? i.bio : (i.photoUrl ?? "");
                    return (
                      <div key={f} className="flex flex-wrap items-start justify-between gap-2">
                        <p className="min-w-0 flex-1 break-words">
                          <span className="font-medium capitalize">{f}: </span>
                          <span className={hidden ? "text-slate-400 line-through" : "text-slate-800"}>
                            {value ? (f === "bio" && value.length > 200 ? `${value.slice(0, 200)}…` : value) : "—"}
                          </span>
                          {hidden && (
                            <Badge tone="danger" className="ml-2">
                              hidden
                            </Badge>
                          )}
                        </p>
                        {(value || hidden) && (
                          <OpsAction
                            spec={{ kind: "field", instructorId: i.id, field: f, hidden: !hidden }}
                            label={hidden ? `Show ${f}` : `Hide ${f}`}
                            title={hidden ? `Show the ${f} again?` : `Hide the ${f}?`}
                            description={
                              hidden
                                ? "It appears on the public profile again."
                                : "The public profile leaves it out until an admin shows it again."
                            }
                            variant="ghost"
                          />
                        )}
                      </div>
                    );
                  })}
                </div>
                <div className="mt-4 flex flex-wrap gap-2">
                  {i.backgroundCheck !== "passed" && (
                    <OpsAction
                      spec={{ kind: "approve", instructorId: i.id }}
                      label="Approve"
                      title={`Approve ${i.name}?`}
                      description="Marks the background check as passed."
                      variant="primary"
                    />
                  )}
                  {i.backgroundCheck !== "failed" && (
                    <OpsAction
                      spec={{ kind: "reject", instructorId: i.id }}
                      label="Reject"
                      title={`Reject ${i.name}?`}
                      description="Marks the background check as failed; the instructor is no longer listed."
                      reason="required"
                      variant="danger"
                    />
                  )}
                  <OpsAction
                    spec={{ kind: "founding", instructorId: i.id, founding: !i.founding }}
                    label={i.founding ? "Remove founding" : "Make founding"}
                    title={i.founding ? "Remove the founding flag?" : "Make this a founding instructor?"}
                    description={
                      i.founding
                        ? "New lessons pay the normal fee tiers."
                        : "Founding instructors pay an 8 % platform fee for life on new lessons."
                    }
                  />
                </div>
              </li>
            ))}
          </ul>
          <PagePager basePath={BASE} params={params} page={page} pageSize={PAGE_SIZE} total={list.total} />
        </>
      )}
    </div>
  );
}
