import { decode, type JWT } from "next-auth/jwt";
import { authSecret } from "~/server/config/env";
import type { SessionClaims } from "~/server/api/trpc";

/** next-auth's session cookie: the `__Secure-` name over https, the plain one over http. */
export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/** The claims a decoded session JWT carries, or null when any is missing or malformed. */
export function claimsFromToken(token: JWT | null | undefined): SessionClaims {
  if (!token) return null;
  const { sub, sv, sid } = token;
  if (typeof sub !== "string" || !sub || typeof sv !== "number" || typeof sid !== "string" || !sid) return null;
  return { userId: sub, sessionVersion: sv, sid };
}

/**
 * Verifies and decrypts a raw session cookie value with the auth secret (next-auth's own decode: signature,
 * encryption and expiry). Anything that fails is simply "signed out". Whether the session is still live is
 * checked afterwards by the session service.
 */
export async function claimsFromCookieValue(raw: string | undefined | null): Promise<SessionClaims> {
  if (!raw || raw.length > 8192) return null;
  const token = await decode({ token: raw, secret: authSecret() }).catch(() => null);
  return claimsFromToken(token);
}

/** The session cookie's value from a Cookie header. */
export function sessionCookieFromHeader(cookieHeader: string | null): string | undefined {
  if (!cookieHeader) return undefined;
  const jar = new Map<string, string>();
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) jar.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return SESSION_COOKIES.map((n) => jar.get(n)).find(Boolean);
}

/** Session claims from an HTTP request's cookie (what every route handler uses). */
export function sessionFromRequest(req: Request): Promise<SessionClaims> {
  return claimsFromCookieValue(sessionCookieFromHeader(req.headers.get("cookie")));
}
