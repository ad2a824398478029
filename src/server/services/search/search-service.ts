import { decodeOffsetCursor, encodeOffsetCursor } from "~/lib/cursor";
import { newId } from "~/lib/ids";
import { publicName } from "~/lib/privacy";
import { isoWeekday, isValidTimeZone, localDateToday } from "~/lib/time/zoned";
import { safeEqual, sha256 } from "~/server/auth/crypto";
import type { Database, DbCapabilities } from "~/server/db/client";
import { CITY } from "~/server/db/seed/data/gazetteer";
import { NotFoundError, ValidationError } from "~/server/errors";
import type { Embedder, LlmPort } from "~/server/integrations/openai";
import { ProviderTimeoutError } from "~/server/integrations/openai";
import type { Cache } from "~/server/kv/cache";
import { logger } from "~/server/logger";
import type { AuditRepository } from "~/server/repositories/audit";
import type { PlatformConfigRepository } from "~/server/repositories/platform-config";
import {
  COMPLETENESS_ITEMS,
  type CandidateFilter,
  type InstructorFeatureRow,
  type ScoredService,
  type SearchRepository,
  type ServiceFeatureRow,
} from "~/server/repositories/search";
import type { Actor } from "~/server/services/auth/session-service";
import { firstSlotsInWindows } from "./availability-batch";
import { Budget, round, within, type SkippedStage, type StageStatus } from "./budget";
import {
  applySearchConfigPatch,
  CONFIG_TTL_MS,
  DEFAULT_SEARCH_CONFIG,
  readSearchConfig,
  SEARCH_CONFIG_KEY,
  type SearchConfig,
  type SearchConfigPatch,
} from "./config";
import { cosine, embedQuery, refreshSearchDocuments, vectorIndex, type RefreshResult } from "./embeddings";
import { ensureFeatures, features } from "./features";
import { buildLexicon, normaliseQuery, phraseTokens, type LexiconInput } from "./lexicon";
import { llmParseQuery, llmTimeSpec, type LlmParse } from "./llm";
import { resolveLocation, type ResolvedLocation } from "./location";
import { clickTokenPayload, clientKeyOf, MAX_CLICKS_PER_SEARCH, MIN_LEARNING_CLIENTS } from "./learning";
import { fastParse } from "./parser";
import {
  bayesianRating,
  computeSignals,
  distanceBand,
  kmBetween,
  median,
  reciprocalRankFusion,
  weightedScore,
  type Signals,
} from "./ranking";
import { createSearchState, type LexiconSnapshot, type SearchState } from "./state";
import { resolveTimeSpec, timeSpecKey, timeSpecLabel, type Interval } from "./time";
import type { Audience, FastParse, LessonType, SearchLevel, TimeSpec } from "./types";
import type {
  CandidateDiagnostics,
  Chip,
  Funnel,
  LocationTierRecord,
  ParsedQueryView,
  SearchCard,
  SearchDiagnosticsReport,
  SearchResponse,
  SearchSort,
} from "./views";

/** The dictionary (catalog, gazetteer, learned aliases) is reloaded at most this often per process. */
export const LEXICON_TTL_MS = 30_000;
export const MAX_PAGE_SIZE = 24;
export const DEFAULT_PAGE_SIZE = 12;
/** At most this many fused candidates are ranked per request. */
export const MAX_RANKED_CANDIDATES = 600;
/** The in-process vector fallback scores at most this many filtered services. */
const MAX_VECTOR_FALLBACK_IDS = 50_000;

/** Explicit filters (edited chips). A key that is present replaces the parsed value; null removes it. */
export type SearchFilters = {
  subject?: string | null;
  category?: string | null;
  location?: { region: string } | { near: { lat: number; lng: number } } | null;
  priceMinCents?: number | null;
  priceMaxCents?: number | null;
  audience?: Audience | null;
  level?: SearchLevel | null;
  lessonType?: LessonType | null;
  time?: TimeSpec | null;
};

export type SearchInput = {
  q: string;
  filters?: SearchFilters;
  sort?: SearchSort;
  cursor?: string | null;
  limit?: number;
  zone?: string;
};

type Deps = {
  /** For the transactions this service opens (removing an alias with its audit entry). */
  db: Database;
  repo: SearchRepository;
  platformConfig: PlatformConfigRepository;
  audit: AuditRepository;
  cache: Cache;
  llm: LlmPort;
  embedder: Embedder;
  capabilities: DbCapabilities;
  hashIp: (ip: string) => string;
  /** Keyed signature with the runtime secret (result cards' click tokens). */
  sign: (payload: string) => string;
  now?: () => Date;
};

/** A page cursor this service wrote, or a 400. */
function decodeCursor(raw: string): { o: number; s: string } {
  const c = decodeOffsetCursor(raw);
  if (!c)
    throw new ValidationError("That page link is no longer valid. Run the search again.", {
      cursor: ["Invalid cursor"],
    });
  return { o: c.offset, s: c.searchId };
}

type Candidate = {
  id: string;
  p: InstructorFeatureRow;
  /** The instructor's services that matched the search, cheapest first. */
  services: ServiceFeatureRow[];
  rrf: number;
  lexicalRank: number | null;
  vectorRank: number | null;
  priceFromCents: number;
  distanceKm: number | null;
  signals: Signals;
  score: number;
  bayes: number;
};

type PipelineResult = {
  response: Omit<SearchResponse, "searchId" | "nextCursor" | "cards"> & {
    cards: SearchCard[];
    nextOffset: number | null;
  };
  report: Omit<SearchDiagnosticsReport, keyof SearchResponse> | null;
  learnableTerm: string | null;
};

/**
 * Natural-language instructor search (PRODUCT.md §7): fast parse (+ LLM when unsure), location tiers, hybrid
 * retrieval fused by reciprocal rank, SQL prefilters, availability from the availability engine, six-signal
 * ranking, under a request budget; plus suggestions, click logging with alias learning, runtime config and
 * analytics for admins.
 */
