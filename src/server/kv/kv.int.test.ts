/**
 * One contract, two implementations: the process-local stores (embedded default) and Redis (production) must
 * behave the same for cache, rate limits and pub/sub. The Redis half runs when TEST_REDIS_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Redis } from "ioredis";
import { newId } from "~/lib/ids";
import { env } from "~/server/config/env";
import { createMemoryCache, createRedisCache, type Cache } from "./cache";
import {
  createMemoryRateLimiters,
  createRedisRateLimiters,
  type LimitRule,
  type RateLimiterFactory,
} from "./rate-limit";
import { createMemoryBus, createRedisBus, type EventBus } from "~/server/realtime/bus";

type Stores = {
  cache: Cache;
  limiters: RateLimiterFactory;
  bus: EventBus;
  /** Lets `ms` pass for the cache's TTLs (a fake clock in memory, real time on Redis). */
  elapse(ms: number): Promise<void>;
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const rule = (points: number, durationSeconds = 60): LimitRule => ({ name: `t-${newId()}`, points, durationSeconds });
/** Resolves with the next `n` messages a listener receives (or what arrived by the timeout). */
function collect(n: number, timeoutMs = 1_000) {
  const got: string[] = [];
  let done!: (v: string[]) => void;
  const all = new Promise<string[]>((r) => (done = r));
  const timer = setTimeout(() => done(got), timeoutMs);
  const listener = (m: string) => {
    got.push(m);
    if (got.length >= n) {
      clearTimeout(timer);
      done(got);
    }
  };
  return { listener, all, got };
}

