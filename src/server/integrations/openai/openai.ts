import { CallGate, EMBEDDING_DIMS, withDeadline, type Embedder, type LlmPort } from "./ports";

export type OpenAiOptions = {
  apiKey: string;
  /** Another API origin (a local stand-in in tests, a proxy or a compatible server in production). */
  baseURL?: string;
  /** Default chat model for structured outputs (search config may override per call). */
  model: string;
  /** Default embedding model (search config may override per call). */
  embeddingModel: string;
  /** Concurrent calls per process when the caller gives no limit. */
  defaultConcurrency?: number;
};

/**
 * Real adapters over the `openai` SDK. Retries are off: a search request has a budget, so a slow or failing call
 * is abandoned (the stage is skipped and reported) rather than retried. Each call runs behind a per-kind
 * concurrency gate with the caller's timeout, and the SDK's own request is aborted when the time is up.
 */
export async function createOpenAiPorts(opts: OpenAiOptions): Promise<{ llm: LlmPort; embedder: Embedder }> {
  const { default: OpenAI } = await import("openai");
  const client = new OpenAI({
    apiKey: opts.apiKey,
    // Passing the validated value (or the public default) keeps the SDK from reading process.env itself.
    baseURL: opts.baseURL ?? "https://api.openai.com/v1",
    maxRetries: 0,
    timeout: 30_000,
  });
  const chatGate = new CallGate();
  const embedGate = new CallGate();
  const concurrency = opts.defaultConcurrency ?? 4;

  const llm: LlmPort = {
    kind: "openai",
    available: true,
    structured(request, callOpts) {
      return withDeadline(chatGate, callOpts, concurrency, async (signal, remainingMs) => {
        const completion = await client.chat.completions.create(
          {
            model: callOpts.model ?? opts.model,
            temperature: 0,
            messages: [
              { role: "system", content: request.system },
              { role: "user", content: request.user },
            ],
            response_format: {
              type: "json_schema",
              json_schema: { name: request.name, strict: true, schema: request.schema },
            },
          },
          { signal, timeout: remainingMs, maxRetries: 0 },
        );
        const content = completion.choices[0]?.message.content;
        if (!content) throw new Error("The model returned no content");
        return JSON.parse(content) as unknown;
      });
    },
  };

  const embedder: Embedder = {
    kind: "openai",
    dims: EMBEDDING_DIMS,
    modelId: (model) => `${model ?? opts.embeddingModel}@${EMBEDDING_DIMS}`,
    embed(texts, callOpts) {
      if (texts.length === 0) return Promise.resolve([]);
      return withDeadline(embedGate, callOpts, concurrency * 2, async (signal, remainingMs) => {
        const res = await client.embeddings.create(
          {
            model: callOpts.model ?? opts.embeddingModel,
            input: texts,
            dimensions: EMBEDDING_DIMS,
            encoding_format: "float",
          },
          { signal, timeout: remainingMs, maxRetries: 0 },
        );
        const out = new Array<Float32Array>(texts.length);
        for (const d of res.data) out[d.index] = normalise(Float32Array.from(d.embedding));
        for (let i = 0; i < out.length; i++) if (!out[i]) throw new Error(`No embedding returned for input ${i}`);
        return out;
      });
    },
  };
  return { llm, embedder };
}

function normalise(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i]! /= n;
  return v;
}
