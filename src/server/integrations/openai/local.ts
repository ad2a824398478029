import { EMBEDDING_DIMS, ProviderUnavailableError, type Embedder, type LlmPort } from "./ports";

/** Bumped whenever the features below change: stored vectors of an older version are recomputed. */
export const LOCAL_EMBEDDING_MODEL = "local-hash-v1";

/** Words too common in lesson text to say anything about a subject. */
const STOPWORDS = new Set(
  "a an and are at be by for from i in is it lesson lessons me my of on or our the to with you your who want need looking class classes teacher teachers tutor tutors instructor instructors coach help".split(
    " ",
  ),
);

/** FNV-1a, 32 bit. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function embeddingTokens(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter((w) => w.length > 0 && !STOPWORDS.has(w));
}

/**
 * Deterministic local embedding: signed feature hashing of whole words (weight 1), word bigrams (0.5) and
 * character trigrams of each padded word (0.35) into 256 dimensions, L2-normalised. Similar spellings share
 * trigrams ("williamsberg" ≈ "williamsburg"); shared words dominate. No model, no network, ~µs per text.
 */
export function localEmbed(text: string, dims = EMBEDDING_DIMS): Float32Array {
  const v = new Float32Array(dims);
  const add = (feature: string, weight: number) => {
    const h = fnv1a(feature);
    v[h % dims]! += (h & 0x80000000 ? -1 : 1) * weight;
  };
  const words = embeddingTokens(text);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    add(`w:${w}`, 1);
    if (i + 1 < words.length) add(`b:${w} ${words[i + 1]!}`, 0.5);
    const padded = `#${w}#`;
    for (let j = 0; j + 3 <= padded.length; j++) add(`t:${padded.slice(j, j + 3)}`, 0.35);
  }
  let norm = 0;
  for (let i = 0; i < dims; i++) norm += v[i]! * v[i]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < dims; i++) v[i]! /= norm;
  return v;
}

export function createLocalEmbedder(): Embedder {
  return {
    kind: "local",
    dims: EMBEDDING_DIMS,
    modelId: () => LOCAL_EMBEDDING_MODEL,
    async embed(texts) {
      return texts.map((t) => localEmbed(t));
    },
  };
}

/** Without an OpenAI key there is no LLM: the fast parser and the deterministic tiers serve alone. */
export function createLocalLlm(): LlmPort {
  return {
    kind: "local",
    available: false,
    async structured() {
      throw new ProviderUnavailableError("LLM");
    },
  };
}
