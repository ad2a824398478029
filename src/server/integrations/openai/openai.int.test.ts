import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seedDatabase } from "~/server/db/seed/seed";
import { createSearchRepository } from "~/server/repositories/search";
import { createPlatformConfigRepository } from "~/server/repositories/platform-config";
import { createAuditRepository } from "~/server/repositories/audit";
import { createSearchService } from "~/server/services/search/search-service";
import { createTestRuntime, type TestRuntime } from "~/test/harness";
import { sendJson, startStandIn, type StandIn } from "~/test/http-stand-in";
import { createOpenAiPorts, EMBEDDING_DIMS, ProviderTimeoutError } from ".";

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startStandIn();
});
afterAll(async () => standIn?.close());
beforeEach(() => {
  standIn.requests.length = 0;
});

const ports = () =>
  createOpenAiPorts({
    apiKey: "sk-test-0123456789",
    baseURL: `${standIn.url}/v1`,
    model: "gpt-4o-mini",
    embeddingModel: "text-embedding-3-small",
  });
/** The stand-in accepts the request and never answers (a hung provider). */
const hang = () => standIn.respond(() => new Promise<void>(() => undefined));

function completion(content: string) {
  return {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: 1_760_000_000,
    model: "gpt-4o-mini-2024-07-18",
    choices: [
      { index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: "stop" },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
}

describe("OpenAI adapters (real openai SDK against a local stand-in)", () => {
  it("sends a structured-output chat completion and returns the parsed JSON", async () => {
    standIn.respond((_req, res) =>
      sendJson(res, 200, completion(JSON.stringify({ location: "park-slope", confidence: 0.9 }))),
    );
    const { llm } = await ports();
    const out = await llm.structured(
      {
        name: "place_lookup",
        schema: {
          type: "object",
          additionalProperties: false,
          required: ["location"],
          properties: { location: { type: "string" } },
        },
        system: "sys",
        user: "usr",
      },
      { timeoutMs: 2_000, model: "gpt-4.1-mini" },
    );
    expect(out).toEqual({ location: "park-slope", confidence: 0.9 });
    const [req] = standIn.requests;
    expect(req).toMatchObject({ method: "POST", url: "/v1/chat/completions" });
    expect(req!.headers.authorization).toBe("Bearer sk-test-0123456789");
    const body = JSON.parse(req!.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      model: "gpt-4.1-mini",
      temperature: 0,
      messages: [
        { role: "system", content: "sys" },
        { role: "user", content: "usr" },
      ],
      response_format: { type: "json_schema", json_schema: { name: "place_lookup", strict: true } },
    });
  });

  it("asks for 256-dimension float embeddings and returns them in input order, L2-normalised", async () => {
    standIn.respond((req, res) => {
      const { input } = JSON.parse(req.body) as { input: string[] };
      // Answer out of order: the adapter must place vectors by index.
      const data = input
        .map((_, i) => ({
          object: "embedding",
          index: i,
          embedding: Array.from({ length: EMBEDDING_DIMS }, (_, k) => (k === i ? 3 : 0) + (k === 255 ? 4 : 0)),
        }))
        .reverse();
      sendJson(res, 200, {
        object: "list",
        data,
        model: "text-embedding-3-small",
        usage: { prompt_tokens: 4, total_tokens: 4 },
      });
    });
    const { embedder } = await ports();
    expect(embedder.modelId()).toBe("text-embedding-3-small@256");
    const [a, b] = await embedder.embed(["piano", "guitar"], { timeoutMs: 2_000 });
    expect(a![0]).toBeCloseTo(0.6, 5);
    expect(a![255]).toBeCloseTo(0.8, 5);
    expect(b![1]).toBeCloseTo(0.6, 5);
    const body = JSON.parse(standIn.requests[0]!.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      model: "text-embedding-3-small",
      input: ["piano", "guitar"],
      dimensions: 256,
      encoding_format: "float",
    });
  });

  it("times out cleanly against a provider that never answers (no retry, no hang)", async () => {
    hang();
    const { llm, embedder } = await ports();
    let t = performance.now();
    await expect(
      llm.structured({ name: "x", schema: {}, system: "s", user: "u" }, { timeoutMs: 200 }),
    ).rejects.toBeInstanceOf(ProviderTimeoutError);
    expect(performance.now() - t).toBeLessThan(1_000);
    t = performance.now();
    await expect(embedder.embed(["piano"], { timeoutMs: 150 })).rejects.toBeInstanceOf(ProviderTimeoutError);
    expect(performance.now() - t).toBeLessThan(1_000);
    // One request each: retries are off.
    expect(standIn.requests.map((r) => r.url)).toEqual(["/v1/chat/completions", "/v1/embeddings"]);
  });

  it("limits concurrent calls: beyond the limit a call waits, and the wait counts against its timeout", async () => {
    const arrivals: number[] = [];
    standIn.respond((_req, res) => {
      arrivals.push(performance.now());
      setTimeout(() => sendJson(res, 200, completion("{}")), 250);
    });
    const { llm } = await ports();
    const req = { name: "x", schema: {}, system: "s", user: "u" };
    const [first, second, third] = await Promise.allSettled([
      llm.structured(req, { timeoutMs: 2_000, maxConcurrency: 1 }),
      llm.structured(req, { timeoutMs: 2_000, maxConcurrency: 1 }),
      llm.structured(req, { timeoutMs: 100, maxConcurrency: 1 }),
    ]);
    expect(first.status).toBe("fulfilled");
    expect(second.status).toBe("fulfilled");
    expect(third).toMatchObject({ status: "rejected", reason: expect.any(ProviderTimeoutError) as unknown });
    expect(arrivals).toHaveLength(2);
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(200);
  });
});

