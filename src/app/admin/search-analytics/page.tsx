import type { Metadata } from "next";
import { AdminSearchNav, adminGate } from "~/components/admin/admin-gate";
import { SearchAnalyticsView } from "~/components/admin/search-analytics";

export const metadata: Metadata = { title: "Search analytics" };

/** Top and zero-result queries, and the daily zero-result rate (admin, 2FA). */
export default async function SearchAnalyticsPage() {
  const { me, blocked } = await adminGate("/admin/search-analytics", "admin:access", "Search analytics");
  if (!me) return blocked;
  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-10 sm:px-6 lg:px-8">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Search analytics</h1>
      <AdminSearchNav current="search-analytics" />
      <SearchAnalyticsView timeZone={me.timeZone} />
    </div>
  );
}
