/**
 * Server-side admin tables: every state (filters, sort, page, cursor) lives in the URL, so tables work without
 * client JavaScript, can be bookmarked and shared, and the server does the filtering, sorting and paging.
 * Pieces: `DataTable` (frame, caption, empty state), `SortableHeader`, `PagePager` (page numbers),
 * `CursorPager` (keyset cursors), `FilterBar` + `FilterText` / `FilterSelect` / `FilterDate`, `CsvExportLink`.
 */
import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "~/components/ui/button";
import { cn } from "~/components/ui/cn";

/** The current query string as a plain record (what a page receives as `searchParams`, first values only). */
export type TableParams = Record<string, string | undefined>;

/** Flattens Next's `searchParams` (string | string[] | undefined) to first values. */
export function tableParams(raw: Record<string, string | string[] | undefined>): TableParams {
  const out: TableParams = {};
  for (const [k, v] of Object.entries(raw)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined && first !== "") out[k] = first;
  }
  return out;
}

/** `basePath` with the current params, changed by `patch` (undefined removes a key). */
export function hrefWith(basePath: string, params: TableParams, patch: TableParams = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...params, ...patch })) if (v !== undefined && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? `${basePath}?${s}` : basePath;
}

/** A table frame: horizontal scroll on narrow screens, a caption (visible or for screen readers), empty state. */
export function DataTable({
  caption,
  captionVisible = false,
  head,
  children,
  empty,
  isEmpty,
  minWidth = "48rem",
}: {
  caption: string;
  captionVisible?: boolean;
  head: ReactNode;
  children: ReactNode;
  /** What to show instead of rows when there are none. */
  empty: ReactNode;
  isEmpty: boolean;
  minWidth?: string;
}) {
  if (isEmpty)
    return (
      <div
        role="status"
        className="rounded-xl border border-dashed border-slate-300 px-4 py-10 text-center text-sm text-slate-600"
      >
        {empty}
      </div>
    );
  return (
    // Focusable and named so keyboard users can scroll it on a phone; `relative` keeps the table's screen-reader-only
    // text inside the scroll box (absolutely positioned, it would otherwise widen the whole page).
    <div
      role="region"
      aria-label={`${caption} (scrolls sideways)`}
      tabIndex={0}
      className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white focus-visible:outline-2 focus-visible:outline-brand-600"
    >
      <table className="w-full divide-y divide-slate-200 text-sm" style={{ minWidth }}>
        <caption className={captionVisible ? "px-4 py-2 text-left text-sm font-medium text-slate-700" : "sr-only"}>
          {caption}
        </caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>{head}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

/** A plain column header. */
export function Th({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <th scope="col" className={cn("px-4 py-3", className)}>
      {children}
    </th>
  );
}

/** A cell with the table's padding. */
export function Td({ children, className }: { children: ReactNode; className?: string }) {
  return <td className={cn("px-4 py-3 align-top", className)}>{children}</td>;
}

/**
 * A column header that sorts on the server: a link to the same page with `sort`/`dir` set (first click
 * `defaultDir`, then toggles), `aria-sort` on the active column, and the page reset to the first.
 */
export function SortableHeader({
  label,
  column,
  basePath,
  params,
  defaultDir = "asc",
  className,
}: {
  label: string;
  column: string;
  basePath: string;
  params: TableParams;
  defaultDir?: "asc" | "desc";
  className?: string;
}) {
  const active = params.sort === column;
  const dir = active ? (params.dir === "desc" ? "desc" : "asc") : undefined;
  const next = active ? (dir === "asc" ? "desc" : "asc") : defaultDir;
  return (
    <th
      scope="col"
      aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none"}
      className={cn("px-4 py-3", className)}
    >
      <Link
        href={hrefWith(basePath, params, { sort: column, dir: next, page: undefined, cursor: undefined })}
        className="inline-flex items-center gap-1 hover:text-slate-900 focus-visible:underline"
      >
        {label}
        <span aria-hidden="true" className={active ? "text-brand-700" : "text-slate-300"}>
          {dir === "desc" ? "▼" : "▲"}
        </span>
        <span className="sr-only">{active ? `, sorted ${dir}ending` : ", sort"}</span>
      </Link>
    </th>
  );
}

const pagerLink = buttonClass("outline", "sm");
const pagerOff = cn(buttonClass("outline", "sm"), "pointer-events-none opacity-50");

/** Previous / next by page number, with "Page x of y · n results". `page` is 1-based. */
export function PagePager({
  basePath,
  params,
  page,
  pageSize,
  total,
  label = "Pages",
}: {
  basePath: string;
  params: TableParams;
  page: number;
  pageSize: number;
  total: number;
  label?: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const prev = page > 1 ? hrefWith(basePath, params, { page: page - 1 === 1 ? undefined : String(page - 1) }) : null;
  const next = page < pages ? hrefWith(basePath, params, { page: String(page + 1) }) : null;
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p aria-live="polite">
        Page {Math.min(page, pages)} of {pages} · {total.toLocaleString("en-US")} {total === 1 ? "result" : "results"}
      </p>
      <div className="flex gap-2">
        {prev ? (
          <Link href={prev} className={pagerLink} rel="prev">
            ← Previous
          </Link>
        ) : (
          <span aria-disabled="true" className={pagerOff}>
            ← Previous
          </span>
        )}
        {next ? (
          <Link href={next} className={pagerLink} rel="next">
            Next →
          </Link>
        ) : (
          <span aria-disabled="true" className={pagerOff}>
            Next →
          </span>
        )}
      </div>
    </nav>
  );
}

/** Keyset paging: back to the first page, or on to the page after `nextCursor`. */
export function CursorPager({
  basePath,
  params,
  nextCursor,
  label = "Pages",
}: {
  basePath: string;
  params: TableParams;
  nextCursor: string | null;
  label?: string;
}) {
  const onFirst = !params.cursor;
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center justify-end gap-2 text-sm">
      {onFirst ? (
        <span aria-disabled="true" className={pagerOff}>
          ← Newest
        </span>
      ) : (
        <Link href={hrefWith(basePath, params, { cursor: undefined })} className={pagerLink}>
          ← Newest
        </Link>
      )}
      {nextCursor ? (
        <Link href={hrefWith(basePath, params, { cursor: nextCursor })} className={pagerLink} rel="next">
          Older →
        </Link>
      ) : (
        <span aria-disabled="true" className={pagerOff}>
          Older →
        </span>
      )}
    </nav>
  );
}

/**
 * A GET form of filters: submitting reloads the page with the filters in the URL (paging restarts; the sort is
 * kept through hidden fields). `resetHref` clears every filter.
 */
export function FilterBar({
  action,
  label,
  keep = {},
  resetHref,
  children,
}: {
  action: string;
  /** Accessible name of the filter region, e.g. "Filter users". */
  label: string;
  /** Params carried over unchanged (e.g. sort, dir). */
  keep?: TableParams;
  resetHref: string;
  children: ReactNode;
}) {
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label={label}
      className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4"
    >
      {Object.entries(keep).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      {children}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("primary", "sm")}>
          Apply
        </button>
        <Link href={resetHref} className={buttonClass("ghost", "sm")}>
          Reset
        </Link>
      </div>
    </form>
  );
}

