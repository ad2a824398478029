"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { AlertIcon } from "~/components/ui/icons";
import { useViewerZone } from "~/components/time/use-viewer-zone";
import { api } from "~/trpc/react";
import { FilterChips } from "./filter-chips";
import { SORT_OPTIONS, searchHref, type SearchFilters, type SearchSort } from "./labels";
import { ResultCard, ResultCardSkeleton } from "./result-card";

const PAGE = 12;

/** Results for one URL state (q + edited chips + sort): chips, sort, cards paged by cursor, empty and degraded states. */
export function SearchResults({ q, filters, sort }: { q: string; filters: SearchFilters; sort: SearchSort }) {
  const router = useRouter();
  const zone = useViewerZone(null);
  const hasQuery = q.length > 0 || Object.keys(filters).length > 0;
  const query = api.search.instructors.useInfiniteQuery(
    { q, filters, sort, limit: PAGE, zone: zone ?? undefined },
    {
      enabled: hasQuery && zone !== null,
      getNextPageParam: (last) => last.nextCursor,
      staleTime: 30_000,
      refetchOnWindowFocus: false,
    },
  );
  const logClick = api.search.logClick.useMutation();

  const go = (nextFilters: SearchFilters, nextSort: SearchSort = sort) =>
    router.push(searchHref(q, nextFilters, nextSort), { scroll: false });

  if (!hasQuery)
    return (
      <EmptyHelp
        title="What would you like to learn?"
        body="Describe it in your own words — a subject, a place, a budget, a time."
      />
    );

  const pages = query.data?.pages ?? [];
  const first = pages[0];
  const cards = pages.flatMap((p) => p.cards);
  const skipped = first?.skipped ?? [];
  const loading = query.isPending || zone === null;

  return (
    <div className="mt-6">
      {first && <FilterChips parsed={first.parsed} filters={filters} onChange={(f) => go(f)} />}

      <div className="mt-5 flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600" aria-live="polite">
          {loading
            ? "Searching…"
            : first
              ? `${first.total.exact ? "" : "About "}${first.total.value.toLocaleString("en-US")} ${first.total.value === 1 ? "instructor" : "instructors"}`
              : ""}
        </p>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          Sort by
          <select
            value={sort}
            onChange={(e) => go(filters, e.target.value as SearchSort)}
            className="h-9 rounded-lg border border-slate-300 bg-white px-2 text-sm text-slate-900 hover:border-slate-400 focus:border-brand-600"
          >
            {SORT_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      </div>

      {first?.degraded && (
        <p
          role="status"
          className="mt-3 inline-flex items-center gap-2 rounded-lg bg-amber-50 px-3 py-1.5 text-xs text-amber-900 ring-1 ring-amber-200 ring-inset"
        >
          <AlertIcon className="size-4 shrink-0" />
          Results may be less precise right now
          {skipped.length ? ` (skipped: ${skipped.map((s) => s.stage).join(", ")})` : ""}.
        </p>
      )}

      {query.isError && (
        <Alert tone="error" className="mt-5">
          Search failed. {query.error.message} Try again in a moment.
        </Alert>
      )}

      {loading ? (
        <ul aria-busy="true" aria-label="Loading results" className="mt-5 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {Array.from({ length: 6 }, (_, i) => (
            <li key={i}>
              <ResultCardSkeleton />
            </li>
          ))}
        </ul>
      ) : first && cards.length === 0 ? (
        <EmptyHelp
          title="No instructors match all of that"
          body={
            first.parsed.chips.length > 0
              ? "Try removing a filter above — each one narrows the search."
              : "Try a different subject or a broader place."
          }
        />
      ) : (
        <ul aria-label="Instructors" className="mt-5 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {pages.map((p) =>
            p.cards.map((c) => (
              <li key={c.id}>
                <ResultCard
                  card={c}
                  zone={zone ?? "UTC"}
                  onOpen={() =>
                    logClick.mutate({
                      searchId: p.searchId,
                      instructorId: c.id,
                      position: c.position,
                      token: c.clickToken,
                    })
                  }
                />
              </li>
            )),
          )}
        </ul>
      )}

      {query.hasNextPage && (
        <div className="mt-8 flex justify-center">
          <Button variant="outline" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            Load more
          </Button>
        </div>
      )}
    </div>
  );
}

/** Empty state: what to try, and the most popular subjects. */
function EmptyHelp({ title, body }: { title: string; body: string }) {
  const categories = api.catalog.categories.useQuery(undefined, { staleTime: 5 * 60_000 });
  const [showAll, setShowAll] = useState(false);
  const popular = (categories.data ?? [])
    .flatMap((c) => c.subjects)
    .sort((a, b) => b.instructorCount - a.instructorCount)
    .slice(0, showAll ? 16 : 8);
  return (
    <section
      aria-labelledby="search-empty"
      className="mt-8 rounded-2xl border border-dashed border-slate-300 bg-slate-50 px-6 py-10 text-center"
    >
      <h2 id="search-empty" className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      <p className="mx-auto mt-2 max-w-md text-slate-600">{body}</p>
      {popular.length > 0 && (
        <>
          <p className="mt-6 text-sm font-medium text-slate-700">Popular subjects</p>
          <ul className="mt-3 flex flex-wrap justify-center gap-2">
            {popular.map((s) => (
              <li key={s.slug}>
                <Link
                  href={`/search?q=${encodeURIComponent(s.name.toLowerCase())}`}
                  className="inline-flex rounded-full border border-slate-200 bg-white px-3 py-1.5 text-sm text-slate-800 hover:border-brand-600 hover:text-brand-700"
                >
                  {s.name}
                </Link>
              </li>
            ))}
          </ul>
          {!showAll && (
            <button
              type="button"
              onClick={() => setShowAll(true)}
              className="mt-3 text-sm font-medium text-brand-700 hover:underline"
            >
              More subjects
            </button>
          )}
        </>
      )}
    </section>
  );
}
