import { describe, expect, it } from "vitest";
import { clientIpFromHeaders } from "./http";

const h = (xff?: string) => new Headers(xff ? { "x-forwarded-for": xff } : {});

describe("clientIpFromHeaders", () => {
  it("takes the entry appended by the trusted proxy, not a client-written one", () => {
    expect(clientIpFromHeaders(h("6.6.6.6, 203.0.113.9"), 1)).toBe("203.0.113.9");
    expect(clientIpFromHeaders(h("6.6.6.6, 203.0.113.9, 10.0.0.2"), 2)).toBe("203.0.113.9");
  });
  it("ignores the header entirely when no proxy is trusted", () => {
    expect(clientIpFromHeaders(h("6.6.6.6"), 0)).toBe("127.0.0.1");
  });
  it("falls back to loopback when the chain is shorter than the hops", () => {
    expect(clientIpFromHeaders(h(), 1)).toBe("127.0.0.1");
    expect(clientIpFromHeaders(h("203.0.113.9"), 2)).toBe("127.0.0.1");
  });
});
