import { Inngest } from "inngest";
import { env } from "~/server/config/env";
import { logger } from "~/server/logger";

/** The Inngest client. Keys and URLs come from the env module only (the signing key verifies Inngest's calls). */
export const inngest = new Inngest({
  id: "instainstru",
  eventKey: env.INNGEST_EVENT_KEY,
  signingKey: env.INNGEST_SIGNING_KEY,
  baseUrl: env.INNGEST_BASE_URL,
  isDev: env.INNGEST_DEV === "1",
});

/**
 * Whether a real Inngest runs the functions: a dev server (`INNGEST_DEV=1`), or cloud/self-hosted with both an
 * event key (to send events) and a signing key (to verify its calls to /api/inngest). Otherwise the durable
 * in-process runner does (src/server/events/durable-runner.ts).
 */
export const inngestConfigured = env.INNGEST_DEV === "1" || Boolean(env.INNGEST_EVENT_KEY && env.INNGEST_SIGNING_KEY);

if (!inngestConfigured && (env.INNGEST_EVENT_KEY || env.INNGEST_SIGNING_KEY)) {
  logger.warn("Inngest needs both INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY; background functions run in-process");
}
