import type { Redis } from "ioredis";

/** Key/value cache with TTLs: Redis in production, a process-local map in the embedded default. */
export type Cache = {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Sets only when absent; true when this call set it (single-use tokens, locks). */
  setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  /** Reads and deletes atomically: a single-use token can be spent once. */
  take(key: string): Promise<string | null>;
  del(...keys: string[]): Promise<void>;
  /** Deletes every key that starts with the prefix (cache invalidation of a family of keys). */
  delPrefix(prefix: string): Promise<void>;
};

export function createRedisCache(redis: Redis, namespace: string): Cache {
  const k = (key: string) => `${namespace}${key}`;
  return {
    get: (key) => redis.get(k(key)),
    async set(key, value, ttl) {
      await redis.set(k(key), value, "EX", ttl);
    },
    async setIfAbsent(key, value, ttl) {
      return (await redis.set(k(key), value, "EX", ttl, "NX")) === "OK";
    },
    take: (key) => redis.getdel(k(key)),
    async del(...keys) {
      if (keys.length) await redis.del(...keys.map(k));
    },
    async delPrefix(prefix) {
      let cursor = "0";
      do {
        // MATCH takes a glob: escape the prefix so `?`, `*` and `[` in keys match only themselves.
        const [next, found] = await redis.scan(
          cursor,
          "MATCH",
          `${k(prefix).replace(/[*?[\]\\]/g, "\\$&")}*`,
          "COUNT",
          500,
        );
        cursor = next;
        if (found.length) await redis.unlink(...found);
      } while (cursor !== "0");
    },
  };
}

export function createMemoryCache(now: () => number = Date.now): Cache {
  const store = new Map<string, { value: string; expiresAt: number }>();
  const live = (key: string) => {
    const hit = store.get(key);
    if (!hit) return null;
    if (hit.expiresAt <= now()) {
      store.delete(key);
      return null;
    }
    return hit;
  };
  // Bounded sweep so an idle dev server does not keep expired entries forever.
  const sweep = () => {
    if (store.size < 10_000) return;
    const t = now();
    for (const [key, v] of store) if (v.expiresAt <= t) store.delete(key);
  };
  return {
    get: async (key) => live(key)?.value ?? null,
    async set(key, value, ttl) {
      sweep();
      store.set(key, { value, expiresAt: now() + ttl * 1000 });
    },
    async setIfAbsent(key, value, ttl) {
      if (live(key)) return false;
      store.set(key, { value, expiresAt: now() + ttl * 1000 });
      return true;
    },
    async take(key) {
      const hit = live(key);
      store.delete(key);
      return hit?.value ?? null;
    },
    async del(...keys) {
      for (const key of keys) store.delete(key);
    },
    async delPrefix(prefix) {
      for (const key of store.keys()) if (key.startsWith(prefix)) store.delete(key);
    },
  };
}
