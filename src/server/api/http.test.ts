import { describe, expect, it } from "vitest";
import { UNKNOWN_CLIENT, batchSize, clientIpFromHeaders, readBodyCapped } from "./http";
import { PEER_HEADER, PEER_TOKEN_HEADER, normalisePeerAddress } from "./peer";

const TOKEN = "per-process-token";
const h = (xff?: string, peer?: string, token = TOKEN) =>
  new Headers({
    ...(xff ? { "x-forwarded-for": xff } : {}),
    ...(peer ? { [PEER_HEADER]: peer, [PEER_TOKEN_HEADER]: token } : {}),
  });

describe("clientIpFromHeaders", () => {
  it("with no trusted proxy (the default), a spoofed X-Forwarded-For changes nothing: the peer address counts", () => {
    expect(clientIpFromHeaders(h("6.6.6.6", "198.51.100.4"), 0, TOKEN)).toBe("198.51.100.4");
    expect(clientIpFromHeaders(h("7.7.7.7, 8.8.8.8", "198.51.100.4"), 0, TOKEN)).toBe("198.51.100.4");
    expect(clientIpFromHeaders(h(undefined, "198.51.100.4"), 0, TOKEN)).toBe("198.51.100.4");
  });
  it("two different connections are two different clients (no shared bucket)", () => {
    expect(clientIpFromHeaders(h(undefined, "198.51.100.4"), 0, TOKEN)).not.toBe(
      clientIpFromHeaders(h(undefined, "198.51.100.5"), 0, TOKEN),
    );
  });
  it("ignores a peer header a client forged (wrong or missing token, or no server token at all)", () => {
    expect(clientIpFromHeaders(h(undefined, "1.2.3.4", "guess"), 0, TOKEN)).toBe(UNKNOWN_CLIENT);
    expect(clientIpFromHeaders(new Headers({ [PEER_HEADER]: "1.2.3.4" }), 0, TOKEN)).toBe(UNKNOWN_CLIENT);
    expect(clientIpFromHeaders(h(undefined, "1.2.3.4", ""), 0, undefined)).toBe(UNKNOWN_CLIENT);
  });
  it("behind trusted proxies, takes the entry the outermost trusted proxy appended, not a client-written one", () => {
    expect(clientIpFromHeaders(h("6.6.6.6, 203.0.113.9", "10.0.0.2"), 1, TOKEN)).toBe("203.0.113.9");
    expect(clientIpFromHeaders(h("6.6.6.6, 203.0.113.9, 10.0.0.2", "10.0.0.3"), 2, TOKEN)).toBe("203.0.113.9");
  });
  it("falls back to the peer when the chain is shorter than the hops", () => {
    expect(clientIpFromHeaders(h(undefined, "10.0.0.2"), 1, TOKEN)).toBe("10.0.0.2");
    expect(clientIpFromHeaders(h("203.0.113.9", "10.0.0.2"), 2, TOKEN)).toBe("10.0.0.2");
  });
  it("normalises IPv4-mapped IPv6 peers", () => {
    expect(normalisePeerAddress("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(normalisePeerAddress("2001:db8::1")).toBe("2001:db8::1");
  });
});

describe("batchSize", () => {
  const req = (path: string) => new Request(`http://localhost/api/trpc/${path}?batch=1`);
  it.each([
    ["a,b,c", 3],
    ["a%2Cb%2Cc", 3],
    ["a%2cb%2cc", 3],
    ["a%252Cb%252Cc", 3],
    ["a%25252Cb,c%2Cd", 4],
    ["a", 1],
  ])("counts %s as %i procedures after decoding", (path, n) => {
    expect(batchSize(req(path), "/api/trpc")).toBe(n);
  });
});

describe("readBodyCapped", () => {
  it("refuses by Content-Length and while streaming", async () => {
    const big = new Request("http://localhost/x", {
      method: "POST",
      body: "x".repeat(2048),
      headers: { "content-length": "2048" },
    });
    expect(await readBodyCapped(big, 1024)).toBeNull();
    const lying = new Request("http://localhost/x", { method: "POST", body: "x".repeat(2048) });
    lying.headers.delete("content-length");
    expect(await readBodyCapped(lying, 1024)).toBeNull();
    const ok = await readBodyCapped(new Request("http://localhost/x", { method: "POST", body: "hello" }), 1024);
    expect(new TextDecoder().decode(ok!)).toBe("hello");
  });
});