export function createSearchService(deps: Deps) {
  const { repo, cache, llm, embedder } = deps;
  const now = deps.now ?? (() => new Date());
  // Per-process caches and counters: this service is built once per runtime, so they live here.
  const state: SearchState = createSearchState();

  // ───────────── config and dictionary (per-process caches) ─────────────

  async function getConfig(): Promise<{ value: SearchConfig; version: string }> {
    const c = state.config;
    if (c && Date.now() - c.loadedAt < CONFIG_TTL_MS) return c;
    const value = readSearchConfig(await deps.platformConfig.get(SEARCH_CONFIG_KEY));
    state.config = { value, version: sha256(JSON.stringify(value)).slice(0, 12), loadedAt: Date.now() };
    return state.config;
  }

  async function loadSnapshot(): Promise<LexiconSnapshot> {
    const rows = await repo.loadLexiconRows();
    const categorySlug = new Map(rows.categories.map((c) => [c.id, c.slug]));
    const subjectAliases = new Map<string, string[]>();
    for (const a of rows.subjectAliases)
      subjectAliases.set(a.subjectId, [...(subjectAliases.get(a.subjectId) ?? []), a.alias]);
    const regionAliases = new Map<string, { alias: string; source: "seed" | "learned" }[]>();
    for (const a of rows.regionAliases)
      regionAliases.set(a.regionId, [...(regionAliases.get(a.regionId) ?? []), { alias: a.alias, source: a.source }]);
    const input: LexiconInput = {
      categories: rows.categories.map((c) => ({ slug: c.slug, name: c.name })),
      subjects: rows.subjects.map((s) => ({
        id: s.id,
        slug: s.slug,
        name: s.name,
        categorySlug: categorySlug.get(s.categoryId) ?? "",
        aliases: subjectAliases.get(s.id) ?? [],
      })),
      regions: rows.regions.map((r) => ({ ...r, aliases: regionAliases.get(r.id) ?? [] })),
    };
    const newest = Math.max(0, ...rows.regionAliases.map((a) => a.createdAt.getTime()));
    return {
      lexicon: buildLexicon(input),
      version: `${rows.regionAliases.length}.${newest}.${rows.subjects.length}`,
      loadedAt: Date.now(),
      regionVectors: null,
    };
  }

  /**
   * The dictionary snapshot. An old one is served while a fresh one loads in the background; only a missing one
   * (first use, or dropped after an alias was learned) is waited for.
   */
  async function getLexicon(): Promise<LexiconSnapshot> {
    const s = state.lexicon;
    const load = () => {
      if (state.lexiconLoading) return state.lexiconLoading;
      const gen = state.lexiconGeneration;
      const p = loadSnapshot()
        .then((fresh) => {
          // A load that started before an invalidation must not install what it read.
          if (gen === state.lexiconGeneration) state.lexicon = fresh;
          return fresh;
        })
        .finally(() => {
          if (state.lexiconLoading === p) state.lexiconLoading = null;
        });
      state.lexiconLoading = p;
      return p;
    };
    if (!s) return load();
    if (Date.now() - s.loadedAt >= LEXICON_TTL_MS)
      load().catch((e: unknown) => logger.warn("search dictionary reload failed", { error: e }));
    return s;
  }

  /** Drops the dictionary so the next search reloads it (and no load begun earlier may install a stale one). */
  function invalidateLexicon() {
    state.lexicon = null;
    state.lexiconLoading = null;
    state.lexiconGeneration++;
  }

  let vectorEngine: Promise<"pgvector" | "in_process"> | null = null;
  /** pgvector in SQL when the extension and the column exist (chosen once per process), else in-process cosine. */
  function vectorEngineOf(): Promise<"pgvector" | "in_process"> {
    if (!deps.capabilities.vector) return Promise.resolve("in_process");
    state.vectorColumn ??= repo.hasVectorColumn().catch(() => false);
    vectorEngine ??= state.vectorColumn.then((has) => (has ? "pgvector" : "in_process"));
    return vectorEngine;
  }

  async function refreshIndex(): Promise<RefreshResult> {
    const config = (await getConfig()).value;
    state.lastRefreshAt = Date.now();
    const model = config.embeddings.model ?? undefined;
    const result = await refreshSearchDocuments(repo, embedder, {
      model,
      withVector: (await vectorEngineOf()) === "pgvector",
    });
    state.fingerprint = `${embedder.modelId(model)}|${await repo.documentSourceFingerprint()}`;
    return result;
  }

  /**
   * New and edited services become searchable within the refresh interval, without blocking any search: a cheap
   * fingerprint (counts and newest edits) decides whether the stale-document scan is needed at all.
   */
  function maybeRefreshInBackground(config: SearchConfig) {
    if (state.refreshing || Date.now() - state.lastRefreshAt < config.embeddings.refreshIntervalSeconds * 1000) return;
    state.lastRefreshAt = Date.now();
    state.refreshing = (async () => {
      const fingerprint = `${embedder.modelId(config.embeddings.model ?? undefined)}|${await repo.documentSourceFingerprint()}`;
      if (fingerprint === state.fingerprint) return;
      const r = await refreshIndex();
      if (r.built || r.removed) logger.info("search documents refreshed", r);
    })()
      .catch((e: unknown) => logger.warn("search document refresh failed", { error: e }))
      .finally(() => {
        state.refreshing = null;
      });
  }

  // ───────────── the pipeline ─────────────

  /** Stages 1–3: dictionary, fast parse (+ LLM when unsure), location tiers, explicit filters → the typed query. */
  async function interpret(input: SearchInput, zone: string, at: Date, config: SearchConfig, budget: Budget) {
    const snap = await budget.stage("dictionary", async (mark) => {
      const fresh = state.lexicon && Date.now() - state.lexicon.loadedAt < LEXICON_TTL_MS;
      const s = await getLexicon();
      mark(fresh ? "cached" : "ok");
      return s;
    });
    const lex = snap.lexicon;
    const f = input.filters ?? {};

    // 1. Parse (fast), then the LLM only when the fast path is unsure about a field nobody set explicitly.
    const fast = await budget.stage("parse", async () => fastParse(input.q, lex));
    const threshold = config.llm.confidenceThreshold;
    const unsure: string[] = [];
    const consider = (field: keyof SearchFilters | "price", conf: number) => {
      if (field === "price" ? !("priceMinCents" in f || "priceMaxCents" in f) : !(field in f))
        if (conf < threshold) unsure.push(field);
    };
    consider("subject", fast.subject.confidence);
    consider("price", fast.price.confidence);
    consider("audience", fast.audience.confidence);
    consider("level", fast.level.confidence);
    consider("lessonType", fast.lessonType.confidence);
    consider("time", fast.time.confidence);
    if (!fast.locationTerm) consider("location", fast.location.confidence);
    if (fast.unexplained.length && !("subject" in f) && !unsure.includes("subject")) unsure.push("subject");

    let llmResult: LlmParse | null = null;
    let llmStatus: StageStatus = "not_needed";
    if (unsure.length) {
      if (config.overrides.skipLlmParse) {
        budget.skip("llm.parse", "override");
        llmStatus = "skipped";
      } else if (!llm.available) {
        budget.note("llm.parse", "unavailable", "no LLM configured");
        llmStatus = "unavailable";
      } else {
        const allowance = budget.allowance(config.llm.parseTimeoutMs);
        if (!allowance) {
          budget.skip("llm.parse", budget.highLoad ? "high_load" : "budget");
          llmStatus = "skipped";
        } else {
          const outcome = await budget.stage("llm.parse", async (mark) => {
            const call = llmParseQuery(llm, lex, input.q, localDateToday(zone, at), {
              timeoutMs: allowance,
              signal: AbortSignal.timeout(allowance),
              model: config.llm.model ?? undefined,
              maxConcurrency: config.llm.maxConcurrency,
            });
            const r = await within(call, allowance).catch((e: unknown) => ({ ok: false as const, error: e }));
            if (!r.ok) {
              const failed: "timeout" | "error" =
                "error" in r && !(r.error instanceof ProviderTimeoutError) ? "error" : "timeout";
              mark(failed, `unsure: ${unsure.join(", ")}`);
              return { failed } as const;
            }
            mark("ok", `unsure: ${unsure.join(", ")}`);
            return { failed: null, value: r.value } as const;
          });
          if (outcome.failed) {
            budget.skipped.push({ stage: "llm.parse", reason: outcome.failed });
            llmStatus = outcome.failed;
          } else {
            llmResult = outcome.value;
            llmStatus = "ok";
          }
        }
      }
    }

    // 2. Location tiers.
    const llmLocation = llmResult ? (llmResult.location ?? (fast.locationTerm ? null : undefined)) : undefined;
    const location = await budget.stage("location", async () =>
      resolveLocation({ repo, embedder, llm, cache, state }, snap, fast, f.location, llmLocation, config, budget),
    );

    // 3. The typed query: fast fields, LLM answers for unsure ones, explicit filters over both.
    if ("subject" in f && f.subject && !lex.subjectsBySlug.has(f.subject))
      throw new ValidationError("Unknown subject.", { "filters.subject": ["Unknown subject"] });
    if ("category" in f && f.category && !lex.categories.some((c) => c.slug === f.category))
      throw new ValidationError("Unknown category.", { "filters.category": ["Unknown category"] });
    if (f.location && "region" in f.location && !lex.regionsBySlug.has(f.location.region))
      throw new ValidationError("Unknown place.", { "filters.location": ["Unknown place"] });
    const parsed = buildParsed(input.q, fast, llmResult, unsure, f, location, lex, at, zone);
    return { snap, lex, fast, unsure, llmResult, llmStatus, location, parsed };
  }

  async function pipeline(
    input: SearchInput,
    zone: string,
    offset: number,
    limit: number,
    opts: { report: boolean },
    config: SearchConfig,
    budget: Budget,
  ): Promise<PipelineResult> {
    const at = now();
    const { lex, fast, unsure, llmResult, llmStatus, location, parsed } = await interpret(
      input,
      zone,
      at,
      config,
      budget,
    );
    const windows: Interval[] = resolveTimeSpec(parsed.time?.spec ?? null, at, zone);
    const filter = candidateFilter(parsed, location, lex, config, windows, zone, at);
    const subject = parsed.subject ? (lex.subjectsBySlug.get(parsed.subject.slug) ?? null) : null;
    const tokens = [
      ...new Set(parsed.keywords.flatMap((k) => phraseTokens(k)).filter((t) => /^[a-z0-9]{2,30}$/.test(t))),
    ].slice(0, 12);

    // 4. Retrieval: lexical (required) and semantic (optional), concurrently, then fusion.
    const engine = await vectorEngineOf();
    const lexicalP = budget.stage("retrieve.lexical", async (mark) => {
      const rows = await repo.lexicalCandidates(
        filter,
        {
          tsQuery: tokens.length ? tokens.map((t) => (t.length >= 4 ? `${t}:*` : t)).join(" | ") : null,
          trigramText: tokens.length ? tokens.join(" ") : null,
          requireMatch: filter.subjectIds === null && tokens.length > 0,
        },
        subject ? [subject.id] : [],
        config.retrieval.lexicalLimit,
      );
      mark("ok", `${rows.length} services`);
      return rows;
    });
    const vectorP = (async (): Promise<ScoredService[]> => {
      if (!tokens.length) {
        budget.note("retrieve.vector", "not_needed", "no descriptive words beyond the filters");
        return [];
      }
      if (config.overrides.skipVector) {
        budget.skip("retrieve.vector", "override");
        return [];
      }
      const allowance = budget.allowance(config.embeddings.timeoutMs + 100);
      if (!allowance) {
        budget.skip("retrieve.vector", budget.highLoad ? "high_load" : "budget");
        return [];
      }
      const text = [subject?.name, ...tokens].filter(Boolean).join(" ");
      const outcome = await budget.stage("retrieve.vector", async (mark) => {
        const work = (async () => {
          const model = config.embeddings.model ?? undefined;
          const q = await embedQuery({ embedder, cache, state }, text, {
            timeoutMs: Math.min(allowance, config.embeddings.timeoutMs),
            signal: AbortSignal.timeout(Math.min(allowance, config.embeddings.timeoutMs)),
            model,
            maxConcurrency: config.embeddings.maxConcurrency,
            ttlSeconds: config.embeddings.queryCacheTtlSeconds,
          });
          const modelId = embedder.modelId(model);
          let rows: ScoredService[];
          if (engine === "pgvector") {
            rows = (await repo.vectorCandidates(filter, q.vector, modelId, config.retrieval.vectorLimit)).filter(
              (r) => r.score >= config.retrieval.minSimilarity,
            );
          } else {
            // No pgvector: cosine in process over the filtered services, against the in-memory index of stored vectors.
            const [ids, index] = await Promise.all([
              repo.candidateServiceIds(filter, MAX_VECTOR_FALLBACK_IDS),
              vectorIndex(repo, state, modelId),
            ]);
            rows = [];
            for (const r of ids) {
              const v = index.get(r.serviceId);
              if (!v) continue;
              const score = cosine(q.vector, v);
              if (score >= config.retrieval.minSimilarity) rows.push({ ...r, score });
            }
            rows.sort((a, b) => b.score - a.score || (a.serviceId < b.serviceId ? -1 : 1));
            rows = rows.slice(0, config.retrieval.vectorLimit);
          }
          return { rows, embedding: q.source };
        })();
        const r = await within(work, allowance).catch((e: unknown) => ({ ok: false as const, error: e }));
        if (!r.ok) {
          const failed: "timeout" | "error" =
            "error" in r && !(r.error instanceof ProviderTimeoutError) ? "error" : "timeout";
          mark(failed, engine);
          return { failed } as const;
        }
        mark("ok", `${engine}, query embedding from ${r.value.embedding}, ${r.value.rows.length} services`);
        return { failed: null, rows: r.value.rows } as const;
      });
      if (outcome.failed) {
        budget.skipped.push({ stage: "retrieve.vector", reason: outcome.failed });
        return [];
      }
      return outcome.rows;
    })();
    const [lexical, semantic] = await Promise.all([lexicalP, vectorP]);

    const rrf = reciprocalRankFusion([lexical, semantic], config.retrieval.rrfK);
    const rankIn = (list: { instructorId: string }[]) => {
      const m = new Map<string, number>();
      for (const r of list) if (!m.has(r.instructorId)) m.set(r.instructorId, m.size + 1);
      return m;
    };
    const lexRank = rankIn(lexical);
    const vecRank = rankIn(semantic);
    const fusedIds = [...rrf.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_RANKED_CANDIDATES)
      .map(([id]) => id);

    // 5. Rank, from the in-process feature snapshot (hard filters already ran in SQL on live rows).
    const snapFeatures = await budget.stage("features", async (mark) => {
      const f0 = await features(repo, state);
      const before = f0.services.size;
      await ensureFeatures(repo, f0, [...new Set([...lexical, ...semantic].map((r) => r.serviceId))]);
      mark(
        "ok",
        `${f0.services.size} services${f0.services.size > before ? `, ${f0.services.size - before} read now` : ""}`,
      );
      return f0;
    });
    const maxRrf = Math.max(0, ...rrf.values());
    const nowMs = at.getTime();
    const candidates = await budget.stage("rank", async () => {
      const matched = new Map<string, Set<string>>();
      for (const r of [...lexical, ...semantic]) {
        const set = matched.get(r.instructorId) ?? new Set<string>();
        set.add(r.serviceId);
        matched.set(r.instructorId, set);
      }
      const base = fusedIds.flatMap((id) => {
        const p = snapFeatures.instructors.get(id);
        const svc = [...(matched.get(id) ?? [])]
          .flatMap((sid) => {
            const x = snapFeatures.services.get(sid);
            return x ? [x] : [];
          })
          .sort((a, b) => a.rateCents - b.rateCents || (a.id < b.id ? -1 : 1));
        return p && svc.length ? [{ id, p, svc, priceFromCents: svc[0]!.rateCents }] : [];
      });
      const medianPrice = median(base.map((b) => b.priceFromCents));
      const online = parsed.lessonType?.value === "online";
      const out: Candidate[] = base.map(({ id, p, svc, priceFromCents }) => {
        const km = online ? null : kmBetween(location.point, { lat: p.lat, lng: p.lng });
        const signals = computeSignals({
          rrf: rrf.get(id) ?? 0,
          maxRrf,
          ratingAvg: p.ratingAvg,
          ratingCount: p.ratingCount,
          distanceKm: km,
          priceCents: priceFromCents,
          medianPriceCents: medianPrice,
          maxPriceCents: parsed.price?.maxCents ?? null,
          budgetLow: parsed.price?.budget === "low",
          activeMs: p.activeMs,
          nowMs,
          completeness: p.completeItems / COMPLETENESS_ITEMS,
          founding: p.founding,
        });
        return {
          id,
          p,
          services: svc,
          rrf: rrf.get(id) ?? 0,
          lexicalRank: lexRank.get(id) ?? null,
          vectorRank: vecRank.get(id) ?? null,
          priceFromCents,
          distanceKm: km,
          signals,
          score: weightedScore(signals, p.founding, config.ranking, parsed.price?.budget === "low"),
          bayes: bayesianRating(p.ratingAvg, p.ratingCount),
        };
      });
      const sort = input.sort ?? "recommended";
      const tie = (a: Candidate, b: Candidate) => b.score - a.score || (a.id < b.id ? -1 : 1);
      out.sort(
        sort === "price"
          ? (a, b) => a.priceFromCents - b.priceFromCents || tie(a, b)
          : sort === "rating"
            ? (a, b) => b.bayes - a.bayes || b.p.ratingCount - a.p.ratingCount || tie(a, b)
            : tie,
      );
      return out;
    });

    // 6. Availability in the time window, lazily in ranked order and in growing batches, until the page is full.
    const page: { c: Candidate; slot: Date; index: number }[] = [];
    const checked = new Map<string, Date | null>();
    let cursor = offset;
    await budget.stage("availability", async (mark) => {
      let chunk = Math.max(16, limit + 9);
      while (page.length <= limit && cursor < candidates.length) {
        const slice = candidates.slice(cursor, cursor + chunk);
        const slots = await firstSlotsInWindows(
          repo,
          slice.map((c) => ({
            instructorId: c.id,
            settings: {
              timeZone: c.p.timeZone,
              bufferMinutes: c.p.bufferMinutes,
              minNoticeMinutes: c.p.minNoticeMinutes,
              horizonDays: c.p.horizonDays,
            },
            durationMinutes: Math.min(...c.services.flatMap((s) => s.durations)),
          })),
          windows,
          zone,
          at,
        );
        slice.forEach((c, k) => {
          const slot = slots.get(c.id) ?? null;
          checked.set(c.id, slot);
          if (slot && page.length <= limit) page.push({ c, slot, index: cursor + k });
        });
        cursor += slice.length;
        chunk *= 2;
      }
      mark("ok", `${checked.size} checked, ${[...checked.values()].filter(Boolean).length} available`);
    });
    const hasMore = page.length > limit;
    const shown = page.slice(0, limit);
    const nextOffset = hasMore ? page[limit]!.index : null;
    const available = [...checked.values()].filter(Boolean).length;
    // Exact only when the first page saw every candidate; otherwise extrapolate the pass rate to the unchecked ones.
    const passRate = checked.size ? available / checked.size : 0;
    const exact = offset === 0 && cursor >= candidates.length;
    const totalValue = exact
      ? available
      : available + Math.round(passRate * (candidates.length - cursor)) + Math.round(passRate * offset);

    // 7. Cards (privacy-shaped: the snapshot holds only first names and last initials).
    const subjectById = new Map(lex.subjects.map((x) => [x.id, x]));
    const subjectOf = (id: string) => {
      const x = subjectById.get(id);
      return { slug: x?.slug ?? "", name: x?.name ?? "" };
    };
    const cards: SearchCard[] = shown.map(({ c, slot }, i) => {
      const hood = c.p.neighbourhoodId ? lex.regionsById.get(c.p.neighbourhoodId) : undefined;
      const borough = hood?.parentId ? lex.regionsById.get(hood.parentId) : undefined;
      return {
        id: c.id,
        name: publicName(c.p.firstName, c.p.lastInitial),
        photoUrl: c.p.photoUrl,
        headline: c.p.headline,
        rating: { avg: Math.round(c.p.ratingAvg * 100) / 100, count: c.p.ratingCount },
        priceFromCents: c.priceFromCents,
        currency: "USD",
        subject: subjectOf(c.services[0]!.subjectId),
        subjects: [...new Map(c.services.map((x) => [x.subjectId, subjectOf(x.subjectId)])).values()],
        lessonTypes: [...new Set(c.services.flatMap((x) => x.locationTypes))].sort() as SearchCard["lessonTypes"],
        nextAvailable: { start: slot, durationMinutes: Math.min(...c.services.flatMap((x) => x.durations)) },
        neighbourhood: hood ? { name: hood.name, borough: borough?.name ?? null } : null,
        distanceBand: distanceBand(c.distanceKm),
        yearsExperience: c.p.yearsExperience,
        founding: c.p.founding,
        verified: c.p.backgroundCheck === "passed",
        position: offset + i + 1,
      };
    });

    const funnel: Funnel = {
      text: lexRank.size,
      vector: vecRank.size,
      fused: rrf.size,
      filtered: candidates.length,
      availabilityChecked: checked.size,
      available,
      final: cards.length,
    };
    const report: PipelineResult["report"] = opts.report
      ? {
          parse: {
            fast: {
              subject: { value: fast.subject.value?.slug ?? null, confidence: fast.subject.confidence },
              category: { value: fast.category.value?.slug ?? null, confidence: fast.category.confidence },
              location: {
                value:
                  fast.location.value?.slug ??
                  (fast.location.nearMe ? "near_me" : fast.locationTerm ? `? ${fast.locationTerm}` : null),
                confidence: fast.location.confidence,
              },
              price: { value: fast.price.value, confidence: fast.price.confidence },
              audience: { value: fast.audience.value, confidence: fast.audience.confidence },
              level: { value: fast.level.value, confidence: fast.level.confidence },
              lessonType: { value: fast.lessonType.value, confidence: fast.lessonType.confidence },
              time: { value: fast.time.value ? timeSpecKey(fast.time.value) : null, confidence: fast.time.confidence },
              keywords: { value: fast.keywords, confidence: 1 },
            },
            unsureFields: unsure,
            llm: { status: llmStatus, result: llmResult },
          },
          candidates: candidates.slice(0, 50).map((c): CandidateDiagnostics => ({
            instructorId: c.id,
            name: publicName(c.p.firstName, c.p.lastInitial),
            lexicalRank: c.lexicalRank,
            vectorRank: c.vectorRank,
            rrf: round(c.rrf * 1000) / 1000,
            signals: Object.fromEntries(
              Object.entries(c.signals).map(([k, v]) => [k, Math.round(v * 1000) / 1000]),
            ) as Signals,
            score: Math.round(c.score * 10_000) / 10_000,
            priceFromCents: c.priceFromCents,
            availability: checked.has(c.id) ? (checked.get(c.id) ? "available" : "unavailable") : "not_checked",
          })),
          config,
        }
      : null;

    return {
      response: {
        cards,
        parsed,
        total: { value: Math.max(totalValue, cards.length + offset), exact },
        nextOffset,
        degraded: budget.degraded,
        skipped: budget.skipped,
        diagnostics: {
          searchId: "",
          totalMs: 0,
          budget: { totalMs: budget.totalMs, usedMs: 0, reserveMs: budget.reserveMs, highLoad: budget.highLoad },
          cached: false,
          stages: budget.stages,
          locationTiers: location.tiers,
          funnel,
          engines: { vector: engine, embedder: embedder.modelId(config.embeddings.model ?? undefined), llm: llm.kind },
        },
      },
      report,
      learnableTerm: location.learnableTerm,
    };
  }

  /** Runs a search (or serves it from the results cache), records it, and shapes the response. */
  async function run(
    input: SearchInput,
    ctx: { ip: string; actor: Actor | null },
    opts: { report: boolean; record: boolean; bypassCache: boolean },
  ) {
    const started = performance.now();
    const q = input.q.trim();
    if (!q && !input.filters) throw new ValidationError("Type what you want to learn.", { q: ["Required"] });
    const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, input.limit ?? DEFAULT_PAGE_SIZE));
    const cursor = input.cursor ? decodeCursor(input.cursor) : null;
    const zone = input.zone && isValidTimeZone(input.zone) ? input.zone : (ctx.actor?.timeZone ?? CITY.timeZone);
    const { value: config, version: configVersion } = await getConfig();
    state.inFlightSearches++;
    try {
      const highLoad = config.overrides.simulateHighLoad || state.inFlightSearches > config.highLoadInFlight;
      const budget = new Budget(highLoad ? config.highLoadBudgetMs : config.budgetMs, config.reserveMs, highLoad);
      if (highLoad)
        budget.note(
          "load",
          "ok",
          config.overrides.simulateHighLoad
            ? "high load (simulated)"
            : `high load (${state.inFlightSearches} searches in flight)`,
        );
      const searchId = cursor?.s ?? newId();
      const offset = cursor?.o ?? 0;
      const at = now();
      // The loaded dictionary's version, never a placeholder: after an alias is learned or removed the
      // dictionary is dropped, and a shared "cold" key would serve results parsed with the old one.
      const snapVersion = (await getLexicon()).version;
      const key = `search:res:${sha256(
        JSON.stringify({
          c: configVersion,
          l: snapVersion,
          q: normaliseQuery(q),
          f: input.filters ?? null,
          s: input.sort ?? "recommended",
          o: offset,
          n: limit,
          z: zone,
          h: Math.floor(at.getTime() / 3_600_000),
        }),
      )}`;
      const useCache = config.cache.enabled && !opts.bypassCache && !opts.report;

      let result: PipelineResult | null = null;
      let cached = false;
      if (useCache) {
        const hit = await cache.get(key).catch(() => null);
        if (hit) {
          const payload = JSON.parse(hit) as { response: PipelineResult["response"]; learnableTerm: string | null };
          result = { response: reviveResponse(payload.response), report: null, learnableTerm: payload.learnableTerm };
          cached = true;
        }
      }
      if (!result) {
        result = await pipeline({ ...input, q }, zone, offset, limit, opts, config, budget);
        if (useCache && !result.response.degraded) {
          await cache
            .set(
              key,
              JSON.stringify({ response: result.response, learnableTerm: result.learnableTerm }),
              config.cache.resultsTtlSeconds,
            )
            .catch(() => undefined);
        }
      }
      const totalMs = round(performance.now() - started);
      const { nextOffset, ...rest } = result.response;
      const response: SearchResponse = {
        ...rest,
        // Signed per search (cached cards are shared between searches): logClick accepts only these.
        cards: rest.cards.map((c) => ({ ...c, clickToken: deps.sign(clickTokenPayload(searchId, c.id, c.position)) })),
        searchId,
        nextCursor: nextOffset === null ? null : encodeOffsetCursor({ offset: nextOffset, searchId }),
        diagnostics: {
          ...result.response.diagnostics,
          searchId,
          totalMs,
          cached,
          budget: { ...result.response.diagnostics.budget, usedMs: totalMs },
        },
      };
      if (opts.record && !cursor) {
        await repo
          .insertEvent({
            id: searchId,
            query: q.slice(0, 500),
            normalised: response.parsed.normalised.slice(0, 500),
            parsed: compactParsed(response.parsed),
            resultCount: response.total.value,
            ipHash: deps.hashIp(ctx.ip),
            ms: Math.round(totalMs),
            degraded: response.degraded,
            skipped: response.skipped.map((s) => s.stage),
            cached,
            locationTerm: result.learnableTerm,
            clientKey: clientKeyOf(ctx.actor, ctx.ip, deps.hashIp),
          })
          .catch((e: unknown) => logger.warn("search event not recorded", { error: e }));
      }
      maybeRefreshInBackground(config);
      return { response, report: result.report };
    } finally {
      state.inFlightSearches--;
    }
  }

  return {
    /** Natural-language search: cards (privacy-shaped), the parsed query as chips, diagnostics; recorded for analytics. */
    async instructors(input: SearchInput, ctx: { ip: string; actor: Actor | null }): Promise<SearchResponse> {
      return (await run(input, ctx, { report: false, record: true, bypassCache: false })).response;
    },

    /** Only the understanding of a query (parse, LLM when unsure, location tiers): chips without results. */
    async interpret(input: { q: string; zone?: string }): Promise<{
      parsed: ParsedQueryView;
      locationTiers: LocationTierRecord[];
      degraded: boolean;
      skipped: SkippedStage[];
    }> {
      const { value: config } = await getConfig();
      const budget = new Budget(config.budgetMs, config.reserveMs, false);
      const zone = input.zone && isValidTimeZone(input.zone) ? input.zone : CITY.timeZone;
      const r = await interpret({ q: input.q }, zone, now(), config, budget);
      return { parsed: r.parsed, locationTiers: r.location.tiers, degraded: budget.degraded, skipped: budget.skipped };
    },

    /** The full pipeline for admins: timeline, tiers, funnel and per-candidate signals; never cached or recorded. */
    async diagnostics(input: SearchInput, ctx: { ip: string; actor: Actor | null }): Promise<SearchDiagnosticsReport> {
      const { response, report } = await run(input, ctx, { report: true, record: false, bypassCache: true });
      return { ...response, ...report! };
    },

    /** Autocomplete: subjects and places whose names or aliases start with what was typed (≤ 8). */
    async suggest(prefix: string): Promise<{
      suggestions: { kind: "subject" | "location"; slug: string; label: string; detail: string | null; text: string }[];
    }> {
      const raw = normaliseQuery(prefix);
      if (!raw) return { suggestions: [] };
      const { lexicon } = await getLexicon();
      // "piano in park" completes the place after the cue word; otherwise the whole text.
      const cue = /^(.*\S)\s+(in|near|around|at)\s+(\S.*)?$/.exec(raw);
      const lead = cue ? `${cue[1]} ${cue[2]} ` : "";
      const needle = cue ? (cue[3] ?? "") : raw;
      const kinds: ("subject" | "location")[] | null = cue ? ["location"] : null;
      if (!needle) return { suggestions: [] };
      const scored = new Map<
        string,
        {
          kind: "subject" | "location";
          slug: string;
          label: string;
          detail: string | null;
          text: string;
          score: number;
        }
      >();
      for (const t of lexicon.terms) {
        if (kinds && !kinds.includes(t.kind)) continue;
        let score = 0;
        if (t.term === needle) score = 100;
        else if (t.term.startsWith(needle)) score = 80 - Math.min(30, t.term.length - needle.length);
        else if (t.term.split(" ").some((w) => w.startsWith(needle))) score = 40;
        if (!score) continue;
        if (t.alias) score -= 10;
        if (t.kind === "subject") score += 1;
        const id = `${t.kind}:${t.slug}`;
        const prev = scored.get(id);
        if (!prev || prev.score < score) {
          scored.set(id, {
            kind: t.kind,
            slug: t.slug,
            label: t.label,
            detail: t.alias ? `“${t.detail}”` : t.detail || null,
            text: `${lead}${t.kind === "subject" ? t.label.toLowerCase() : t.label}`,
            score,
          });
        }
      }
      const suggestions = [...scored.values()]
        .sort((a, b) => b.score - a.score || a.label.localeCompare(b.label))
        .slice(0, 8)
        .map(({ score: _score, ...s }) => s);
      return { suggestions };
    },

    /**
     * Records a click on a result card; only a card this search returned (its signed token) is accepted. Learning
     * (learning.ts): when the search's place phrase was not a known name or alias, a click by the client that ran
     * the search is a vote for the clicked instructor's region; once enough distinct clients (at least
     * MIN_LEARNING_CLIENTS, or `learnAfterClicks` when higher) voted for one region, the phrase becomes its alias.
     */
    async logClick(
      input: { searchId: string; instructorId: string; position: number; token: string },
      ctx: { ip: string; actor: Actor | null },
    ): Promise<{ recorded: true }> {
      const event = await repo.findEvent(input.searchId);
      if (!event) throw new NotFoundError("That search has expired.");
      if (!safeEqual(input.token, deps.sign(clickTokenPayload(input.searchId, input.instructorId, input.position)))) {
        throw new NotFoundError("That result is not part of this search.");
      }
      const instructor = await repo.findInstructorRegion(input.instructorId);
      if (!instructor) throw new NotFoundError("Instructor not found.");
      const clientKey = clientKeyOf(ctx.actor, ctx.ip, deps.hashIp);
      // Past the cap a client's clicks on this search are acknowledged but not stored.
      if ((await repo.countClicksBy(input.searchId, clientKey)) >= MAX_CLICKS_PER_SEARCH) return { recorded: true };
      const term = event.locationTerm;
      const learnable = Boolean(term && instructor.regionId && event.clientKey === clientKey);
      await repo.insertClick({
        searchId: input.searchId,
        instructorId: input.instructorId,
        position: input.position,
        ipHash: deps.hashIp(ctx.ip),
        locationTerm: term,
        regionId: instructor.regionId,
        clientKey,
        learnable,
      });
      if (learnable && term && instructor.regionId) {
        const { value: config } = await getConfig();
        const since = new Date(now().getTime() - config.location.learnWindowDays * 86_400_000);
        const clickers = await repo.countDistinctClickers(term, instructor.regionId, since);
        if (clickers >= Math.max(MIN_LEARNING_CLIENTS, config.location.learnAfterClicks)) {
          const { lexicon } = await getLexicon();
          const known = lexicon.phrases.get(phraseTokens(term).join(" "));
          if (
            !known?.some((e) => e.type !== "stop" && e.type !== "cue") &&
            (await repo.insertLearnedAlias(term, instructor.regionId))
          ) {
            invalidateLexicon();
            logger.info("search alias learned", { alias: term, regionId: instructor.regionId, clickers });
          }
        }
      }
      return { recorded: true };
    },

    /** Learned place aliases (newest first) with how many distinct clients taught each — for admins to review. */
    async learnedAliases(limit = 200) {
      return { aliases: await repo.learnedAliasesWithVotes(limit) };
    },

    /**
     * Removes a learned alias (seeded ones are not removable here) and the votes that taught it; effective at once
     * in this process (other processes within the dictionary's reload interval). Audit-logged.
     */
    async removeLearnedAlias(actor: Actor, alias: string, ip: string): Promise<{ alias: string; removed: true }> {
      const removed = await deps.db.transaction(async (tx) => {
        const row = await repo.removeLearnedAlias(alias, tx);
        if (!row) return null;
        await deps.audit.record(
          {
            actorId: actor.userId,
            action: "search.alias.remove",
            targetType: "region_alias",
            targetId: row.alias,
            data: { regionId: row.regionId },
            ipHash: deps.hashIp(ip),
          },
          tx,
        );
        return row;
      });
      if (!removed) throw new NotFoundError("No learned alias by that name.");
      invalidateLexicon();
      return { alias: removed.alias, removed: true };
    },

    /** The effective config with its defaults. */
    async getConfig(): Promise<{ config: SearchConfig; defaults: SearchConfig; version: string }> {
      const c = await getConfig();
      return { config: c.value, defaults: DEFAULT_SEARCH_CONFIG, version: c.version };
    },

    /** Applies a change (validated, merged key by key), effective at once in this process; audit-logged. */
    async setConfig(
      actor: Actor,
      patch: SearchConfigPatch,
      ip: string,
    ): Promise<{ config: SearchConfig; defaults: SearchConfig; version: string }> {
      const current = readSearchConfig(await deps.platformConfig.get(SEARCH_CONFIG_KEY));
      let next: SearchConfig;
      try {
        next = applySearchConfigPatch(current, patch);
      } catch {
        throw new ValidationError("That search configuration is not valid.");
      }
      await deps.platformConfig.set(SEARCH_CONFIG_KEY, next, actor.userId);
      await deps.audit.record({
        actorId: actor.userId,
        action: "search.config.update",
        targetType: "platform_config",
        targetId: SEARCH_CONFIG_KEY,
        data: { patch },
        ipHash: deps.hashIp(ip),
      });
      state.config = { value: next, version: sha256(JSON.stringify(next)).slice(0, 12), loadedAt: Date.now() };
      return { config: next, defaults: DEFAULT_SEARCH_CONFIG, version: state.config.version };
    },

    /** Back to the defaults (audit-logged). */
    async resetConfig(actor: Actor, ip: string) {
      await deps.platformConfig.set(SEARCH_CONFIG_KEY, DEFAULT_SEARCH_CONFIG, actor.userId);
      await deps.audit.record({
        actorId: actor.userId,
        action: "search.config.reset",
        targetType: "platform_config",
        targetId: SEARCH_CONFIG_KEY,
        data: {},
        ipHash: deps.hashIp(ip),
      });
      state.config = {
        value: DEFAULT_SEARCH_CONFIG,
        version: sha256(JSON.stringify(DEFAULT_SEARCH_CONFIG)).slice(0, 12),
        loadedAt: Date.now(),
      };
      return { config: DEFAULT_SEARCH_CONFIG, defaults: DEFAULT_SEARCH_CONFIG, version: state.config.version };
    },

    /** Top and zero-result queries and the daily zero-result rate over the last `days` days (days in `zone`). */
    async analytics(input: { days: number; limit?: number }, zone: string) {
      const since = new Date(now().getTime() - input.days * 86_400_000);
      const limit = input.limit ?? 20;
      const [top, zero, perDay, clicks, learned] = await Promise.all([
        repo.topQueries(since, limit),
        repo.zeroResultQueries(since, limit),
        repo.perDay(since, zone),
        repo.countClicksSince(since),
        repo.learnedAliases(),
      ]);
      const searches = perDay.reduce((n, d) => n + d.searches, 0);
      const zeroResults = perDay.reduce((n, d) => n + d.zeroResults, 0);
      return {
        since,
        totals: {
          searches,
          zeroResults,
          zeroResultRate: searches ? round(zeroResults / searches) : 0,
          clicks,
          degraded: perDay.reduce((n, d) => n + d.degraded, 0),
        },
        perDay: perDay.map((d) => ({ ...d, zeroResultRate: d.searches ? round(d.zeroResults / d.searches) : 0 })),
        topQueries: top.map((t) => ({
          ...t,
          avgResults: Number(t.avgResults),
          clickThroughRate: t.searches ? round(t.clicks / t.searches) : 0,
        })),
        zeroResultQueries: zero.map((z) => ({ ...z, lastSearchedAt: new Date(z.lastSearchedAt) })),
        learnedAliases: learned,
      };
    },

    /** Builds or refreshes search documents and embeddings now (seed, tests, admin). */
    refreshIndex,

    /** Resolves when a background document refresh (if any) has finished. */
    async idle(): Promise<void> {
      await state.refreshing;
    },

    /** Retention (PRODUCT.md §10): events and their clicks older than `days`. */
    async purgeEventsOlderThan(days: number): Promise<number> {
      return repo.purgeEventsBefore(new Date(now().getTime() - days * 86_400_000));
    },
  };
}
export type SearchService = ReturnType<typeof createSearchService>;

