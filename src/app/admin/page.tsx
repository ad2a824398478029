import type { Metadata } from "next";
import { AuditTable } from "~/components/admin/audit-table";
import { requireUser } from "~/components/shell/current-user";
import { Alert } from "~/components/ui/alert";
import { ButtonLink } from "~/components/ui/button";
import { LockIcon, ShieldCheckIcon } from "~/components/ui/icons";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Admin" };

const ROLE_LABELS: [string, string][] = [
  ["student", "Students"],
  ["instructor", "Instructors"],
  ["admin", "Admins"],
];

/** Admin console home. Access needs the admin permission and, for every admin tool, 2FA. */
export default async function AdminPage() {
  const me = await requireUser("/admin");

  if (!me.permissions.includes("admin:access")) {
    return (
      <div className="mx-auto flex max-w-lg flex-1 flex-col items-center justify-center px-4 py-20 text-center">
        <span className="flex size-12 items-center justify-center rounded-full bg-slate-100 text-slate-600">
          <LockIcon />
        </span>
        <p className="mt-4 text-sm font-semibold text-slate-500">403</p>
        <h1 className="mt-1 text-2xl font-bold text-slate-900">You don&apos;t have access to this page</h1>
        <p className="mt-3 text-slate-600">The admin console is only for InstaInstru staff.</p>
        <ButtonLink href="/" variant="outline" className="mt-6">
          Go home
        </ButtonLink>
      </div>
    );
  }

  if (!me.twoFactorEnabled) {
    return (
      <div className="mx-auto w-full max-w-2xl px-4 py-16 sm:px-6">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Admin</h1>
        <div className="mt-6 rounded-2xl border border-amber-200 bg-amber-50 p-6">
          <div className="flex items-start gap-4">
            <ShieldCheckIcon className="size-8 shrink-0 text-amber-700" />
            <div>
              <h2 className="text-lg font-semibold text-amber-950">Turn on two-factor authentication first</h2>
              <p className="mt-1 text-amber-900">Admin tools are available only to admins who sign in with a second factor.</p>
              <ButtonLink href="/account/security" className="mt-4">
                Set up two-factor
              </ButtonLink>
            </div>
          </div>
        </div>
      </div>
    );
  }

  const caller = await serverApi();
  const [overview, audit] = await Promise.allSettled([caller.admin.overview(), caller.admin.auditLog({ limit: 50 })]);
  const counts = overview.status === "fulfilled" ? overview.value.usersByRole : null;
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : 0;

  return (
    <div className="mx-auto w-full max-w-7xl px-4 py-10 sm:px-6 lg:px-8">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Admin</h1>
      <p className="mt-1 text-slate-600">Platform at a glance.</p>

      <section aria-labelledby="users-title" className="mt-8">
        <h2 id="users-title" className="text-lg font-semibold text-slate-900">
          Users by role
        </h2>
        {counts ? (
          <dl className="mt-4 grid grid-cols-2 gap-4 lg:grid-cols-4">
            {[...ROLE_LABELS, ["total", "All accounts"] as [string, string]].map(([key, label]) => (
              <div key={key} className="rounded-2xl border border-slate-200 bg-white p-5 shadow-card">
                <dt className="text-sm text-slate-600">{label}</dt>
                <dd className="mt-2 text-3xl font-bold tracking-tight text-slate-900">{(key === "total" ? total : (counts[key] ?? 0)).toLocaleString("en-US")}</dd>
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
