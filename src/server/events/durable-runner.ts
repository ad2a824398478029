/**
 * Durable in-process runner of the Inngest functions (embedded default: used whenever Inngest isn't configured).
 *
 * Runs, step results, sleeps and retries live in the database (`job_runs`, `job_steps`, `job_events`), so a
 * restart resumes every run where it stopped, and several server processes on one database share the work.
 * Execution follows Inngest's replay model: a run is executed by calling its handler; `step.run(id)` returns the
 * stored result when there is one, else runs the callback and stores its JSON result; `step.sleep` /
 * `step.sleepUntil` store the wake time and suspend the run (status `sleeping`, `wake_at`); once that time has
 * passed the handler is replayed and the elapsed sleep returns at once.
 *
 * Guarantees:
 * - A run is executed by one process at a time: workers claim due runs atomically (`FOR UPDATE SKIP LOCKED`)
 *   under a lease, renew it before each new step, and every write of a running run is fenced on holding it.
 *   A lease that expires (its process died) is reclaimed by any worker, and counts as a failed attempt.
 * - Each step runs at least once and, once its result is stored, never again (memoisation). It runs exactly
 *   once unless a process dies (or a step outlives the lease) between the step's effect and the write of its
 *   result: then the step runs again on the next attempt. So steps must be idempotent — as on Inngest.
 * - A failed step is retried with backoff up to the function's `retries` (attempts count per step, as on
 *   Inngest); on the last attempt the error reaches the handler, which may catch it; an uncaught error fails the
 *   run (`status = failed`, `last_error`). `NonRetriableError` fails at once.
 * - Events with an id are accepted once (`job_events`), forever (Inngest deduplicates for 24 h).
 * - `cancelOn`: an event whose value at `match` equals the triggering event's cancels the function's queued,
 *   sleeping or running runs (a running run finishes its current step, then stops).
 *
 * - Scheduled functions (`cron`): whenever the runner looks for due work it fires, for each schedule, the latest
 *   occurrence since it last looked (occurrences while no process ran are not replayed, as on Inngest) as the
 *   function's event with id `cron:<function>:<instant>`, so several processes start it once.
 *
 * Time comes from `now()` so tests can move it; with `background: false` nothing runs by itself and tests drive
 * `runDue()`.
 */
import { hostname } from "node:os";
import { durationToMs, NonRetriableError } from "inngest";
import type { AnyFunctionSpec, Steps } from "./functions";
import type { EventName } from "./catalog";
import type { EventPublisher } from "./publisher";
import { validateEvents } from "./publisher";
import type { Database } from "~/server/db/client";
import { createJobRepository, type JobRunRow, type Lease } from "~/server/repositories/jobs";
import type { Services } from "~/server/services";
import { newId } from "~/lib/ids";
import { logger } from "~/server/logger";
import { latestOccurrence, parseCron } from "~/lib/cron";

export type DurableRunnerOptions = {
  /** The runner's clock (default: the system clock). Wake times, leases and backoff are computed with it. */
  now?: () => Date;
  /** Poll for due runs, start runs as soon as they are published, wake sleepers on time (default true). */
  background?: boolean;
  /** How often the background loop looks for due runs (default 1 s). */
  pollMs?: number;
  /** How long a claimed run stays ours without renewal (default 5 min; renewed before every step). */
  leaseMs?: number;
  /** Runs executed at once by this process (default 4). */
  concurrency?: number;
  /** Delay before retry number `attempt` (1-based) of a failed step (default 10 s doubling, at most 10 min). */
  backoffMs?: (attempt: number) => number;
  /**
   * Fire the functions' cron schedules. Default: in the background on the system clock (a running server). A
   * runner on a test clock, or driven by `runDue()` by hand, fires them only when asked, so moving a test clock by
   * days never starts a purge nobody asked for.
   */
  schedules?: boolean;
  /** Lease owner name (default host:pid:random). */
  owner?: string;
};

export type DurableRunner = EventPublisher & {
  readonly kind: "local";
  /** Claims and executes every run that is due now (repeating until none is), and waits for them. */
  runDue(): Promise<number>;
  /** Resolves when this process runs nothing and nothing is due (runs what is due meanwhile). */
  idle(): Promise<void>;
  /** Stops the background loop and waits for the runs in flight; unfinished work stays in the database. */
  close(): Promise<void>;
  /** The runner's clock. */
  now(): Date;
};

const DEFAULT_BACKOFF = (attempt: number) => Math.min(10_000 * 2 ** (attempt - 1), 10 * 60_000);

/** Why an execution stopped before its handler returned. */
type Stop =
  | { type: "sleep"; wakeAt: Date }
  | { type: "retry"; error: unknown }
  | { type: "fail"; error: unknown }
  | { type: "lost" };