// ───────────── helpers ─────────────

function buildParsed(
  query: string,
  fast: FastParse,
  llm: LlmParse | null,
  unsure: string[],
  f: SearchFilters,
  location: ResolvedLocation,
  lex: LexiconSnapshot["lexicon"],
  at: Date,
  zone: string,
): ParsedQueryView {
  const useLlm = (field: string) => llm !== null && unsure.includes(field);
  let usedLlm = false;

  // Subject and category.
  let subject: ParsedQueryView["subject"] = fast.subject.value
    ? {
        slug: fast.subject.value.slug,
        name: fast.subject.value.name,
        confidence: fast.subject.confidence,
        source: "fast",
      }
    : null;
  if (useLlm("subject") && llm?.subject) {
    const s = lex.subjectsBySlug.get(llm.subject)!;
    subject = { slug: s.slug, name: s.name, confidence: 0.8, source: "llm" };
    usedLlm = true;
  }
  if ("subject" in f) {
    const s = f.subject ? lex.subjectsBySlug.get(f.subject) : undefined;
    subject = s ? { slug: s.slug, name: s.name, confidence: 1, source: "filter" } : null;
  }
  let category: ParsedQueryView["category"] = null;
  const subjectRef = subject ? lex.subjectsBySlug.get(subject.slug) : undefined;
  if (subjectRef) {
    const c = lex.categories.find((x) => x.slug === subjectRef.categorySlug);
    if (c) category = { slug: c.slug, name: c.name, confidence: subject!.confidence, source: subject!.source };
  } else if ("category" in f) {
    const c = f.category ? lex.categories.find((x) => x.slug === f.category) : undefined;
    category = c ? { slug: c.slug, name: c.name, confidence: 1, source: "filter" } : null;
  } else if (fast.category.value && !("subject" in f)) {
    category = {
      slug: fast.category.value.slug,
      name: fast.category.value.name,
      confidence: fast.category.confidence,
      source: "fast",
    };
  }

  // Price.
  let price: ParsedQueryView["price"] = fast.price.value
    ? { ...fast.price.value, budget: fast.price.budget ?? null, confidence: fast.price.confidence, source: "fast" }
    : fast.price.budget
      ? { minCents: null, maxCents: null, budget: "low", confidence: fast.price.confidence, source: "fast" }
      : null;
  if (useLlm("price") && llm && (llm.priceMinDollars !== null || llm.priceMaxDollars !== null)) {
    price = {
      minCents: llm.priceMinDollars === null ? null : Math.round(llm.priceMinDollars * 100),
      maxCents: llm.priceMaxDollars === null ? null : Math.round(llm.priceMaxDollars * 100),
      budget: null,
      confidence: 0.8,
      source: "llm",
    };
    usedLlm = true;
  }
  if ("priceMinCents" in f || "priceMaxCents" in f) {
    const min = "priceMinCents" in f ? (f.priceMinCents ?? null) : (price?.minCents ?? null);
    const max = "priceMaxCents" in f ? (f.priceMaxCents ?? null) : (price?.maxCents ?? null);
    price =
      min === null && max === null
        ? null
        : { minCents: min, maxCents: max, budget: null, confidence: 1, source: "filter" };
  }

  const pick = <T>(
    field: "audience" | "level" | "lessonType",
    fastValue: T | null,
    fastConf: number,
    llmValue: T | null | undefined,
    filterValue: T | null | undefined,
  ) => {
    if (field in f) return filterValue ? { value: filterValue, confidence: 1, source: "filter" as const } : null;
    if (useLlm(field) && llmValue) {
      usedLlm = true;
      return { value: llmValue, confidence: 0.8, source: "llm" as const };
    }
    return fastValue ? { value: fastValue, confidence: fastConf, source: "fast" as const } : null;
  };
  const audiencePick = pick("audience", fast.audience.value, fast.audience.confidence, llm?.audience, f.audience);
  const audience: ParsedQueryView["audience"] = audiencePick
    ? { ...audiencePick, age: audiencePick.source === "fast" ? (fast.audience.age ?? null) : null }
    : null;
  const level: ParsedQueryView["level"] = pick("level", fast.level.value, fast.level.confidence, llm?.level, f.level);
  const lessonType: ParsedQueryView["lessonType"] = pick(
    "lessonType",
    fast.lessonType.value,
    fast.lessonType.confidence,
    llm?.lessonType,
    f.lessonType,
  );

  // Time.
  let spec: TimeSpec | null = fast.time.value;
  let timeConf = fast.time.confidence;
  let timeSource: "fast" | "llm" | "filter" = "fast";
  if (useLlm("time") && llm?.time) {
    const s = llmTimeSpec(llm.time);
    if (s) {
      spec = s;
      timeConf = 0.8;
      timeSource = "llm";
      usedLlm = true;
    }
  }
  if ("time" in f) {
    spec = f.time ?? null;
    timeConf = 1;
    timeSource = "filter";
  }
  const time: ParsedQueryView["time"] = spec
    ? {
        spec,
        label: timeSpecLabel(spec),
        windows: resolveTimeSpec(spec, at, zone).slice(0, 8),
        confidence: timeConf,
        source: timeSource,
      }
    : null;
  if (location.view?.source === "llm") usedLlm = true;

  const chips: Chip[] = [];
  if (subject) chips.push({ field: "subject", label: subject.name });
  else if (category) chips.push({ field: "category", label: category.name });
  if (location.view) {
    chips.push({
      field: "location",
      label:
        location.view.kind === "region"
          ? location.view.name
          : location.view.kind === "near_me"
            ? location.view.resolved
              ? `Near me (${location.view.resolved.name})`
              : "Near me"
            : `“${location.view.term}” (place not found)`,
    });
  }
  if (price) chips.push({ field: "price", label: priceLabel(price) });
  if (audience)
    chips.push({
      field: "audience",
      label: audience.age ? `Age ${audience.age}` : { kids: "Kids", teens: "Teens", adults: "Adults" }[audience.value],
    });
  if (level) chips.push({ field: "level", label: level.value.charAt(0).toUpperCase() + level.value.slice(1) });
  if (lessonType)
    chips.push({
      field: "lessonType",
      label: {
        online: "Online",
        in_person: "In person",
        student_location: "At my place",
        instructor_location: "At the teacher's studio",
      }[lessonType.value],
    });
  if (time) chips.push({ field: "time", label: time.label });

  // A subject found by the LLM explains the words the fast path could not: they stop being keywords.
  const keywords =
    subject?.source === "llm" ? fast.keywords.filter((k) => !fast.unexplained.includes(k)) : fast.keywords;
  return {
    query,
    normalised: fast.normalised,
    subject,
    category,
    location: location.view,
    price,
    audience,
    level,
    lessonType,
    time,
    keywords,
    parser: usedLlm ? "fast+llm" : "fast",
    chips,
  };
}

