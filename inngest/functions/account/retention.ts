import { defineFunction } from "../../define";

/** Daily at 03:30 UTC (a quiet hour everywhere the product runs). */
export const RETENTION_CRON = "30 3 * * *";

/**
 * The daily retention purge (PRODUCT.md §10): each table's window lives in the retention service. One step, so a
 * retry after a crash purges again (deleting what is past a window is idempotent). The counts are the run's
 * output (job_runs.output locally, the run's output on Inngest) and are logged.
 */
export const retentionDaily = defineFunction({
  id: "retention-daily",
  event: "retention/daily",
  cron: RETENTION_CRON,
  retries: 3,
  handler: async ({ step, services }) => {
    const removed = await step.run("purge", () => services.retention.run());
    return { removed };
  },
});
