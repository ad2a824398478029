import type { Metadata } from "next";
import { AdminSearchNav, adminGate } from "~/components/admin/admin-gate";
import { SearchDiagnostics } from "~/components/admin/search-diagnostics";
import { firstParam, type SearchParams } from "~/components/forms/search-params";

export const metadata: Metadata = { title: "Search diagnostics" };

/** Runs a query through the whole search pipeline and shows where the time went (admin, 2FA). */
export default async function NlSearchPage({ searchParams }: { searchParams: SearchParams }) {
  const q = firstParam((await searchParams).q)?.trim() ?? "";
  const { blocked } = await adminGate(
    `/admin/nl-search${q ? `?q=${encodeURIComponent(q)}` : ""}`,
    "admin:search-config",
    "Search diagnostics",
  );
  if (blocked) return blocked;
  return (
    <div className="mx-auto w-full max-w-7xl px-4 py-10 sm:px-6 lg:px-8">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Search diagnostics</h1>
      <AdminSearchNav current="nl-search" />
      <SearchDiagnostics initialQuery={q} />
    </div>
  );
}
