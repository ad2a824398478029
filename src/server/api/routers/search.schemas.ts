import { z } from "zod";
import { LOCATION_TYPES } from "~/server/db/schema";
import { ZSearchConfig, ZSearchConfigPatch } from "~/server/services/search/config";
import { AUDIENCES, DAY_KINDS, DAY_PARTS, LESSON_TYPES, SEARCH_LEVELS } from "~/server/services/search/types";
import { SORTS } from "~/server/services/search/views";
import { ZId, ZSlug } from "./catalog.schemas";
import { ZCursorToken, zPlainString } from "~/server/api/zod";

const minute = z.number().int().min(0).max(1440);

/** A time filter as the chips edit it (the parser produces the same shape). */
export const ZTimeSpec = z.object({
  days: z.enum(DAY_KINDS),
  weekdays: z.array(z.number().int().min(1).max(7)).max(7).optional(),
  recurring: z.boolean().optional(),
  part: z.enum(DAY_PARTS).nullable(),
  after: minute.nullable(),
  before: minute.nullable(),
});

const cents = z.number().int().min(0).max(1_000_000);

/** Edited chips: a present key replaces the parsed value, `null` removes it, an absent key keeps the parse. */
export const ZSearchFilters = z
  .object({
    subject: ZSlug.nullable(),
    category: ZSlug.nullable(),
    location: z
      .union([
        z.object({ region: ZSlug }).strict(),
        z.object({ near: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }) }).strict(),
      ])
      .nullable(),
    priceMinCents: cents.nullable(),
    priceMaxCents: cents.nullable(),
    audience: z.enum(AUDIENCES).nullable(),
    level: z.enum(SEARCH_LEVELS).nullable(),
    lessonType: z.enum(LESSON_TYPES).nullable(),
    time: ZTimeSpec.nullable(),
  })
  .partial()
  .strict();

export const ZSearchInstructorsInput = z.object({
  q: zPlainString(300),
  filters: ZSearchFilters.optional(),
  sort: z.enum(SORTS).default("recommended"),
  cursor: ZCursorToken.nullish(),
  limit: z.number().int().min(1).max(24).default(12),
  /** The searcher's IANA zone (the browser's); time phrases resolve in it. Defaults to the account's, else New York. */
  zone: zPlainString(64).optional(),
});

const ZConf = { confidence: z.number(), source: z.enum(["fast", "llm", "filter"]) };
const ZNamed = z.object({ slug: z.string(), name: z.string(), ...ZConf });
const ZLocationTier = z.enum(["exact", "alias", "fuzzy", "embedding", "llm", "near_me", "filter"]);
const ZStageStatus = z.enum([
  "ok",
  "hit",
  "miss",
  "skipped",
  "timeout",
  "error",
  "unavailable",
  "not_needed",
  "cached",
]);

export const ZParsedQuery = z.object({
  query: z.string(),
  normalised: z.string(),
  subject: ZNamed.nullable(),
  category: ZNamed.nullable(),
  location: z
    .discriminatedUnion("kind", [
      z.object({
        kind: z.literal("region"),
        slug: z.string(),
        name: z.string(),
        regionKind: z.enum(["city", "borough", "neighbourhood"]),
        tier: ZLocationTier,
        term: z.string().nullable(),
        ...ZConf,
      }),
      z.object({
        kind: z.literal("near_me"),
        resolved: z.object({ slug: z.string(), name: z.string() }).nullable(),
        needsCoordinates: z.boolean(),
        ...ZConf,
      }),
      z.object({ kind: z.literal("unresolved"), term: z.string(), ...ZConf }),
    ])
    .nullable(),
  price: z
    .object({
      minCents: z.number().int().nullable(),
      maxCents: z.number().int().nullable(),
      budget: z.literal("low").nullable(),
      ...ZConf,
    })
    .nullable(),
  audience: z.object({ value: z.enum(AUDIENCES), age: z.number().int().nullable(), ...ZConf }).nullable(),
  level: z.object({ value: z.enum(SEARCH_LEVELS), ...ZConf }).nullable(),
  lessonType: z.object({ value: z.enum(LESSON_TYPES), ...ZConf }).nullable(),
  time: z
    .object({
      spec: ZTimeSpec,
      label: z.string(),
      windows: z.array(z.object({ from: z.date(), to: z.date() })),
      ...ZConf,
    })
    .nullable(),
  keywords: z.array(z.string()),
  parser: z.enum(["fast", "fast+llm"]),
  chips: z.array(
    z.object({
      field: z.enum(["subject", "category", "location", "price", "audience", "level", "lessonType", "time"]),
      label: z.string(),
    }),
  ),
});

