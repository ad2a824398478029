import { NextResponse, type NextRequest } from "next/server";

/**
 * Next 16's proxy (formerly middleware): security headers on every page and API response.
 *
 * - Content-Security-Policy with a fresh nonce per request and 'strict-dynamic': Next reads the nonce from the
 *   request's CSP header and puts it on its own scripts, so only scripts we emit (and what they load — Turnstile,
 *   Stripe.js) run; injected markup cannot. The host allowlist is the fallback for browsers without CSP3.
 *   Nonces require dynamic rendering, which the root layout opts into.
 * - frame-ancestors 'none' (and X-Frame-Options for old browsers), Referrer-Policy, nosniff, Permissions-Policy.
 * - HSTS only when the request came over https (directly or per the proxy's X-Forwarded-Proto): over plain http
 *   browsers ignore it, and a local demo must stay reachable over http.
 * - Cache-Control: private, no-store for account pages and any request carrying a session cookie (signed-in
 *   responses); tRPC sets the same on its signed-in answers.
 */

const TURNSTILE = "https://challenges.cloudflare.com";
const STRIPE_JS = "https://js.stripe.com";
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?next-auth\.session-token=/;
const NO_STORE_PATHS = /^\/(?:account|instructor|admin|inbox|lessons|dev\/outbox)(?:\/|$)/;
const HSTS = "max-age=63072000; includeSubDomains";

export function contentSecurityPolicy(nonce: string, opts: { dev: boolean; https: boolean }): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    [
      "script-src",
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      TURNSTILE,
      STRIPE_JS,
      ...(opts.dev ? ["'unsafe-eval'"] : []),
    ],
    // React style attributes and Turnstile/Stripe widgets set inline styles; styles cannot run code.
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:", "https://*.stripe.com"],
    ["font-src", "'self'", "data:"],
    [
      "connect-src",
      "'self'",
      TURNSTILE,
      "https://api.stripe.com",
      "https://*.stripe.com",
      ...(opts.dev ? ["ws:"] : []),
    ],
    ["frame-src", TURNSTILE, STRIPE_JS, "https://hooks.stripe.com", "https://*.stripe.com"],
    ["worker-src", "'self'", "blob:"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
    ...(opts.https ? [["upgrade-insecure-requests"] as [string]] : []),
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "usb=()",
  "interest-cohort=()",
  `payment=(self "${STRIPE_JS}")`,
].join(", ");

export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const https =
    request.nextUrl.protocol === "https:" ||
    request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", https });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });

  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  response.headers.set("Permissions-Policy", PERMISSIONS_POLICY);
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  if (NO_STORE_PATHS.test(request.nextUrl.pathname) || SESSION_COOKIE.test(request.headers.get("cookie") ?? "")) {
    response.headers.set("Cache-Control", "private, no-store");
  }
  return response;
}

export const config = {
  // Everything but Next's hashed build assets (no user data, no nonce needed). Uploads keep nosniff etc.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
