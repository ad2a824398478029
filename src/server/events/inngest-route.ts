import type { NextRequest } from "next/server";
import { serve } from "inngest/next";

type ServeOptions = Parameters<typeof serve>[0];
type RouteHandler = (req: NextRequest, ctx: unknown) => Promise<Response>;

/** What `/api/inngest` answers when no Inngest server runs the functions (the embedded default). */
export const INNGEST_NOT_CONFIGURED = {
  error: "Inngest is not configured; background functions run in-process",
} as const;

/**
 * The handlers of `/api/inngest`. Configured (a signing key, or `INNGEST_DEV=1`): Inngest's `serve()`, which
 * answers introspection (`GET`), sync (`PUT`) and function calls (`POST`), verifying the request signature in
 * cloud mode. Not configured: a plain 503 for every method — the durable in-process runner executes the
 * functions instead, and nothing outside the process may drive them.
 */
export function createInngestRoute(opts: { configured: boolean } & Pick<ServeOptions, "client" | "functions">): {
  GET: RouteHandler;
  POST: RouteHandler;
  PUT: RouteHandler;
} {
  if (!opts.configured) {
    const unavailable: RouteHandler = () =>
      Promise.resolve(Response.json(INNGEST_NOT_CONFIGURED, { status: 503, headers: { "Cache-Control": "no-store" } }));
    return { GET: unavailable, POST: unavailable, PUT: unavailable };
  }
  const handler = serve({ client: opts.client, functions: opts.functions });
  return { GET: handler.GET, POST: handler.POST, PUT: handler.PUT };
}
