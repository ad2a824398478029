import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { adminGate } from "~/components/admin/admin-gate";
import { DataTable, Td, Th } from "~/components/admin/data-table";
import { UserActions } from "~/components/admin/user-actions";
import { fmtDateTime, formatMoney } from "~/components/time/format";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "User" };

const ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-8">
      <h2 id={id} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}

/** One account for admins: who, role, status, 2FA, sign-ins, bookings, payments; the account actions. */
export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { me, blocked } = await adminGate(`/admin/users/${id}`, "admin:users", "User");
  if (!me) return blocked;
  if (!ID.test(id)) notFound();
  const res = await (
    await serverApi()
  ).admin.users
    .get({ userId: id })
    .then((v) => ({ ok: true as const, v }))
    .catch((e: Error & { code?: string }) => ({ ok: false as const, message: e.message, code: e.code }));
  if (!res.ok && res.code === "NOT_FOUND") notFound();
  const zone = me.timeZone;

  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-10 sm:px-6 lg:px-8">
      <Link href="/admin/users" className="text-sm text-brand-700 hover:underline">
        ← Users
      </Link>
      {!res.ok ? (
        <Alert tone="error" className="mt-4" title="Couldn't load this user">
          {res.message}
        </Alert>
      ) : (
        <>
          <div className="mt-2 flex flex-wrap items-start justify-between gap-4">
            <div className="min-w-0">
              <h1 className="text-3xl font-bold tracking-tight break-words text-slate-900">
                {res.v.user.firstName} {res.v.user.lastName}
              </h1>
              <p className="mt-1 break-all text-slate-600">{res.v.user.email}</p>
              <p className="mt-1 font-mono text-xs text-slate-500">{res.v.user.id}</p>
            </div>
          </div>
          <dl className="mt-6 grid grid-cols-2 gap-3 md:grid-cols-5">
            {(
              [
                [
                  "Role",
                  <span key="r" className="capitalize">
                    {res.v.user.role}
                  </span>,
                ],
                [
                  "Status",
                  <Badge
                    key="s"
                    tone={
                      res.v.user.status === "active"
                        ? "success"
                        : res.v.user.status === "suspended"
                          ? "danger"
                          : "neutral"
                    }
                  >
                    {res.v.user.status}
                  </Badge>,
                ],
                ["2FA", res.v.user.twoFactorEnabled ? "On" : "Off"],
                ["Live sessions", String(res.v.liveSessions)],
                ["Joined", fmtDateTime(res.v.user.createdAt, zone)],
              ] as const
            ).map(([k, v]) => (
              <div key={k} className="rounded-xl border border-slate-200 bg-white p-3">
                <dt className="text-xs text-slate-500">{k}</dt>
                <dd className="mt-1 text-sm font-semibold text-slate-900">{v}</dd>
              </div>
            ))}
          </dl>

          <Section id="actions-title" title="Actions">
            <UserActions
              isSelf={res.v.user.id === me.id}
              user={{
                id: res.v.user.id,
                name: `${res.v.user.firstName} ${res.v.user.lastName}`,
                role: res.v.user.role,
                status: res.v.user.status,
                twoFactorEnabled: res.v.user.twoFactorEnabled,
              }}
            />
          </Section>

          <Section id="signins-title" title="Recent sign-ins">
            <DataTable
              caption="Recent sign-ins, newest first"
              isEmpty={res.v.recentSessions.length === 0}
              empty="No sign-ins yet."
              minWidth="36rem"
              head={
                <>
                  <Th>Signed in</Th>
                  <Th>Last seen</Th>
                  <Th>Device</Th>
                  <Th>State</Th>
                </>
              }
            >
              {res.v.recentSessions.map((s) => (
                <tr key={s.id}>
                  <Td className="whitespace-nowrap">{fmtDateTime(s.createdAt, zone)}</Td>
                  <Td className="whitespace-nowrap">{fmtDateTime(s.lastSeenAt, zone)}</Td>
                  <Td className="max-w-xs truncate text-slate-600">{s.userAgent ?? "—"}</Td>
                  <Td>
                    {s.revokedAt ? (
                      <span className="text-slate-600">Ended {fmtDateTime(s.revokedAt, zone)}</span>
                    ) : (
                      <Badge tone="success">Live</Badge>
                    )}
                  </Td>
                </tr>
              ))}
            </DataTable>
            {res.v.securityEvents.length > 0 && (
              <p className="mt-2 text-sm">
                <Link href={`/admin/audit?targetId=${res.v.user.id}`} className="text-brand-700 hover:underline">
                  Admin actions on this account in the audit log →
                </Link>
              </p>
            )}
          </Section>

          <Section id="bookings-title" title="Bookings">
            <DataTable
              caption="Bookings, latest lesson first"
              isEmpty={res.v.bookings.length === 0}
              empty="No bookings."
              minWidth="40rem"
              head={
                <>
                  <Th>Lesson</Th>
                  <Th>Student</Th>
                  <Th>Instructor</Th>
                  <Th>Status</Th>
                  <Th className="text-right">Price</Th>
                </>
              }
            >
              {res.v.bookings.map((b) => (
                <tr key={b.id}>
                  <Td className="whitespace-nowrap">
                    <Link href={`/admin/bookings/${b.id}`} className="text-brand-700 hover:underline">
                      {fmtDateTime(b.startAt, zone)}
                    </Link>
                  </Td>
                  <Td>
                    <Link href={`/admin/users/${b.studentId}`} className="hover:underline">
                      {b.studentName}
                    </Link>
                  </Td>
                  <Td>
                    <Link href={`/admin/users/${b.instructorId}`} className="hover:underline">
                      {b.instructorName}
                    </Link>
                  </Td>
                  <Td className="capitalize">{b.status.replace(/_/g, " ")}</Td>
                  <Td className="text-right tabular-nums">{formatMoney(b.priceCents)}</Td>
                </tr>
              ))}
            </DataTable>
          </Section>

          <Section id="payments-title" title="Payments">
            <DataTable
              caption="Lesson payments, newest first"
              isEmpty={res.v.payments.length === 0}
              empty="No payments."
              minWidth="40rem"
              head={
                <>
                  <Th>Created</Th>
                  <Th>As</Th>
                  <Th>State</Th>
                  <Th className="text-right">Lesson</Th>
                  <Th className="text-right">Captured</Th>
                  <Th className="text-right">Refunded</Th>
                </>
              }
            >
              {res.v.payments.map((p) => (
                <tr key={p.bookingId}>
                  <Td className="whitespace-nowrap">
                    <Link href={`/admin/bookings/${p.bookingId}`} className="text-brand-700 hover:underline">
                      {fmtDateTime(p.createdAt, zone)}
                    </Link>
                  </Td>
                  <Td>{p.asStudent ? "Student" : "Instructor"}</Td>
                  <Td className="capitalize">{p.state.replace(/_/g, " ")}</Td>
                  <Td className="text-right tabular-nums">{formatMoney(p.lessonPriceCents)}</Td>
                  <Td className="text-right tabular-nums">{formatMoney(p.capturedCents)}</Td>
                  <Td className="text-right tabular-nums">{formatMoney(p.refundedCents)}</Td>
                </tr>
              ))}
            </DataTable>
          </Section>
        </>
      )}
    </div>
  );
}
