import { Inngest } from "inngest";
import { env } from "~/server/config/env";

/** The Inngest client. Keys and URLs come from the env module only. */
export const inngest = new Inngest({
  id: "instainstru",
  eventKey: env.INNGEST_EVENT_KEY,
  baseUrl: env.INNGEST_BASE_URL,
  isDev: env.INNGEST_DEV === "1",
});

/** Whether events go to a real Inngest (cloud, self-hosted or dev server). */
export const inngestConfigured = Boolean(env.INNGEST_EVENT_KEY || env.INNGEST_DEV === "1");
