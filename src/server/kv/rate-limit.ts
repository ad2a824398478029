import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

export type LimitRule = { name: string; points: number; durationSeconds: number };

export type LimitState = { consumed: number; remaining: number; retryAfterSeconds: number };

/** A named fixed-window limiter; `consume` rejects with the seconds to wait instead of throwing. */
export type Limiter = {
  consume(
    key: string,
    points?: number,
  ): Promise<{ ok: true; state: LimitState } | { ok: false; retryAfterSeconds: number }>;
  get(key: string): Promise<LimitState | null>;
  /** Blocks the key for a duration (lockouts). */
  block(key: string, seconds: number): Promise<void>;
  reset(key: string): Promise<void>;
};

export type RateLimiterFactory = (rule: LimitRule) => Limiter;

function wrap(limiter: RateLimiterAbstract, points: number): Limiter {
  const toState = (r: RateLimiterRes): LimitState => ({
    consumed: r.consumedPoints,
    remaining: Math.max(0, points - r.consumedPoints),
    retryAfterSeconds: Math.ceil(r.msBeforeNext / 1000),
  });
  return {
    async consume(key, n = 1) {
      try {
        return { ok: true, state: toState(await limiter.consume(key, n)) };
      } catch (e) {
        if (e instanceof RateLimiterRes)
          return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(e.msBeforeNext / 1000)) };
        throw e; // a store failure is not a rate limit: let it surface
      }
    },
    async get(key) {
      const r = await limiter.get(key);
      return r ? toState(r) : null;
    },
    async block(key, seconds) {
      await limiter.block(key, seconds);
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}

/** Limiters backed by Redis (shared by every process), via rate-limiter-flexible. */
export function createRedisRateLimiters(redis: Redis, namespace: string): RateLimiterFactory {
  return (rule) =>
    wrap(
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${namespace}rl:${rule.name}`,
        points: rule.points,
        duration: rule.durationSeconds,
      }),
      rule.points,
    );
}

/** Process-local limiters for the embedded default; same semantics. */
export function createMemoryRateLimiters(): RateLimiterFactory {
  const made = new Map<string, Limiter>();
  return (rule) => {
    const id = `${rule.name}:${rule.points}:${rule.durationSeconds}`;
    let l = made.get(id);
    if (!l) {
      l = wrap(
        new RateLimiterMemory({ keyPrefix: rule.name, points: rule.points, duration: rule.durationSeconds }),
        rule.points,
      );
      made.set(id, l);
    }
    return l;
  };
}
