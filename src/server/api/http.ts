import { getToken } from "next-auth/jwt";
import { authSecret, env } from "~/server/config/env";
import type { SessionClaims } from "~/server/api/trpc";

/** Most procedures one HTTP batch may carry; larger batches are refused before any runs. */
export const MAX_BATCH_SIZE = 10;

/**
 * Client address for rate limits: the X-Forwarded-For entry appended by our outermost trusted proxy
 * (TRUSTED_PROXY_HOPS from the right). Entries a client wrote itself sit further left and are ignored,
 * so a spoofed header cannot dodge per-IP limits.
 */
export function clientIpFromHeaders(headers: Headers, hops = env.TRUSTED_PROXY_HOPS): string {
  if (hops > 0) {
    const chain = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    const ip = chain[chain.length - hops];
    if (ip) return ip;
  }
  return "127.0.0.1";
}

export function clientIp(req: Request): string {
  return clientIpFromHeaders(req.headers);
}

/** Session claims from the next-auth JWT cookie of a request. */
export async function sessionFromRequest(req: Request): Promise<SessionClaims> {
  const token = await getToken({ req: req as never, secret: authSecret() });
  if (!token?.sub || typeof token.sv !== "number") return null;
  return { userId: token.sub, sessionVersion: token.sv };
}

/**
 * CSRF defence for cookie-authenticated writes: a browser always sends Origin on POST; it must be ours.
 * (Cookies are SameSite=Lax too.) Requests without Origin come from non-browser clients.
 */
export function isCrossSiteWrite(req: Request): boolean {
  if (req.method === "GET" || req.method === "HEAD") return false;
  const origin = req.headers.get("origin");
  if (!origin) return false;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  try {
    const o = new URL(origin);
    return o.host !== host && o.origin !== new URL(env.APP_URL).origin;
  } catch {
    return true;
  }
}

/** Number of procedures in a tRPC HTTP request path ("/api/trpc/a,b,c"). */
export function batchSize(req: Request, endpoint: string): number {
  const path = new URL(req.url).pathname.slice(endpoint.length + 1);
  return path.split(",").filter(Boolean).length;
}
