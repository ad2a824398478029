import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { adminGate } from "~/components/admin/admin-gate";
import { dateTimeIn, label, usd } from "~/components/admin/ops/format";
import { OpsAction } from "~/components/admin/ops/ops-action";
import { STATUS_LABEL, STATUS_TONE } from "~/components/booking/labels";
import { Badge } from "~/components/ui/badge";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Booking · Admin" };

const SOURCE_LABEL = {
  lifecycle: "Booking",
  event: "Event",
  message: "Message",
  payment: "Payment",
  admin: "Admin",
} as const;
const SOURCE_TONE = {
  lifecycle: "brand",
  event: "neutral",
  message: "neutral",
  payment: "success",
  admin: "warning",
} as const;

/** One booking's whole story in time order, with cancel and refund. */
export default async function AdminBookingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const gate = await adminGate(`/admin/bookings/${id}`, "admin:bookings", "Booking");
  if (!gate.me) return gate.blocked;
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(id)) notFound();
  const t = await (await serverApi()).admin.bookings.timeline({ bookingId: id }).catch(() => null);
  if (!t) notFound();
  const fmt = dateTimeIn(gate.me.timeZone);
  const b = t.booking;
  const p = t.payment;
  const active = b.status === "confirmed" || b.status === "pending_payment";
  const refundable =
    p !== null &&
    (p.capturedCents > 0 || p.creditUsedCents > 0) &&
    p.refundedCents < p.capturedCents + p.creditUsedCents;

  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10 sm:px-6 lg:px-8">
      <Link href="/admin/bookings" className="text-sm font-medium text-brand-700 hover:underline">
        ← All bookings
      </Link>
      <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">
        {b.subject} · {fmt(b.startAt)}
      </h1>
      <p className="mt-1 flex flex-wrap items-center gap-2 text-slate-600">
        <Badge tone={STATUS_TONE[b.status]}>{STATUS_LABEL[b.status]}</Badge>
        <span>
          {b.studentName} ({b.studentEmail}) with {b.instructorName} ({b.instructorEmail})
        </span>
      </p>

      <div className="mt-6 grid gap-4 md:grid-cols-2">
        <section aria-labelledby="money" className="rounded-2xl border border-slate-200 bg-white p-5">
          <h2 id="money" className="font-semibold text-slate-900">
            Payment
          </h2>
          {p ? (
            <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-600">State</dt>
              <dd className="font-medium">{label(p.state)}</dd>
              <dt className="text-slate-600">Price</dt>
              <dd>{usd(b.priceCents)}</dd>
              <dt className="text-slate-600">Card captured</dt>
              <dd>{usd(p.capturedCents)}</dd>
              <dt className="text-slate-600">Credits used</dt>
              <dd>{usd(p.creditUsedCents)}</dd>
              <dt className="text-slate-600">Refunded</dt>
              <dd>{usd(p.refundedCents)}</dd>
              <dt className="text-slate-600">Platform fee</dt>
              <dd>{usd(p.platformFeeCents)}</dd>
              {p.lastError && (
                <>
                  <dt className="text-slate-600">Last error</dt>
                  <dd className="text-red-700">{p.lastError}</dd>
                </>
              )}
            </dl>
          ) : (
            <p className="mt-3 text-sm text-slate-600">No payment for this booking.</p>
          )}
        </section>
        <section aria-labelledby="actions" className="rounded-2xl border border-slate-200 bg-white p-5">
          <h2 id="actions" className="font-semibold text-slate-900">
            Actions
          </h2>
          <div className="mt-3 flex flex-wrap gap-2">
            {active && (
              <OpsAction
                spec={{ kind: "cancel", bookingId: b.id }}
                label="Cancel booking"
                title="Cancel this booking?"
                description="An admin cancellation is free for the student: the card hold is released (or what was charged is refunded). Both sides are told."
                reason="required"
                variant="danger"
              />
            )}
            {refundable && (
              <OpsAction
                spec={{ kind: "refund", bookingId: b.id }}
                label="Refund in full"
                title="Refund everything charged?"
                description="The card part goes back through Stripe (the instructor's transfer and the fee are reversed); credits are restored."
                reason="required"
                variant="danger"
              />
            )}
            {!active && !refundable && <p className="text-sm text-slate-600">Nothing to cancel or refund.</p>}
          </div>
          {t.ledger.length > 0 && (
            <details className="mt-4 text-sm">
              <summary className="cursor-pointer font-medium text-slate-700">
                Ledger entries ({t.ledger.length})
              </summary>
              <ul className="mt-2 space-y-1 font-mono text-xs">
                {t.ledger.map((l, i) => (
                  <li key={i}>
                    {l.kind} · {l.account} · {usd(l.amountCents)}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </section>
      </div>

      <section aria-labelledby="timeline" className="mt-8">
        <h2 id="timeline" className="text-lg font-semibold text-slate-900">
          Timeline
        </h2>
        <ol className="mt-4 space-y-3 border-l border-slate-200 pl-4">
          {t.entries.map((e, i) => (
            <li key={i} className="relative">
              <span aria-hidden="true" className="absolute top-2 -left-[21px] size-2.5 rounded-full bg-slate-300" />
              <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm">
                <time dateTime={e.at.toISOString()} className="text-slate-500 tabular-nums">
                  {fmt(e.at)}
                </time>
                <Badge tone={SOURCE_TONE[e.source]}>{SOURCE_LABEL[e.source]}</Badge>
                <span className="font-medium text-slate-900">{e.label}</span>
                {e.amountCents !== null && <span className="text-slate-600">{usd(e.amountCents)}</span>}
              </div>
              {e.detail && <p className="mt-0.5 text-sm break-words whitespace-pre-wrap text-slate-700">{e.detail}</p>}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
