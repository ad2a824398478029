import { serve } from "inngest/next";
import { inngest } from "../../../../inngest/client";
import { functions } from "../../../../inngest";

// Served for a real Inngest server (cloud, self-hosted or dev server). In the embedded default the same
// functions run in-process through the local event engine instead.
export const { GET, POST, PUT } = serve({ client: inngest, functions });
