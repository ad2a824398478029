import type { Metadata } from "next";
import Link from "next/link";
import {
  DataTable,
  FilterBar,
  FilterDate,
  FilterSelect,
  FilterText,
  PagePager,
  Td,
  Th,
  tableParams,
} from "~/components/admin/data-table";
import { adminGate } from "~/components/admin/admin-gate";
import { dateTimeIn, label, oneOf, pageOf, usd } from "~/components/admin/ops/format";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { STATUS_LABEL, STATUS_TONE, type BookingStatus } from "~/components/booking/labels";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Bookings · Admin" };
const BASE = "/admin/bookings";
const PAGE_SIZE = 25;
const BOOKING_STATUSES = Object.keys(STATUS_LABEL) as BookingStatus[];
const isDate = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

/** Every booking, filtered on the server by status, start date, instructor and student; a page at a time. */
export default async function AdminBookingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const gate = await adminGate(BASE, "admin:bookings", "Bookings");
  if (!gate.me) return gate.blocked;
  const params = tableParams(await searchParams);
  const page = pageOf(params.page);
  const status = oneOf(BOOKING_STATUSES, params.status);
  const from = isDate(params.from);
  const to = isDate(params.to);
  const fmt = dateTimeIn(gate.me.timeZone);
  const result = await (
    await serverApi()
  ).admin.bookings
    .list({
      status,
      // Dates are the admin's calendar days, from the start of `from` to the end of `to` (UTC bounds are close
      // enough for a filter; the table shows each time in the admin's zone).
      from: from ? new Date(`${from}T00:00:00Z`) : undefined,
      to: to ? new Date(new Date(`${to}T00:00:00Z`).getTime() + 86_400_000) : undefined,
      instructor: params.instructor?.slice(0, 120),
      student: params.student?.slice(0, 120),
      page,
      pageSize: PAGE_SIZE,
    })
    .catch((e: unknown) => (e instanceof Error ? e : new Error("failed")));

  return (
    <div className="mx-auto w-full max-w-7xl px-4 py-10 sm:px-6 lg:px-8">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Bookings</h1>
      <p className="mt-1 text-slate-600">Filter, open a booking&apos;s timeline, cancel or refund.</p>
      <div className="mt-6">
        <FilterBar action={BASE} label="Filter bookings" resetHref={BASE}>
          <FilterSelect
            name="status"
            label="Status"
            defaultValue={status}
            options={BOOKING_STATUSES.map((s) => [s, STATUS_LABEL[s]] as const)}
          />
          <FilterDate name="from" label="Starts from" defaultValue={from} />
          <FilterDate name="to" label="Starts until" defaultValue={to} />
          <FilterText
            name="instructor"
            label="Instructor"
            defaultValue={params.instructor}
            placeholder="Name or email"
          />
          <FilterText name="student" label="Student" defaultValue={params.student} placeholder="Name or email" />
        </FilterBar>
      </div>
      <div className="mt-6">
        {result instanceof Error ? (
          <Alert tone="error">Couldn&apos;t load bookings: {result.message}</Alert>
        ) : (
          <>
            <DataTable
              caption="Bookings, newest lesson first"
              isEmpty={result.items.length === 0}
              empty="No bookings match these filters."
              head={
                <>
                  <Th>Lesson</Th>
                  <Th>Student</Th>
                  <Th>Instructor</Th>
                  <Th>Status</Th>
                  <Th>Payment</Th>
                  <Th className="text-right">Price</Th>
                </>
              }
            >
              {result.items.map((b) => (
                <tr key={b.id}>
                  <Td>
                    <Link href={`${BASE}/${b.id}`} className="font-medium text-brand-700 hover:underline">
                      {b.subject} · {fmt(b.startAt)}
                    </Link>
                  </Td>
                  <Td>
                    {b.studentName}
                    <span className="block text-xs text-slate-500">{b.studentEmail}</span>
                  </Td>
                  <Td>
                    {b.instructorName}
                    <span className="block text-xs text-slate-500">{b.instructorEmail}</span>
                  </Td>
                  <Td>
                    <Badge tone={STATUS_TONE[b.status]}>{STATUS_LABEL[b.status]}</Badge>
                  </Td>
                  <Td>{b.paymentState ? label(b.paymentState) : "—"}</Td>
                  <Td className="text-right tabular-nums">{usd(b.priceCents)}</Td>
                </tr>
              ))}
            </DataTable>
            <PagePager basePath={BASE} params={params} page={page} pageSize={PAGE_SIZE} total={result.total} />
          </>
        )}
      </div>
    </div>
  );
}