function priceLabel(p: NonNullable<ParsedQueryView["price"]>): string {
  const d = (c: number) => `$${Math.round(c / 100)}`;
  if (p.minCents !== null && p.maxCents !== null) return `${d(p.minCents)}–${d(p.maxCents)}/hr`;
  if (p.maxCents !== null) return `Under ${d(p.maxCents)}/hr`;
  if (p.minCents !== null) return `${d(p.minCents)}+/hr`;
  return "Budget-friendly";
}

/** The SQL prefilter from the typed query (hard filters) and the availability days of the time window. */
function candidateFilter(
  parsed: ParsedQueryView,
  location: ResolvedLocation,
  lex: LexiconSnapshot["lexicon"],
  config: SearchConfig,
  windows: Interval[],
  zone: string,
  now: Date,
): CandidateFilter {
  const subjectIds = parsed.subject
    ? [lex.subjectsBySlug.get(parsed.subject.slug)!.id]
    : parsed.category
      ? lex.subjects.filter((s) => s.categorySlug === parsed.category!.slug).map((s) => s.id)
      : null;
  const lesson = parsed.lessonType?.value ?? null;
  const locationTypes =
    lesson === "online"
      ? ["online"]
      : lesson === "student_location"
        ? ["student_location", "neutral_location"]
        : lesson === "instructor_location"
          ? ["instructor_location"]
          : lesson === "in_person"
            ? ["student_location", "instructor_location", "neutral_location"]
            : null;
  const region = location.region;
  const coverage =
    region && lesson !== "online"
      ? {
          regionId: region.id,
          kind: region.kind,
          lat: region.lat,
          lng: region.lng,
          radiusKm: region.radiusKm,
          studioReachKm: config.location.studioReachKm,
          travel: lesson !== "instructor_location",
          studio: lesson !== "student_location",
        }
      : null;
  // Cheap superset of "has hours in the window": a pattern weekday or a dated row on a window date (±1 day for zones).
  const dates = new Set<string>();
  for (const w of windows) {
    for (let t = w.from.getTime() - 86_400_000; t <= w.to.getTime() + 86_400_000; t += 86_400_000 / 2)
      dates.add(localDateToday(zone, new Date(t)));
  }
  const weekdays = [...new Set([...dates].map((d) => isoWeekday(d)))];
  return {
    subjectIds,
    minRateCents: parsed.price?.minCents ?? null,
    maxRateCents: parsed.price?.maxCents ?? null,
    locationTypes,
    ageGroup: parsed.audience?.value ?? null,
    level: parsed.level?.value ?? null,
    coverage,
    availability: windows.length ? { weekdays, dates: [...dates].sort() } : { weekdays: [], dates: [] },
    windowEndsInMinutes: windows.length
      ? (Math.max(...windows.map((w) => w.to.getTime())) - now.getTime()) / 60_000
      : 0,
  };
}