const inputClass =
  "h-9 w-full rounded-lg border border-slate-300 bg-white px-2.5 text-sm text-slate-900 focus:border-brand-500 focus:ring-2 focus:ring-brand-200 focus:outline-none";

/** A labelled text filter. */
export function FilterText({
  name,
  label,
  defaultValue,
  placeholder,
  type = "search",
  maxLength = 200,
  className,
}: {
  name: string;
  label: string;
  defaultValue?: string;
  placeholder?: string;
  type?: "search" | "text";
  maxLength?: number;
  className?: string;
}) {
  return (
    <label className={cn("flex min-w-[12rem] flex-1 flex-col gap-1 text-xs font-medium text-slate-700", className)}>
      {label}
      <input
        type={type}
        name={name}
        defaultValue={defaultValue}
        placeholder={placeholder}
        maxLength={maxLength}
        className={inputClass}
      />
    </label>
  );
}

/** A labelled select filter; the first option ("All") sends no value. */
export function FilterSelect({
  name,
  label,
  defaultValue,
  options,
  allLabel = "All",
}: {
  name: string;
  label: string;
  defaultValue?: string;
  options: readonly (readonly [value: string, label: string])[];
  allLabel?: string;
}) {
  return (
    <label className="flex min-w-[9rem] flex-col gap-1 text-xs font-medium text-slate-700">
      {label}
      <select name={name} defaultValue={defaultValue ?? ""} className={inputClass}>
        <option value="">{allLabel}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A labelled calendar-date filter (YYYY-MM-DD). */
export function FilterDate({ name, label, defaultValue }: { name: string; label: string; defaultValue?: string }) {
  return (
    <label className="flex min-w-[9rem] flex-col gap-1 text-xs font-medium text-slate-700">
      {label}
      <input type="date" name={name} defaultValue={defaultValue} className={inputClass} />
    </label>
  );
}

/** Downloads the current view as CSV from a route that streams it (same filters and sort as the table). */
export function CsvExportLink({ href, label = "Export CSV" }: { href: string; label?: string }) {
  return (
    <a href={href} download className={buttonClass("outline", "sm")}>
      <span aria-hidden="true">⬇</span> {label}
    </a>
  );
}
