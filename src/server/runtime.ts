import { Redis } from "ioredis";
import { env, authSecret, captchaMode } from "~/server/config/env";
import { openDatabase, migrateDatabase, type DbHandle } from "~/server/db/client";
import { createMemoryCache, createRedisCache, type Cache } from "~/server/kv/cache";
import { createMemoryRateLimiters, createRedisRateLimiters, type RateLimiterFactory } from "~/server/kv/rate-limit";
import { createMemoryBus, createRedisBus, type EventBus } from "~/server/realtime/bus";
import {
  createLocalCaptchaVerifier,
  createTurnstileVerifier,
  type CaptchaVerifier,
} from "~/server/integrations/turnstile";
import { HashGate, createPasswordHasher, type PasswordHasher } from "~/server/auth/password";
import { createOutboxRepository } from "~/server/repositories/outbox";
import { createOutboxSms, createTwilioSms, type SmsSender } from "~/server/integrations/sms";
import { createOutboxEmail, createResendEmail, type EmailSender } from "~/server/integrations/email";
import {
  createLocalEmbedder,
  createLocalLlm,
  createOpenAiPorts,
  type Embedder,
  type LlmPort,
} from "~/server/integrations/openai";
import { createPaymentGateway, type PaymentGateway } from "~/server/integrations/payments";
import type { EventPublisher } from "~/server/events/publisher";
import { validateEvents } from "~/server/events/publisher";
import type { DurableRunnerOptions } from "~/server/events/durable-runner";
import type { AnyFunctionSpec } from "~/server/events/functions";
import type { Services } from "~/server/services";

/** Settings services read (from the environment by default; tests may override them). */
export type RuntimeConfig = {
  /** Public base URL, for links in emails and payment redirects. */
  appUrl: string;
  /** Largest accepted upload (profile photos, documents). */
  uploadMaxBytes: number;
  /** Whether the dev outbox (messages stored instead of sent) may be read: an outbox adapter, and not a real production deployment. */
  outboxAvailable: boolean;
};

/**
 * Process-wide parts: one database pool, Redis connections (one command, one subscriber), ports.
 * Everything that differs between production and the embedded default is chosen here, once.
 */
export type Runtime = {
  dbh: DbHandle;
  cache: Cache;
  limiters: RateLimiterFactory;
  bus: EventBus;
  captcha: CaptchaVerifier;
  sms: SmsSender;
  email: EmailSender;
  /** Search's LLM (OpenAI when configured; otherwise unavailable and the fast parser serves alone). */
  llm: LlmPort;
  /** Search's embeddings (OpenAI when configured; otherwise the deterministic local embedder). */
  embedder: Embedder;
  /** Payments: Stripe when STRIPE_SECRET_KEY is set, else the local gateway (its state in this database). */
  payments: PaymentGateway;
  hasher: PasswordHasher;
  hashGate: HashGate;
  secret: string;
  /** Domain events: Inngest when configured, else the durable in-process runner of the same functions. */
  events: RuntimeEvents;
  /** Which store backs cache, limits and bus. */
  kv: "redis" | "memory";
  /** The clock every service reads (the durable runner's too, unless `events.now` says otherwise). */
  now: () => Date;
  config: RuntimeConfig;
  /** The services, wired once for this runtime (composition root: `src/server/services/index.ts`). */
  services: Services;
  close(): Promise<void>;
};

export type RuntimeOptions = {
  databaseUrl?: string;
  pgliteDir?: string;
  redisUrl?: string;
  /** Key prefix so several test runs can share one Redis. */
  namespace?: string;
  migrate?: boolean;
  captcha?: CaptchaVerifier;
  sms?: SmsSender;
  email?: EmailSender;
  llm?: LlmPort;
  embedder?: Embedder;
  /** Replaces the payment gateway (tests: a local gateway with its own clock, or the Stripe adapter against a stand-in). */
  payments?: PaymentGateway;
  hashConcurrency?: number;
  /** The clock (tests: a `TestClock`'s `now`); defaults to the system clock. */
  now?: () => Date;
  /** Overrides of settings otherwise read from the environment. */
  config?: Partial<RuntimeConfig>;
  /** Force the in-process event runner even when Inngest is configured (tests). */
  localEvents?: boolean;
  /**
   * The durable runner (when Inngest isn't configured): its clock (default: the runtime's), `background: false` to drive it with
   * `rt.events.runDue()` only, and `functions` to run a test-only list instead of the product's.
   */
  events?: DurableRunnerOptions & { functions?: AnyFunctionSpec[] };
};