function contract(label: string, open: () => Promise<Stores>) {
  describe(`${label}: cache`, () => {
    let s: Stores;
    beforeAll(async () => {
      s = await open();
    });

    it("gets what was set, nothing after the TTL; set overwrites value and TTL", async () => {
      await s.cache.set("ttl:a", "1", 1);
      await s.cache.set("ttl:b", "2", 60);
      await s.cache.set("ttl:c", "3", 1);
      await s.cache.set("ttl:ow", "old", 1);
      await s.cache.set("ttl:ow", "new", 60);
      expect(await s.cache.get("ttl:a")).toBe("1");
      expect(await s.cache.get("missing")).toBeNull();
      await s.elapse(1_100);
      expect(await s.cache.get("ttl:a")).toBeNull();
      expect(await s.cache.get("ttl:b")).toBe("2");
      expect(await s.cache.get("ttl:ow")).toBe("new");
      // An expired key counts as absent for take and setIfAbsent.
      expect(await s.cache.take("ttl:c")).toBeNull();
      expect(await s.cache.setIfAbsent("ttl:a", "4", 60)).toBe(true);
      expect(await s.cache.get("ttl:a")).toBe("4");
    });

    it("setIfAbsent has exactly one winner among 20 concurrent calls", async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => s.cache.setIfAbsent("lock:x", `owner-${i}`, 60)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect(await s.cache.get("lock:x")).toBe(`owner-${winner}`);
      expect(await s.cache.setIfAbsent("lock:x", "late", 60)).toBe(false);
    });

    it("take returns the value once, even to 20 concurrent takers", async () => {
      await s.cache.set("ticket:1", "user-1", 60);
      const results = await Promise.all(Array.from({ length: 20 }, () => s.cache.take("ticket:1")));
      expect(results.filter((r) => r !== null)).toEqual(["user-1"]);
      expect(await s.cache.get("ticket:1")).toBeNull();
      expect(await s.cache.take("ticket:1")).toBeNull();
    });

    it("del removes the given keys; delPrefix removes exactly a family of keys", async () => {
      await Promise.all(
        ["slots:A:1", "slots:A:2", "slots:AB:1", "slots:B:1", "other", "d1", "d2"].map((k) => s.cache.set(k, k, 60)),
      );
      await s.cache.del("d1", "d2");
      await s.cache.del();
      expect(await s.cache.get("d1")).toBeNull();
      expect(await s.cache.get("d2")).toBeNull();
      await s.cache.delPrefix("slots:A:");
      expect(await s.cache.get("slots:A:1")).toBeNull();
      expect(await s.cache.get("slots:A:2")).toBeNull();
      expect(await s.cache.get("slots:AB:1")).toBe("slots:AB:1");
      expect(await s.cache.get("slots:B:1")).toBe("slots:B:1");
      expect(await s.cache.get("other")).toBe("other");
    });

    it("delPrefix treats the prefix literally (no glob patterns)", async () => {
      await s.cache.set("q?:1", "a", 60);
      await s.cache.set("qx:1", "b", 60);
      await s.cache.set("r*:1", "c", 60);
      await s.cache.set("rz:1", "d", 60);
      await s.cache.delPrefix("q?:");
      await s.cache.delPrefix("r*");
      expect(await s.cache.get("q?:1")).toBeNull();
      expect(await s.cache.get("qx:1")).toBe("b");
      expect(await s.cache.get("r*:1")).toBeNull();
      expect(await s.cache.get("rz:1")).toBe("d");
    });

    it("delPrefix deletes many keys (several SCAN pages)", async () => {
      await Promise.all(Array.from({ length: 1_200 }, (_, i) => s.cache.set(`bulk:${i}`, "x", 60)));
      await s.cache.set("bulkier", "stay", 60);
      await s.cache.delPrefix("bulk:");
      const left = await Promise.all(Array.from({ length: 1_200 }, (_, i) => s.cache.get(`bulk:${i}`)));
      expect(left.filter((v) => v !== null)).toHaveLength(0);
      expect(await s.cache.get("bulkier")).toBe("stay");
    });
  });

  describe(`${label}: rate limits`, () => {
    let s: Stores;
    beforeAll(async () => {
      s = await open();
    });

    it("allows N points, then rejects with a retry-after; keys are independent", async () => {
      const l = s.limiters(rule(3, 60));
      const states = [];
      for (let i = 0; i < 3; i++) {
        const r = await l.consume("k");
        expect(r.ok).toBe(true);
        if (r.ok) states.push(r.state);
      }
      expect(states.map((x) => [x.consumed, x.remaining])).toEqual([
        [1, 2],
        [2, 1],
        [3, 0],
      ]);
      const denied = await l.consume("k");
      expect(denied.ok).toBe(false);
      if (!denied.ok) {
        expect(denied.retryAfterSeconds).toBeGreaterThan(0);
        expect(denied.retryAfterSeconds).toBeLessThanOrEqual(60);
      }
      expect((await l.consume("other-key")).ok).toBe(true);
      expect(await l.get("k")).toMatchObject({ remaining: 0 });
      expect(await l.get("never-used")).toBeNull();
    });

    it("consumes several points at once", async () => {
      const l = s.limiters(rule(5));
      expect(await l.consume("k", 4)).toMatchObject({ ok: true, state: { consumed: 4, remaining: 1 } });
      expect((await l.consume("k", 2)).ok).toBe(false);
    });

    it("block() locks a key for the given time; get() reports it; reset() lifts it", async () => {
      const l = s.limiters(rule(100, 60));
      await l.block("k", 30);
      const denied = await l.consume("k");
      expect(denied.ok).toBe(false);
      if (!denied.ok) {
        expect(denied.retryAfterSeconds).toBeGreaterThanOrEqual(29);
        expect(denied.retryAfterSeconds).toBeLessThanOrEqual(30);
      }
      const state = await l.get("k");
      expect(state?.remaining).toBe(0);
      expect(state?.retryAfterSeconds).toBeGreaterThanOrEqual(29);
      await l.reset("k");
      expect(await l.get("k")).toBeNull();
      expect(await l.consume("k")).toMatchObject({ ok: true, state: { consumed: 1, remaining: 99 } });
    });

    it("a window ends: points come back after the duration", async () => {
      const l = s.limiters(rule(1, 1));
      expect((await l.consume("k")).ok).toBe(true);
      expect((await l.consume("k")).ok).toBe(false);
      await sleep(1_100);
      expect((await l.consume("k")).ok).toBe(true);
    });

    it("holds under concurrency: 50 simultaneous consumes on a 10-point rule → exactly 10 pass", async () => {
      const r = rule(10);
      const l = s.limiters(r);
      const results = await Promise.all(Array.from({ length: 50 }, () => l.consume("burst")));
      expect(results.filter((x) => x.ok)).toHaveLength(10);
      for (const x of results) if (!x.ok) expect(x.retryAfterSeconds).toBeGreaterThan(0);
      // Asking the factory again for the same rule shares the same counters.
      expect((await s.limiters(r).consume("burst")).ok).toBe(false);
    });
  });

  describe(`${label}: event bus`, () => {
    let s: Stores;
    beforeAll(async () => {
      s = await open();
    });

    it("delivers published messages to subscribers, in order, and only on their channel", async () => {
      const a = collect(3);
      const b = collect(3);
      const other = collect(1, 200);
      const offA = await s.bus.subscribe("chat:1", a.listener);
      const offB = await s.bus.subscribe("chat:1", b.listener);
      const offOther = await s.bus.subscribe("chat:2", other.listener);
      for (const m of ["one", "two", "three"]) await s.bus.publish("chat:1", m);
      expect(await a.all).toEqual(["one", "two", "three"]);
      expect(await b.all).toEqual(["one", "two", "three"]);
      expect(await other.all).toEqual([]);
      offA();
      offB();
      offOther();
    });

    it("delivers asynchronously, never inside publish()", async () => {
      const c = collect(1);
      const off = await s.bus.subscribe("async", c.listener);
      const p = s.bus.publish("async", "m");
      expect(c.got).toEqual([]);
      await p;
      expect(await c.all).toEqual(["m"]);
      off();
    });

    it("unsubscribe stops delivery to that listener only", async () => {
      const gone = collect(2, 300);
      const stays = collect(2);
      const offGone = await s.bus.subscribe("u", gone.listener);
      const offStays = await s.bus.subscribe("u", stays.listener);
      await s.bus.publish("u", "first");
      await sleep(50);
      offGone();
      offGone(); // idempotent
      await s.bus.publish("u", "second");
      expect(await stays.all).toEqual(["first", "second"]);
      expect(await gone.all).toEqual(["first"]);
      offStays();
      const late = collect(1, 200);
      // Nobody listening: publishing is harmless and nothing arrives later.
      await s.bus.publish("u", "third");
      expect(await late.all).toEqual([]);
    });

    it("resubscribing right after the last unsubscribe still receives", async () => {
      const first = collect(1);
      const off = await s.bus.subscribe("re", first.listener);
      off();
      const second = collect(1);
      const off2 = await s.bus.subscribe("re", second.listener);
      await s.bus.publish("re", "again");
      expect(await second.all).toEqual(["again"]);
      off2();
    });
  });
}

