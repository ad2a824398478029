import type { Metadata } from "next";
import { SearchBox } from "~/components/landing/search-box";
import { firstParam, type SearchParams } from "~/components/forms/search-params";
import { SearchResults } from "~/components/search/search-results";
import type { SearchFilters, SearchSort } from "~/components/search/labels";
import { ZSearchFilters } from "~/server/api/routers/search.schemas";
import { SORTS } from "~/server/services/search/views";

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const q = firstParam((await searchParams).q)?.trim();
  return { title: q ? `“${q}” — Find an instructor` : "Find an instructor" };
}

function readFilters(raw: string | undefined): SearchFilters {
  if (!raw) return {};
  try {
    const parsed = ZSearchFilters.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Natural-language instructor search (PRODUCT.md §7). The URL is the state: q, edited chips (f) and sort. */
export default async function SearchPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const q = firstParam(params.q)?.trim().slice(0, 300) ?? "";
  const filters = readFilters(firstParam(params.f));
  const rawSort = firstParam(params.sort);
  const sort: SearchSort = (SORTS as readonly string[]).includes(rawSort ?? "")
    ? (rawSort as SearchSort)
    : "recommended";
  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6 sm:py-10 lg:px-8">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">Find an instructor</h1>
      <SearchBox key={q} defaultValue={q} size="md" className="mt-5 max-w-3xl" />
      <SearchResults q={q} filters={filters} sort={sort} />
    </div>
  );
}
