import { createTrpcHttpHandler } from "~/server/api/trpc-handler";
import { getRuntime } from "~/server/runtime";

export const dynamic = "force-dynamic";

const handler = createTrpcHttpHandler({ endpoint: "/api/trpc", runtime: getRuntime });

export { handler as GET, handler as POST };
