import type { Metadata } from "next";
import Link from "next/link";
import { DataTable, PagePager, Td, Th, tableParams } from "~/components/admin/data-table";
import { adminGate } from "~/components/admin/admin-gate";
import { PIPELINE_BUCKETS, dateTimeIn, label, oneOf, pageOf, usd } from "~/components/admin/ops/format";
import { OpsAction } from "~/components/admin/ops/ops-action";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { cn } from "~/components/ui/cn";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Payments · Admin" };
const BASE = "/admin/payments";
const PAGE_SIZE = 25;

/** The payments pipeline by state, retries of failed steps, and the ledger reconciled against a recount. */
export default async function AdminPaymentsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const gate = await adminGate(BASE, "admin:payments", "Payments");
  if (!gate.me) return gate.blocked;
  const params = tableParams(await searchParams);
  const bucket = oneOf(PIPELINE_BUCKETS, params.bucket) ?? "failed";
  const page = pageOf(params.page);
  const fmt = dateTimeIn(gate.me.timeZone);
  const api = await serverApi();
  const [counts, list, rec] = await Promise.allSettled([
    api.admin.payments.counts(),
    api.admin.payments.list({ bucket, page, pageSize: PAGE_SIZE }),
    api.admin.payments.reconciliation(),
  ]);

  return (
    <div className="mx-auto w-full max-w-7xl px-4 py-10 sm:px-6 lg:px-8">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Payments</h1>
      <p className="mt-1 text-slate-600">Where every lesson&apos;s money stands; retry what failed.</p>

      <nav aria-label="Payment states" className="mt-6">
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {PIPELINE_BUCKETS.map((b) => (
            <li key={b}>
              <Link
                href={b === "failed" ? BASE : `${BASE}?bucket=${b}`}
                aria-current={b === bucket ? "page" : undefined}
                className={cn(
                  "block rounded-2xl border bg-white p-4 hover:border-brand-300",
                  b === bucket ? "border-brand-500 ring-1 ring-brand-500" : "border-slate-200",
                )}
              >
                <span className="text-sm text-slate-600 capitalize">{b}</span>
                <span
                  className={cn(
                    "mt-1 block text-2xl font-bold tabular-nums",
                    b === "failed" && counts.status === "fulfilled" && counts.value.failed > 0
                      ? "text-red-700"
                      : "text-slate-900",
                  )}
                >
                  {counts.status === "fulfilled" ? counts.value[b] : "—"}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="list-title" className="mt-8">
        <h2 id="list-title" className="text-lg font-semibold text-slate-900 capitalize">
          {bucket} payments
        </h2>
        <div className="mt-3">
          {list.status === "rejected" ? (
            <Alert tone="error">Couldn&apos;t load payments. Reload to try again.</Alert>
          ) : (
            <>
              <DataTable
                caption={`${bucket} payments, most recently changed first`}
                isEmpty={list.value.items.length === 0}
                empty={`No ${bucket} payments.`}
                head={
                  <>
                    <Th>Lesson</Th>
                    <Th>Student · Instructor</Th>
                    <Th>State</Th>
                    <Th className="text-right">Price</Th>
                    <Th className="text-right">Captured</Th>
                    <Th className="text-right">Refunded</Th>
                    <Th>Last error</Th>
                    <Th>
                      <span className="sr-only">Actions</span>
                    </Th>
                  </>
                }
              >
                {list.value.items.map((p) => (
                  <tr key={p.bookingId}>
                    <Td>
                      <Link href={`/admin/bookings/${p.bookingId}`} className="text-brand-700 hover:underline">
                        {fmt(p.startAt)}
                      </Link>
                      <span className="block text-xs text-slate-500">{label(p.bookingStatus)}</span>
                    </Td>
                    <Td>
                      {p.studentName}
                      <span className="block text-xs text-slate-500">{p.instructorName}</span>
                    </Td>
                    <Td>
                      <Badge tone={p.lastError || p.state === "auth_failed" ? "danger" : "neutral"}>
                        {label(p.state)}
                      </Badge>
                      <span className="block text-xs text-slate-500">
                        {p.attempts} {p.attempts === 1 ? "attempt" : "attempts"}
                      </span>
                    </Td>
                    <Td className="text-right tabular-nums">{usd(p.lessonPriceCents)}</Td>
                    <Td className="text-right tabular-nums">{usd(p.capturedCents)}</Td>
                    <Td className="text-right tabular-nums">{usd(p.refundedCents)}</Td>
                    <Td className="max-w-64 text-xs text-red-700">{p.lastError ?? ""}</Td>
                    <Td>
                      {bucket === "failed" && (
                        <OpsAction
                          spec={{ kind: "retryPayment", bookingId: p.bookingId }}
                          label="Retry"
                          title="Retry this payment step now?"
                          description={
                            p.state === "authorized"
                              ? "The capture is tried again with the same idempotency key."
                              : "The card is authorized again."
                          }
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
                total={(page - 1) * PAGE_SIZE + list.value.items.length + (list.value.hasMore ? 1 : 0)}
              />
            </>
          )}
        </div>
      </section>

      <section aria-labelledby="ledger-title" className="mt-10">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="ledger-title" className="text-lg font-semibold text-slate-900">
            Ledger reconciliation
          </h2>
          {rec.status === "fulfilled" &&
            (rec.value.reconciled ? (
              <Badge tone="success">Reconciled</Badge>
            ) : (
              <Badge tone="danger">Not reconciled</Badge>
            ))}
        </div>
        {rec.status === "rejected" ? (
          <Alert tone="error" className="mt-3">
            Couldn&apos;t load the ledger.
          </Alert>
        ) : (
          <div className="mt-3 grid gap-4 lg:grid-cols-2">
            <DataTable
              caption="Ledger beside a direct recount of the payment rows"
              captionVisible
              minWidth="28rem"
              isEmpty={false}
              empty=""
              head={
                <>
                  <Th>Figure</Th>
                  <Th className="text-right">Ledger</Th>
                  <Th className="text-right">Recount</Th>
                  <Th>Match</Th>
                </>
              }
            >
              {rec.value.lines.map((l) => (
                <tr key={l.label}>
                  <Td>{l.label}</Td>
                  <Td className="text-right tabular-nums">
                    {l.label === "Unbalanced transactions" ? l.ledgerCents : usd(l.ledgerCents)}
                  </Td>
                  <Td className="text-right tabular-nums">
                    {l.label === "Unbalanced transactions" ? l.recountCents : usd(l.recountCents)}
                  </Td>
                  <Td>{l.matches ? <Badge tone="success">✓ matches</Badge> : <Badge tone="danger">differs</Badge>}</Td>
                </tr>
              ))}
            </DataTable>
            <DataTable
              caption="Ledger totals per account (debits +, credits −)"
              captionVisible
              minWidth="20rem"
              isEmpty={rec.value.accounts.length === 0}
              empty="The ledger is empty."
              head={
                <>
                  <Th>Account</Th>
                  <Th className="text-right">Total</Th>
                </>
              }
            >
              {rec.value.accounts.map((a) => (
                <tr key={a.account}>
                  <Td className="font-mono text-xs">{a.account}</Td>
                  <Td className="text-right tabular-nums">{usd(a.cents)}</Td>
                </tr>
              ))}
            </DataTable>
          </div>
        )}
      </section>
    </div>
  );
}
