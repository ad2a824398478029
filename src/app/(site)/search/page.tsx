import type { Metadata } from "next";
import { SearchBox } from "~/components/landing/search-box";
import { ButtonLink } from "~/components/ui/button";

export const metadata: Metadata = { title: "Find an instructor" };

/** Placeholder until natural-language search ships (PRODUCT.md §7). */
export default async function SearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? "";
  return (
    <div className="mx-auto w-full max-w-3xl px-4 py-12 sm:px-6">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Find an instructor</h1>
      <SearchBox defaultValue={q} size="md" className="mt-6" />
      <div className="mt-10 rounded-2xl border border-dashed border-slate-300 bg-slate-50 px-6 py-12 text-center">
        <h2 className="text-lg font-semibold text-slate-900">{q ? `Search for “${q}” is coming soon` : "Search is coming soon"}</h2>
        <p className="mx-auto mt-2 max-w-md text-slate-600">
          We&apos;re putting the finishing touches on instructor search. Create an account now and you&apos;ll be ready to book the moment it opens.
        </p>
        <ButtonLink href="/sign-up" className="mt-6">
          Create a free account
        </ButtonLink>
      </div>
    </div>
  );
}