/** What analytics keep of a parse: the values, not the view. */
function compactParsed(p: ParsedQueryView): Record<string, unknown> {
  return {
    subject: p.subject?.slug ?? null,
    category: p.category?.slug ?? null,
    location: p.location
      ? p.location.kind === "region"
        ? { slug: p.location.slug, tier: p.location.tier }
        : p.location.kind === "near_me"
          ? "near_me"
          : { unresolved: p.location.term }
      : null,
    price: p.price ? { min: p.price.minCents, max: p.price.maxCents, budget: p.price.budget } : null,
    audience: p.audience?.value ?? null,
    level: p.level?.value ?? null,
    lessonType: p.lessonType?.value ?? null,
    time: p.time ? timeSpecKey(p.time.spec) : null,
    keywords: p.keywords,
    parser: p.parser,
  };
}

/** JSON from the results cache → response with Dates again. */
function reviveResponse(r: PipelineResult["response"]): PipelineResult["response"] {
  for (const c of r.cards) if (c.nextAvailable) c.nextAvailable.start = new Date(c.nextAvailable.start);
  if (r.parsed.time)
    r.parsed.time.windows = r.parsed.time.windows.map((w) => ({ from: new Date(w.from), to: new Date(w.to) }));
  return r;
}

export type { SkippedStage };
