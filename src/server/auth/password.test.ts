import { describe, expect, it } from "vitest";
import { RateLimitedError } from "~/server/errors";
import { createPasswordHasher, DUMMY_PASSWORD_HASH, HashGate } from "./password";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
const tick = () => new Promise((r) => setTimeout(r, 5));

describe("HashGate", () => {
  it("never runs more than `limit` jobs at once and starts waiters in FIFO order", async () => {
    const gate = new HashGate(2, 5_000);
    let running = 0;
    let maxRunning = 0;
    const started: number[] = [];
    const releases = Array.from({ length: 6 }, deferred);
    const jobs = releases.map((d, i) =>
      gate.run(async () => {
        started.push(i);
        running++;
        maxRunning = Math.max(maxRunning, running);
        await d.promise;
        running--;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect(gate.stats).toEqual({ active: 2, queued: 4 });
    // Release out of order: the next waiter in line (2, then 3, …) takes each freed slot.
    releases[1]!.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    releases[0]!.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const d of releases) d.resolve();
    expect(await Promise.all(jobs)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(maxRunning).toBe(2);
    expect(gate.stats).toEqual({ active: 0, queued: 0 });
  });

  it("frees the slot when a job throws", async () => {
    const gate = new HashGate(1, 1_000);
    await expect(gate.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(gate.stats).toEqual({ active: 0, queued: 0 });
    expect(await gate.run(async () => "ok")).toBe("ok");
  });

  it("rejects a waiter with RateLimitedError after the queue timeout, and keeps working", async () => {
    const gate = new HashGate(1, 50);
    const hold = deferred();
    const first = gate.run(() => hold.promise.then(() => "first"));
    const t0 = Date.now();
    const err = await gate.run(async () => "never").catch((e: unknown) => e);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err).toMatchObject({ kind: "rate_limited", retryAfter: 2, data: { reason: "busy" } });
    // The timed-out waiter left the queue: the slot is not handed to a ghost.
    expect(gate.stats).toEqual({ active: 1, queued: 0 });
    hold.resolve();
    expect(await first).toBe("first");
    expect(gate.stats).toEqual({ active: 0, queued: 0 });
    expect(await gate.run(async () => "after")).toBe("after");
  });

  it("a waiter that gets a slot before its timeout is not rejected later", async () => {
    const gate = new HashGate(1, 80);
    const hold = deferred();
    const first = gate.run(() => hold.promise);
    const second = gate.run(async () => "second");
    await tick();
    hold.resolve();
    await first;
    expect(await second).toBe("second");
    await new Promise((r) => setTimeout(r, 100)); // past the timeout: no stray rejection
    expect(gate.stats).toEqual({ active: 0, queued: 0 });
  });
});

describe("password hasher (Argon2id)", () => {
  const hasher = createPasswordHasher(new HashGate(2));

  it("round-trips and rejects a wrong password", async () => {
    const h = await hasher.hash("correct horse battery staple");
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(h).not.toContain("correct horse");
    expect(await hasher.verify(h, "correct horse battery staple")).toBe(true);
    expect(await hasher.verify(h, "correct horse battery stapl")).toBe(false);
    expect(await hasher.verify(h, "")).toBe(false);
    // Salted: the same password hashes differently.
    expect(await hasher.hash("correct horse battery staple")).not.toBe(h);
  });

  it("returns false (not an exception) for a malformed hash, and the dummy hash matches nothing typical", async () => {
    expect(await hasher.verify("not-a-hash", "whatever")).toBe(false);
    expect(await hasher.verify(DUMMY_PASSWORD_HASH, "correct horse battery staple")).toBe(false);
    expect(await hasher.verify(DUMMY_PASSWORD_HASH, "")).toBe(false);
  });
});
