/**
 * Names of the headers through which our HTTP server (scripts/serve.ts) tells the app the connection's peer
 * address. No imports: serve.ts loads this before anything reads the environment.
 */
export const PEER_HEADER = "x-instainstru-peer";
export const PEER_TOKEN_HEADER = "x-instainstru-peer-token";
/** The environment variable serve.ts fills with a random per-process token (read through env.ts by the app). */
export const PEER_TOKEN_ENV = "INSTAINSTRU_PEER_TOKEN";

/** "::ffff:203.0.113.9" (an IPv4 client on a dual-stack socket) → "203.0.113.9"; anything else unchanged. */
export function normalisePeerAddress(address: string | undefined): string {
  if (!address) return "";
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
}