/** JSON round trip, as a step result travels through Inngest: Dates become ISO strings, undefined becomes null. */
function toJson(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

function errorText(e: unknown): string {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return text.slice(0, 2000);
}

function valueAt(obj: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
}

/** cancelOn rules as database matches: only `data.<key>[.<key>…]` paths (what Inngest's `match` compares). */
function cancelPath(match: string): string[] {
  const parts = match.split(".");
  if (parts[0] !== "data" || parts.length < 2 || !parts.every((p) => /^[A-Za-z0-9_]+$/.test(p))) {
    throw new Error(`cancelOn match must be a "data.<key>" path, got "${match}"`);
  }
  return parts.slice(1);
}

export function createDurableRunner(deps: {
  db: Database;
  functions: AnyFunctionSpec[];
  /** Services handed to handlers (built with the same clock). */
  services: () => Services;
  options?: DurableRunnerOptions;
}): DurableRunner {
  const o = deps.options ?? {};
  const now = o.now ?? (() => new Date());
  const background = o.background ?? true;
  const pollMs = o.pollMs ?? 1000;
  const leaseMs = o.leaseMs ?? 5 * 60_000;
  const concurrency = o.concurrency ?? 4;
  const backoffMs = o.backoffMs ?? DEFAULT_BACKOFF;
  const owner = o.owner ?? `${hostname()}:${process.pid}:${newId()}`;
  const repo = createJobRepository(deps.db);
  const byId = new Map(deps.functions.map((f) => [f.id, f]));
  const cancelRules = deps.functions.flatMap((f) =>
    (f.cancelOn ?? []).map((c) => ({ functionId: f.id, event: c.event, match: c.match, path: cancelPath(c.match) })),
  );

  const schedules = deps.functions
    .filter((f) => f.cron && (o.schedules ?? (background && !o.now)))
    .map((f) => ({ functionId: f.id, event: f.event, schedule: parseCron(f.cron!) }));
  /** Schedules have been fired up to this instant (the runner's start: earlier occurrences are not replayed). */
  let cronCheckedUntil = now();
  let cronFiring: Promise<void> | null = null;

  /** Publishes each schedule's latest occurrence since the last look (deduplicated across processes by event id). */
  function fireSchedules(): Promise<void> {
    if (!schedules.length) return Promise.resolve();
    cronFiring ??= (async () => {
      const at = now();
      const since = cronCheckedUntil;
      const due = schedules
        .map((s) => ({ ...s, occurrence: latestOccurrence(s.schedule, at, since) }))
        .filter((s) => s.occurrence);
      if (due.length)
        await runner.publish(
          due.map((s) => ({
            name: s.event,
            data: { scheduledAt: s.occurrence!.toISOString() },
            id: `cron:${s.functionId}:${s.occurrence!.toISOString()}`,
          })) as never,
        );
      cronCheckedUntil = at;
    })().finally(() => (cronFiring = null));
    return cronFiring;
  }

  const executing = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  let kickPending = false;

  const lease = (runId: string): Lease => {
    const at = now();
    return { runId, owner, now: at, until: new Date(at.getTime() + leaseMs) };
  };

  function later(ms: number, fn: () => void) {
    const t = setTimeout(() => (timers.delete(t), fn()), Math.max(0, ms));
    t.unref();
    timers.add(t);
  }

  /** Claims what is due (up to the free slots) and starts executing it; returns how many runs were claimed. */
  async function claimAndStart(): Promise<number> {
    if (!closed) await fireSchedules();
    const free = concurrency - executing.size;
    if (closed || free <= 0) return 0;
    const at = now();
    const runs = await repo.claimDue({ owner, now: at, leaseUntil: new Date(at.getTime() + leaseMs), limit: free });
    for (const run of runs) {
      const p = execute(run)
        .catch((error: unknown) => logger.error("job run crashed", { runId: run.id, fn: run.functionId, error }))
        .finally(() => {
          executing.delete(p);
          if (background) kick();
        });
      executing.add(p);
    }
    return runs.length;
  }

  /** Background: look for due runs soon (coalesced). */
  function kick() {
    if (closed || !background || kickPending) return;
    kickPending = true;
    later(0, () => {
      kickPending = false;
      claimAndStart().catch((error: unknown) => logger.warn("job claim failed", { error }));
    });
  }

  function poll() {
    if (closed) return;
    later(pollMs, () => {
      kick();
      poll();
    });
  }
  if (background) poll();

  async function execute(run: JobRunRow): Promise<void> {
    const spec = byId.get(run.functionId);
    if (!spec) {
      await repo.release(
        { runId: run.id, owner, now: now() },
        { status: "failed", error: `Unknown function "${run.functionId}"`, attempt: run.attempt },
      );
      return;
    }
    if (run.attempt >= run.maxAttempts) {
      // Reclaimed after its last attempt's process died.
      await repo.release(
        { runId: run.id, owner, now: now() },
        { status: "failed", error: run.lastError ?? "out of attempts", attempt: run.attempt },
      );
      return;
    }
    const memo = new Map((await repo.listSteps(run.id)).map((s) => [s.stepId, s]));
    let attempt = run.attempt;
    let stopped: Stop | null = null;
    let onStop!: (s: Stop) => void;
    const stopSignal = new Promise<Stop>((resolve) => (onStop = resolve));
    const STOPPED = Symbol("stopped");
    /** Ends the execution (the first reason wins); the step that saw it then never settles, as on Inngest. */
    const halt = (s: Stop): typeof STOPPED => {
      if (!stopped) {
        stopped = s;
        onStop(s);
      }
      return STOPPED;
    };
    // The work of each step, so the run is released only after parallel steps have stored their results.
    const inFlight = new Set<Promise<unknown>>();
    const stepTool = <T>(work: () => Promise<T | typeof STOPPED>): Promise<T> => {
      const p = work();
      inFlight.add(p);
      void p.then(
        () => inFlight.delete(p),
        () => inFlight.delete(p),
      );
      return p.then((v) => (v === STOPPED ? new Promise<never>(() => undefined) : v));
    };
    const used = new Map<string, number>();
    // Inngest suffixes a repeated step id (in a loop) with ":<n>"; so do we, so replays line up.
    const uniqueId = (id: string) => {
      const n = used.get(id) ?? 0;
      used.set(id, n + 1);
      return n === 0 ? id : `${id}:${n}`;
    };
    /** Stores a step under the lease (and renews it); false when the run is no longer ours. */
    const save = (stepId: string, kind: "run" | "sleep", output: unknown, wakeAt: Date | null) => {
      const l = lease(run.id);
      return deps.db.transaction(async (tx) => {
        if (!(await repo.renewLease(tx, l))) return false;
        await repo.insertStep(tx, { runId: run.id, stepId, kind, output, wakeAt, now: l.now });
        return true;
      });
    };

    const sleepUntil = (rawId: string, wakeAt: () => Date): Promise<void> =>
      stepTool(async () => {
        const id = uniqueId(rawId);
        if (stopped) return STOPPED;
        const m = memo.get(id);
        if (m) {
          if (m.kind !== "sleep" || !m.wakeAt) throw new Error(`Step "${id}" is not a sleep in the stored run`);
          return m.wakeAt.getTime() <= now().getTime() ? undefined : halt({ type: "sleep", wakeAt: m.wakeAt });
        }
        const at = wakeAt();
        if (Number.isNaN(at.getTime())) throw new Error(`Step "${id}": invalid wake time`);
        if (!(await save(id, "sleep", null, at))) return halt({ type: "lost" });
        memo.set(id, { runId: run.id, stepId: id, kind: "sleep", output: null, wakeAt: at, createdAt: now() });
        return at.getTime() <= now().getTime() ? undefined : halt({ type: "sleep", wakeAt: at });
      });

    const step: Steps = {
      run: <T>(rawId: string, fn: () => Promise<T> | T): Promise<T> =>
        stepTool<T>(async () => {
          const id = uniqueId(rawId);
          if (stopped) return STOPPED;
          const m = memo.get(id);
          if (m) {
            if (m.kind !== "run") throw new Error(`Step "${id}" is not a run step in the stored run`);
            return m.output as T;
          }
          if (!(await repo.renewLease(deps.db, lease(run.id)))) return halt({ type: "lost" });
          let value: T;
          try {
            value = await fn();
          } catch (error) {
            if (error instanceof NonRetriableError) return halt({ type: "fail", error });
            // Not the last attempt: retry the step later. The last one: the handler sees the error.
            if (attempt + 1 < run.maxAttempts) return halt({ type: "retry", error });
            throw error;
          }
          const output = toJson(value);
          if (!(await save(id, "run", output, null))) return halt({ type: "lost" });
          memo.set(id, { runId: run.id, stepId: id, kind: "run", output, wakeAt: null, createdAt: now() });
          attempt = 0;
          return output as T;
        }),
      sleep: (id, duration) =>
        sleepUntil(id, () => {
          const ms = typeof duration === "number" ? duration : durationToMs(duration, { name: `sleep "${id}"` });
          return new Date(now().getTime() + Math.max(0, ms));
        }),
      sleepUntil: (id, at) => sleepUntil(id, () => new Date(at)),
    };

    // Keep the lease alive while a long step runs.
    const heartbeat = setInterval(
      () => {
        repo.renewLease(deps.db, lease(run.id)).catch(() => undefined);
      },
      Math.max(1000, leaseMs / 3),
    );
    heartbeat.unref();
    let outcome: Stop | { type: "done"; value: unknown } | { type: "error"; error: unknown };
    try {
      const handler = Promise.resolve().then(() =>
        spec.handler({
          event: {
            // The run was created for this function's own event, with data validated against the catalog.
            name: run.eventName as EventName,
            data: run.eventData,
            ...(run.eventId ? { id: run.eventId } : {}),
          },
          step,
          services: deps.services(),
        }),
      );
      const ended = await Promise.race([
        handler.then(
          (value) => ({ type: "done" as const, value }),
          (error: unknown) => ({ type: "error" as const, error }),
        ),
        stopSignal,
      ]);
      outcome = stopped ?? ended;
      // Parallel steps still running finish (and store their results) before the run is released.
      while (inFlight.size) await Promise.allSettled([...inFlight]).then(() => new Promise((r) => setImmediate(r)));
    } finally {
      clearInterval(heartbeat);
    }

    const l = { runId: run.id, owner, now: now() };
    switch (outcome.type) {
      case "done":
        await repo.release(l, { status: "completed", output: toJson(outcome.value) });
        return;
      case "sleep": {
        if (await repo.release(l, { status: "sleeping", wakeAt: outcome.wakeAt })) {
          const ms = outcome.wakeAt.getTime() - now().getTime();
          if (background && ms < pollMs) later(ms, kick);
        }
        return;
      }
      case "lost":
        logger.info("job run stopped: cancelled or lease lost", { runId: run.id, fn: run.functionId });
        return;
      case "fail":
        logger.warn("job run failed (non-retriable)", { runId: run.id, fn: run.functionId, error: outcome.error });
        await repo.release(l, { status: "failed", error: errorText(outcome.error), attempt: attempt + 1 });
        return;
      case "retry":
      case "error": {
        const next = attempt + 1;
        const error = errorText(outcome.error);
        if (outcome.type === "error" && outcome.error instanceof NonRetriableError) {
          await repo.release(l, { status: "failed", error, attempt: next });
        } else if (next >= run.maxAttempts) {
          logger.error("job run gave up", { runId: run.id, fn: run.functionId, attempts: next, error: outcome.error });
          await repo.release(l, { status: "failed", error, attempt: next });
        } else {
          logger.warn("job run failed; will retry", {
            runId: run.id,
            fn: run.functionId,
            attempt: next,
            error: outcome.error,
          });
          const wakeAt = new Date(now().getTime() + backoffMs(next));
          await repo.release(l, { status: "queued", wakeAt, error, attempt: next });
        }
        return;
      }
    }
  }

  async function runDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await claimAndStart();
      total += claimed;
      if (claimed === 0 && executing.size === 0) return total;
      if (claimed === 0) await Promise.race(executing);
    }
  }

  const runner: DurableRunner = {
    kind: "local",
    now,
    async publish(events) {
      const list = validateEvents(events);
      const at = now();
      await deps.db.transaction(async (tx) => {
        for (const event of list) {
          if (event.id && !(await repo.acceptEvent(tx, { id: event.id, name: event.name, at }))) continue;
          // cancelOn first, so an event never cancels the runs it starts itself.
          for (const rule of cancelRules.filter((r) => r.event === event.name)) {
            const value = valueAt(event, rule.match);
            if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") continue;
            await repo.cancelMatching(tx, {
              functionId: rule.functionId,
              path: rule.path,
              value: String(value),
              now: at,
              reason: `cancelled by ${event.name}`,
            });
          }
          await repo.insertRuns(
            tx,
            deps.functions
              .filter((f) => f.event === event.name)
              .map((f) => ({
                id: newId(),
                functionId: f.id,
                eventName: event.name,
                eventId: event.id ?? null,
                eventData: event.data,
                status: "queued" as const,
                wakeAt: at,
                maxAttempts: (f.retries ?? 3) + 1,
                createdAt: at,
                updatedAt: at,
              })),
          );
        }
      });
      kick();
    },
    runDue,
    async idle() {
      // Run until nothing due remains; sleepers with a future wake time and retries in backoff don't count.
      for (;;) {
        await runDue();
        if (closed || (await repo.countDue(now())) === 0) return;
        await new Promise((r) => setTimeout(r, 10)); // due but claimed elsewhere for a moment
      }
    },
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      while (executing.size) await Promise.allSettled([...executing]);
    },
  };
  return runner;
}