/* ───────────────────────── memory ───────────────────────── */

contract("memory", async () => {
  let clock = Date.now();
  return {
    cache: createMemoryCache(() => clock),
    limiters: createMemoryRateLimiters(),
    bus: createMemoryBus(),
    async elapse(ms) {
      clock += ms;
    },
  };
});

/* ───────────────────────── Redis ───────────────────────── */

describe.skipIf(!env.TEST_REDIS_URL)("redis", () => {
  const url = env.TEST_REDIS_URL!;
  const namespace = `kvtest:${newId()}:`;
  const connections: Redis[] = [];
  const connect = (name?: string) => {
    const r = new Redis(url, name ? { connectionName: name } : {});
    connections.push(r);
    return r;
  };
  const buses: EventBus[] = [];
  /** A bus as one server process holds it: its own command and subscriber connections. */
  const processBus = (ns = namespace, subscriber = connect()) => {
    const bus = createRedisBus(connect(), subscriber, ns);
    buses.push(bus);
    return bus;
  };

  afterAll(async () => {
    for (const b of buses) await b.close();
    const admin = connect();
    let cursor = "0";
    do {
      const [next, keys] = await admin.scan(cursor, "MATCH", `${namespace}*`, "COUNT", 1000);
      cursor = next;
      if (keys.length) await admin.unlink(...keys);
    } while (cursor !== "0");
    for (const r of connections) r.disconnect();
  });

  contract("redis", async () => {
    const command = connect();
    return {
      cache: createRedisCache(command, namespace),
      limiters: createRedisRateLimiters(command, namespace),
      bus: processBus(),
      elapse: sleep,
    };
  });

  describe("redis: across processes", () => {
    it("a message published by one process reaches another process's subscriber", async () => {
      const [p1, p2] = [processBus(), processBus()];
      const c = collect(2);
      const off = await p2.subscribe("booking:42", c.listener);
      await p1.publish("booking:42", "created");
      await p2.publish("booking:42", "confirmed");
      expect(await c.all).toEqual(["created", "confirmed"]);
      off();
      // A different namespace (another deployment or test run) is isolated.
      const foreign = processBus(`kvtest:${newId()}:`);
      const none = collect(1, 200);
      const offForeign = await foreign.subscribe("booking:42", none.listener);
      await p1.publish("booking:42", "not for you");
      expect(await none.all).toEqual([]);
      offForeign();
    });

    it("rate limits hold across processes: 50 consumes split over two connections → exactly 10 pass", async () => {
      const r = rule(10);
      const [a, b] = [
        createRedisRateLimiters(connect(), namespace)(r),
        createRedisRateLimiters(connect(), namespace)(r),
      ];
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).consume("shared")));
      expect(results.filter((x) => x.ok)).toHaveLength(10);
    });

    it("cache writes by one process are visible to, and takeable once by, another", async () => {
      const [c1, c2] = [createRedisCache(connect(), namespace), createRedisCache(connect(), namespace)];
      await c1.set("shared:ticket", "u1", 60);
      const [x, y] = await Promise.all([c1.take("shared:ticket"), c2.take("shared:ticket")]);
      expect([x, y].filter((v) => v !== null)).toEqual(["u1"]);
      // A different namespace never sees (or deletes) these keys.
      const foreign = createRedisCache(connect(), `kvtest:${newId()}:`);
      await c1.set("shared:stay", "v", 60);
      expect(await foreign.get("shared:stay")).toBeNull();
      await foreign.delPrefix("");
      expect(await c2.get("shared:stay")).toBe("v");
    });

    it("uses one subscriber connection per bus, however many listeners and channels", async () => {
      const name = `kvtest-sub-${newId()}`;
      const subscriber = connect(name);
      const subscribeSpy = vi.spyOn(subscriber, "subscribe");
      const bus = processBus(namespace, subscriber);
      const offs = [];
      for (let i = 0; i < 5; i++) offs.push(await bus.subscribe("room:1", () => undefined));
      for (let i = 0; i < 3; i++) offs.push(await bus.subscribe("room:2", () => undefined));
      // One SUBSCRIBE per channel, not per listener.
      expect(subscribeSpy).toHaveBeenCalledTimes(2);
      expect(subscribeSpy.mock.calls.map((c) => c[0]).sort()).toEqual([`${namespace}room:1`, `${namespace}room:2`]);

      const admin = connect();
      const clients = async () =>
        String(await admin.client("LIST"))
          .split("\n")
          .filter((line) => line.includes(` name=${name} `));
      const mine = await clients();
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatch(/ sub=2 /);
      const numsub = (await admin.pubsub("NUMSUB", `${namespace}room:1`, `${namespace}room:2`)) as (string | number)[];
      expect(numsub.map(String)).toEqual([`${namespace}room:1`, "1", `${namespace}room:2`, "1"]);

      // Dropping every listener releases the Redis subscriptions.
      for (const off of offs) off();
      await sleep(50);
      expect((await clients())[0]).toMatch(/ sub=0 /);
      const after = (await admin.pubsub("NUMSUB", `${namespace}room:1`)) as (string | number)[];
      expect(after.map(String)).toEqual([`${namespace}room:1`, "0"]);
    });
  });
});