/** A public card. Deliberately no last name, address or coordinates (PRODUCT.md §1). */
export const ZSearchCard = z
  .object({
    id: z.string(),
    name: z.string(),
    photoUrl: z.string().nullable(),
    headline: z.string(),
    rating: z.object({ avg: z.number(), count: z.number().int() }),
    priceFromCents: z.number().int(),
    currency: z.literal("USD"),
    subject: z.object({ slug: z.string(), name: z.string() }),
    subjects: z.array(z.object({ slug: z.string(), name: z.string() })),
    lessonTypes: z.array(z.enum(LOCATION_TYPES)),
    nextAvailable: z.object({ start: z.date(), durationMinutes: z.number().int() }).nullable(),
    neighbourhood: z.object({ name: z.string(), borough: z.string().nullable() }).nullable(),
    distanceBand: z.string().nullable(),
    yearsExperience: z.number().int(),
    founding: z.boolean(),
    verified: z.boolean(),
    position: z.number().int(),
    /** Send back with logClick: proves the card was a result of this search. */
    clickToken: z.string(),
  })
  .strict();

const ZStage = z.object({
  stage: z.string(),
  startMs: z.number(),
  ms: z.number(),
  status: ZStageStatus,
  detail: z.string().optional(),
});
const ZSkipped = z.object({
  stage: z.string(),
  reason: z.enum(["budget", "timeout", "error", "override", "high_load"]),
});

export const ZSearchDiagnostics = z.object({
  searchId: z.string(),
  totalMs: z.number(),
  budget: z.object({ totalMs: z.number(), usedMs: z.number(), reserveMs: z.number(), highLoad: z.boolean() }),
  cached: z.boolean(),
  stages: z.array(ZStage),
  locationTiers: z.array(
    z.object({
      tier: ZLocationTier,
      term: z.string().nullable(),
      status: ZStageStatus,
      result: z.object({ slug: z.string(), name: z.string() }).nullable(),
      confidence: z.number().nullable(),
      ms: z.number(),
      detail: z.string().optional(),
    }),
  ),
  funnel: z.object({
    text: z.number(),
    vector: z.number(),
    fused: z.number(),
    filtered: z.number(),
    availabilityChecked: z.number(),
    available: z.number(),
    final: z.number(),
  }),
  engines: z.object({
    vector: z.enum(["pgvector", "in_process"]),
    embedder: z.string(),
    llm: z.enum(["openai", "local"]),
  }),
});

export const ZSearchResponse = z.object({
  searchId: z.string(),
  cards: z.array(ZSearchCard),
  parsed: ZParsedQuery,
  total: z.object({ value: z.number().int(), exact: z.boolean() }),
  nextCursor: z.string().nullable(),
  degraded: z.boolean(),
  skipped: z.array(ZSkipped),
  diagnostics: ZSearchDiagnostics,
});

export const ZSuggestInput = z.object({ prefix: zPlainString(100) });
export const ZSuggestOutput = z.object({
  suggestions: z
    .array(
      z.object({
        kind: z.enum(["subject", "location"]),
        slug: z.string(),
        label: z.string(),
        detail: z.string().nullable(),
        text: z.string(),
      }),
    )
    .max(8),
});

export const ZLogClickInput = z.object({
  searchId: ZId,
  instructorId: ZId,
  position: z.number().int().min(1).max(10_000),
  /** The card's `clickToken`. */
  token: z.string().max(128),
});
export const ZLogClickOutput = z.object({ recorded: z.literal(true) });

