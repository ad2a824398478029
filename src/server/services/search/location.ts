/**
 * Location resolution tiers (PRODUCT.md §7.2): exact name → alias → fuzzy (pg_trgm) → embedding → LLM, each
 * recorded with its result, confidence and time. Tiers 1–2 are the parser's dictionary (in memory, learned aliases
 * included); 3 is one SQL query; 4 and 5 are optional stages under the request budget.
 */
import { distanceKm } from "~/lib/geo";
import type { Cache } from "~/server/kv/cache";
import { ProviderTimeoutError, type Embedder, type LlmPort } from "~/server/integrations/openai";
import type { SearchRepository } from "~/server/repositories/search";
import { round, within, type Budget } from "./budget";
import type { SearchConfig } from "./config";
import { cosine, embedQuery } from "./embeddings";
import type { GazetteerRegion } from "./lexicon";
import { llmResolveLocation } from "./llm";
import type { LexiconSnapshot, SearchState } from "./state";
import type { FastParse, LocationTier } from "./types";
import type { LocationTierRecord, ParsedLocation } from "./views";

/** "Near me" snaps to the closest neighbourhood centroid within this distance. */
export const NEAR_ME_SNAP_KM = 5;

export type LocationDeps = {
  repo: SearchRepository;
  embedder: Embedder;
  llm: LlmPort;
  cache: Cache;
  state: SearchState;
};

export type ResolvedLocation = {
  view: ParsedLocation | null;
  region: GazetteerRegion | null;
  /** The point distances are measured from: the "near me" coordinates, else the region's centroid. */
  point: { lat: number; lng: number } | null;
  tiers: LocationTierRecord[];
  /** The phrase as typed when it was not a dictionary hit: clicks on it teach aliases. */
  learnableTerm: string | null;
};

type Explicit = { region: string } | { near: { lat: number; lng: number } } | null | undefined;

function regionView(
  r: GazetteerRegion,
  tier: LocationTier,
  confidence: number,
  term: string | null,
  source: "fast" | "llm" | "filter",
): ParsedLocation {
  return {
    kind: "region",
    slug: r.slug,
    name: r.name,
    regionKind: r.kind,
    tier,
    term,
    confidence: round(confidence),
    source,
  };
}

export function nearestNeighbourhood(regions: GazetteerRegion[], lat: number, lng: number): GazetteerRegion | null {
  let best: GazetteerRegion | null = null;
  let bestKm = Infinity;
  for (const r of regions) {
    if (r.kind !== "neighbourhood") continue;
    const km = distanceKm(lat, lng, r.lat, r.lng);
    if (km < bestKm) {
      best = r;
      bestKm = km;
    }
  }
  return bestKm <= NEAR_ME_SNAP_KM ? best : null;
}

