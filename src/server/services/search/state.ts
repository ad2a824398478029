/**
 * Per-process search state, held by the search service (built once per runtime; these caches and counters
 * outlive a request): the config and dictionary snapshots, in-flight embedding calls, the
 * in-process vector index, the count of searches in flight (high-load detection) and the document refresher.
 */
import type { SearchConfig } from "./config";
import type { FeatureSnapshot } from "./features";
import type { Lexicon } from "./lexicon";

export type LexiconSnapshot = {
  lexicon: Lexicon;
  /** Changes when aliases are learned (part of result cache keys). */
  version: string;
  loadedAt: number;
  /** Vectors of every region name and alias (tier 4), computed on first use per snapshot and model. */
  regionVectors: { model: string; entries: { regionId: string; term: string; vector: Float32Array }[] } | null;
};

export type SearchState = {
  config: { value: SearchConfig; version: string; loadedAt: number } | null;
  configLoading: Promise<unknown> | null;
  lexicon: LexiconSnapshot | null;
  lexiconLoading: Promise<LexiconSnapshot> | null;
  /** Bumped when the dictionary is invalidated (a learned alias). */
  lexiconGeneration: number;
  embeddingsInFlight: Map<string, Promise<Float32Array>>;
  vectorIndex: {
    model: string;
    vectors: Map<string, Float32Array>;
    maxUpdatedMs: number;
    checkedAt: number;
    loading: Promise<void> | null;
  } | null;
  features: FeatureSnapshot | null;
  featuresLoading: Promise<FeatureSnapshot> | null;
  featuresTopUp: Promise<void> | null;
  inFlightSearches: number;
  lastRefreshAt: number;
  /** Sources as of the last refresh (model, service and profile counts and edits); unchanged → nothing to do. */
  fingerprint: string | null;
  refreshing: Promise<unknown> | null;
  vectorColumn: Promise<boolean> | null;
};

export function createSearchState(): SearchState {
  return {
    config: null,
    configLoading: null,
    lexicon: null,
    lexiconLoading: null,
    lexiconGeneration: 0,
    embeddingsInFlight: new Map(),
    vectorIndex: null,
    features: null,
    featuresLoading: null,
    featuresTopUp: null,
    inFlightSearches: 0,
    // Seeding and migrations leave documents current; the first look comes one interval after start.
    lastRefreshAt: Date.now(),
    fingerprint: null,
    refreshing: null,
    vectorColumn: null,
  };
}
