import type { Metadata } from "next";
import Link from "next/link";
import { AuditTable } from "~/components/admin/audit-table";
import { adminGate } from "~/components/admin/admin-gate";
import { DashboardView } from "~/components/admin/dashboard-view";
import { Alert } from "~/components/ui/alert";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Admin" };

const ROLE_LABELS: [string, string][] = [
  ["student", "Students"],
  ["instructor", "Instructors"],
  ["admin", "Admins"],
];

/** Admin console home: the dashboard. Access needs the admin permission and, for every admin tool, 2FA. */
export default async function AdminPage() {
  const gate = await adminGate("/admin", "admin:access", "Admin");
  const { me } = gate;
  if (!me) return gate.blocked;

  const caller = await serverApi();
  const [overview, audit] = await Promise.allSettled([caller.admin.overview(), caller.admin.auditLog({ limit: 10 })]);
  const counts = overview.status === "fulfilled" ? overview.value.usersByRole : null;
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : 0;

  return (
    <div className="mx-auto w-full max-w-7xl px-4 py-10 sm:px-6 lg:px-8">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Admin</h1>
      <p className="mt-1 text-slate-600">The marketplace at a glance.</p>
      <DashboardView />

      <section aria-labelledby="users-title" className="mt-8">
        <h2 id="users-title" className="text-lg font-semibold text-slate-900">
          Users by role
        </h2>
        {counts ? (
          <dl className="mt-4 grid grid-cols-2 gap-4 lg:grid-cols-4">
            {[...ROLE_LABELS, ["total", "All accounts"] as [string, string]].map(([key, label]) => (
              <div key={key} className="rounded-2xl border border-slate-200 bg-white p-5 shadow-card">
                <dt className="text-sm text-slate-600">{label}</dt>
                <dd className="mt-2 text-3xl font-bold tracking-tight text-slate-900">
                  {(key === "total" ? total : (counts[key] ?? 0)).toLocaleString("en-US")}
                </dd>
              </div>
            ))}
          </dl>
        ) : (
          <Alert tone="error" className="mt-4">
            Couldn&apos;t load the overview. Reload the page to try again.
          </Alert>
        )}
      </section>

      <section aria-labelledby="audit-title" className="mt-10">
        <h2 id="audit-title" className="text-lg font-semibold text-slate-900">
          Recent activity
        </h2>
        <Link href="/admin/audit" className="text-sm font-medium text-brand-700 hover:underline">
          Full audit log →
        </Link>
        <div className="mt-4">
          {audit.status === "fulfilled" ? (
            <AuditTable rows={audit.value} timeZone={me.timeZone} />
          ) : (
            <Alert tone="error">Couldn&apos;t load the audit log. Reload the page to try again.</Alert>
          )}
        </div>
      </section>
    </div>
  );
}
