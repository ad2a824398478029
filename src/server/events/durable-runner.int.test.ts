import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import postgres from "postgres";
import { eq, sql } from "drizzle-orm";
import { newId } from "~/lib/ids";
import { env } from "~/server/config/env";
import { rowsOf, type Database } from "~/server/db/client";
import { jobRuns, jobSteps } from "~/server/db/schema";
import { createJobRepository } from "~/server/repositories/jobs";
import { createRuntime, type Runtime } from "~/server/runtime";
import { createTestClock, type TestClock } from "~/test/clock";
import type { AnyFunctionSpec, FunctionSpec } from "./functions";
import { createDurableRunner, type DurableRunnerOptions } from "./durable-runner";

/**
 * The durable runner on a real database: PostgreSQL when TEST_DATABASE_URL is set (a database created here, so
 * several runtimes — "processes" — can open it), otherwise PGlite in a temporary directory (one process at a
 * time, as PGlite allows). Functions are a test-only list; side effects are rows in `test_effects`.
 */
const onPg = Boolean(env.TEST_DATABASE_URL);
const HOUR = 3_600_000;
const T0 = new Date("2030-01-07T12:00:00.000Z");

type Place = { databaseUrl?: string; pgliteDir?: string; drop(): Promise<void> };
async function newPlace(): Promise<Place> {
  if (onPg) {
    const name = `ii_test_jobs_${newId().toLowerCase()}`;
    const admin = postgres(env.TEST_DATABASE_URL!, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const url = new URL(env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    return {
      databaseUrl: url.toString(),
      async drop() {
        const a = postgres(env.TEST_DATABASE_URL!, { max: 1, onnotice: () => undefined });
        await a.unsafe(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "ii-jobs-"));
  return { pgliteDir: dir, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function effect(db: Database, runKey: string, step: string, by = "") {
  await db.execute(sql`insert into test_effects (run_key, step, by) values (${runKey}, ${step}, ${by})`);
}
async function effects(db: Database, step?: string): Promise<{ run_key: string; step: string; by: string }[]> {
  return rowsOf(
    await db.execute(
      step
        ? sql`select run_key, step, by from test_effects where step = ${step} order by id`
        : sql`select run_key, step, by from test_effects order by id`,
    ),
  );
}
/** How many times each run key passed the given step. */
async function countsBy(db: Database, step: string): Promise<Map<string, number>> {
  const m = new Map<string, number>();
  for (const e of await effects(db, step)) m.set(e.run_key, (m.get(e.run_key) ?? 0) + 1);
  return m;
}

const ref = (key: string) => ({ bookingId: key, studentId: "s", instructorId: "i" });

/** The test-only functions. `db()` is the database of whichever runtime executes them. */
function testFunctions(
  db: () => Database,
  clock: { now: () => Date },
  gates: Map<string, Promise<void>> = new Map(),
): AnyFunctionSpec[] {
  const sleeper: FunctionSpec<"booking/completed"> = {
    id: "t-sleeper",
    event: "booking/completed",
    handler: async ({ event, step }) => {
      const key = event.data.bookingId;
      const wakeAt = await step.run("wake-at", () => new Date(clock.now().getTime() + HOUR).toISOString());
      await step.run("before", () => effect(db(), key, "before"));
      await step.sleepUntil("nap", wakeAt);
      const by = await step.run("after", async () => {
        await gates.get(key);
        await effect(db(), key, "after");
        return "done";
      });
      return { by, wakeAt };
    },
  };
  const flaky: FunctionSpec<"booking/no-show"> = {
    id: "t-flaky",
    event: "booking/no-show",
    retries: 2,
    handler: async ({ event, step }) => {
      const key = event.data.bookingId;
      await step.run("ok", () => effect(db(), key, "ok"));
      await step.run("explode", async () => {
        await effect(db(), key, "explode");
        throw new Error("boom");
      });
      return "unreachable";
    },
  };
  const cancellable: FunctionSpec<"message/sent"> = {
    id: "t-cancellable",
    event: "message/sent",
    cancelOn: [{ event: "message/read", match: "data.conversationId" }],
    handler: async ({ event, step }) => {
      await step.sleep("wait", "1h");
      await step.run("send", () => effect(db(), event.data.conversationId, "send"));
    },
  };
  const racer: FunctionSpec<"booking/created"> = {
    id: "t-racer",
    event: "booking/created",
    handler: async ({ event, step }) => {
      const key = event.data.bookingId;
      const at = await step.run("at", () => new Date(clock.now().getTime() + HOUR).toISOString());
      for (const s of ["one", "two"]) {
        await step.run(s, async () => {
          await new Promise((r) => setTimeout(r, Math.random() * 3));
          await effect(db(), key, s);
        });
      }
      await step.sleepUntil("later", at);
      await step.run("three", () => effect(db(), key, "three"));
      return key;
    },
  };
  return [sleeper, flaky, cancellable, racer];
}

const places: Place[] = [];
const open: Runtime[] = [];
afterEach(async () => {
  for (const rt of open.splice(0)) await rt.close();
});
afterAll(async () => {
  for (const p of places) await p.drop();
});

/** A runtime ("process") on `place` running the test functions with the given clock. */
async function runtimeOn(
  place: Place,
  clock: TestClock | { now: () => Date },
  opts: DurableRunnerOptions & { gates?: Map<string, Promise<void>> } = {},
) {
  const { gates, ...runnerOpts } = opts;
  const self: { rt?: Runtime } = {};
  const rt = (self.rt = await createRuntime({
    databaseUrl: place.databaseUrl,
    pgliteDir: place.pgliteDir,
    migrate: true,
    now: clock.now,
    events: {
      functions: testFunctions(() => self.rt!.dbh.db, clock, gates),
      background: false,
      ...runnerOpts,
    },
  }));
  await rt.dbh.db.execute(
    sql`create table if not exists test_effects (id serial primary key, run_key text not null, step text not null, by text not null default '')`,
  );
  open.push(rt);
  return rt;
}
async function freshPlace() {
  const p = await newPlace();
  places.push(p);
  return p;
}
const runsOf = (db: Database, functionId: string) => createJobRepository(db).listRuns({ functionId });

// Each test opens its own runtimes (a PGlite open + migrate takes a minute on a loaded 2-core machine).
describe(`durable runner (${onPg ? "postgres" : "pglite"})`, { timeout: 300_000 }, () => {
  it("a run sleeping until a future time survives a restart; its post-sleep step runs exactly once", async () => {
    const place = await freshPlace();
    const clock = createTestClock(T0);
    const a = await runtimeOn(place, clock);
    await a.events.publish({ name: "booking/completed", data: ref("r1"), id: "restart-1" });
    expect(await a.events.runDue()).toBe(1);
    const [sleeping] = await runsOf(a.dbh.db, "t-sleeper");
    expect(sleeping).toMatchObject({ status: "sleeping", wakeAt: new Date(T0.getTime() + HOUR), leaseOwner: null });
    const steps = await a.dbh.db.select().from(jobSteps).where(eq(jobSteps.runId, sleeping!.id));
    expect(steps.map((s) => [s.stepId, s.kind]).sort()).toEqual([
      ["before", "run"],
      ["nap", "sleep"],
      ["wake-at", "run"],
    ]);
    await a.close();
    open.splice(open.indexOf(a), 1);

    // Process B, on the same database. Not yet time: nothing runs.
    clock.advance(HOUR - 1000);
    const b = await runtimeOn(place, clock);
    expect(await b.events.runDue()).toBe(0);
    clock.advance(1000);
    expect(await b.events.runDue()).toBe(1);
    expect(await b.events.runDue()).toBe(0);
    const [done] = await runsOf(b.dbh.db, "t-sleeper");
    expect(done).toMatchObject({
      status: "completed",
      output: { by: "done", wakeAt: new Date(T0.getTime() + HOUR).toISOString() },
      finishedAt: clock.now(),
    });
    expect(await countsBy(b.dbh.db, "before")).toEqual(new Map([["r1", 1]]));
    expect(await countsBy(b.dbh.db, "after")).toEqual(new Map([["r1", 1]]));
  });

  it("after a restart the background loop wakes the sleeper by itself (system clock)", async () => {
    const place = await freshPlace();
    const clock = { now: () => new Date() };
    const a = await runtimeOn(place, clock);
    // Sleeps until an hour from now by the step; rewrite the stored wake time to 300 ms from now.
    await a.events.publish({ name: "booking/completed", data: ref("bg") });
    await a.events.runDue();
    const [run] = await runsOf(a.dbh.db, "t-sleeper");
    const soon = new Date(Date.now() + 300);
    await a.dbh.db.update(jobRuns).set({ wakeAt: soon }).where(eq(jobRuns.id, run!.id));
    await a.dbh.db.update(jobSteps).set({ wakeAt: soon }).where(eq(jobSteps.runId, run!.id));
    await a.close();
    open.splice(open.indexOf(a), 1);

    const b = await runtimeOn(place, clock, { background: true, pollMs: 50 });
    const deadline = Date.now() + 10_000;
    while ((await runsOf(b.dbh.db, "t-sleeper"))[0]!.status !== "completed" && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect((await runsOf(b.dbh.db, "t-sleeper"))[0]!.status).toBe("completed");
    expect(await countsBy(b.dbh.db, "after")).toEqual(new Map([["bg", 1]]));
  });

  it("two processes racing runDue never execute a run or a step twice", async () => {
    const place = await freshPlace();
    const clock = createTestClock(T0);
    const a = await runtimeOn(place, clock, { concurrency: 4 });
    // On PostgreSQL a second runtime with its own pool; PGlite allows one process, so a second runner on the same
    // handle (another lease owner) stands in for it.
    const b = onPg
      ? (await runtimeOn(place, clock, { concurrency: 4 })).events
      : createDurableRunner({
          db: a.dbh.db,
          functions: testFunctions(() => a.dbh.db, clock),
          services: () => a.services,
          options: { now: clock.now, background: false, concurrency: 4 },
        });
    const N = 40;
    await a.events.publish(
      Array.from({ length: N }, (_, i) => ({
        name: "booking/created" as const,
        data: ref(`race-${i}`),
        id: `race-${i}`,
      })),
    );
    const [ranA, ranB] = await Promise.all([a.events.runDue(), b.runDue()]);
    expect(ranA + ranB).toBe(N); // every run executed once (to its sleep), by one of them
    clock.advance(HOUR);
    const [againA, againB] = await Promise.all([a.events.runDue(), b.runDue()]);
    expect(againA + againB).toBe(N);
    if (!onPg) await b.close();

    const runs = await runsOf(a.dbh.db, "t-racer");
    expect(runs).toHaveLength(N);
    expect(runs.every((r) => r.status === "completed")).toBe(true);
    for (const s of ["one", "two", "three"]) {
      const counts = await countsBy(a.dbh.db, s);
      expect(counts.size).toBe(N);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
    }
  });

  it("retries a failing step with backoff, then records the failure; completed steps are not re-run", async () => {
    const clock = createTestClock(T0);
    const rt = await runtimeOn(await freshPlace(), clock);
    await rt.events.publish({ name: "booking/no-show", data: { ...ref("flaky"), reportedBy: "student" } });
    expect(await rt.events.runDue()).toBe(1);
    let [run] = await runsOf(rt.dbh.db, "t-flaky");
    expect(run).toMatchObject({
      status: "queued",
      attempt: 1,
      maxAttempts: 3,
      lastError: "Error: boom",
      wakeAt: new Date(T0.getTime() + 10_000),
    });

    expect(await rt.events.runDue()).toBe(0); // backing off
    clock.advance(10_000);
    expect(await rt.events.runDue()).toBe(1);
    [run] = await runsOf(rt.dbh.db, "t-flaky");
    expect(run).toMatchObject({ status: "queued", attempt: 2, wakeAt: new Date(T0.getTime() + 30_000) });

    clock.advance(20_000);
    expect(await rt.events.runDue()).toBe(1);
    [run] = await runsOf(rt.dbh.db, "t-flaky");
    expect(run).toMatchObject({
      status: "failed",
      attempt: 3,
      lastError: "Error: boom",
      finishedAt: clock.now(),
      leaseOwner: null,
    });
    clock.advance(HOUR);
    expect(await rt.events.runDue()).toBe(0);
    expect(await countsBy(rt.dbh.db, "explode")).toEqual(new Map([["flaky", 3]]));
    expect(await countsBy(rt.dbh.db, "ok")).toEqual(new Map([["flaky", 1]]));
  });

  it("cancelOn: a matching event cancels the sleeping run in the database; others run", async () => {
    const clock = createTestClock(T0);
    const rt = await runtimeOn(await freshPlace(), clock);
    const sent = (conversationId: string) => ({
      name: "message/sent" as const,
      data: { messageId: newId(), conversationId, senderId: "a", recipientId: "b" },
    });
    await rt.events.publish([sent("c1"), sent("c2")]);
    await rt.events.runDue();
    expect((await runsOf(rt.dbh.db, "t-cancellable")).map((r) => r.status)).toEqual(["sleeping", "sleeping"]);

    await rt.events.publish({
      name: "message/read",
      data: { conversationId: "c1", readerId: "b", upToMessageId: "m" },
    });
    const byConv = async () =>
      new Map((await runsOf(rt.dbh.db, "t-cancellable")).map((r) => [r.eventData.conversationId, r]));
    expect((await byConv()).get("c1")).toMatchObject({
      status: "cancelled",
      lastError: "cancelled by message/read",
      finishedAt: T0,
    });
    expect((await byConv()).get("c2")!.status).toBe("sleeping");

    clock.advance(2 * HOUR);
    expect(await rt.events.runDue()).toBe(1);
    expect((await byConv()).get("c1")!.status).toBe("cancelled");
    expect((await byConv()).get("c2")!.status).toBe("completed");
    expect((await effects(rt.dbh.db, "send")).map((e) => e.run_key)).toEqual(["c2"]);
  });

  it("drops a duplicate event id (also within one batch); events without an id always run", async () => {
    const clock = createTestClock(T0);
    const rt = await runtimeOn(await freshPlace(), clock);
    const e = { name: "booking/completed" as const, data: ref("dup"), id: "booking/completed:dup" };
    await rt.events.publish([e, e]);
    await rt.events.publish(e);
    expect(await runsOf(rt.dbh.db, "t-sleeper")).toHaveLength(1);
    await rt.events.publish({ name: "booking/completed", data: ref("no-id") });
    await rt.events.publish({ name: "booking/completed", data: ref("no-id") });
    expect(await runsOf(rt.dbh.db, "t-sleeper")).toHaveLength(3);
    await rt.events.idle();
    expect(await countsBy(rt.dbh.db, "before")).toEqual(
      new Map([
        ["dup", 1],
        ["no-id", 2],
      ]),
    );
  });

  it("reclaims the run of a process that died mid-step once its lease expires; the dead process's late writes are refused", async () => {
    const place = await freshPlace();
    const clock = createTestClock(T0);
    let release!: () => void;
    const gates = new Map([["crash", new Promise<void>((r) => (release = r))]]);
    // Process A gets stuck inside step "after" (as if it died there): its clock stays at T0.
    const frozen = createTestClock(T0);
    const a = await runtimeOn(place, frozen, { leaseMs: 5 * 60_000, gates, owner: "process-a" });
    await a.events.publish({ name: "booking/completed", data: ref("crash") });
    await a.events.runDue();
    frozen.advance(HOUR);
    const stuck = a.events.runDue();
    const deadline = Date.now() + 5000;
    while ((await runsOf(a.dbh.db, "t-sleeper"))[0]!.status !== "running" && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    expect((await runsOf(a.dbh.db, "t-sleeper"))[0]).toMatchObject({ status: "running", leaseOwner: "process-a" });

    // Process B (on PGlite: a second runner on the same handle) sees a valid lease, then an expired one.
    const bRunner = createDurableRunner({
      db: a.dbh.db,
      functions: testFunctions(() => a.dbh.db, clock),
      services: () => a.services,
      options: { now: clock.now, background: false, owner: "process-b" },
    });
    clock.set(frozen.now());
    expect(await bRunner.runDue()).toBe(0);
    clock.advance(5 * 60_000 + 1);
    expect(await bRunner.runDue()).toBe(1);
    const [run] = await runsOf(a.dbh.db, "t-sleeper");
    expect(run).toMatchObject({
      status: "completed",
      leaseOwner: null,
      lastError: "lease expired: the worker stopped before finishing the run",
    });
    expect(await countsBy(a.dbh.db, "before")).toEqual(new Map([["crash", 1]])); // memoised by A, not re-run by B
    expect(await countsBy(a.dbh.db, "after")).toEqual(new Map([["crash", 1]]));

    // A wakes up: its step's effect happens (the documented at-least-once case), but its result is refused.
    release();
    await stuck;
    await bRunner.close();
    expect(await countsBy(a.dbh.db, "after")).toEqual(new Map([["crash", 2]]));
    expect((await runsOf(a.dbh.db, "t-sleeper"))[0]).toMatchObject({ status: "completed", finishedAt: clock.now() });
  });

  it("idle() runs what is due and leaves future sleepers alone", async () => {
    const clock = createTestClock(T0);
    const rt = await runtimeOn(await freshPlace(), clock);
    await rt.events.publish({ name: "booking/completed", data: ref("idle") });
    await rt.events.idle();
    expect((await runsOf(rt.dbh.db, "t-sleeper"))[0]!.status).toBe("sleeping");
    clock.advance(HOUR);
    await rt.events.idle();
    expect((await runsOf(rt.dbh.db, "t-sleeper"))[0]!.status).toBe("completed");
  });
});
