import type { Metadata } from "next";
import { AdminSearchNav, adminGate } from "~/components/admin/admin-gate";
import { SearchConfigForm } from "~/components/admin/search-config-form";

export const metadata: Metadata = { title: "Search config" };

/** Runtime search knobs (platform_config "search"), effective without a restart (admin, 2FA). */
export default async function SearchConfigPage() {
  const { blocked } = await adminGate("/admin/search-config", "admin:search-config", "Search config");
  if (blocked) return blocked;
  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10 sm:px-6 lg:px-8">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Search config</h1>
      <AdminSearchNav current="search-config" />
      <SearchConfigForm />
    </div>
  );
}
