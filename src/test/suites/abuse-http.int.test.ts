/**
 * Abuse: HTTP. Drives the real tRPC route handler (src/server/api/trpc-handler.ts, mounted at /api/trpc) on the
 * real database: forwarding headers a client invents change nothing, batch paths over the cap are refused however
 * they are encoded (and run no procedure), bodies over 1 MiB are refused with 413 — and nothing is written.
 * Requests carry the peer-address headers exactly as scripts/serve.ts writes them from the socket.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { count } from "drizzle-orm";
import superjson from "superjson";

const PEER_TOKEN = vi.hoisted(() => {
  // What scripts/serve.ts does before the app loads: a per-process token proving the peer header is ours.
  const token = `test-peer-token-${Math.random().toString(36).slice(2)}`;
  process.env.INSTAINSTRU_PEER_TOKEN = token;
  return token;
});

import { createTestRuntime, type TestRuntime } from "~/test/harness";
import { createTrpcHttpHandler } from "~/server/api/trpc-handler";
import { MAX_BATCH_SIZE, MAX_BODY_BYTES } from "~/server/api/http";
import { PEER_HEADER, PEER_TOKEN_HEADER } from "~/server/api/peer";
import { QUERY_COST, QUERY_COST_BUDGET } from "~/server/api/trpc";
import { env } from "~/server/config/env";
import { users } from "~/server/db/schema";

let rt: TestRuntime;
let handle: (req: Request) => Promise<Response>;
const ORIGIN = "http://localhost";

/** A request as it reaches Next through scripts/serve.ts from the given socket address. */
type PeerInit = Omit<RequestInit, "headers"> & { headers?: Record<string, string>; duplex?: "half" };
function fromPeer(peer: string, path: string, init: PeerInit = {}) {
  return new Request(`${ORIGIN}/api/trpc/${path}`, {
    ...init,
    headers: {
      "content-type": "application/json",
      ...init.headers,
      [PEER_HEADER]: peer,
      [PEER_TOKEN_HEADER]: PEER_TOKEN,
    },
  });
}
const userCount = async () => Number((await rt.dbh.db.select({ n: count() }).from(users))[0]!.n);
const signUpInput = (i: number) => ({
  email: `abuse${i}.${Date.now()}@example.test`,
  password: "correct horse battery staple",
  firstName: "Abuse",
  lastName: `Tester${i}`,
  role: "student",
});
/** A POST batch body for n sign-ups (each would write a user if it ran). */
const signUpBatchBody = (n: number) =>
  JSON.stringify(
    Object.fromEntries(Array.from({ length: n }, (_, i) => [String(i), superjson.serialize(signUpInput(i))])),
  );
const suggestBatch = (n: number) => {
  const path = Array.from({ length: n }, () => "search.suggest").join(",");
  const input = encodeURIComponent(
    JSON.stringify(
      Object.fromEntries(Array.from({ length: n }, (_, i) => [String(i), superjson.serialize({ prefix: "pia" })])),
    ),
  );
  return `${path}?batch=1&input=${input}`;
};

beforeAll(async () => {
  rt = await createTestRuntime();
  handle = createTrpcHttpHandler({ endpoint: "/api/trpc", runtime: async () => rt });
});
afterAll(async () => rt?.close());