export async function resolveLocation(
  deps: LocationDeps,
  snap: LexiconSnapshot,
  fast: FastParse,
  explicit: Explicit,
  llmLocationSlug: string | null | undefined,
  config: SearchConfig,
  budget: Budget,
): Promise<ResolvedLocation> {
  const lex = snap.lexicon;
  const tiers: LocationTierRecord[] = [];
  const record = (t: LocationTierRecord) => tiers.push({ ...t, ms: round(t.ms) });

  // Explicit filter (a chip the user edited) wins.
  if (explicit !== undefined) {
    if (explicit === null) return { view: null, region: null, point: null, tiers, learnableTerm: null };
    if ("region" in explicit) {
      const r = lex.regionsBySlug.get(explicit.region);
      if (!r) return { view: null, region: null, point: null, tiers, learnableTerm: null };
      record({
        tier: "filter",
        term: null,
        status: "hit",
        result: { slug: r.slug, name: r.name },
        confidence: 1,
        ms: 0,
      });
      return {
        view: regionView(r, "filter", 1, null, "filter"),
        region: r,
        point: { lat: r.lat, lng: r.lng },
        tiers,
        learnableTerm: null,
      };
    }
    const r = nearestNeighbourhood(lex.regions, explicit.near.lat, explicit.near.lng);
    record({
      tier: "near_me",
      term: null,
      status: r ? "hit" : "miss",
      result: r ? { slug: r.slug, name: r.name } : null,
      confidence: r ? 1 : null,
      ms: 0,
    });
    return {
      view: {
        kind: "near_me",
        resolved: r ? { slug: r.slug, name: r.name } : null,
        needsCoordinates: false,
        confidence: 1,
        source: "filter",
      },
      region: r,
      point: explicit.near,
      tiers,
      learnableTerm: null,
    };
  }

  // Tiers 1–2: the dictionary hit during parsing.
  if (fast.location.value) {
    const r = lex.regionsById.get(fast.location.value.id)!;
    const phrase = fast.locationPhrase;
    if (fast.location.tier === "exact") {
      record({
        tier: "exact",
        term: phrase,
        status: "hit",
        result: { slug: r.slug, name: r.name },
        confidence: fast.location.confidence,
        ms: 0,
      });
    } else {
      record({ tier: "exact", term: phrase, status: "miss", result: null, confidence: null, ms: 0 });
      record({
        tier: "alias",
        term: phrase,
        status: "hit",
        result: { slug: r.slug, name: r.name },
        confidence: fast.location.confidence,
        ms: 0,
        ...(fast.location.learned ? { detail: "learned alias" } : {}),
      });
    }
    return {
      view: regionView(r, fast.location.tier ?? "exact", fast.location.confidence, phrase, "fast"),
      region: r,
      point: { lat: r.lat, lng: r.lng },
      tiers,
      learnableTerm: null,
    };
  }

  if (fast.location.nearMe) {
    record({
      tier: "near_me",
      term: null,
      status: "miss",
      result: null,
      confidence: null,
      ms: 0,
      detail: "no coordinates sent",
    });
    return {
      view: {
        kind: "near_me",
        resolved: null,
        needsCoordinates: true,
        confidence: fast.location.confidence,
        source: "fast",
      },
      region: null,
      point: null,
      tiers,
      learnableTerm: null,
    };
  }

  const term = fast.locationTerm;
  if (!term) {
    // The LLM parse may still have found a place the dictionary could not see (no cue word).
    const r = llmLocationSlug ? lex.regionsBySlug.get(llmLocationSlug) : undefined;
    if (r) {
      record({
        tier: "llm",
        term: null,
        status: "hit",
        result: { slug: r.slug, name: r.name },
        confidence: 0.7,
        ms: 0,
        detail: "from the LLM parse",
      });
      return {
        view: regionView(r, "llm", 0.7, null, "llm"),
        region: r,
        point: { lat: r.lat, lng: r.lng },
        tiers,
        learnableTerm: null,
      };
    }
    return { view: null, region: null, point: null, tiers, learnableTerm: null };
  }

  record({ tier: "exact", term, status: "miss", result: null, confidence: null, ms: 0 });
  record({ tier: "alias", term, status: "miss", result: null, confidence: null, ms: 0 });
  const found = (
    r: GazetteerRegion,
    tier: LocationTier,
    confidence: number,
    source: "fast" | "llm",
  ): ResolvedLocation => ({
    view: regionView(r, tier, confidence, term, source),
    region: r,
    point: { lat: r.lat, lng: r.lng },
    tiers,
    learnableTerm: term,
  });

  // Tier 3: trigram similarity over names and aliases.
  {
    const t = performance.now();
    const rows = await budget.stage("location.fuzzy", async (mark) => {
      const r = await deps.repo.fuzzyRegions(term, config.location.fuzzyThreshold);
      mark(r.length ? "hit" : "miss", r[0] ? `${r[0].matched} (${r[0].similarity.toFixed(2)})` : undefined);
      return r;
    });
    const best = rows[0];
    const region = best ? lex.regionsById.get(best.regionId) : undefined;
    record({
      tier: "fuzzy",
      term,
      status: region ? "hit" : "miss",
      result: region ? { slug: region.slug, name: region.name } : null,
      confidence: best ? best.similarity : null,
      ms: performance.now() - t,
      ...(best ? { detail: `matched "${best.matched}"` } : {}),
    });
    if (region && best) return found(region, "fuzzy", best.similarity, "fast");
  }

  // Tier 4: embedding similarity against every region name and alias.
  if (config.overrides.skipTier4) {
    budget.skip("location.embedding", "override");
    record({ tier: "embedding", term, status: "skipped", result: null, confidence: null, ms: 0, detail: "override" });
  } else {
    const allowance = budget.allowance(config.embeddings.timeoutMs);
    if (!allowance) {
      budget.skip("location.embedding", budget.highLoad ? "high_load" : "budget");
      record({ tier: "embedding", term, status: "skipped", result: null, confidence: null, ms: 0, detail: "budget" });
    } else {
      const t = performance.now();
      const model = config.embeddings.model ?? undefined;
      const work = (async () => {
        const entries = await regionVectors(deps, snap, config, allowance);
        const q = await embedQuery(deps, term, {
          timeoutMs: allowance,
          signal: AbortSignal.timeout(allowance),
          model,
          maxConcurrency: config.embeddings.maxConcurrency,
          ttlSeconds: config.embeddings.queryCacheTtlSeconds,
        });
        let best: { regionId: string; term: string; sim: number } | null = null;
        for (const e of entries) {
          const sim = cosine(q.vector, e.vector);
          if (!best || sim > best.sim) best = { regionId: e.regionId, term: e.term, sim };
        }
        return best;
      })();
      const outcome = await budget.stage("location.embedding", async (mark) => {
        const r = await within(work, allowance).catch((e: unknown) => ({ ok: false as const, error: e }));
        if (!r.ok) {
          const failed: "timeout" | "error" =
            "error" in r && !(r.error instanceof ProviderTimeoutError) ? "error" : "timeout";
          mark(failed);
          return { failed } as const;
        }
        mark(r.value && r.value.sim >= config.location.embeddingThreshold ? "hit" : "miss");
        return { failed: null, best: r.value } as const;
      });
      if (outcome.failed) {
        budget.skipped.push({ stage: "location.embedding", reason: outcome.failed });
        record({
          tier: "embedding",
          term,
          status: outcome.failed,
          result: null,
          confidence: null,
          ms: performance.now() - t,
        });
      } else {
        const best = outcome.best;
        const region =
          best && best.sim >= config.location.embeddingThreshold ? lex.regionsById.get(best.regionId) : undefined;
        record({
          tier: "embedding",
          term,
          status: region ? "hit" : "miss",
          result: region ? { slug: region.slug, name: region.name } : null,
          confidence: best ? round(best.sim) : null,
          ms: performance.now() - t,
          ...(best ? { detail: `closest "${best.term}"` } : {}),
        });
        if (region && best) return found(region, "embedding", best.sim, "fast");
      }
    }
  }

  // Tier 5: the LLM (its parse answer when the parse already asked it).
  if (llmLocationSlug !== undefined) {
    const r = llmLocationSlug ? lex.regionsBySlug.get(llmLocationSlug) : undefined;
    record({
      tier: "llm",
      term,
      status: r ? "hit" : "miss",
      result: r ? { slug: r.slug, name: r.name } : null,
      confidence: r ? 0.7 : null,
      ms: 0,
      detail: "from the LLM parse",
    });
    if (r) return found(r, "llm", 0.7, "llm");
  } else if (config.overrides.skipTier5) {
    budget.skip("location.llm", "override");
    record({ tier: "llm", term, status: "skipped", result: null, confidence: null, ms: 0, detail: "override" });
  } else if (!deps.llm.available) {
    budget.note("location.llm", "unavailable", "no LLM configured");
    record({
      tier: "llm",
      term,
      status: "unavailable",
      result: null,
      confidence: null,
      ms: 0,
      detail: "no LLM configured",
    });
  } else {
    const allowance = budget.allowance(config.llm.locationTimeoutMs);
    if (!allowance) {
      budget.skip("location.llm", budget.highLoad ? "high_load" : "budget");
      record({ tier: "llm", term, status: "skipped", result: null, confidence: null, ms: 0, detail: "budget" });
    } else {
      const t = performance.now();
      const outcome = await budget.stage("location.llm", async (mark) => {
        const call = llmResolveLocation(deps.llm, lex, term, {
          timeoutMs: allowance,
          signal: AbortSignal.timeout(allowance),
          model: config.llm.model ?? undefined,
          maxConcurrency: config.llm.maxConcurrency,
        });
        const r = await within(call, allowance).catch((e: unknown) => ({ ok: false as const, error: e }));
        if (!r.ok) {
          const failed: "timeout" | "error" =
            "error" in r && !(r.error instanceof ProviderTimeoutError) ? "error" : "timeout";
          mark(failed);
          return { failed } as const;
        }
        mark(r.value ? "hit" : "miss");
        return { failed: null, hit: r.value } as const;
      });
      if (outcome.failed) {
        budget.skipped.push({ stage: "location.llm", reason: outcome.failed });
        record({
          tier: "llm",
          term,
          status: outcome.failed,
          result: null,
          confidence: null,
          ms: performance.now() - t,
        });
      } else {
        const r = outcome.hit ? lex.regionsBySlug.get(outcome.hit.slug) : undefined;
        record({
          tier: "llm",
          term,
          status: r ? "hit" : "miss",
          result: r ? { slug: r.slug, name: r.name } : null,
          confidence: outcome.hit?.confidence ?? null,
          ms: performance.now() - t,
        });
        if (r && outcome.hit) return found(r, "llm", outcome.hit.confidence, "llm");
      }
    }
  }

  return {
    view: { kind: "unresolved", term, confidence: fast.location.confidence, source: "fast" },
    region: null,
    point: null,
    tiers,
    learnableTerm: term,
  };
}

/** Vectors of every region name and alias, computed once per dictionary snapshot and model. */
async function regionVectors(deps: LocationDeps, snap: LexiconSnapshot, config: SearchConfig, timeoutMs: number) {
  const model = deps.embedder.modelId(config.embeddings.model ?? undefined);
  if (snap.regionVectors?.model === model) return snap.regionVectors.entries;
  const terms: { regionId: string; term: string }[] = [];
  for (const r of snap.lexicon.regions) {
    terms.push({ regionId: r.id, term: r.name.toLowerCase() });
    for (const a of r.aliases) terms.push({ regionId: r.id, term: a.alias });
  }
  const vectors = await deps.embedder.embed(
    terms.map((t) => t.term),
    {
      timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
      model: config.embeddings.model ?? undefined,
      maxConcurrency: config.embeddings.maxConcurrency,
    },
  );
  const entries = terms.map((t, i) => ({ ...t, vector: vectors[i]! }));
  snap.regionVectors = { model, entries };
  return entries;
}
