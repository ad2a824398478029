import { timingSafeEqual } from "node:crypto";
import { env } from "~/server/config/env";
import { PEER_HEADER, PEER_TOKEN_HEADER } from "~/server/api/peer";

export { PEER_HEADER, PEER_TOKEN_HEADER };

/** Most procedures one HTTP batch may carry; larger batches are refused before any runs. */
export const MAX_BATCH_SIZE = 10;
/** Largest tRPC request body (1 MiB): checked on Content-Length and again while the body streams in. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The client address when nothing trustworthy names it (e.g. `next dev`, which has no peer header). */
export const UNKNOWN_CLIENT = "unknown";

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The connection's peer address, written by our own HTTP server (scripts/serve.ts) from `req.socket.remoteAddress`
 * after deleting whatever a client sent under these names; null when absent or not provably ours. The token
 * header proves the value came from that server: a client talking to a plain `next start` cannot forge it.
 */
export function peerAddress(headers: Headers, peerToken = env.INSTAINSTRU_PEER_TOKEN): string | null {
  const ip = headers.get(PEER_HEADER)?.trim();
  const token = headers.get(PEER_TOKEN_HEADER);
  if (!ip || !token || !peerToken || !sameSecret(token, peerToken)) return null;
  return ip;
}

/**
 * Client address for rate limits and logs. With no proxy (TRUSTED_PROXY_HOPS = 0, the default) it is the
 * connection's peer address and X-Forwarded-For is ignored entirely, so a spoofed header changes nothing.
 * Behind N trusted proxies it is the X-Forwarded-For entry N places from the right (what the outermost trusted
 * proxy saw); entries a client wrote itself sit further left and are ignored.
 */
export function clientIpFromHeaders(
  headers: Headers,
  hops = env.TRUSTED_PROXY_HOPS,
  peerToken = env.INSTAINSTRU_PEER_TOKEN,
): string {
  const peer = peerAddress(headers, peerToken);
  if (hops > 0) {
    const chain = (headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const ip = chain[chain.length - hops];
    if (ip) return ip;
  }
  return peer ?? UNKNOWN_CLIENT;
}

export function clientIp(req: Request): string {
  return clientIpFromHeaders(req.headers);
}

/** Session claims from the next-auth JWT cookie of a request (one implementation, in the auth layer). */
export { sessionFromRequest } from "~/server/auth/session-token";

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

/**
 * Number of procedures in a tRPC HTTP request path ("/api/trpc/a,b,c"), counted after decoding — repeatedly,
 * so "%2C" and "%252C" count as the commas they stand for (tRPC itself decodes once, a proxy may decode again).
 */
export function batchSize(req: Request, endpoint: string): number {
  let path = new URL(req.url).pathname.slice(endpoint.length + 1);
  for (let i = 0; i < 5; i++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      break; // a malformed escape: count what we have (tRPC will refuse the path anyway)
    }
    if (decoded === path) break;
    path = decoded;
  }
  return path.split(",").filter(Boolean).length;
}

/** Reads a request body up to `max` bytes; null when it is larger (the rest is not read). */
export async function readBodyCapped(req: Request, max = MAX_BODY_BYTES): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(req.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > max) return null;
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(new ArrayBuffer(size));
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}
