import { errorBrand } from "~/lib/error-brand";
/**
 * LLM and embedding ports (PRODUCT.md §7): OpenAI when a key is configured, otherwise local adapters so search
 * works offline — a deterministic hashed-feature embedder, and an LLM port that reports itself unavailable (the
 * fast parser is then the only parser).
 */

/** Every embedding the platform stores or compares has this many dimensions (OpenAI's `dimensions` option). */
export const EMBEDDING_DIMS = 256;

/** Per-call options: the caller's budget decides the timeout; the limit caps concurrent calls per process. */
export type ProviderCallOptions = {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Overrides the adapter's default model (runtime search config). */
  model?: string;
  /** Calls of this kind allowed in flight at once in this process; more wait in a queue (inside the timeout). */
  maxConcurrency?: number;
};

export type StructuredRequest = {
  /** Schema name sent to the provider (letters, digits, `_`). */
  name: string;
  /** A JSON schema in OpenAI's strict subset: every property required, `additionalProperties: false`. */
  schema: Record<string, unknown>;
  system: string;
  user: string;
};

export type LlmPort = {
  readonly kind: "openai" | "local";
  /** False for the local adapter: callers record the stage as unavailable instead of calling. */
  readonly available: boolean;
  /** One completion constrained to the JSON schema (structured outputs); resolves to the parsed JSON, unvalidated. */
  structured(request: StructuredRequest, opts: ProviderCallOptions): Promise<unknown>;
};

export type Embedder = {
  readonly kind: "openai" | "local";
  readonly dims: number;
  /** The identity stored next to each vector: vectors of different model ids are never compared. */
  modelId(model?: string): string;
  /** One L2-normalised vector per text, in order. */
  embed(texts: string[], opts: ProviderCallOptions): Promise<Float32Array[]>;
};

/** The provider did not answer within the caller's timeout (including the wait for a concurrency slot). */
const providerTimeoutErrorBrand = errorBrand("ProviderTimeoutError");
export class ProviderTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Provider call timed out after ${timeoutMs} ms`);
    this.name = "ProviderTimeoutError";
    providerTimeoutErrorBrand.mark(this);
  }
  /** Answers by brand, so the class works across Next bundles (src/lib/error-brand.ts). */
  static [Symbol.hasInstance](value: unknown): boolean {
    return providerTimeoutErrorBrand.test(value);
  }
}

/** The port has no provider behind it (local adapter). */
const providerUnavailableErrorBrand = errorBrand("ProviderUnavailableError");
export class ProviderUnavailableError extends Error {
  constructor(what: string) {
    super(`${what} is not configured`);
    this.name = "ProviderUnavailableError";
    providerUnavailableErrorBrand.mark(this);
  }
  /** Answers by brand, so the class works across Next bundles (src/lib/error-brand.ts). */
  static [Symbol.hasInstance](value: unknown): boolean {
    return providerUnavailableErrorBrand.test(value);
  }
}

/**
 * A counting semaphore whose limit is read at each acquire (the limit is a runtime knob). Waiting counts
 * against the caller's deadline: a waiter that runs out of time leaves the queue with ProviderTimeoutError.
 */
export class CallGate {
  private active = 0;
  private readonly waiters: { limit: number; wake: () => void }[] = [];

  get inFlight(): number {
    return this.active;
  }

  async acquire(limit: number, deadline: number, timeoutMs: number, signal?: AbortSignal): Promise<() => void> {
    const max = Math.max(1, Math.floor(limit));
    if (this.active < max && this.waiters.length === 0) return this.take();
    await new Promise<void>((resolve, reject) => {
      const waiter = {
        limit: max,
        wake: () => {
          cleanup();
          resolve();
        },
      };
      const fail = (e: Error) => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        cleanup();
        reject(e);
      };
      const timer = setTimeout(() => fail(new ProviderTimeoutError(timeoutMs)), Math.max(0, deadline - Date.now()));
      const onAbort = () => fail(new ProviderTimeoutError(timeoutMs));
      signal?.addEventListener("abort", onAbort, { once: true });
      const cleanup = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      this.waiters.push(waiter);
    });
    return this.take();
  }

  private take(): () => void {
    this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      const next = this.waiters[0];
      if (next && this.active < next.limit) {
        this.waiters.shift();
        next.wake();
      }
    };
  }
}

/**
 * Runs `call` with an AbortSignal that fires at the timeout or when the caller's signal fires, behind the gate.
 * Any abort or provider-side timeout becomes ProviderTimeoutError; other errors pass through.
 */
export async function withDeadline<T>(
  gate: CallGate,
  opts: ProviderCallOptions,
  defaultConcurrency: number,
  call: (signal: AbortSignal, remainingMs: number) => Promise<T>,
): Promise<T> {
  const started = Date.now();
  const deadline = started + Math.max(1, opts.timeoutMs);
  if (opts.signal?.aborted) throw new ProviderTimeoutError(opts.timeoutMs);
  const release = await gate.acquire(opts.maxConcurrency ?? defaultConcurrency, deadline, opts.timeoutMs, opts.signal);
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  const remaining = Math.max(1, deadline - Date.now());
  const timer = setTimeout(() => controller.abort(), remaining);
  try {
    return await Promise.race([
      call(controller.signal, remaining),
      new Promise<never>((_, reject) =>
        controller.signal.addEventListener("abort", () => reject(new ProviderTimeoutError(opts.timeoutMs)), {
          once: true,
        }),
      ),
    ]);
  } catch (e) {
    if (controller.signal.aborted || isTimeoutLike(e)) throw new ProviderTimeoutError(opts.timeoutMs);
    throw e;
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener("abort", onAbort);
    release();
  }
}

function isTimeoutLike(e: unknown): boolean {
  const name = e instanceof Error ? e.name : "";
  return (
    name === "APIConnectionTimeoutError" ||
    name === "APIUserAbortError" ||
    name === "AbortError" ||
    name === "TimeoutError"
  );
}
