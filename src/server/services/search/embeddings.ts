/**
 * Embeddings for search: query vectors through a shared cache with request coalescing (one provider call per
 * distinct text at a time in this process), the in-process vector index used when the database has no pgvector,
 * and the refresh of search documents (text + embedding per active service).
 */
import { sha256 } from "~/server/auth/crypto";
import type { Cache } from "~/server/kv/cache";
import type { Embedder, ProviderCallOptions } from "~/server/integrations/openai";
import type { SearchRepository } from "~/server/repositories/search";
import type { SearchState } from "./state";

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) dot += a[i]! * b[i]!;
  return dot; // both are L2-normalised
}

const toBase64 = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64");
function fromBase64(s: string): Float32Array {
  const b = Buffer.from(s, "base64");
  const out = new Float32Array(b.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = b.readFloatLE(i * 4);
  return out;
}

/**
 * The embedding of one text: shared cache (Redis or memory) first, then the provider. Concurrent requests for the
 * same text in this process share one provider call (the in-flight map), so a burst of identical searches costs
 * one call, not twenty.
 */
export async function embedQuery(
  deps: { embedder: Embedder; cache: Cache; state: SearchState },
  text: string,
  opts: ProviderCallOptions & { ttlSeconds: number },
): Promise<{ vector: Float32Array; source: "cache" | "provider" | "coalesced" }> {
  const model = deps.embedder.modelId(opts.model);
  const key = `search:emb:${model}:${sha256(text)}`;
  const inflight = deps.state.embeddingsInFlight.get(key);
  if (inflight) return { vector: await inflight, source: "coalesced" };
  let source: "cache" | "provider" = "cache";
  const p = (async () => {
    const hit = await deps.cache.get(key);
    if (hit) return fromBase64(hit);
    source = "provider";
    const [v] = await deps.embedder.embed([text], opts);
    if (!v) throw new Error("no embedding returned");
    if (opts.ttlSeconds > 0) await deps.cache.set(key, toBase64(v), opts.ttlSeconds);
    return v;
  })();
  deps.state.embeddingsInFlight.set(key, p);
  try {
    return { vector: await p, source };
  } finally {
    deps.state.embeddingsInFlight.delete(key);
  }
}

/** How often the in-process index looks for new or changed document vectors. */
const INDEX_CHECK_MS = 2_000;

/**
 * Service vectors of one model held in memory (the fallback when the database has no pgvector), kept current
 * by fetching rows updated since the last look, at most every INDEX_CHECK_MS.
 */
export async function vectorIndex(
  repo: SearchRepository,
  state: SearchState,
  model: string,
): Promise<Map<string, Float32Array>> {
  let idx = state.vectorIndex;
  if (!idx || idx.model !== model) {
    idx = { model, vectors: new Map(), maxUpdatedMs: 0, checkedAt: 0, loading: null };
    state.vectorIndex = idx;
  }
  const current = idx;
  if (Date.now() - current.checkedAt >= INDEX_CHECK_MS) {
    current.loading ??= (async () => {
      try {
        const rows = await repo.embeddingsSince(model, current.maxUpdatedMs);
        for (const r of rows) {
          current.vectors.set(r.serviceId, Float32Array.from(r.embedding));
          current.maxUpdatedMs = Math.max(current.maxUpdatedMs, r.updatedMs);
        }
        current.checkedAt = Date.now();
      } finally {
        current.loading = null;
      }
    })();
    await current.loading;
  }
  return current.vectors;
}

/** The text a service is found by: subject, its aliases and category, the service description, the headline. */
export function documentText(r: {
  subjectName: string;
  aliases: string[];
  categoryName: string;
  description: string;
  headline: string;
}): string {
  return [
    `${r.subjectName}.`,
    r.aliases.length ? `${r.aliases.join(", ")}.` : "",
    `${r.categoryName}.`,
    r.description,
    r.headline,
  ]
    .filter(Boolean)
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
}

export type RefreshResult = { built: number; touched: number; removed: number; ms: number };

/**
 * Brings search documents up to date: builds missing ones, re-embeds changed text or another model's vectors,
 * drops inactive services' documents. Idempotent; safe to run concurrently with searches.
 */
export async function refreshSearchDocuments(
  repo: SearchRepository,
  embedder: Embedder,
  opts: { model?: string; withVector: boolean; timeoutMs?: number; batch?: number },
): Promise<RefreshResult> {
  const t0 = Date.now();
  const modelId = embedder.modelId(opts.model);
  const batch = opts.batch ?? 500;
  let built = 0;
  let touched = 0;
  const seen = new Set<string>();
  for (;;) {
    const rows = (await repo.staleDocumentSources(modelId, batch)).filter((r) => !seen.has(r.serviceId));
    if (!rows.length) break;
    for (const r of rows) seen.add(r.serviceId);
    const docs = rows.map((r) => {
      const document = documentText(r);
      return { ...r, document, hash: sha256(document) };
    });
    const same = (d: (typeof docs)[number]) => d.contentHash === d.hash && d.embeddingModel === modelId;
    const unchanged = docs.filter(same);
    const changed = docs.filter((d) => !same(d));
    if (unchanged.length) {
      await repo.touchDocuments(unchanged.map((d) => ({ serviceId: d.serviceId, sourceMs: d.sourceMs })));
      touched += unchanged.length;
    }
    for (let i = 0; i < changed.length; i += 100) {
      const chunk = changed.slice(i, i + 100);
      const vectors = await embedder.embed(
        chunk.map((d) => d.document),
        { timeoutMs: opts.timeoutMs ?? 60_000, model: opts.model },
      );
      await repo.upsertDocuments(
        chunk.map((d, k) => ({
          serviceId: d.serviceId,
          instructorId: d.instructorId,
          subjectId: d.subjectId,
          document: d.document,
          contentHash: d.hash,
          sourceMs: d.sourceMs,
          embedding: Array.from(vectors[k]!),
          embeddingModel: modelId,
        })),
        opts.withVector,
      );
      built += chunk.length;
    }
    if (rows.length < batch) break;
  }
  const removed = await repo.deleteInactiveDocuments();
  return { built, touched, removed, ms: Date.now() - t0 };
}
