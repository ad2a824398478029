import { z } from "zod";
import { readOrCreateSecretFile } from "./auth-secret";

/**
 * The one place that reads process.env. Every setting is optional outside production: unset means the
 * embedded default (PGlite, in-process Redis ports, local payment/email/captcha adapters).
 */
const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.url().optional());
const optionalString = z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).optional());

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: optionalUrl,
    REDIS_URL: optionalUrl,
    /** Prefix of every Redis key and channel, so several deployments or test runs can share one Redis. */
    REDIS_PREFIX: z.string().max(64).default("ii:"),
    /** Where the embedded PGlite keeps its files. */
    PGLITE_DIR: z.string().default(".data/pglite"),
    /** Signs sessions and encrypts TOTP secrets. Unset: a random secret generated at AUTH_SECRET_FILE (embedded only). */
    AUTH_SECRET: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
    ),
    /** Where the embedded default keeps its generated session secret. */
    AUTH_SECRET_FILE: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).default(".data/auth-secret")),
    /** Public origin of the site, used for CSRF origin checks and links. */
    APP_URL: z.url().default("http://localhost:3000"),
    TURNSTILE_SITE_KEY: optionalString,
    TURNSTILE_SECRET_KEY: optionalString,
    TURNSTILE_VERIFY_URL: z.url().default("https://challenges.cloudflare.com/turnstile/v0/siteverify"),
    TWILIO_ACCOUNT_SID: optionalString,
    TWILIO_AUTH_TOKEN: optionalString,
    TWILIO_FROM_NUMBER: optionalString,
    TWILIO_BASE_URL: optionalUrl,
    RESEND_API_KEY: optionalString,
    /** Points the Resend SDK at another API origin (a local stand-in in tests). */
    RESEND_BASE_URL: optionalUrl,
    EMAIL_FROM: z.string().min(3).default("InstaInstru <no-reply@instainstru.local>"),
    /** With a key, search uses OpenAI for unsure parses, place lookup and embeddings; without, local adapters. */
    OPENAI_API_KEY: optionalString,
    /** Points the OpenAI SDK at another API origin (a local stand-in in tests, a proxy). */
    OPENAI_BASE_URL: optionalUrl,
    OPENAI_MODEL: z.string().min(1).default("gpt-4o-mini"),
    OPENAI_EMBEDDING_MODEL: z.string().min(1).default("text-embedding-3-small"),
    /** With a key, payments go through Stripe (Connect); without, the local gateway with Stripe's test cards. */
    STRIPE_SECRET_KEY: optionalString,
    /** `whsec_…` of the /api/webhooks/stripe endpoint; required in production with a key. */
    STRIPE_WEBHOOK_SECRET: optionalString,
    /** `pk_…` for Stripe Elements (read at runtime and handed to the page; either name works). */
    STRIPE_PUBLISHABLE_KEY: optionalString,
    NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: optionalString,
    /** Points the Stripe SDK at another API origin (a local stand-in in tests, stripe-mock). */
    STRIPE_API_BASE: optionalUrl,
    INNGEST_EVENT_KEY: optionalString,
    INNGEST_SIGNING_KEY: optionalString,
    /** Points the Inngest client at a self-hosted server or dev server. */
    INNGEST_BASE_URL: optionalUrl,
    /** "1": talk to an Inngest dev server (no keys needed). */
    INNGEST_DEV: z.enum(["0", "1"]).optional(),
    /** Argon2 verifications allowed at once per process; more wait in a queue. */
    /**
     * Reverse proxies in front of the app that append to X-Forwarded-For. The client address is the entry
     * this many places from the right (what the outermost trusted proxy saw); entries further left are
     * client-supplied and ignored. 0 (default) = no proxy: X-Forwarded-For is not trusted at all and the
     * client is the connection's peer address (passed in by scripts/serve.ts).
     */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
    /**
     * Set by scripts/serve.ts for its own process (random per start, never configured by hand): proves that the
     * peer-address header on a request was written by our server, not by a client.
     */
    INSTAINSTRU_PEER_TOKEN: optionalString,
    PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    /** "1" enables /api/test-hooks (e2e fixtures that need past data). Refused in production builds unless embedded. */
    E2E_TEST_HOOKS: z.enum(["0", "1"]).default("0"),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
    /** Where the local storage adapter keeps uploads (profile photos). */
    UPLOAD_DIR: z.string().min(1).default(".data/uploads"),
    /** Largest accepted upload in bytes (default 5 MiB). */
    UPLOAD_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(50 * 1024 * 1024)
      .default(5 * 1024 * 1024),
    // Tests only: run integration tests against real servers instead of PGlite / in-process ports.
    TEST_DATABASE_URL: optionalUrl,
    TEST_REDIS_URL: optionalUrl,
  })
  .superRefine((env, ctx) => {
    // Stripe: the card form must talk to the account and mode (test/live) the server charges in, a deployment
    // with a key must verify webhooks, and production must not take pretend payments on the local gateway.
    const publishable = env.STRIPE_PUBLISHABLE_KEY ?? env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;
    const stripeMode = (key: string) => (/^(sk|rk|pk)_live_/.test(key) ? "live" : "test");
    if (env.STRIPE_SECRET_KEY) {
      if (!publishable)
        ctx.addIssue({
          code: "custom",
          path: ["STRIPE_PUBLISHABLE_KEY"],
          message: "STRIPE_PUBLISHABLE_KEY is required with STRIPE_SECRET_KEY",
        });
      else if (stripeMode(publishable) !== stripeMode(env.STRIPE_SECRET_KEY)) {
        ctx.addIssue({
          code: "custom",
          path: ["STRIPE_PUBLISHABLE_KEY"],
          message: "STRIPE_PUBLISHABLE_KEY and STRIPE_SECRET_KEY must both be test or both be live keys",
        });
      }
      if (env.NODE_ENV === "production" && !env.STRIPE_WEBHOOK_SECRET) {
        ctx.addIssue({
          code: "custom",
          path: ["STRIPE_WEBHOOK_SECRET"],
          message: "STRIPE_WEBHOOK_SECRET is required in production when STRIPE_SECRET_KEY is set",
        });
      }
    } else if (publishable) {
      ctx.addIssue({
        code: "custom",
        path: ["STRIPE_PUBLISHABLE_KEY"],
        message: "STRIPE_PUBLISHABLE_KEY needs STRIPE_SECRET_KEY (without it the local gateway runs)",
      });
    } else if (env.NODE_ENV === "production" && process.env.INSTAINSTRU_ALLOW_EMBEDDED !== "1") {
      ctx.addIssue({
        code: "custom",
        path: ["STRIPE_SECRET_KEY"],
        message: "STRIPE_SECRET_KEY is required in production",
      });
    }
    // Production must not silently fall back to embedded parts, a generated secret or the local CAPTCHA. The
    // embedded flag relaxes this only for the fully-embedded demo: once any real part is configured it is a real
    // deployment and needs every one of these.
    if (env.NODE_ENV === "production" && !isEmbeddedDemo(env.NODE_ENV)) {
      for (const key of ["DATABASE_URL", "REDIS_URL", "AUTH_SECRET", "TURNSTILE_SECRET_KEY"] as const) {
        if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: `${key} is required in production` });
      }
    }
  });

