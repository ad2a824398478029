import type { Database } from "~/server/db/client";
import type { JobRunStatus } from "~/server/db/schema";
import type { AdminOpsRepository } from "~/server/repositories/admin-ops";
import { ConflictError, NotFoundError } from "~/server/errors";
import type { AdminAuditWriter, AdminCall } from "./audit-entry";

/** Admin console — background jobs of the durable in-process runner (job_runs): recent runs, failures, retry. */
export function createAdminJobs(deps: {
  db: Database;
  repo: AdminOpsRepository;
  audit: AdminAuditWriter;
  /** "local": the durable runner's tables hold the runs; "inngest": they live in Inngest's dashboard. */
  runner: "local" | "inngest";
  now: () => Date;
}) {
  const { db, repo, audit } = deps;
  return {
    /** Recent runs (newest change first), optionally of one status, with counts per status. */
    async list(input: { status?: Exclude<JobRunStatus, never>; page: number; pageSize: number }) {
      const { rows, counts } = await repo.listJobRuns({
        status: input.status,
        offset: (input.page - 1) * input.pageSize,
        limit: input.pageSize + 1,
      });
      return {
        runner: deps.runner,
        counts: Object.fromEntries(counts.map((c) => [c.status, c.n])) as Partial<Record<JobRunStatus, number>>,
        items: rows.slice(0, input.pageSize).map((r) => ({
          id: r.run.id,
          functionId: r.run.functionId,
          eventName: r.run.eventName,
          status: r.run.status,
          attempt: r.run.attempt,
          maxAttempts: r.run.maxAttempts,
          steps: Number(r.steps),
          lastError: r.run.lastError,
          createdAt: r.run.createdAt,
          updatedAt: r.run.updatedAt,
          finishedAt: r.run.finishedAt,
        })),
        hasMore: rows.length > input.pageSize,
        page: input.page,
        pageSize: input.pageSize,
      };
    },

    /**
     * Queues a failed run again, due now with its attempts reset; its completed steps stay memoised, so it resumes
     * at the step that failed. CONFLICT when the run is not failed (a repeat after the retry started).
     */
    async retry(call: AdminCall, input: { runId: string }) {
      return db.transaction(async (tx) => {
        const run = await repo.findJobRun(input.runId, tx);
        if (!run) throw new NotFoundError("Job run not found.");
        if (run.status !== "failed") throw new ConflictError(`This run is ${run.status}, not failed.`);
        await repo.requeueFailedRun(tx, run.id, deps.now());
        await audit(
          call,
          {
            action: "admin.job.retry",
            targetType: "job_run",
            targetId: run.id,
            before: { status: run.status, attempt: run.attempt, lastError: run.lastError },
            after: { status: "queued", attempt: 0 },
            extra: { functionId: run.functionId },
          },
          tx,
        );
        return { runId: run.id, status: "queued" as const };
      });
    },
  };
}
export type AdminJobs = ReturnType<typeof createAdminJobs>;
