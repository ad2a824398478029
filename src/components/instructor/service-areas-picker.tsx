"use client";

import { useDeferredValue, useId, useState } from "react";
import { toApiError } from "~/components/forms/api-error";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { cn } from "~/components/ui/cn";
import { TextField } from "~/components/ui/field";
import { CloseIcon } from "~/components/ui/icons";
import { Spinner } from "~/components/ui/spinner";
import { api, type RouterOutputs } from "~/trpc/react";
import { RegionMap } from "./region-map";

type Borough = RouterOutputs["catalog"]["regions"][number];

const norm = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();

/**
 * Where the instructor travels: whole boroughs or single neighbourhoods, as a searchable checkbox list
 * grouped by borough, with the selection drawn on a small map.
 */
export function ServiceAreasPicker({ initial, travels }: { initial: string[]; travels: boolean }) {
  const utils = api.useUtils();
  const regions = api.catalog.regions.useQuery(undefined, { staleTime: 5 * 60_000 });
  const save = api.instructor.setServiceAreas.useMutation();
  const [selected, setSelected] = useState<Set<string>>(() => new Set(initial));
  const [saved, setSaved] = useState<Set<string>>(() => new Set(initial));
  const [query, setQuery] = useState("");
  const q = norm(useDeferredValue(query).trim());
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const baseId = useId();

  const dirty = selected.size !== saved.size || [...selected].some((id) => !saved.has(id));

  function toggle(id: string, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
    setStatus("");
  }

  function toggleBorough(b: Borough, on: boolean) {
    const next = new Set(selected);
    if (on) {
      next.add(b.id);
      // The borough covers its neighbourhoods: keep the list short.
      for (const n of b.neighbourhoods) next.delete(n.id);
    } else next.delete(b.id);
    setSelected(next);
    setStatus("");
  }

  async function onSave() {
    setError(null);
    setStatus("");
    try {
      const r = await save.mutateAsync({ regionIds: [...selected] });
      const ids = new Set(r.map((x) => x.id));
      setSaved(ids);
      setSelected(ids);
      setStatus("Service areas saved.");
      void utils.instructor.checklist.invalidate();
    } catch (err) {
      setError(toApiError(err).message);
    }
  }

  const all = regions.data ?? [];
  const names = new Map<string, string>();
  for (const b of all) {
    names.set(b.id, `All of ${b.name}`);
    for (const n of b.neighbourhoods) names.set(n.id, n.name);
  }
  const visible = all
    .map((b) => ({
      b,
      hoods:
        q && !norm(b.name).includes(q) ? b.neighbourhoods.filter((n) => norm(n.name).includes(q)) : b.neighbourhoods,
    }))
    .filter(({ b, hoods }) => !q || hoods.length > 0 || norm(b.name).includes(q));

  return (
    <Card
      id="areas"
      title="Areas you travel to"
      description={
        travels
          ? "Students in these places can book lessons at their home or a nearby public place."
          : "Turn on “I travel to students” above to take lessons at students' places."
      }
    >
      {regions.isPending ? (
        <p className="flex items-center gap-2 text-sm text-slate-500">
          <Spinner /> Loading neighbourhoods…
        </p>
      ) : regions.isError ? (
        <Alert tone="error">{toApiError(regions.error).message}</Alert>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[1fr_16rem]">
          <div className="min-w-0 space-y-3">
            <TextField
              label="Search neighbourhoods"
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              placeholder="Astoria, Park Slope…"
            />
            <div
              className="max-h-96 overflow-y-auto rounded-xl border border-slate-200"
              role="group"
              aria-label="Boroughs and neighbourhoods"
            >
              {visible.length === 0 && (
                <p className="px-4 py-6 text-center text-sm text-slate-500">No neighbourhood matches “{query}”.</p>
              )}
              {visible.map(({ b, hoods }) => {
                const whole = selected.has(b.id);
                const headingId = `${baseId}-${b.id}`;
                return (
                  <section key={b.id} aria-labelledby={headingId} className="border-b border-slate-100 last:border-b-0">
                    <div className="sticky top-0 z-[1] flex items-center justify-between gap-2 bg-slate-50 px-4 py-2">
                      <h3 id={headingId} className="text-sm font-semibold text-slate-900">
                        {b.name}
                      </h3>
                      <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
                        <input
                          type="checkbox"
                          className="size-4 accent-brand-600"
                          checked={whole}
                          onChange={(e) => toggleBorough(b, e.target.checked)}
                        />
                        All of {b.name}
                      </label>
                    </div>
                    <ul className="grid gap-x-4 px-4 py-2 sm:grid-cols-2">
                      {hoods.map((n) => (
                        <li key={n.id}>
                          <label
                            className={cn(
                              "flex items-center gap-2 py-1.5 text-sm",
                              whole ? "text-slate-400" : "cursor-pointer text-slate-800",
                            )}
                          >
                            <input
                              type="checkbox"
                              className="size-4 accent-brand-600"
                              checked={whole || selected.has(n.id)}
                              disabled={whole}
                              onChange={(e) => toggle(n.id, e.target.checked)}
                            />
                            {n.name}
                          </label>
                        </li>
                      ))}
                    </ul>
                  </section>
                );
              })}
            </div>
          </div>
          <div className="space-y-3">
            <RegionMap boroughs={all} selected={selected} label={`Map of the ${selected.size} selected areas`} />
            {selected.size > 0 ? (
              <ul className="flex flex-wrap gap-1.5" aria-label="Selected areas">
                {[...selected].map((id) => (
                  <li
                    key={id}
                    className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-0.5 pr-1 pl-2.5 text-xs font-medium text-brand-800 ring-1 ring-brand-200"
                  >
                    {names.get(id) ?? "Area"}
                    <button
                      type="button"
                      aria-label={`Remove ${names.get(id) ?? "area"}`}
                      className="inline-flex size-5 items-center justify-center rounded-full hover:bg-brand-100"
                      onClick={() => toggle(id, false)}
                    >
                      <CloseIcon className="size-3" />
                    </button>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-500">No areas chosen yet.</p>
            )}
          </div>
        </div>
      )}
      {error && (
        <Alert tone="error" className="mt-4">
          {error}
        </Alert>
      )}
      <div className="mt-5 flex items-center gap-3">
        <Button onClick={() => void onSave()} loading={save.isPending} disabled={!dirty}>
          {save.isPending ? "Saving…" : "Save areas"}
        </Button>
        <p role="status" className="text-sm font-medium text-emerald-700">
          {status}
        </p>
      </div>
    </Card>
  );
}
