"use client";

import Form from "next/form";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { MapPinIcon, SearchIcon } from "~/components/ui/icons";
import { cn } from "~/components/ui/cn";
import { api } from "~/trpc/react";

const DEBOUNCE_MS = 150;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/**
 * The big "what do you want to learn" box: a plain GET form to /search (works without JavaScript), enhanced with
 * subject/place suggestions (`search.suggest`) following the ARIA combobox pattern (arrow keys, Enter, Escape).
 */
export function SearchBox({
  defaultValue,
  size = "lg",
  className,
}: {
  defaultValue?: string;
  size?: "lg" | "md";
  className?: string;
}) {
  const router = useRouter();
  const uid = useId();
  const inputId = `q-${size}`;
  const listId = `${uid}-suggestions`;
  const [text, setText] = useState(defaultValue ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);

  // The server completes the whole text, or the place after a cue word ("piano in park s").
  const trimmed = text.trim();
  const debounced = useDebounced(trimmed, DEBOUNCE_MS);
  const suggest = api.search.suggest.useQuery(
    { prefix: debounced.slice(-100) },
    { enabled: open && debounced.length >= 2, staleTime: 60_000, placeholderData: (prev) => prev },
  );
  const items = open && trimmed.length >= 2 ? (suggest.data?.suggestions ?? []) : [];
  const expanded = items.length > 0;

  const choose = (i: number) => {
    const item = items[i];
    if (!item) return;
    // The suggestion's `text` is the whole query to run (the server completes the phrase typed so far).
    const next = item.text;
    setText(next);
    setOpen(false);
    setActive(-1);
    router.push(`/search?q=${encodeURIComponent(next)}`);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setOpen(true);
      if (items.length) setActive((a) => (a + 1) % items.length);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      if (items.length) setActive((a) => (a <= 0 ? items.length - 1 : a - 1));
    } else if (e.key === "Enter" && expanded && active >= 0) {
      e.preventDefault();
      choose(active);
    } else if (e.key === "Escape") {
      if (expanded) e.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  return (
    <Form action="/search" role="search" aria-label="Find an instructor" className={cn("relative w-full", className)}>
      <div
        className={cn(
          "flex items-center gap-2 rounded-2xl border border-slate-200 bg-white shadow-pop ring-brand-600 focus-within:border-brand-600 focus-within:ring-2",
          size === "lg" ? "p-2 pl-4" : "p-1.5 pl-3",
        )}
      >
        <SearchIcon className="size-5 shrink-0 text-slate-400" />
        <label htmlFor={inputId} className="sr-only">
          What do you want to learn?
        </label>
        <input
          ref={inputRef}
          id={inputId}
          name="q"
          type="search"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
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
      <ul
        id={listId}
        role="listbox"
        aria-label="Suggestions"
        hidden={!expanded}
        className="absolute inset-x-0 top-full z-30 mt-2 overflow-hidden rounded-2xl border border-slate-200 bg-white py-1 text-left shadow-pop"
      >
        {items.map((s, i) => (
          <li
            key={`${s.kind}-${s.slug}`}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            // mousedown, not click: the input's blur would close the list first.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(i);
            }}
            onMouseEnter={() => setActive(i)}
            className={cn(
              "flex cursor-pointer items-center gap-3 px-4 py-2.5 text-slate-800",
              i === active && "bg-brand-50 text-brand-900",
            )}
          >
            {s.kind === "location" ? (
              <MapPinIcon className="size-4 shrink-0 text-slate-400" />
            ) : (
              <SearchIcon className="size-4 shrink-0 text-slate-400" />
            )}
            <span className="min-w-0 flex-1 truncate">
              <span className="font-medium">{s.label}</span>
              {s.detail && <span className="ml-2 text-sm text-slate-500">{s.detail}</span>}
            </span>
            <span className="text-xs uppercase tracking-wide text-slate-400">
              {s.kind === "location" ? "Place" : "Subject"}
            </span>
          </li>
        ))}
      </ul>
    </Form>
  );
}
