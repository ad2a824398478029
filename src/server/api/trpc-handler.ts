/**
 * The tRPC HTTP endpoint (mounted by src/app/api/trpc/[trpc]/route.ts; tests drive it directly with a runtime).
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "~/server/api/root";
import { createContextInner, type Context } from "~/server/api/trpc";
import {
  MAX_BATCH_SIZE,
  MAX_BODY_BYTES,
  batchSize,
  clientIp,
  isCrossSiteWrite,
  readBodyCapped,
  sessionFromRequest,
} from "~/server/api/http";
import type { Runtime } from "~/server/runtime";

const STATUS_CODE: Record<number, string> = { 400: "BAD_REQUEST", 403: "FORBIDDEN", 413: "PAYLOAD_TOO_LARGE" };
const refusal = (status: number, message: string) =>
  Response.json(
    {
      error: {
        message,
        code: STATUS_CODE[status] ?? "BAD_REQUEST",
        data: { code: STATUS_CODE[status], httpStatus: status },
      },
    },
    { status },
  );

/**
 * The tRPC HTTP endpoint: refuses cross-site writes, oversized batches (counted after decoding) and bodies over
 * MAX_BODY_BYTES before any procedure runs, then hands the request to tRPC with a per-request context.
 */
export function createTrpcHttpHandler(opts: { endpoint: string; runtime: () => Promise<Runtime> }) {
  return async function handler(req: Request): Promise<Response> {
    if (isCrossSiteWrite(req)) return refusal(403, "Cross-site request refused.");
    if (batchSize(req, opts.endpoint) > MAX_BATCH_SIZE)
      return refusal(400, `At most ${MAX_BATCH_SIZE} calls per batch.`);
    let request = req;
    if (req.method !== "GET" && req.method !== "HEAD") {
      const body = await readBodyCapped(req);
      if (!body) return refusal(413, `Requests are limited to ${MAX_BODY_BYTES / 1024 / 1024} MiB.`);
      request = new Request(req.url, {
        method: req.method,
        headers: req.headers,
        body: body.byteLength ? body : undefined,
        signal: req.signal,
      });
    }
    let ctx: Context | undefined;
    return fetchRequestHandler({
      endpoint: opts.endpoint,
      router: appRouter,
      req: request,
      // tRPC's own cap too (it counts after its single decode); ours above also catches double encoding.
      maxBatchSize: MAX_BATCH_SIZE,
      createContext: async () => {
        const rt = await opts.runtime();
        ctx = await createContextInner({ rt, session: await sessionFromRequest(request), ip: clientIp(request) });
        return ctx;
      },
      responseMeta: () => ({ headers: ctx?.responseHeaders ?? new Headers() }),
    });
  };
}
