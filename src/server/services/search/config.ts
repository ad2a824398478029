/**
 * Search runtime knobs (PRODUCT.md §9 "search config"), stored in platform_config under "search" and effective
 * without a restart: readers go through a per-process getter cached for CONFIG_TTL_MS, and a change made here
 * replaces the cached value at once (other processes pick it up within the TTL).
 */
import { z } from "zod";

export const SEARCH_CONFIG_KEY = "search";
/** How long a process trusts its cached copy of the config. */
export const CONFIG_TTL_MS = 5_000;

const ms = (min: number, max: number) => z.number().int().min(min).max(max);
const unit = z.number().min(0).max(1);

export const ZRankingWeights = z.object({
  relevance: unit.default(0.35),
  quality: unit.default(0.2),
  distance: unit.default(0.15),
  priceFit: unit.default(0.1),
  responsiveness: unit.default(0.1),
  completeness: unit.default(0.1),
});

/** A provider's model name: printable ASCII only (NUL and control characters can't be stored in jsonb, or sent on). */
const ZModelName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\x21-\x7e]+$/, { message: "Letters, digits and punctuation only" });

export const ZSearchConfig = z.object({
  /** Whole-request budget; optional stages are skipped when it runs out. */
  budgetMs: ms(50, 10_000).default(500),
  /** The budget when the process is under high load. */
  highLoadBudgetMs: ms(50, 10_000).default(300),
  /** Searches in flight in this process at which it counts as under high load. */
  highLoadInFlight: z.number().int().min(1).max(10_000).default(32),
  /** Time kept for the required stages after an optional one (an optional stage never eats into it). */
  reserveMs: ms(0, 5_000).default(120),
  llm: z
    .object({
      /** Chat model; null = OPENAI_MODEL. */
      model: ZModelName.nullable().default(null),
      /** A fast-parse field below this confidence asks the LLM. */
      confidenceThreshold: unit.default(0.6),
      parseTimeoutMs: ms(10, 10_000).default(350),
      locationTimeoutMs: ms(10, 10_000).default(300),
      maxConcurrency: z.number().int().min(1).max(100).default(4),
    })
    .default({ model: null, confidenceThreshold: 0.6, parseTimeoutMs: 350, locationTimeoutMs: 300, maxConcurrency: 4 }),
  embeddings: z
    .object({
      /** Embedding model; null = OPENAI_EMBEDDING_MODEL (the local embedder ignores it). */
      model: ZModelName.nullable().default(null),
      timeoutMs: ms(10, 10_000).default(250),
      maxConcurrency: z.number().int().min(1).max(100).default(8),
      /** How long a query's embedding is kept in the shared cache. */
      queryCacheTtlSeconds: z
        .number()
        .int()
        .min(0)
        .max(30 * 86_400)
        .default(7 * 86_400),
      /** Search documents are refreshed (new/changed services) at most this often, in the background. */
      refreshIntervalSeconds: z.number().int().min(5).max(86_400).default(60),
    })
    .default({
      model: null,
      timeoutMs: 250,
      maxConcurrency: 8,
      queryCacheTtlSeconds: 7 * 86_400,
      refreshIntervalSeconds: 60,
    }),
  location: z
    .object({
      /** pg_trgm similarity a fuzzy match needs (a place phrase after a cue word such as "in" or "near"). */
      fuzzyThreshold: unit.default(0.4),
      /** Cosine similarity an embedding match needs. */
      embeddingThreshold: unit.default(0.6),
      /** Distinct clickers (hashed IPs) on one region before a query's place phrase becomes an alias. */
      learnAfterClicks: z.number().int().min(1).max(1000).default(3),
      /** Only clicks this recent count towards learning. */
      learnWindowDays: z.number().int().min(1).max(365).default(30),
      /** A studio this far beyond a region's radius still counts as "in" it (students travel a little). */
      studioReachKm: z.number().min(0).max(50).default(1.5),
    })
    .default({
      fuzzyThreshold: 0.4,
      embeddingThreshold: 0.6,
      learnAfterClicks: 3,
      learnWindowDays: 30,
      studioReachKm: 1.5,
    }),
  retrieval: z
    .object({
      lexicalLimit: z.number().int().min(10).max(5_000).default(400),
      vectorLimit: z.number().int().min(10).max(5_000).default(200),
      /** Reciprocal rank fusion constant: score = Σ 1 / (k + rank). */
      rrfK: z.number().int().min(1).max(1_000).default(60),
      /** Semantic matches below this cosine similarity are dropped. */
      minSimilarity: z.number().min(-1).max(1).default(0.15),
    })
    .default({ lexicalLimit: 400, vectorLimit: 200, rrfK: 60, minSimilarity: 0.15 }),
  ranking: z
    .object({
      weights: ZRankingWeights.default({
        relevance: 0.35,
        quality: 0.2,
        distance: 0.15,
        priceFit: 0.1,
        responsiveness: 0.1,
        completeness: 0.1,
      }),
      /** Added to a founding instructor's score (scores are 0–1). */
      foundingBoost: unit.default(0.05),
    })
    .default({
      weights: { relevance: 0.35, quality: 0.2, distance: 0.15, priceFit: 0.1, responsiveness: 0.1, completeness: 0.1 },
      foundingBoost: 0.05,
    }),
  cache: z
    .object({
      enabled: z.boolean().default(true),
      /** Full responses of repeated queries; the key also carries the hour, so "today" rolls over. */
      resultsTtlSeconds: z.number().int().min(1).max(3_600).default(120),
    })
    .default({ enabled: true, resultsTtlSeconds: 120 }),
  /** Test overrides (admin "search config" page): force stages off or pretend the process is busy. */
  overrides: z
    .object({
      skipTier4: z.boolean().default(false),
      skipTier5: z.boolean().default(false),
      skipVector: z.boolean().default(false),
      skipLlmParse: z.boolean().default(false),
      simulateHighLoad: z.boolean().default(false),
    })
    .default({ skipTier4: false, skipTier5: false, skipVector: false, skipLlmParse: false, simulateHighLoad: false }),
});
export type SearchConfig = z.infer<typeof ZSearchConfig>;

