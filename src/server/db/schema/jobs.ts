import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { tstz } from "./_columns";

/**
 * The durable in-process job runner (embedded default; src/server/events/durable-runner.ts): one row per
 * function run, one per completed step or scheduled sleep, one per event id seen. On Inngest these live in
 * Inngest's own state store; here they live beside the data so a restart resumes every run.
 */

export const JOB_RUN_STATUSES = ["queued", "running", "sleeping", "completed", "failed", "cancelled"] as const;
export type JobRunStatus = (typeof JOB_RUN_STATUSES)[number];
export const JOB_STEP_KINDS = ["run", "sleep"] as const;
export type JobStepKind = (typeof JOB_STEP_KINDS)[number];

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(","));

/**
 * A run of one function for one event. Due when `status in (queued, sleeping) and wake_at <= now`, or when a
 * `running` row's lease has expired (its process died): claiming sets `lease_owner`/`lease_until` atomically,
 * so one process at a time executes a run.
 */
export const jobRuns = pgTable(
  "job_runs",
  {
    id: text("id").primaryKey(),
    functionId: text("function_id").notNull(),
    eventName: text("event_name").notNull(),
    /** The event's idempotency id, when it had one. */
    eventId: text("event_id"),
    eventData: jsonb("event_data").$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: JOB_RUN_STATUSES }).notNull(),
    /** When a queued run may start (now, or after a retry's backoff) or a sleeping run wakes. */
    wakeAt: tstz("wake_at").notNull(),
    /** Failed attempts of the current step (reset when a step completes, as Inngest retries per step). */
    attempt: integer("attempt").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull(),
    leaseOwner: text("lease_owner"),
    leaseUntil: tstz("lease_until"),
    lastError: text("last_error"),
    output: jsonb("output"),
    createdAt: tstz("created_at").notNull(),
    updatedAt: tstz("updated_at").notNull(),
    finishedAt: tstz("finished_at"),
  },
  (t) => [
    check("job_runs_status_ck", sql`${t.status} in (${inList(JOB_RUN_STATUSES)})`),
    check("job_runs_attempts_ck", sql`${t.attempt} >= 0 and ${t.maxAttempts} >= 1`),
    index("job_runs_due_idx")
      .on(t.wakeAt)
      .where(sql`${t.status} in ('queued', 'sleeping')`),
    index("job_runs_lease_idx")
      .on(t.leaseUntil)
      .where(sql`${t.status} = 'running'`),
    index("job_runs_function_status_idx").on(t.functionId, t.status),
  ],
);

/**
 * Memoised step results of a run (`kind = run`: `output` is the step's JSON value) and scheduled sleeps
 * (`kind = sleep`: `wake_at`), so a replay of the handler returns stored results instead of re-running effects.
 */
export const jobSteps = pgTable(
  "job_steps",
  {
    runId: text("run_id")
      .notNull()
      .references(() => jobRuns.id, { onDelete: "cascade" }),
    stepId: text("step_id").notNull(),
    kind: text("kind", { enum: JOB_STEP_KINDS }).notNull(),
    output: jsonb("output"),
    wakeAt: tstz("wake_at"),
    createdAt: tstz("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.stepId] }),
    check("job_steps_kind_ck", sql`${t.kind} in (${inList(JOB_STEP_KINDS)})`),
  ],
);

/** Event ids already accepted: an event published twice with the same id starts its functions once. */
export const jobEvents = pgTable("job_events", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  receivedAt: tstz("received_at").notNull(),
});
