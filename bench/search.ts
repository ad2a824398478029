/**
 * bench/search — `search.instructors` on the scaled seed (scale 17 ≈ 5,100 instructors, ~8,300 services):
 * a fixed mix of 50 labelled queries, uncached and cached, in-process (sequential and 20 concurrent) and over
 * HTTP at 20 concurrent (skip with --no-http): against a bare tRPC HTTP server running the app's router in its own
 * process (bench/search-server.ts), or against `next start` with --next (needs a current `next build`).
 *
 * Database: a PGlite directory (.data/bench-search), or a fresh database on TEST_DATABASE_URL's server when set
 * (dropped at the end). `--reuse` keeps an already seeded PGlite directory. Prints figures and writes
 * bench/results/search.json (search-postgres.json for a TEST_DATABASE_URL run). Not a test: it never fails on a time.
 */
import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import os from "node:os";
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { env } from "~/server/config/env";
import { users } from "~/server/db/schema";
import { DEMO_ACCOUNTS, isSeeded, seedDatabase } from "~/server/db/seed/seed";
import { createRuntime, type Runtime } from "~/server/runtime";
import { SEARCH_CONFIG_KEY, DEFAULT_SEARCH_CONFIG, type SearchConfig } from "~/server/services/search/config";
import { createPlatformConfigRepository } from "~/server/repositories/platform-config";
import { LABELLED_QUERIES } from "~/server/services/search/__fixtures__/queries";
import type { SearchResponse } from "~/server/services/search/views";
import { startServer } from "./http-client";
import { sessionFor } from "~/test/sessions";
import { loadTest, summarize, writeReport } from "./stats";

const SCALE = 17;
const ROUNDS = 4;
const CONCURRENCY = 20;
const args = new Set(process.argv.slice(2));
const dir = ".data/bench-search";

/** The fixed mix: every fourth labelled query (all categories, places, prices, times; a few typos). */
const MIX = LABELLED_QUERIES.filter((_, i) => i % 4 === 0)
  .slice(0, 50)
  .map((l) => l.q);

