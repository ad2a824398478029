import { and, asc, count, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "~/server/db/client";
import { jobEvents, jobRuns, jobSteps, type JobRunStatus, type JobStepKind } from "~/server/db/schema";

export type JobRunRow = typeof jobRuns.$inferSelect;
export type JobStepRow = typeof jobSteps.$inferSelect;

/** Who holds a run, until when, at what time: the fence every write of a running run goes through. */
export type Lease = { runId: string; owner: string; now: Date; until: Date };

const DUE_STATUSES = ["queued", "sleeping"] as const satisfies JobRunStatus[];
const LIVE_STATUSES = ["queued", "sleeping", "running"] as const satisfies JobRunStatus[];

const held = (l: Pick<Lease, "runId" | "owner">) =>
  and(eq(jobRuns.id, l.runId), eq(jobRuns.leaseOwner, l.owner), eq(jobRuns.status, "running"));

/** Runs, memoised steps and seen event ids of the durable job runner (src/server/events/durable-runner.ts). */
export function createJobRepository(db: Database) {
  return {
    /** Records an event id; false when it was seen before (the event is a duplicate). */
    async acceptEvent(tx: DbOrTx, e: { id: string; name: string; at: Date }): Promise<boolean> {
      const rows = await tx
        .insert(jobEvents)
        .values({ id: e.id, name: e.name, receivedAt: e.at })
        .onConflictDoNothing()
        .returning({ id: jobEvents.id });
      return rows.length > 0;
    },

    async insertRuns(tx: DbOrTx, rows: (typeof jobRuns.$inferInsert)[]): Promise<void> {
      if (rows.length) await tx.insert(jobRuns).values(rows);
    },

    /**
     * Cancels the live runs of a function whose triggering event has `value` at `path` (inside its data).
     * A running run keeps executing its current step, then finds its lease gone and stops.
     */
    async cancelMatching(
      tx: DbOrTx,
      m: { functionId: string; path: string[]; value: string; now: Date; reason: string },
    ): Promise<number> {
      const rows = await tx
        .update(jobRuns)
        .set({
          status: "cancelled",
          finishedAt: m.now,
          updatedAt: m.now,
          leaseOwner: null,
          leaseUntil: null,
          lastError: m.reason,
        })
        .where(
          and(
            eq(jobRuns.functionId, m.functionId),
            inArray(jobRuns.status, [...LIVE_STATUSES]),
            sql`${jobRuns.eventData} #>> ${`{${m.path.join(",")}}`}::text[] = ${m.value}`,
          ),
        )
        .returning({ id: jobRuns.id });
      return rows.length;
    },

    /**
     * Atomically leases up to `limit` due runs to `owner`: queued/sleeping runs whose time has come, and running
     * runs whose lease expired (their process died; that counts as a failed attempt). `FOR UPDATE SKIP LOCKED`
     * makes concurrent claimers take disjoint rows; the lease keeps everyone else off until it expires.
     */
    async claimDue(c: { owner: string; now: Date; leaseUntil: Date; limit: number }): Promise<JobRunRow[]> {
      const due = db
        .select({ id: jobRuns.id })
        .from(jobRuns)
        .where(
          or(
            and(inArray(jobRuns.status, [...DUE_STATUSES]), lte(jobRuns.wakeAt, c.now)),
            and(eq(jobRuns.status, "running"), lt(jobRuns.leaseUntil, c.now)),
          ),
        )
        .orderBy(asc(jobRuns.wakeAt))
        .limit(c.limit)
        .for("update", { skipLocked: true });
      const expired = sql`${jobRuns.status} = 'running'`;
      return db
        .update(jobRuns)
        .set({
          status: "running",
          leaseOwner: c.owner,
          leaseUntil: c.leaseUntil,
          attempt: sql`case when ${expired} then ${jobRuns.attempt} + 1 else ${jobRuns.attempt} end`,
          lastError: sql`case when ${expired} then 'lease expired: the worker stopped before finishing the run' else ${jobRuns.lastError} end`,
          updatedAt: c.now,
        })
        .where(inArray(jobRuns.id, due))
        .returning();
    },

    async listSteps(runId: string): Promise<JobStepRow[]> {
      return db.select().from(jobSteps).where(eq(jobSteps.runId, runId));
    },

    /** Extends the lease; false when the run is no longer ours (cancelled, or reclaimed after expiry). */
    async renewLease(tx: DbOrTx, l: Lease): Promise<boolean> {
      const rows = await tx
        .update(jobRuns)
        .set({ leaseUntil: l.until, updatedAt: l.now })
        .where(held(l))
        .returning({ id: jobRuns.id });
      return rows.length > 0;
    },

    /** Stores a step's result or a sleep's wake time; a completed step also resets the attempt count. */
    async insertStep(
      tx: DbOrTx,
      s: { runId: string; stepId: string; kind: JobStepKind; output: unknown; wakeAt: Date | null; now: Date },
    ): Promise<void> {
      await tx.insert(jobSteps).values({
        runId: s.runId,
        stepId: s.stepId,
        kind: s.kind,
        output: s.output ?? null,
        wakeAt: s.wakeAt,
        createdAt: s.now,
      });
      if (s.kind === "run") await tx.update(jobRuns).set({ attempt: 0 }).where(eq(jobRuns.id, s.runId));
    },

    /** Ends a run we hold: completed, failed, sleeping until `wakeAt`, or queued for a retry at `wakeAt`. */
    async release(
      l: Pick<Lease, "runId" | "owner" | "now">,
      to:
        | { status: "completed"; output: unknown }
        | { status: "failed"; error: string; attempt: number }
        | { status: "sleeping"; wakeAt: Date }
        | { status: "queued"; wakeAt: Date; error: string; attempt: number },
    ): Promise<boolean> {
      const base = { status: to.status, leaseOwner: null, leaseUntil: null, updatedAt: l.now };
      const set =
        to.status === "completed"
          ? { ...base, output: to.output ?? null, finishedAt: l.now }
          : to.status === "failed"
            ? { ...base, lastError: to.error, attempt: to.attempt, finishedAt: l.now }
            : to.status === "sleeping"
              ? { ...base, wakeAt: to.wakeAt }
              : { ...base, wakeAt: to.wakeAt, lastError: to.error, attempt: to.attempt };
      const rows = await db.update(jobRuns).set(set).where(held(l)).returning({ id: jobRuns.id });
      return rows.length > 0;
    },

    /** Runs that are due at `now` (what a worker would claim). */
    async countDue(now: Date): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(jobRuns)
        .where(
          or(
            and(inArray(jobRuns.status, [...DUE_STATUSES]), lte(jobRuns.wakeAt, now)),
            and(eq(jobRuns.status, "running"), lt(jobRuns.leaseUntil, now)),
          ),
        );
      return row?.n ?? 0;
    },

    /** Runs of a function (newest first), for tests and diagnostics. */
    async listRuns(f: { functionId?: string; status?: JobRunStatus; limit?: number } = {}): Promise<JobRunRow[]> {
      return db
        .select()
        .from(jobRuns)
        .where(
          and(
            f.functionId ? eq(jobRuns.functionId, f.functionId) : undefined,
            f.status ? eq(jobRuns.status, f.status) : undefined,
          ),
        )
        .orderBy(sql`${jobRuns.id} desc`)
        .limit(f.limit ?? 1000);
    },
  };
}
export type JobRepository = ReturnType<typeof createJobRepository>;
