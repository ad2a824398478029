import { describe, expect, it } from "vitest";
import { createMemoryCache } from "~/server/kv/cache";
import { createLocalEmbedder, EMBEDDING_DIMS, localEmbed, type Embedder } from "~/server/integrations/openai";
import { cosine, embedQuery } from "./embeddings";
import { createSearchState } from "./state";

describe("local embedder", () => {
  it("is deterministic, 256-dimensional and L2-normalised", () => {
    const a = localEmbed("Jazz piano for adults");
    expect(a).toHaveLength(EMBEDDING_DIMS);
    expect(Array.from(a)).toEqual(Array.from(localEmbed("jazz  PIANO for adults!")));
    expect(cosine(a, a)).toBeCloseTo(1, 5);
    expect(Array.from(localEmbed("the and for"))).toEqual(new Array(EMBEDDING_DIMS).fill(0));
  });

  it("puts shared words and near spellings closer than unrelated text", () => {
    const q = localEmbed("park slop");
    expect(cosine(q, localEmbed("park slope"))).toBeGreaterThan(cosine(q, localEmbed("jackson heights")));
    expect(
      cosine(localEmbed("piano lessons jazz"), localEmbed("Piano. keys. Music. jazz and classical")),
    ).toBeGreaterThan(cosine(localEmbed("piano lessons jazz"), localEmbed("Swimming. Sports")));
  });
});

describe("query embeddings: shared cache and request coalescing", () => {
  function counting(delayMs: number): Embedder & { calls: number } {
    const local = createLocalEmbedder();
    const e = {
      kind: "openai" as const,
      dims: EMBEDDING_DIMS,
      calls: 0,
      modelId: () => "counting@256",
      embed: async (texts: string[], opts: Parameters<Embedder["embed"]>[1]) => {
        e.calls++;
        await new Promise((r) => setTimeout(r, delayMs));
        return local.embed(texts, opts);
      },
    };
    return e;
  }

  it("makes one provider call for twenty concurrent identical queries, then serves from the cache", async () => {
    const embedder = counting(30);
    const deps = { embedder, cache: createMemoryCache(), state: createSearchState() };
    const opts = { timeoutMs: 1_000, ttlSeconds: 60 };
    const results = await Promise.all(Array.from({ length: 20 }, () => embedQuery(deps, "jazz piano", opts)));
    expect(embedder.calls).toBe(1);
    expect(results.filter((r) => r.source === "provider")).toHaveLength(1);
    expect(results.filter((r) => r.source === "coalesced")).toHaveLength(19);
    expect(deps.state.embeddingsInFlight.size).toBe(0);
    const again = await embedQuery(deps, "jazz piano", opts);
    expect(again.source).toBe("cache");
    expect(embedder.calls).toBe(1);
    expect(Array.from(again.vector)).toEqual(Array.from(results[0]!.vector));
    // Another text is another call.
    await embedQuery(deps, "guitar", opts);
    expect(embedder.calls).toBe(2);
  });

  it("does not keep a failed call in flight", async () => {
    const failing: Embedder = {
      kind: "openai",
      dims: EMBEDDING_DIMS,
      modelId: () => "failing@256",
      embed: () => Promise.reject(new Error("provider down")),
    };
    const deps = { embedder: failing, cache: createMemoryCache(), state: createSearchState() };
    await expect(embedQuery(deps, "piano", { timeoutMs: 100, ttlSeconds: 60 })).rejects.toThrow("provider down");
    expect(deps.state.embeddingsInFlight.size).toBe(0);
  });
});