// ── Admin ──

export const ZSearchConfigView = z.object({ config: ZSearchConfig, defaults: ZSearchConfig, version: z.string() });
export { ZSearchConfigPatch };

export const ZSearchDiagnosticsInput = ZSearchInstructorsInput.omit({ cursor: true });
const ZSignals = z.object({
  relevance: z.number(),
  quality: z.number(),
  distance: z.number(),
  priceFit: z.number(),
  responsiveness: z.number(),
  completeness: z.number(),
});
export const ZSearchDiagnosticsReport = ZSearchResponse.extend({
  parse: z.object({
    fast: z.record(z.string(), z.object({ value: z.unknown(), confidence: z.number() })),
    unsureFields: z.array(z.string()),
    llm: z.object({ status: ZStageStatus, result: z.unknown() }),
  }),
  candidates: z.array(
    z.object({
      instructorId: z.string(),
      name: z.string(),
      lexicalRank: z.number().nullable(),
      vectorRank: z.number().nullable(),
      rrf: z.number(),
      signals: ZSignals,
      score: z.number(),
      priceFromCents: z.number(),
      availability: z.enum(["available", "unavailable", "not_checked"]),
    }),
  ),
  config: ZSearchConfig,
});

export const ZSearchAnalyticsInput = z.object({
  days: z.number().int().min(1).max(90).default(30),
  limit: z.number().int().min(1).max(100).default(20),
});
export const ZSearchAnalytics = z.object({
  since: z.date(),
  totals: z.object({
    searches: z.number().int(),
    zeroResults: z.number().int(),
    zeroResultRate: z.number(),
    clicks: z.number().int(),
    degraded: z.number().int(),
  }),
  perDay: z.array(
    z.object({
      date: z.string(),
      searches: z.number().int(),
      zeroResults: z.number().int(),
      zeroResultRate: z.number(),
      degraded: z.number().int(),
      avgMs: z.number().int(),
    }),
  ),
  topQueries: z.array(
    z.object({
      normalised: z.string(),
      searches: z.number().int(),
      avgResults: z.number(),
      zeroResults: z.number().int(),
      clicks: z.number().int(),
      clickThroughRate: z.number(),
    }),
  ),
  zeroResultQueries: z.array(
    z.object({ normalised: z.string(), searches: z.number().int(), lastSearchedAt: z.date() }),
  ),
  learnedAliases: z.array(
    z.object({ alias: z.string(), regionId: z.string(), regionName: z.string(), createdAt: z.date() }),
  ),
});

/** A learned alias as listed (normalised words); control characters (NUL included) are refused, never queried. */
export const ZRemoveAliasInput = z.object({
  alias: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((v) => ![...v].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f), {
      message: "Invalid alias",
    }),
});
export const ZLearnedAliasList = z.object({
  aliases: z.array(
    z.object({
      alias: z.string(),
      regionId: z.string(),
      regionSlug: z.string(),
      regionName: z.string(),
      createdAt: z.date(),
      clients: z.number().int(),
      /** Signed-in users whose clicks taught it (anonymous clients are only counted). */
      taughtBy: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  ),
});
export const ZRemoveAliasResult = z.object({ alias: z.string(), removed: z.literal(true) });

export type TSearchInstructorsInput = z.infer<typeof ZSearchInstructorsInput>;
export type TSearchResponse = z.infer<typeof ZSearchResponse>;
export type TSearchCard = z.infer<typeof ZSearchCard>;
export type TParsedQuery = z.infer<typeof ZParsedQuery>;
export type TSearchFilters = z.infer<typeof ZSearchFilters>;
export type TSuggestOutput = z.infer<typeof ZSuggestOutput>;
export type TSearchDiagnosticsReport = z.infer<typeof ZSearchDiagnosticsReport>;
export type TSearchAnalytics = z.infer<typeof ZSearchAnalytics>;
export type TSearchConfigView = z.infer<typeof ZSearchConfigView>;
