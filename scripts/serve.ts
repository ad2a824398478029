/**
 * The production HTTP server: Next.js behind a tiny Node server whose only job is to tell the app who is on
 * the other end of the connection. App Router route handlers cannot see the socket, and X-Forwarded-For is
 * whatever a client chose to send; so this server deletes any client-sent peer headers and writes the socket's
 * remote address (plus a random per-process token proving the value is ours) before Next handles the request.
 * Rate limits key on that address unless TRUSTED_PROXY_HOPS says a proxy in front appends X-Forwarded-For.
 *
 * Usage: tsx scripts/serve.ts [-p 3000] [-H 0.0.0.0]
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import next from "next";
import { PEER_HEADER, PEER_TOKEN_ENV, PEER_TOKEN_HEADER, normalisePeerAddress } from "../src/server/api/peer";

function arg(names: string[], fallback?: string): string | undefined {
  const i = process.argv.findIndex((a) => names.includes(a));
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const port = Number(arg(["-p", "--port"], process.env.PORT ?? "3000"));
const hostname = arg(["-H", "--hostname"]);
// Before Next loads the app (and with it src/server/config/env.ts), so the app reads this token.
const token = randomBytes(32).toString("base64url");
process.env[PEER_TOKEN_ENV] = token;

const app = next({ dev: false, port, hostname: hostname ?? "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  // A client may send these names too: never pass its values on.
  delete req.headers[PEER_HEADER];
  delete req.headers[PEER_TOKEN_HEADER];
  req.headers[PEER_HEADER] = normalisePeerAddress(req.socket.remoteAddress);
  req.headers[PEER_TOKEN_HEADER] = token;
  void handle(req, res);
});
server.listen(port, hostname, () => console.log(`[serve] ready on http://${hostname ?? "localhost"}:${port}`));

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