let databaseUrl: string | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
if (env.TEST_DATABASE_URL) {
  const name = `ii_bench_search_${Date.now()}`;
  const admin = postgres(env.TEST_DATABASE_URL, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(env.TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
  dropDatabase = async () => {
    const a = postgres(env.TEST_DATABASE_URL!, { max: 1, onnotice: () => undefined });
    await a.unsafe(`drop database if exists ${name} with (force)`);
    await a.end();
  };
} else if (!args.has("--reuse")) {
  rmSync(dir, { recursive: true, force: true });
}

const open = () =>
  createRuntime({
    databaseUrl,
    pgliteDir: databaseUrl ? undefined : dir,
    redisUrl: env.TEST_REDIS_URL,
    namespace: `bench:${Date.now()}:`,
    migrate: true,
  });
let rt: Runtime = await open();
const report: Record<string, unknown> = {
  machine: { cores: os.cpus().length, node: process.version },
  database: rt.dbh.driver,
  kv: rt.kv,
  vector: rt.dbh.capabilities.vector ? "pgvector" : "in_process",
  mix: MIX,
};

if (!(await isSeeded(rt.dbh.db))) {
  const t = Date.now();
  const summary = await seedDatabase(rt.dbh.db, rt.hasher, rt.secret, { scale: SCALE });
  report.seed = { ...summary, wallMs: Date.now() - t };
  console.log(`seeded: ${summary.instructors} instructors, ${summary.services} services in ${Date.now() - t} ms`);
}
{
  const t = Date.now();
  const r = await rt.services.search.refreshIndex();
  report.index = { ...r, wallMs: Date.now() - t };
  console.log(`search documents: built ${r.built}, touched ${r.touched} in ${Date.now() - t} ms`);
}

// Fresh planner statistics after the bulk load (autovacuum would get there eventually), then reopen the database
// as a server would after a deploy: the seeding process's grown heaps are not what a serving process looks like.
await rt.dbh.db.execute(sql`analyze`);
await rt.close();
rt = await open();

async function setSearchConfig(patch: Partial<SearchConfig>) {
  await createPlatformConfigRepository(rt.dbh.db).set(SEARCH_CONFIG_KEY, { ...DEFAULT_SEARCH_CONFIG, ...patch }, null);
}

type Sample = { ms: number; fast: boolean; degraded: boolean; results: number };
async function inProcess(label: string, cached: boolean, concurrency: number): Promise<Record<string, unknown>> {
  await setSearchConfig({ cache: { enabled: cached, resultsTtlSeconds: 3_600 } });
  // A fresh services object per call, as per request in the app; the per-process caches live on the runtime.
  const call = async (q: string): Promise<Sample> => {
    const t = performance.now();
    const r: SearchResponse = await rt.services.search.instructors(
      { q, limit: 12 },
      { ip: "198.51.100.7", actor: null },
    );
    const ms = performance.now() - t;
    const slowTier = r.diagnostics.locationTiers.some(
      (x) => x.tier === "fuzzy" || x.tier === "embedding" || x.tier === "llm",
    );
    return { ms, fast: !slowTier && r.parsed.parser === "fast", degraded: r.degraded, results: r.total.value };
  };
  for (const q of MIX) await call(q); // warm-up: JIT, statement plans, config and dictionary caches (and the results cache when cached)
  await new Promise((r) => setTimeout(r, 5_500)); // let the config TTL pass so the new knob is read
  for (const q of MIX) await call(q);
  const samples: Sample[] = [];
  let wallMs: number;
  if (concurrency === 1) {
    const t0 = performance.now();
    for (let round = 0; round < ROUNDS; round++) for (const q of MIX) samples.push(await call(q));
    wallMs = performance.now() - t0;
  } else {
    const total = MIX.length * ROUNDS;
    const t0 = performance.now();
    await loadTest(total, concurrency, async (i) => {
      samples.push(await call(MIX[i % MIX.length]!));
    });
    wallMs = performance.now() - t0;
  }
  const all = summarize(samples.map((s) => s.ms));
  const fast = summarize(samples.filter((s) => s.fast).map((s) => s.ms));
  const out = {
    concurrency,
    cached,
    all,
    fastPath: fast,
    degraded: samples.filter((s) => s.degraded).length,
    throughputPerSec: Math.round((samples.length / wallMs) * 1000),
  };
  console.log(
    `${label}: all p50 ${all.p50} ms p95 ${all.p95} ms | fast path (n=${fast.n}) p50 ${fast.p50} ms p95 ${fast.p95} ms | ${out.throughputPerSec}/s, degraded ${out.degraded}`,
  );
  return out;
}

report.inProcessUncached = await inProcess("in-process uncached, sequential", false, 1);
report.inProcessUncached20 = await inProcess(`in-process uncached, ${CONCURRENCY} concurrent`, false, CONCURRENCY);
report.inProcessCached = await inProcess("in-process cached, sequential", true, 1);
report.inProcessCached20 = await inProcess(`in-process cached, ${CONCURRENCY} concurrent`, true, CONCURRENCY);

// Per-query breakdown of one uncached pass (stages), for the report.
{
  await setSearchConfig({ cache: { enabled: false, resultsTtlSeconds: 60 } });
  await new Promise((r) => setTimeout(r, 5_500));
  const svc = rt.services.search;
  const [admin] = await rt.dbh.db.select().from(users).where(eq(users.email, DEMO_ACCOUNTS.admin));
  const actor = admin ? await rt.services.session.resolveActor(await sessionFor(rt, admin)) : null;
  const perQuery: unknown[] = [];
  for (const q of MIX) {
    const r = await svc.diagnostics({ q, limit: 12 }, { ip: "198.51.100.7", actor });
    perQuery.push({
      q,
      ms: r.diagnostics.totalMs,
      results: r.total.value,
      funnel: r.diagnostics.funnel,
      stages: Object.fromEntries(r.diagnostics.stages.map((s) => [s.stage, s.ms])),
    });
  }
  report.perQuery = perQuery;
  report.zeroResultQueries = (perQuery as { q: string; results: number }[])
    .filter((p) => p.results === 0)
    .map((p) => p.q);
}

/** Starts the server that owns the database (Next with --next, else the bare tRPC server) and waits for health. */
async function startHttp(
  port: number,
  serverEnv: Record<string, string>,
): Promise<{ base: string; stop: () => Promise<void> }> {
  if (args.has("--next")) {
    if (!existsSync(".next/BUILD_ID")) throw new Error("--next needs `next build` output");
    const s = await startServer(port, serverEnv);
    return {
      base: s.base,
      stop: async () => {
        s.stop();
        await new Promise((r) => setTimeout(r, 2_000)); // let it release the database
      },
    };
  }
  // node --import tsx: a direct child (no npx in between), so SIGTERM reaches the process that owns the database.
  const child = spawn(process.execPath, ["--import", "tsx", "bench/search-server.ts", String(port)], {
    env: { ...process.env, LOG_LEVEL: "warn", ...serverEnv },
    stdio: "ignore",
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) {
        return {
          base,
          stop: async () => {
            child.kill("SIGTERM");
            await exited;
          },
        };
      }
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill("SIGTERM");
  throw new Error("bench server did not start");
}

if (!args.has("--no-http")) {
  const http: Record<string, unknown> = {
    server: args.has("--next") ? "next start" : "tRPC standalone (bench/search-server.ts)",
  };
  for (const cached of [false, true]) {
    await setSearchConfig({ cache: { enabled: cached, resultsTtlSeconds: 3_600 } });
    await rt.close(); // one owner per PGlite directory: the server takes it over
    const server = await startHttp(3202, {
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { PGLITE_DIR: dir }),
      ...(env.TEST_REDIS_URL ? { REDIS_URL: env.TEST_REDIS_URL, REDIS_PREFIX: `bench-http:${Date.now()}:` } : {}),
    });
    const url = (q: string) =>
      `${server.base}/api/trpc/search.instructors?input=${encodeURIComponent(JSON.stringify({ json: { q, limit: 12 } }))}`;
    const get = async (q: string) => {
      const r = await fetch(url(q));
      if (!r.ok) throw new Error(String(r.status));
      await r.arrayBuffer();
    };
    for (let i = 0; i < 2; i++) for (const q of MIX) await get(q); // warm-up
    const result = await loadTest(MIX.length * ROUNDS, CONCURRENCY, (i) => get(MIX[i % MIX.length]!));
    const sequential: number[] = [];
    for (const q of MIX) {
      const t = performance.now();
      await get(q);
      sequential.push(performance.now() - t);
    }
    const seq = summarize(sequential);
    http[cached ? "cached" : "uncached"] = { concurrency: CONCURRENCY, ...result, sequential: seq };
    console.log(
      `HTTP ${cached ? "cached" : "uncached"} @${CONCURRENCY}: p50 ${result.p50} ms p95 ${result.p95} ms ${result.throughputPerSec}/s (${result.errors} errors) | sequential p50 ${seq.p50} ms p95 ${seq.p95} ms`,
    );
    await server.stop();
    rt = await open();
  }
  report.http = http;
}

await setSearchConfig({});
await rt.close();
await dropDatabase?.();
// The default (embedded) run writes search.json; a run against TEST_DATABASE_URL writes search-postgres.json.
console.log(`report: ${writeReport(databaseUrl ? "search-postgres" : "search", report)}`);
process.exit(0);
