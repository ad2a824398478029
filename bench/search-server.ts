/**
 * A bare tRPC HTTP server for bench/search: the app's router and context (same runtime, services and middleware
 * as the Next route handler, minus Next itself), on PORT, with /api/health. Used when no `next build` output that
 * includes the search router is at hand (`bench/search.ts --next` uses `next start` instead).
 */
import { createServer } from "node:http";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { appRouter } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { env } from "~/server/config/env";
import { createRuntime } from "~/server/runtime";

const port = Number(process.argv[2] ?? 3202);
const rt = await createRuntime({
  databaseUrl: env.DATABASE_URL,
  pgliteDir: env.PGLITE_DIR,
  redisUrl: env.REDIS_URL,
  namespace: env.REDIS_PREFIX,
  migrate: true,
});
const trpc = createHTTPHandler({
  router: appRouter,
  basePath: "/api/trpc/",
  createContext: ({ req }) => createContextInner({ rt, session: null, ip: req.socket.remoteAddress ?? "127.0.0.1" }),
});
const server = createServer((req, res) => {
  if (req.url === "/api/health") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"ok":true}');
    return;
  }
  trpc(req, res);
});
server.listen(port, "127.0.0.1");
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => void rt.close().then(() => process.exit(0)));
});
