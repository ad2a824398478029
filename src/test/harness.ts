/**
 * Integration-test harness: a real database (a fresh PostgreSQL database per test file when
 * TEST_DATABASE_URL is set, otherwise an in-memory PGlite) and real Redis when TEST_REDIS_URL is set
 * (namespaced per file), with the same migrations and services as production.
 */
import postgres from "postgres";
import { Redis } from "ioredis";
import { newId } from "~/lib/ids";
import { env } from "~/server/config/env";
import { createRuntime, type Runtime, type RuntimeOptions } from "~/server/runtime";
import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { createUserRepository, type UserRow } from "~/server/repositories/users";
import { instructorProfiles, type Role } from "~/server/db/schema";
import { createLocalCaptchaVerifier } from "~/server/integrations/turnstile";
import { sessionFor } from "./sessions";

export { actorFor, sessionFor } from "./sessions";

export type TestRuntime = Runtime & { label: string };

/** Opens a migrated, empty database and the KV ports for one test file. */
export async function createTestRuntime(overrides: Partial<RuntimeOptions> = {}): Promise<TestRuntime> {
  const namespace = `test:${newId()}:`;
  let databaseUrl: string | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (env.TEST_DATABASE_URL) {
    const name = `ii_test_${newId().toLowerCase()}`;
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
  }
  const rt = await createRuntime({
    databaseUrl,
    redisUrl: env.TEST_REDIS_URL,
    namespace,
    migrate: true,
    captcha: createLocalCaptchaVerifier(),
    ...overrides,
  });
  return {
    ...rt,
    label: `${rt.dbh.driver}+${rt.kv}`,
    async close() {
      await rt.close();
      await dropDatabase?.();
      if (env.TEST_REDIS_URL) await deleteRedisNamespace(env.TEST_REDIS_URL, namespace);
    },
  };
}

/**
 * A caller acting as the given user (or signed out), as the HTTP handler would build it: a fresh signed-in session.
 * Time is the runtime's clock (`createTestRuntime({ now: clock.now })`).
 */
export async function callerFor(rt: Runtime, user?: Pick<UserRow, "id" | "sessionVersion"> | null, ip = "203.0.113.7") {
  const ctx = await createContextInner({ rt, session: user ? await sessionFor(rt, user, ip) : null, ip });
  return createCaller(ctx);
}

/** Deletes every key of one test runtime's namespace (cache, rate limits), so runs leave nothing behind in Redis. */
async function deleteRedisNamespace(url: string, namespace: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${namespace}*`, "COUNT", 500);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

let counter = 0;
export const TEST_PASSWORD = "correct horse battery staple";

/** Inserts a user directly through the repository (fast path for tests that are not about sign-up). */
export async function createTestUser(
  rt: Runtime,
  opts: {
    role?: Role;
    email?: string;
    password?: string;
    firstName?: string;
    lastName?: string;
    timeZone?: string;
    /** Default true: most tests book; pass false for an account that has not clicked its verification link. */
    emailVerified?: boolean;
  } = {},
): Promise<UserRow> {
  const users = createUserRepository(rt.dbh.db);
  const role = opts.role ?? "student";
  const user = await users.insert({
    email: opts.email ?? `${role}${++counter}.${newId().slice(-6).toLowerCase()}@example.test`,
    passwordHash: await rt.hasher.hash(opts.password ?? TEST_PASSWORD),
    role,
    firstName: opts.firstName ?? "Test",
    lastName: opts.lastName ?? "Person",
    timeZone: opts.timeZone ?? "America/New_York",
    emailVerifiedAt: opts.emailVerified === false ? null : new Date(),
  });
  if (role === "instructor")
    await rt.dbh.db.insert(instructorProfiles).values({ userId: user.id, timeZone: user.timeZone });
  return user;
}
