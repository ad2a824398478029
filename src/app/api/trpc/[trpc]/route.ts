import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "~/server/api/root";
import { createContextInner, type Context } from "~/server/api/trpc";
import { MAX_BATCH_SIZE, batchSize, clientIp, isCrossSiteWrite, sessionFromRequest } from "~/server/api/http";
import { getRuntime } from "~/server/runtime";

export const dynamic = "force-dynamic";
const ENDPOINT = "/api/trpc";

const json = (status: number, message: string) =>
  Response.json({ error: { message, code: status === 403 ? "FORBIDDEN" : "BAD_REQUEST" } }, { status });

async function handler(req: Request) {
  if (isCrossSiteWrite(req)) return json(403, "Cross-site request refused.");
  if (batchSize(req, ENDPOINT) > MAX_BATCH_SIZE) return json(400, `At most ${MAX_BATCH_SIZE} calls per batch.`);
  let ctx: Context | undefined;
  return fetchRequestHandler({
    endpoint: ENDPOINT,
    router: appRouter,
    req,
    createContext: async () => {
      const rt = await getRuntime();
      ctx = await createContextInner({ rt, session: await sessionFromRequest(req), ip: clientIp(req) });
      return ctx;
    },
    responseMeta: () => ({ headers: ctx?.responseHeaders ?? new Headers() }),
  });
}

export { handler as GET, handler as POST };