/** Settings that connect a real part (database, cache, provider). Any of them makes a deployment "real". */
const REAL_PART_KEYS = [
  "DATABASE_URL",
  "REDIS_URL",
  "RESEND_API_KEY",
  "TWILIO_ACCOUNT_SID",
  "OPENAI_API_KEY",
  "INNGEST_EVENT_KEY",
  "INNGEST_SIGNING_KEY",
  "STRIPE_SECRET_KEY",
] as const;

/** A production build explicitly running the embedded parts (INSTAINSTRU_ALLOW_EMBEDDED=1) with no real part at all. */
function isEmbeddedDemo(nodeEnv: string): boolean {
  return (
    nodeEnv === "production" &&
    process.env.INSTAINSTRU_ALLOW_EMBEDDED === "1" &&
    REAL_PART_KEYS.every((k) => !process.env[k])
  );
}

export type Env = z.infer<typeof schema> & {
  ALLOW_EMBEDDED: boolean;
  /** Production build running fully embedded (the demo): the only production that may use generated/local secrets. */
  EMBEDDED_DEMO: boolean;
};

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  return {
    ...parsed.data,
    ALLOW_EMBEDDED: process.env.INSTAINSTRU_ALLOW_EMBEDDED === "1",
    EMBEDDED_DEMO: isEmbeddedDemo(parsed.data.NODE_ENV),
  };
}

export const env: Env = load();

let generatedSecret: string | undefined;

/**
 * The secret that signs sessions and encrypts TOTP secrets: AUTH_SECRET, or (embedded default only — production
 * deployments must configure AUTH_SECRET, see the schema) a random one generated in the data directory. Resolved
 * lazily on first use at runtime, never while a module is evaluated, so `next build` neither writes nor bakes one.
 */
export function authSecret(): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  generatedSecret ??= readOrCreateSecretFile(env.AUTH_SECRET_FILE);
  return generatedSecret;
}

/** Which CAPTCHA verifier to use: Turnstile when a secret is set (required in production outside the demo), else the local one. */
export function captchaMode(): "turnstile" | "local" {
  return env.TURNSTILE_SECRET_KEY ? "turnstile" : "local";
}

/** The publishable key Stripe Elements needs, under either accepted name (undefined: the local gateway runs). */
export function stripePublishableKey(): string | undefined {
  return env.STRIPE_SECRET_KEY ? (env.STRIPE_PUBLISHABLE_KEY ?? env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY) : undefined;
}