export async function createRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const dbh = await openDatabase({ url: opts.databaseUrl, pgliteDir: opts.pgliteDir });
  if (opts.migrate) await migrateDatabase(dbh);
  const ns = opts.namespace ?? "ii:";
  let cache: Cache, limiters: RateLimiterFactory, bus: EventBus;
  const closers: (() => Promise<unknown>)[] = [];
  if (opts.redisUrl) {
    const redis = new Redis(opts.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
    const subscriber = new Redis(opts.redisUrl, { lazyConnect: false });
    cache = createRedisCache(redis, ns);
    limiters = createRedisRateLimiters(redis, ns);
    bus = createRedisBus(redis, subscriber, ns);
    closers.push(
      () => bus.close(),
      async () => redis.disconnect(),
    );
  } else {
    cache = createMemoryCache();
    limiters = createMemoryRateLimiters();
    bus = createMemoryBus();
  }
  const captcha =
    opts.captcha ??
    // Local (dummy-token) verifier only in dev, tests and the fully-embedded demo: env validation requires the
    // Turnstile secret in every other production deployment.
    (captchaMode() === "turnstile" && env.TURNSTILE_SECRET_KEY
      ? createTurnstileVerifier({ secretKey: env.TURNSTILE_SECRET_KEY, verifyUrl: env.TURNSTILE_VERIFY_URL })
      : createLocalCaptchaVerifier());
  const sms =
    opts.sms ??
    (env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM_NUMBER
      ? await createTwilioSms({
          accountSid: env.TWILIO_ACCOUNT_SID,
          authToken: env.TWILIO_AUTH_TOKEN,
          from: env.TWILIO_FROM_NUMBER,
          baseUrl: env.TWILIO_BASE_URL,
        })
      : createOutboxSms(createOutboxRepository(dbh.db)));
  const email =
    opts.email ??
    (env.RESEND_API_KEY
      ? await createResendEmail({ apiKey: env.RESEND_API_KEY, from: env.EMAIL_FROM, baseUrl: env.RESEND_BASE_URL })
      : createOutboxEmail(createOutboxRepository(dbh.db)));
  const openai =
    env.OPENAI_API_KEY && (!opts.llm || !opts.embedder)
      ? await createOpenAiPorts({
          apiKey: env.OPENAI_API_KEY,
          baseURL: env.OPENAI_BASE_URL,
          model: env.OPENAI_MODEL,
          embeddingModel: env.OPENAI_EMBEDDING_MODEL,
        })
      : null;
  const llm = opts.llm ?? openai?.llm ?? createLocalLlm();
  const embedder = opts.embedder ?? openai?.embedder ?? createLocalEmbedder();
  const payments =
    opts.payments ??
    (await createPaymentGateway({
      db: dbh.db,
      appUrl: env.APP_URL,
      stripe: {
        secretKey: env.STRIPE_SECRET_KEY,
        webhookSecret: env.STRIPE_WEBHOOK_SECRET,
        apiBase: env.STRIPE_API_BASE,
      },
    }));
  const hashGate = new HashGate(opts.hashConcurrency ?? env.PASSWORD_HASH_CONCURRENCY);
  const config: RuntimeConfig = {
    appUrl: env.APP_URL,
    uploadMaxBytes: env.UPLOAD_MAX_BYTES,
    outboxAvailable:
      (sms.kind === "outbox" || email.kind === "outbox") && (env.NODE_ENV !== "production" || env.ALLOW_EMBEDDED),
    ...opts.config,
  };
  const rt = {} as Runtime;
  Object.assign(rt, {
    dbh,
    cache,
    limiters,
    bus,
    captcha,
    sms,
    email,
    llm,
    embedder,
    payments,
    hasher: createPasswordHasher(hashGate),
    hashGate,
    secret: authSecret(),
    kv: opts.redisUrl ? "redis" : "memory",
    now: opts.now ?? (() => new Date()),
    config,
    // Set just below: the services read the runtime's ports, and the runner reads the services.
    services: undefined as unknown as Services,
    events: await createEventPublisher(() => rt, dbh, opts),
    async close() {
      await rt.events.close();
      for (const c of closers) await c();
      await dbh.close();
    },
  } satisfies Runtime);
  // Loaded here, after this module has finished loading (services import modules that import this one).
  const { createServices } = await import("~/server/services");
  rt.services = createServices(rt);
  return rt;
}

/** Publishing plus the controls of the in-process runner (no-ops when Inngest runs the functions). */
export type RuntimeEvents = EventPublisher & {
  /** Resolves when this process runs nothing and nothing is due (runs what is due meanwhile). */
  idle(): Promise<void>;
  /** Claims and runs every run due at the runner's `now()`, awaiting them; returns how many executions ran. */
  runDue(): Promise<number>;
  /** Stops the background loop and waits for the runs in flight (called by `rt.close()`). */
  close(): Promise<void>;
  /** The runner's clock. */
  now(): Date;
};

/**
 * Inngest when configured (inngest/client.ts); otherwise the durable runner, started with the runtime so runs
 * sleeping in the database wake up after a restart. The function modules import services, which import this
 * module: they are loaded here, after this module has finished loading.
 */
async function createEventPublisher(
  runtime: () => Runtime,
  dbh: DbHandle,
  opts: RuntimeOptions,
): Promise<RuntimeEvents> {
  const { inngest, inngestConfigured } = await import("../../inngest/client");
  if (inngestConfigured && !opts.localEvents) {
    return {
      kind: "inngest",
      async publish(events) {
        await inngest.send(
          validateEvents(events).map((e) => ({ name: e.name, data: e.data, ...(e.id ? { id: e.id } : {}) })),
        );
      },
      idle: async () => undefined,
      runDue: async () => 0,
      close: async () => undefined,
      now: opts.now ?? (() => new Date()),
    };
  }
  const { functions, ...rest } = opts.events ?? {};
  const options = { ...rest, now: rest.now ?? opts.now };
  const { createDurableRunner } = await import("~/server/events/durable-runner");
  const specs = functions ?? (await import("../../inngest")).definedFunctions.map((d) => d.spec);
  return createDurableRunner({
    db: dbh.db,
    functions: specs,
    services: () => runtime().services,
    options,
  });
}

const globalForRuntime = globalThis as unknown as { __instainstruRuntime?: Promise<Runtime> };

/**
 * The process's runtime, opened lazily on first use and kept on globalThis across dev reloads
 * (only one process may own a PGlite directory, and never while `next build` runs).
 */
export function getRuntime(): Promise<Runtime> {
  globalForRuntime.__instainstruRuntime ??= createRuntime({
    databaseUrl: env.DATABASE_URL,
    pgliteDir: env.PGLITE_DIR,
    redisUrl: env.REDIS_URL,
    namespace: env.REDIS_PREFIX,
    // The start scripts migrate before serving; migrating again here is a cheap no-op that protects `next dev`.
    migrate: true,
  });
  return globalForRuntime.__instainstruRuntime;
}
