/**
 * bench/messaging — end-to-end delivery latency of a message: from calling the `conversations.send` mutation to
 * the `message.created` event arriving at the OTHER participant's subscriber, with 1,000 open subscriptions
 * (500 student–instructor pairs, every user subscribed):
 *   1. one process, in-process bus, subscribers via createCaller (the generator the SSE handler runs);
 *   2. one process, in-process bus, 1,000 real SSE connections over HTTP, send over HTTP;
 *   3. one process, Redis bus (publish → Redis → the process's one subscriber connection → listeners);
 *   4. two processes via Redis: the sender is a child process (src/test/messaging-peer.ts) on the same database;
 * plus a raw Redis publish→receive round trip measured in the same run, and the ratios of 3/4 to it.
 * Sends are sequential (one message in flight) so the figures are latency, not queueing.
 *
 * Needs PostgreSQL and Redis for 3–4 (defaults: the machine's services; `--db=postgres://…` `--redis=redis://…`);
 * without them it runs 1–2 on PGlite. Run: npx tsx bench/messaging.ts. Writes bench/results/messaging.json.
 */
import { spawn } from "node:child_process";
import { request, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { createHTTPServer } from "@trpc/server/adapters/standalone";
import { Redis } from "ioredis";
import postgres from "postgres";
import superjson from "superjson";
import { newId } from "~/lib/ids";
import { appRouter, createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { conversations, conversationUserState, instructorProfiles, users } from "~/server/db/schema";
import { createRuntime, type Runtime } from "~/server/runtime";
import type { ConversationEvent } from "~/server/services/messaging/types";
import { readTimeTag, timeTag } from "~/test/messaging-fixtures";
import { sessionFor } from "~/test/sessions";
import { summarize, writeReport, type Summary } from "./stats";

const SUBSCRIBERS = 1_000;
const PAIRS = SUBSCRIBERS / 2;
const SENDS = 500;
const WARMUP = 30;
const RAW_ROUNDS = 1_000;
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const adminDbUrl = arg("db") ?? "postgres://postgres@127.0.0.1:5432/postgres";
const redisUrl = arg("redis") ?? "redis://127.0.0.1:6379";
const now = () => performance.timeOrigin + performance.now();
const t0 = performance.now();
const log = (m: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1)}s] ${m}`);

/* ───────────── infrastructure ───────────── */

async function probePostgres(): Promise<boolean> {
  const sql = postgres(adminDbUrl, { max: 1, connect_timeout: 2, onnotice: () => undefined });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}
async function probeRedis(): Promise<boolean> {
  const r = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await r.connect();
    return (await r.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

const hasPg = await probePostgres();
const hasRedis = hasPg && (await probeRedis());
let databaseUrl: string | undefined;
let dropDatabase = async () => undefined as unknown;
if (hasPg) {
  const name = `ii_bench_msg_${newId().toLowerCase()}`;
  const admin = postgres(adminDbUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const u = new URL(adminDbUrl);
  u.pathname = `/${name}`;
  databaseUrl = u.toString();
  dropDatabase = async () => {
    const a = postgres(adminDbUrl, { max: 1, onnotice: () => undefined });
    await a.unsafe(`drop database if exists ${name} with (force)`);
    await a.end();
  };
}
log(`database: ${hasPg ? "postgresql" : "pglite"}; redis: ${hasRedis ? "yes" : "no (skipping Redis scenarios)"}`);

/* ───────────── seed: 500 pairs, one conversation each ───────────── */

type Pair = { studentId: string; instructorId: string; conversationId: string };
const seedRt = await createRuntime({
  databaseUrl,
  pgliteDir: hasPg ? undefined : "memory://",
  migrate: true,
  localEvents: true,
});
const pairs: Pair[] = [];
{
  const db = seedRt.dbh.db;
  const mk = (role: "student" | "instructor", n: number) => ({
    email: `${role}${n}.${newId().slice(-8).toLowerCase()}@bench.test`,
    passwordHash: "bench-no-login",
    role,
    firstName: role === "student" ? "Stu" : "Ins",
    lastName: `N${n}`,
  });
  const students = await db
    .insert(users)
    .values(Array.from({ length: PAIRS }, (_, n) => mk("student", n)))
    .returning({ id: users.id });
  const instructors = await db
    .insert(users)
    .values(Array.from({ length: PAIRS }, (_, n) => mk("instructor", n)))
    .returning({ id: users.id });
  await db.insert(instructorProfiles).values(instructors.map((i) => ({ userId: i.id })));
  const convs = await db
    .insert(conversations)
    .values(students.map((s, n) => ({ studentId: s.id, instructorId: instructors[n]!.id })))
    .returning();
  await db.insert(conversationUserState).values(
    convs.flatMap((c) => [
      { conversationId: c.id, userId: c.studentId },
      { conversationId: c.id, userId: c.instructorId },
    ]),
  );
  for (const c of convs) pairs.push({ studentId: c.studentId, instructorId: c.instructorId, conversationId: c.id });
}
const allUsers = pairs.flatMap((p) => [p.studentId, p.instructorId]);
log(`seeded ${allUsers.length} users, ${pairs.length} conversations`);

/* ───────────── delivery tracking ───────────── */

/** Latency of each benchmark message at its recipient, keyed by the message's body tag. */
class Tracker {
  latencies: number[] = [];
  /** Bus publish (after commit) → subscriber: the fan-out part of the latency. */
  fanout: number[] = [];
  private publishedAt = new Map<string, number>();
  private waiters = new Map<string, () => void>();
  private early = new Set<string>();
  onMessage(recipientId: string, senderId: string | null, body: string | null) {
    if (!body?.startsWith("bench|") || senderId === recipientId) return;
    const [, key, tag] = body.split("|");
    const t = now();
    this.latencies.push(t - readTimeTag(tag!));
    const published = this.publishedAt.get(key!);
    if (published !== undefined) this.fanout.push(t - published);
    const w = this.waiters.get(key!);
    if (w) w();
    else this.early.add(key!);
  }
  wait(key: string, timeoutMs = 10_000) {
    if (this.early.delete(key)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`message ${key} not delivered in ${timeoutMs} ms`)), timeoutMs);
      this.waiters.set(key, () => (clearTimeout(t), this.waiters.delete(key), resolve()));
    });
  }
  reset() {
    this.latencies = [];
    this.fanout = [];
  }
  /** Wraps the runtime's bus to note when each benchmark message is published. */
  instrument(rt: Runtime) {
    const publish = rt.bus.publish.bind(rt.bus);
    rt.bus.publish = (channel, message) => {
      if (message.includes('"bench|')) {
        const env = JSON.parse(message) as { kind: string; event: { type: string; message?: { body?: string } } };
        const key =
          env.kind === "durable" && env.event.type === "message.created"
            ? env.event.message?.body?.split("|")[1]
            : undefined;
        if (key && !this.publishedAt.has(key)) this.publishedAt.set(key, now());
      }
      return publish(channel, message);
    };
  }
}

/** 1,000 subscriptions through createCaller (exactly the generator the SSE route runs). */
async function openCallerSubscriptions(rt: Runtime, tracker: Tracker) {
  const controllers: AbortController[] = [];
  const pumps: Promise<void>[] = [];
  await Promise.all(
    allUsers.map(async (userId) => {
      const ac = new AbortController();
      controllers.push(ac);
      const ctx = await createContextInner({ rt, session: await sessionFor(rt, { id: userId, sessionVersion: 1 }) });
      const iterable = await createCaller(ctx, { signal: ac.signal }).conversations.events({});
      let ready: () => void = () => undefined;
      const isReady = new Promise<void>((r) => (ready = r));
      pumps.push(
        (async () => {
          try {
            for await (const item of iterable) {
              const event = (item as unknown as [string, ConversationEvent])[1];
              if (event.type === "ready") ready();
              else if (event.type === "message.created")
                tracker.onMessage(userId, event.message.senderId, event.message.body);
            }
          } catch (e) {
            if ((e as { name?: string }).name !== "AbortError") throw e; // closing ends the stream with an AbortError
          }
        })(),
      );
      await isReady;
    }),
  );
  return async () => {
    for (const c of controllers) c.abort();
    await Promise.all(pumps);
  };
}

async function sequentialSends(
  rt: Runtime,
  tracker: Tracker,
  send: (p: Pair, n: number, body: string) => Promise<void>,
) {
  const sendMs: number[] = [];
  for (let n = 0; n < WARMUP + SENDS; n++) {
    if (n === WARMUP) tracker.reset();
    const pair = pairs[n % PAIRS]!;
    const key = `${n}`;
    const delivered = tracker.wait(key);
    const at = now();
    await send(pair, n, `bench|${key}|${timeTag(at)}`);
    if (n >= WARMUP) sendMs.push(now() - at);
    await delivered;
  }
  await rt.events.idle();
  return {
    delivery: summarize(tracker.latencies),
    publishToSubscriber: summarize(tracker.fanout),
    sendMutation: summarize(sendMs),
  };
}

/** Sender alternates sides: even sends student → instructor, odd instructor → student. */
const senderOf = (p: Pair, n: number) => (n % 2 ? p.instructorId : p.studentId);

async function callerSendScenario(label: string, kind: "memory" | "redis") {
  const rt =
    kind === "memory" && !hasPg
      ? seedRt
      : await createRuntime({
          databaseUrl,
          redisUrl: kind === "redis" ? redisUrl : undefined,
          namespace: `bench:${newId()}:`,
          localEvents: true,
        });
  const tracker = new Tracker();
  tracker.instrument(rt);
  const ts = performance.now();
  const close = await openCallerSubscriptions(rt, tracker);
  log(`${label}: ${SUBSCRIBERS} subscriptions open in ${Math.round(performance.now() - ts)} ms`);
  const callers = new Map<string, ReturnType<typeof createCaller>>();
  const callerOf = async (userId: string) => {
    let c = callers.get(userId);
    if (!c)
      callers.set(
        userId,
        (c = createCaller(
          await createContextInner({ rt, session: await sessionFor(rt, { id: userId, sessionVersion: 1 }) }),
        )),
      );
    return c;
  };
  const r = await sequentialSends(rt, tracker, async (p, n, body) => {
    await (
      await callerOf(senderOf(p, n))
    ).conversations.send({ conversationId: p.conversationId, clientId: newId(), body });
  });
  await close();
  if (rt !== seedRt) await rt.close();
  log(
    `${label}: delivery p50 ${r.delivery.p50} ms p95 ${r.delivery.p95} ms p99 ${r.delivery.p99} ms | publish→subscriber p50 ${r.publishToSubscriber.p50} ms p99 ${r.publishToSubscriber.p99} ms | send mutation p50 ${r.sendMutation.p50} ms`,
  );
  return r;
}

/* ───────────── SSE over HTTP ───────────── */

async function sseScenario(label: string) {
  const rt = hasPg ? await createRuntime({ databaseUrl, namespace: `bench:${newId()}:`, localEvents: true }) : seedRt;
  const benchSessions = new Map<string, ReturnType<typeof sessionFor>>();
  const server = createHTTPServer({
    router: appRouter,
    // The bench authenticates by header; the app's route reads the session cookie instead.
    createContext: async ({ req }) => {
      const userId = String(req.headers["x-bench-user"]);
      let session = benchSessions.get(userId);
      if (!session) benchSessions.set(userId, (session = sessionFor(rt, { id: userId, sessionVersion: 1 })));
      return createContextInner({ rt, session: await session });
    },
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  const tracker = new Tracker();
  tracker.instrument(rt);
  const responses: IncomingMessage[] = [];
  const ts = performance.now();
  await Promise.all(
    allUsers.map(
      (userId) =>
        new Promise<void>((resolve, reject) => {
          const req = request(
            {
              host: "127.0.0.1",
              port,
              path: "/conversations.events",
              headers: { "x-bench-user": userId, accept: "text/event-stream" },
            },
            (res) => {
              responses.push(res);
              let buf = "";
              res.setEncoding("utf8");
              res.on("data", (chunk: string) => {
                buf += chunk;
                let at: number;
                while ((at = buf.indexOf("\n\n")) >= 0) {
                  const block = buf.slice(0, at);
                  buf = buf.slice(at + 2);
                  const data = block.split("\n").find((l) => l.startsWith("data: "));
                  if (!data || data.length <= 6) continue; // pings carry no data
                  const parsed = JSON.parse(data.slice(6)) as unknown;
                  if (typeof parsed !== "object" || parsed === null || !("json" in parsed)) continue;
                  const event = superjson.deserialize<ConversationEvent>(parsed as never);
                  if (event.type === "ready") resolve();
                  else if (event.type === "message.created")
                    tracker.onMessage(userId, event.message.senderId, event.message.body);
                }
              });
              res.on("error", () => undefined);
            },
          );
          req.on("error", reject);
          req.end();
        }),
    ),
  );
  log(`${label}: ${SUBSCRIBERS} SSE connections open in ${Math.round(performance.now() - ts)} ms`);
  const post = (userId: string, path: string, input: unknown) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify(superjson.serialize(input));
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path,
          method: "POST",
          headers: {
            "x-bench-user": userId,
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  const r = await sequentialSends(rt, tracker, (p, n, body) =>
    post(senderOf(p, n), "/conversations.send", { conversationId: p.conversationId, clientId: newId(), body }),
  );
  for (const res of responses) res.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (rt !== seedRt) await rt.close();
  log(
    `${label}: delivery p50 ${r.delivery.p50} ms p95 ${r.delivery.p95} ms p99 ${r.delivery.p99} ms | publish→SSE client p50 ${r.publishToSubscriber.p50} ms p99 ${r.publishToSubscriber.p99} ms | send over HTTP p50 ${r.sendMutation.p50} ms`,
  );
  return r;
}

/* ───────────── two processes via Redis ───────────── */

async function twoProcessScenario(label: string) {
  const namespace = `bench:${newId()}:`;
  const rt = await createRuntime({ databaseUrl, redisUrl, namespace, localEvents: true });
  const tracker = new Tracker();
  const close = await openCallerSubscriptions(rt, tracker);
  log(`${label}: ${SUBSCRIBERS} subscriptions open; starting the sender process`);
  const senders = Array.from({ length: WARMUP + SENDS }, (_, n) => {
    const p = pairs[n % PAIRS]!;
    return { userId: senderOf(p, n), sessionVersion: 1, conversationId: p.conversationId };
  });
  // The peer sends sequentially with a short gap so one message is in flight at a time (latency, not queueing).
  const args = { databaseUrl, redisUrl, namespace, senders, count: WARMUP + SENDS, gapMs: 8, prefix: "bench" };
  const out = await new Promise<{ sendMs: number[] }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/test/messaging-peer.ts", JSON.stringify(args)], {
      env: { ...process.env, LOG_LEVEL: "error" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.on("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(stdout.trim().split("\n").pop()!) as { sendMs: number[] })
        : reject(new Error(`peer exited ${code}`)),
    );
  });
  const deadline = Date.now() + 10_000;
  while (tracker.latencies.length < WARMUP + SENDS && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  // Discard the warm-up (the child's first sends run cold code).
  const delivery = summarize(tracker.latencies.slice(WARMUP));
  const sendMutation = summarize(out.sendMs.slice(WARMUP));
  await close();
  await rt.close();
  log(
    `${label}: delivery p50 ${delivery.p50} ms p95 ${delivery.p95} ms p99 ${delivery.p99} ms (received ${tracker.latencies.length}/${WARMUP + SENDS})`,
  );
  return { delivery, sendMutation, received: tracker.latencies.length, expected: WARMUP + SENDS };
}

/* ───────────── raw Redis ───────────── */

async function rawRedis(): Promise<Summary> {
  const pub = new Redis(redisUrl);
  const sub = new Redis(redisUrl);
  const channel = `bench:raw:${newId()}`;
  await sub.subscribe(channel);
  let resolve: () => void = () => undefined;
  sub.on("message", () => resolve());
  const ms: number[] = [];
  for (let n = 0; n < RAW_ROUNDS + 50; n++) {
    const got = new Promise<void>((r) => (resolve = r));
    const at = now();
    await pub.publish(
      channel,
      JSON.stringify({ kind: "durable", id: newId(), prev: newId(), event: { type: "x", n } }),
    );
    await got;
    if (n >= 50) ms.push(now() - at);
  }
  pub.disconnect();
  sub.disconnect();
  const s = summarize(ms);
  log(`raw Redis publish→receive: p50 ${s.p50} ms p95 ${s.p95} ms p99 ${s.p99} ms`);
  return s;
}

/* ───────────── run ───────────── */

const report: Record<string, unknown> = {
  // Figures on a shared 2-core machine move with its load: record it.
  machine: {
    cores: os.cpus().length,
    node: process.version,
    loadAverageAtStart: os.loadavg().map((x) => +x.toFixed(2)),
  },
  database: hasPg ? "postgresql" : "pglite",
  subscriptions: SUBSCRIBERS,
  sends: SENDS,
  warmup: WARMUP,
  note: "ms; delivery = send mutation call → message.created at the other participant's subscriber; sequential sends",
};
const ratio = (a: Summary, b: Summary) => ({
  p50: +(a.p50 / b.p50).toFixed(1),
  p95: +(a.p95 / b.p95).toFixed(1),
  p99: +(a.p99 / b.p99).toFixed(1),
});
try {
  const raw = hasRedis ? await rawRedis() : null;
  report.rawRedisRoundTrip = raw;
  report.oneProcessInProcessBus = await callerSendScenario("1 process, in-process bus", "memory");
  report.oneProcessInProcessBusSse = await sseScenario("1 process, in-process bus, SSE over HTTP");
  if (hasRedis && raw) {
    const redisOne = await callerSendScenario("1 process, Redis bus", "redis");
    const redisTwo = await twoProcessScenario("2 processes via Redis");
    const rawAfter = await rawRedis();
    report.oneProcessRedisBus = redisOne;
    report.twoProcessesRedis = redisTwo;
    report.rawRedisRoundTripAfter = rawAfter;
    report.ratioToRawRedis = {
      oneProcessRedisBusDelivery: ratio(redisOne.delivery, raw),
      twoProcessesRedisDelivery: ratio(redisTwo.delivery, raw),
      oneProcessRedisBusPublishToSubscriber: ratio(redisOne.publishToSubscriber, raw),
    };
    console.log(
      `ratio to raw Redis (p50/p95/p99): delivery 1 process ${JSON.stringify(ratio(redisOne.delivery, raw))}; delivery 2 processes ${JSON.stringify(ratio(redisTwo.delivery, raw))}; publish→subscriber ${JSON.stringify(ratio(redisOne.publishToSubscriber, raw))}`,
    );
  }
} finally {
  await seedRt.close();
  await dropDatabase();
}
(report.machine as Record<string, unknown>).loadAverageAtEnd = os.loadavg().map((x) => +x.toFixed(2));
console.log(`report: ${writeReport("messaging", report)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
process.exit(0);
