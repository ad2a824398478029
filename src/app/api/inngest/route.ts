import { inngest, inngestConfigured } from "../../../../inngest/client";
import { functions } from "../../../../inngest";
import { createInngestRoute } from "~/server/events/inngest-route";

// Served for a real Inngest server (cloud, self-hosted or dev server). In the embedded default the durable
// in-process runner executes the same functions, and this route answers 503.
export const { GET, POST, PUT } = createInngestRoute({ configured: inngestConfigured, client: inngest, functions });
