import Form from "next/form";
import { SearchIcon } from "~/components/ui/icons";
import { cn } from "~/components/ui/cn";

/** The big "what do you want to learn" box: a plain GET form to /search (works without JavaScript). */
export function SearchBox({ defaultValue, size = "lg", className }: { defaultValue?: string; size?: "lg" | "md"; className?: string }) {
  return (
    <Form action="/search" role="search" aria-label="Find an instructor" className={cn("w-full", className)}>
      <div
        className={cn(
          "flex items-center gap-2 rounded-2xl border border-slate-200 bg-white shadow-pop ring-brand-600 focus-within:border-brand-600 focus-within:ring-2",
          size === "lg" ? "p-2 pl-4" : "p-1.5 pl-3",
        )}
      >
        <SearchIcon className="size-5 shrink-0 text-slate-400" />
        <label htmlFor={`q-${size}`} className="sr-only">
          What do you want to learn?
        </label>
        <input
          id={`q-${size}`}
          name="q"
          type="search"
          defaultValue={defaultValue}
          placeholder="Try “piano for my 8-year-old”"
          autoComplete="off"
          enterKeyHint="search"
          className={cn(
            "min-w-0 flex-1 bg-transparent text-slate-900 placeholder:text-slate-400 focus:outline-none focus-visible:outline-none",
            size === "lg" ? "h-12 text-base sm:text-lg" : "h-10 text-base",
          )}
        />
        <button
          type="submit"
          className={cn(
            "inline-flex shrink-0 items-center gap-2 rounded-xl bg-brand-600 font-semibold text-white hover:bg-brand-700",
            size === "lg" ? "h-12 px-4 sm:px-6" : "h-10 px-4",
          )}
        >
          <SearchIcon className="size-5 sm:hidden" />
          <span className="max-sm:sr-only">Search</span>
        </button>
      </div>
    </Form>
  );
}
