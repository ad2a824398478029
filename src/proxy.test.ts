import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";

// Hardening item 12: security headers on every response, from the proxy (Next 16's successor to middleware).
const { proxy, config } = await import("./proxy");

const run = (url: string, headers: Record<string, string> = {}) => proxy(new NextRequest(url, { headers }));
const csp = (res: Response) =>
  new Map(
    (res.headers.get("content-security-policy") ?? "")
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d.split(/\s+/).slice(1)] as const),
  );

describe("security headers (proxy)", () => {
  it("sets a nonce-based CSP that forbids framing, plugins and foreign scripts", () => {
    const res = run("http://localhost:3000/");
    const policy = csp(res);
    const scripts = policy.get("script-src") ?? [];
    const nonce = scripts.find((s) => s.startsWith("'nonce-"));
    expect(nonce).toMatch(/^'nonce-[A-Za-z0-9+/]{22,}={0,2}'$/);
    expect(scripts).toContain("'strict-dynamic'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
    // Turnstile and Stripe are allowed where they need to be.
    expect(scripts).toEqual(expect.arrayContaining(["https://challenges.cloudflare.com", "https://js.stripe.com"]));
    expect(policy.get("frame-src")).toEqual(
      expect.arrayContaining(["https://challenges.cloudflare.com", "https://js.stripe.com", "https://*.stripe.com"]),
    );
    expect(policy.get("connect-src")).toEqual(expect.arrayContaining(["'self'", "https://api.stripe.com"]));
    // A fresh nonce per request, handed to the app through the request headers.
    expect(csp(run("http://localhost:3000/")).get("script-src")).not.toContain(nonce);
    expect(res.headers.get("x-middleware-request-x-nonce")).toBe(nonce!.slice(7, -1));
  });

  it("sets the other headers; HSTS only over https", () => {
    const res = run("http://localhost:3000/search");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("permissions-policy")).toMatch(/camera=\(\)/);
    expect(res.headers.get("permissions-policy")).toMatch(/payment=\(self "https:\/\/js\.stripe\.com"\)/);
    expect(res.headers.get("strict-transport-security")).toBeNull();
    const https = run("https://instainstru.example/");
    expect(https.headers.get("strict-transport-security")).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    expect(
      run("http://internal:3000/", { "x-forwarded-proto": "https" }).headers.get("strict-transport-security"),
    ).not.toBeNull();
  });

  it("marks signed-in page responses and account pages no-store", () => {
    expect(run("http://localhost:3000/account").headers.get("cache-control")).toBe("private, no-store");
    expect(run("http://localhost:3000/", { cookie: "next-auth.session-token=abc" }).headers.get("cache-control")).toBe(
      "private, no-store",
    );
    expect(run("http://localhost:3000/").headers.get("cache-control")).toBeNull();
  });

  it("runs on pages and API routes but not on static assets", () => {
    const matcher = JSON.stringify(config.matcher);
    expect(matcher).toContain("_next/static");
  });
});
