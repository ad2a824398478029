"use client";

import { useState, type FormEvent } from "react";
import { toApiError } from "~/components/forms/api-error";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { api, type RouterOutputs } from "~/trpc/react";

type Tree = { [k: string]: Value };
type Value = number | boolean | string | null | Tree;

const GROUP_TITLE: Record<string, string> = {
  "": "Budget",
  llm: "LLM (parser and location tier 5)",
  embeddings: "Embeddings",
  location: "Location tiers",
  retrieval: "Retrieval",
  ranking: "Ranking",
  "ranking.weights": "Ranking weights",
  cache: "Result cache",
  overrides: "Test overrides",
};

const OVERRIDE_LABEL: Record<string, string> = {
  skipTier4: "Skip location tier 4 (embedding)",
  skipTier5: "Skip location tier 5 (LLM)",
  skipVector: "Skip vector retrieval",
  skipLlmParse: "Skip LLM parse",
  simulateHighLoad: "Simulate high load (use the high-load budget)",
};

const human = (key: string) =>
  key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/\bMs\b/, "(ms)")
    .replace(/\bKm\b/, "(km)")
    .replace(/\bllm\b/i, "LLM")
    .replace(/\brrf\b/i, "RRF")
    .replace(/^./, (c) => c.toUpperCase());

const isTree = (v: Value): v is Tree => typeof v === "object" && v !== null;
const show = (v: Value | undefined): string => (v === undefined || v === null || isTree(v) ? "" : String(v));

function setIn(tree: Tree, path: string[], value: Value): Tree {
  const [head, ...rest] = path;
  if (head === undefined) return tree;
  const child = tree[head];
  return { ...tree, [head]: rest.length && child !== undefined && isTree(child) ? setIn(child, rest, value) : value };
}

/** Runtime knobs → save; the service applies them at once (other processes within seconds). */
export function SearchConfigForm() {
  const utils = api.useUtils();
  const current = api.admin.searchConfig.get.useQuery(undefined, { refetchOnWindowFocus: false });
  const [draft, setDraft] = useState<Tree | null>(null);
  const [saved, setSaved] = useState(false);
  const onSaved = (view: RouterOutputs["admin"]["searchConfig"]["get"]) => {
    utils.admin.searchConfig.get.setData(undefined, view);
    setDraft(null);
    setSaved(true);
  };
  const save = api.admin.searchConfig.set.useMutation({ onSuccess: onSaved });
  const reset = api.admin.searchConfig.reset.useMutation({ onSuccess: onSaved });

  if (current.isPending)
    return <div aria-busy="true" aria-label="Loading" className="mt-6 h-96 animate-pulse rounded-2xl bg-slate-100" />;
  if (current.isError)
    return (
      <Alert tone="error" className="mt-6">
        {current.error.message}
      </Alert>
    );

  const base = current.data.config as unknown as Tree;
  const defaults = current.data.defaults as unknown as Tree;
  const values = draft ?? base;
  const error = save.error ?? reset.error;
  const change = (path: string[], v: Value) => {
    setSaved(false);
    setDraft(setIn(values, path, v));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(values);
  };

  const groups: { key: string; path: string[]; tree: Tree; def: Tree }[] = [];
  const collect = (tree: Tree, def: Tree, path: string[]) => {
    groups.push({ key: path.join("."), path, tree, def });
    for (const [k, v] of Object.entries(tree)) if (isTree(v)) collect(v, (def[k] ?? {}) as Tree, [...path, k]);
  };
  collect(values, defaults, []);
  // Test overrides first: they are what people come here to flip.
  groups.sort((a, b) => Number(b.key === "overrides") - Number(a.key === "overrides"));

  return (
    <form onSubmit={submit} className="mt-6 space-y-5" aria-label="Search config">
      {saved && (
        <Alert tone="success" title="Saved — effective immediately">
          New searches use these settings now (other server processes pick them up within a few seconds).
        </Alert>
      )}
      {error && <Alert tone="error">{toApiError(error).message}</Alert>}
      {groups.map((g) => {
        const leaves = Object.entries(g.tree).filter(([, v]) => !isTree(v));
        if (!leaves.length) return null;
        return (
          <fieldset key={g.key} className="rounded-2xl border border-slate-200 bg-white p-5 shadow-card">
            <legend className="px-1 text-base font-semibold text-slate-900">
              {GROUP_TITLE[g.key] ?? human(g.key)}
            </legend>
            <div className="mt-2 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {leaves.map(([k, v]) => {
                const id = `cfg-${[...g.path, k].join("-")}`;
                const def = g.def[k];
                const path = [...g.path, k];
                if (typeof v === "boolean") {
                  return (
                    <label key={k} htmlFor={id} className="flex items-start gap-2.5 text-sm text-slate-800">
                      <input
                        id={id}
                        type="checkbox"
                        checked={v}
                        onChange={(e) => change(path, e.target.checked)}
                        className="mt-0.5 size-4 accent-brand-600"
                      />
                      <span>
                        {OVERRIDE_LABEL[k] ?? human(k)}
                        {def !== undefined && def !== v && (
                          <span className="block text-xs text-slate-500">default {show(def)}</span>
                        )}
                      </span>
                    </label>
                  );
                }
                const isText = typeof v === "string" || v === null;
                return (
                  <div key={k}>
                    <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800">
                      {human(k)}
                    </label>
                    <input
                      id={id}
                      type={isText ? "text" : "number"}
                      step="any"
                      value={show(v)}
                      placeholder={isText ? "(environment default)" : undefined}
                      onChange={(e) =>
                        change(
                          path,
                          isText ? e.target.value.trim() || null : e.target.value === "" ? 0 : Number(e.target.value),
                        )
                      }
                      className="h-10 w-full rounded-lg border border-slate-300 bg-white px-3 text-sm text-slate-900 hover:border-slate-400 focus:border-brand-600"
                    />
                    <p className="mt-1 text-xs text-slate-500">default {def === null ? "environment" : show(def)}</p>
                  </div>
                );
              })}
            </div>
          </fieldset>
        );
      })}
      <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 py-4 backdrop-blur">
        <Button type="submit" loading={save.isPending} disabled={!draft}>
          Save
        </Button>
        <Button type="button" variant="ghost" disabled={!draft} onClick={() => setDraft(null)}>
          Discard changes
        </Button>
        <Button
          type="button"
          variant="outline"
          loading={reset.isPending}
          onClick={() => reset.mutate()}
          className="ml-auto"
        >
          Reset to defaults
        </Button>
        <span className="text-xs text-slate-500">Version {current.data.version}</span>
      </div>
    </form>
  );
}