export const DEFAULT_SEARCH_CONFIG: SearchConfig = ZSearchConfig.parse({});

/** A change: any subset of the knobs, nested groups merged key by key. */
export const ZSearchConfigPatch = z
  .object({
    budgetMs: ZSearchConfig.shape.budgetMs.unwrap(),
    highLoadBudgetMs: ZSearchConfig.shape.highLoadBudgetMs.unwrap(),
    highLoadInFlight: ZSearchConfig.shape.highLoadInFlight.unwrap(),
    reserveMs: ZSearchConfig.shape.reserveMs.unwrap(),
    llm: ZSearchConfig.shape.llm.unwrap().partial(),
    embeddings: ZSearchConfig.shape.embeddings.unwrap().partial(),
    location: ZSearchConfig.shape.location.unwrap().partial(),
    retrieval: ZSearchConfig.shape.retrieval.unwrap().partial(),
    ranking: z.object({ weights: ZRankingWeights.partial(), foundingBoost: unit }).partial(),
    cache: ZSearchConfig.shape.cache.unwrap().partial(),
    overrides: ZSearchConfig.shape.overrides.unwrap().partial(),
  })
  .partial()
  .strict();
export type SearchConfigPatch = z.infer<typeof ZSearchConfigPatch>;

/** Stored value → config; unknown or invalid stored values fall back to defaults key by key. */
export function readSearchConfig(stored: unknown): SearchConfig {
  const parsed = ZSearchConfig.safeParse(stored ?? {});
  if (parsed.success) return parsed.data;
  // A partially invalid stored value (an older version, a hand edit): keep the valid groups.
  const base = typeof stored === "object" && stored !== null ? (stored as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(ZSearchConfig.shape) as (keyof SearchConfig)[]) {
    const one = ZSearchConfig.shape[key].safeParse(base[key]);
    if (one.success) out[key] = one.data;
  }
  return ZSearchConfig.parse(out);
}

export function applySearchConfigPatch(current: SearchConfig, patch: SearchConfigPatch): SearchConfig {
  const merged = {
    ...current,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => typeof v !== "object")),
    llm: { ...current.llm, ...patch.llm },
    embeddings: { ...current.embeddings, ...patch.embeddings },
    location: { ...current.location, ...patch.location },
    retrieval: { ...current.retrieval, ...patch.retrieval },
    ranking: {
      ...current.ranking,
      ...patch.ranking,
      weights: { ...current.ranking.weights, ...patch.ranking?.weights },
    },
    cache: { ...current.cache, ...patch.cache },
    overrides: { ...current.overrides, ...patch.overrides },
  };
  return ZSearchConfig.parse(merged);
}
