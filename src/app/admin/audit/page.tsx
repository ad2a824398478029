import type { Metadata } from "next";
import Link from "next/link";
import { adminGate } from "~/components/admin/admin-gate";
import { AuditDiff, auditTargetHref } from "~/components/admin/audit-diff";
import { AUDIT_TARGET_TYPES, auditQuery } from "~/components/admin/audit-filters";
import {
  CsvExportLink,
  CursorPager,
  DataTable,
  FilterBar,
  FilterDate,
  FilterSelect,
  FilterText,
  hrefWith,
  tableParams,
  Td,
  Th,
} from "~/components/admin/data-table";
import { fmtDateTime } from "~/components/time/format";
import { Alert } from "~/components/ui/alert";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Audit log" };

const PATH = "/admin/audit";

/** Every security-relevant and admin action: who did what to which record, with the change; newest first. */
export default async function AdminAuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { me, blocked } = await adminGate(PATH, "admin:audit", "Audit log");
  if (!me) return blocked;
  const params = tableParams(await searchParams);
  const query = auditQuery(params);
  const caller = await serverApi();
  const [page, actions] = await Promise.all([
    caller.admin.audit
      .list({ ...query, limit: 50 })
      .then((v) => ({ ok: true as const, v }))
      .catch((e: Error) => ({ ok: false as const, message: e.message })),
    caller.admin.audit.actions().catch(() => [] as string[]),
  ]);
  const { cursor: _cursor, ...exportQuery } = query;
  const short = (id: string) => `${id.slice(0, 6)}…${id.slice(-4)}`;

  return (
    <div className="mx-auto w-full max-w-7xl px-4 py-10 sm:px-6 lg:px-8">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-3xl font-bold tracking-tight text-slate-900">Audit log</h1>
          <p className="mt-1 text-slate-600">
            Every admin and security action, newest first. Times in {me.timeZone.replace(/_/g, " ")}.
          </p>
        </div>
        <CsvExportLink href={hrefWith(`${PATH}/export`, exportQuery)} />
      </div>

      <div className="mt-6">
        <FilterBar action={PATH} label="Filter the audit log" resetHref={PATH}>
          <FilterText name="actor" label="Actor (name, email or id)" defaultValue={query.actor} />
          <FilterSelect
            name="action"
            label="Action"
            defaultValue={query.action}
            options={actions.map((a) => [a, a] as const)}
          />
          <FilterSelect
            name="targetType"
            label="Target type"
            defaultValue={query.targetType}
            options={AUDIT_TARGET_TYPES}
          />
          <FilterText name="targetId" label="Target id" type="text" defaultValue={query.targetId} maxLength={64} />
          <FilterDate name="from" label="From" defaultValue={query.from} />
          <FilterDate name="to" label="To" defaultValue={query.to} />
        </FilterBar>
      </div>

      <div className="mt-6">
        {!page.ok ? (
          <Alert tone="error" title="Couldn't load the audit log">
            {page.message}
          </Alert>
        ) : (
          <>
            <DataTable
              caption="Audit log, newest first"
              isEmpty={page.v.rows.length === 0}
              empty={
                <>
                  No entries match these filters.{" "}
                  <Link href={PATH} className="font-medium text-brand-700 hover:underline">
                    Clear filters
                  </Link>
                </>
              }
              minWidth="56rem"
              head={
                <>
                  <Th>When</Th>
                  <Th>Actor</Th>
                  <Th>Action</Th>
                  <Th>Target</Th>
                  <Th>Change</Th>
                </>
              }
            >
              {page.v.rows.map((r) => {
                const targetHref = auditTargetHref(r.targetType, r.targetId);
                const targetText = r.targetName ?? (r.targetId ? short(r.targetId) : null);
                return (
                  <tr key={r.id} className="align-top">
                    <Td className="whitespace-nowrap text-slate-600">
                      <time dateTime={r.createdAt.toISOString()}>{fmtDateTime(r.createdAt, me.timeZone)}</time>
                    </Td>
                    <Td>
                      {r.actorId ? (
                        <Link
                          href={`/admin/users/${r.actorId}`}
                          className="font-medium text-brand-700 hover:underline"
                          title={r.actorEmail ?? r.actorId}
                        >
                          {r.actorName ?? short(r.actorId)}
                        </Link>
                      ) : (
                        <span className="text-slate-500">System</span>
                      )}
                    </Td>
                    <Td className="font-mono text-xs whitespace-nowrap text-slate-900">{r.action}</Td>
                    <Td className="text-sm">
                      {r.targetType ? (
                        <span className="flex flex-col">
                          <span className="text-xs text-slate-500 capitalize">{r.targetType}</span>
                          {targetText &&
                            (targetHref ? (
                              <Link
                                href={targetHref}
                                className="text-brand-700 hover:underline"
                                title={r.targetId ?? ""}
                              >
                                {targetText}
                              </Link>
                            ) : (
                              <span className="font-mono text-xs text-slate-700" title={r.targetId ?? ""}>
                                {targetText}
                              </span>
                            ))}
                        </span>
                      ) : (
                        "—"
                      )}
                    </Td>
                    <Td className="min-w-[16rem]">
                      <AuditDiff data={r.data} />
                    </Td>
                  </tr>
                );
              })}
            </DataTable>
            <CursorPager basePath={PATH} params={params} nextCursor={page.v.nextCursor} label="Audit log pages" />
          </>
        )}
      </div>
    </div>
  );
}