describe("search with OpenAI ports behind a hung provider", () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await createTestRuntime();
    await seedDatabase(rt.dbh.db, rt.hasher, rt.secret);
  });
  afterAll(async () => rt?.close());

  it("falls back: the LLM parse and the query embedding time out, the response is degraded, not failed", async () => {
    hang();
    const { llm, embedder } = await ports();
    const db = rt.dbh.db;
    const service = createSearchService({
      db,
      repo: createSearchRepository(db),
      platformConfig: createPlatformConfigRepository(db),
      audit: createAuditRepository(db),
      cache: rt.cache,
      llm,
      embedder,
      capabilities: rt.dbh.capabilities,
      hashIp: (ip) => ip,
      sign: (payload) => `signed:${payload}`,
    });
    await service.instructors({ q: "piano" }, { ip: "203.0.113.60", actor: null }); // warm caches
    const t0 = performance.now();
    const r = await service.instructors(
      { q: "patient piano teacher for jazz improvisation, someone who knows ondes" },
      { ip: "203.0.113.60", actor: null },
    );
    expect(performance.now() - t0).toBeLessThan(800);
    expect(r.degraded).toBe(true);
    expect(r.skipped).toContainEqual({ stage: "retrieve.vector", reason: "timeout" });
    expect(r.cards.length).toBeGreaterThan(0);
    expect(r.cards.every((c) => c.subject.slug === "piano")).toBe(true);
    expect(r.diagnostics.engines).toMatchObject({ llm: "openai", embedder: "text-embedding-3-small@256" });
    expect(standIn.requests.some((q) => q.url === "/v1/embeddings")).toBe(true);

    // An unsure parse asks the LLM, which hangs: skipped on timeout, the fast parse stands.
    const unsure = await service.instructors({ q: "someone for ondes martenot" }, { ip: "203.0.113.60", actor: null });
    expect(unsure.skipped).toContainEqual({ stage: "llm.parse", reason: "timeout" });
    expect(unsure.parsed.parser).toBe("fast");
    expect(standIn.requests.some((q) => q.url === "/v1/chat/completions")).toBe(true);
  });

  it("uses the LLM's answer for the fields the fast path was unsure about, and only those", async () => {
    standIn.respond((req, res) => {
      if (req.url === "/v1/embeddings") return new Promise<void>(() => undefined); // embeddings stay hung
      const answer = {
        subject: "piano",
        location: "park-slope",
        nearMe: false,
        priceMinDollars: null,
        priceMaxDollars: 120,
        audience: "adults",
        level: null,
        lessonType: null,
        time: null,
      };
      sendJson(res, 200, completion(JSON.stringify(answer)));
    });
    const { llm, embedder } = await ports();
    const db = rt.dbh.db;
    const service = createSearchService({
      db,
      repo: createSearchRepository(db),
      platformConfig: createPlatformConfigRepository(db),
      audit: createAuditRepository(db),
      cache: rt.cache,
      llm,
      embedder,
      capabilities: rt.dbh.capabilities,
      hashIp: (ip) => ip,
      sign: (payload) => `signed:${payload}`,
    });
    const r = await service.instructors(
      { q: "ivories tickler for a grown-up near the slopes of prospect" },
      { ip: "203.0.113.61", actor: null },
    );
    expect(r.parsed.parser).toBe("fast+llm");
    expect(r.parsed.subject).toMatchObject({ slug: "piano", source: "llm" });
    // Only fields the fast path was unsure about take the LLM's answer: nobody named a price, so none is set.
    expect(r.parsed.price).toBeNull();
    expect(r.parsed.audience).toMatchObject({ value: "adults", source: "fast" });
    expect(r.parsed.location).toMatchObject({ kind: "region", slug: "park-slope" });
    const chat = standIn.requests.find((q) => q.url === "/v1/chat/completions")!;
    const schema = (
      JSON.parse(chat.body) as {
        response_format: { json_schema: { schema: { properties: { subject: { enum: string[] } } } } };
      }
    ).response_format.json_schema.schema;
    expect(schema.properties.subject.enum).toContain("piano");
  });
});