describe("abuse: HTTP", () => {
  it("runs with no trusted proxy by default and with the peer token in place", () => {
    expect(env.TRUSTED_PROXY_HOPS).toBe(0);
    expect(env.INSTAINSTRU_PEER_TOKEN).toBe(PEER_TOKEN);
  });

  it("spoofed forwarding headers change nothing: a client that spent its budget stays limited; another client is not", async () => {
    const calls = QUERY_COST_BUDGET.points / QUERY_COST.suggest / MAX_BATCH_SIZE;
    for (let i = 0; i < calls; i++) {
      const res = await handle(fromPeer("198.51.100.20", suggestBatch(MAX_BATCH_SIZE)));
      expect(res.status).toBe(200);
    }
    const spoofs: Record<string, string>[] = [
      {},
      { "x-forwarded-for": "203.0.113.99" },
      { "x-forwarded-for": "203.0.113.99, 203.0.113.100" },
      { "x-real-ip": "203.0.113.99" },
      { forwarded: "for=203.0.113.99" },
      { "cf-connecting-ip": "203.0.113.99", "true-client-ip": "203.0.113.99" },
    ];
    for (const headers of spoofs) {
      const res = await handle(
        fromPeer(
          "198.51.100.20",
          "search.suggest?input=" + encodeURIComponent(JSON.stringify(superjson.serialize({ prefix: "pia" }))),
          { headers },
        ),
      );
      expect(res.status, JSON.stringify(headers)).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(JSON.stringify(await res.json())).toContain("TOO_MANY_REQUESTS");
    }
    // A different connection is a different client: its own bucket, untouched.
    const other = await handle(
      fromPeer(
        "198.51.100.21",
        "search.suggest?input=" + encodeURIComponent(JSON.stringify(superjson.serialize({ prefix: "pia" }))),
      ),
    );
    expect(other.status).toBe(200);
  });

  it.each([
    ["plain commas", (p: string[]) => p.join(",")],
    ["%2C", (p: string[]) => p.join("%2C")],
    ["%2c", (p: string[]) => p.join("%2c")],
    ["%252C", (p: string[]) => p.join("%252C")],
    ["%25252C", (p: string[]) => p.join("%25252C")],
    ["mixed", (p: string[]) => p.map((x, i) => (i === 0 ? x : [",", "%2C", "%252C"][i % 3] + x)).join("")],
  ])("a batch over the cap written with %s is refused (4xx) and runs no procedure", async (_label, join) => {
    const before = await userCount();
    for (const n of [MAX_BATCH_SIZE + 1, 1000]) {
      const path = join(Array.from({ length: n }, () => "auth.signUp"));
      const res = await handle(
        fromPeer("198.51.100.30", `${path}?batch=1`, { method: "POST", body: signUpBatchBody(Math.min(n, 20)) }),
      );
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect(await userCount()).toBe(before);
  });

  it("a batch at the cap still works", async () => {
    const res = await handle(fromPeer("198.51.100.31", suggestBatch(MAX_BATCH_SIZE)));
    expect(res.status).toBe(200);
  });

  it("bodies over 1 MiB are refused with 413 — by Content-Length and while streaming — and nothing is written", async () => {
    const before = await userCount();
    const big = JSON.stringify(superjson.serialize({ ...signUpInput(0), firstName: "x".repeat(MAX_BODY_BYTES + 10) }));
    const declared = await handle(
      fromPeer("198.51.100.40", "auth.signUp", {
        method: "POST",
        body: big,
        headers: { "content-length": String(big.length) },
      }),
    );
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: { code: string } }).error.code).toBe("PAYLOAD_TOO_LARGE");

    // No Content-Length: a chunked stream that only turns out too big while it is read.
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent > MAX_BODY_BYTES * 2) return c.close();
        sent += chunk.byteLength;
        c.enqueue(chunk);
      },
    });
    const streamed = await handle(
      fromPeer("198.51.100.40", "auth.signUp", { method: "POST", body: stream, duplex: "half" }),
    );
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThanOrEqual(MAX_BODY_BYTES + 2 * chunk.byteLength); // stopped reading soon after the cap
    expect(await userCount()).toBe(before);
  });

  it("a body just under the cap is read and judged on its content (400 for a huge name, not 413, not 500)", async () => {
    const before = await userCount();
    const body = JSON.stringify(superjson.serialize({ ...signUpInput(1), firstName: "x".repeat(512 * 1024) }));
    const res = await handle(fromPeer("198.51.100.41", "auth.signUp", { method: "POST", body }));
    expect(res.status).toBe(400);
    expect(await userCount()).toBe(before);
  });
});
