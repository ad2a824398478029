import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type * as EnvNs from "./env";

type EnvModule = typeof EnvNs;

/** Loads env.ts afresh with exactly these variables (everything else about the deployment unset). */
async function loadEnv(vars: Record<string, string | undefined>): Promise<EnvModule> {
  vi.resetModules();
  vi.stubEnv("NODE_ENV", "test");
  for (const key of [
    "DATABASE_URL",
    "REDIS_URL",
    "AUTH_SECRET",
    "AUTH_SECRET_FILE",
    "TURNSTILE_SECRET_KEY",
    "RESEND_API_KEY",
    "TWILIO_ACCOUNT_SID",
    "OPENAI_API_KEY",
    "INNGEST_EVENT_KEY",
    "STRIPE_SECRET_KEY",
    "STRIPE_PUBLISHABLE_KEY",
    "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY",
    "STRIPE_WEBHOOK_SECRET",
    "INSTAINSTRU_ALLOW_EMBEDDED",
  ]) {
    vi.stubEnv(key, "");
  }
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v ?? "");
  return import("./env");
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

const tmpSecretFile = () => join(mkdtempSync(join(tmpdir(), "ii-secret-")), "auth-secret");
const REAL = {
  DATABASE_URL: "postgres://db.example/app",
  REDIS_URL: "redis://cache.example:6379",
  STRIPE_SECRET_KEY: "sk_test_x",
  STRIPE_PUBLISHABLE_KEY: "pk_test_x",
  STRIPE_WEBHOOK_SECRET: "whsec_x",
};

describe("session secret (hardening item 1)", () => {
  it("production with real parts still requires AUTH_SECRET even with the embedded flag", async () => {
    await expect(
      loadEnv({ NODE_ENV: "production", INSTAINSTRU_ALLOW_EMBEDDED: "1", ...REAL, TURNSTILE_SECRET_KEY: "ts" }),
    ).rejects.toThrow(/AUTH_SECRET: AUTH_SECRET is required/);
    // A single real part is enough to make it a real deployment.
    await expect(
      loadEnv({
        NODE_ENV: "production",
        INSTAINSTRU_ALLOW_EMBEDDED: "1",
        RESEND_API_KEY: "re_x",
        TURNSTILE_SECRET_KEY: "ts",
      }),
    ).rejects.toThrow(/AUTH_SECRET/);
  });

  it("the embedded default generates a random secret on first use, kept 0600 in the data directory and read back", async () => {
    const file = tmpSecretFile();
    const m = await loadEnv({ NODE_ENV: "production", INSTAINSTRU_ALLOW_EMBEDDED: "1", AUTH_SECRET_FILE: file });
    const secret = m.authSecret();
    expect(secret).not.toMatch(/instainstru|development|secret/i);
    expect(Buffer.from(secret, "base64url").length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, "utf8").trim()).toBe(secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // Another process (a fresh module) reads the same secret back instead of minting a new one.
    const again = await loadEnv({ NODE_ENV: "production", INSTAINSTRU_ALLOW_EMBEDDED: "1", AUTH_SECRET_FILE: file });
    expect(again.authSecret()).toBe(secret);
    // A different data directory gets a different secret: nothing fixed.
    const other = await loadEnv({ AUTH_SECRET_FILE: tmpSecretFile() });
    expect(other.authSecret()).not.toBe(secret);
  });

  it("loading the environment (as next build does) creates no secret file", async () => {
    const file = tmpSecretFile();
    await loadEnv({ NODE_ENV: "production", INSTAINSTRU_ALLOW_EMBEDDED: "1", AUTH_SECRET_FILE: file });
    expect(() => statSync(file)).toThrow();
  });

  it("a configured AUTH_SECRET wins and no file is written", async () => {
    const file = tmpSecretFile();
    const m = await loadEnv({
      NODE_ENV: "production",
      ...REAL,
      AUTH_SECRET: "s".repeat(40),
      TURNSTILE_SECRET_KEY: "ts",
      AUTH_SECRET_FILE: file,
    });
    expect(m.authSecret()).toBe("s".repeat(40));
    expect(() => statSync(file)).toThrow();
  });

  it("refuses a short AUTH_SECRET", async () => {
    await expect(loadEnv({ AUTH_SECRET: "short" })).rejects.toThrow(/AUTH_SECRET/);
  });
});

describe("CAPTCHA secret (hardening item 6)", () => {
  it("production without the embedded demo requires TURNSTILE_SECRET_KEY", async () => {
    await expect(loadEnv({ NODE_ENV: "production", ...REAL, AUTH_SECRET: "s".repeat(40) })).rejects.toThrow(
      /TURNSTILE_SECRET_KEY: TURNSTILE_SECRET_KEY is required/,
    );
    await expect(
      loadEnv({ NODE_ENV: "production", INSTAINSTRU_ALLOW_EMBEDDED: "1", ...REAL, AUTH_SECRET: "s".repeat(40) }),
    ).rejects.toThrow(/TURNSTILE_SECRET_KEY/);
  });

  it("the local verifier is chosen only in development, tests and the fully-embedded demo", async () => {
    expect((await loadEnv({ NODE_ENV: "development" })).captchaMode()).toBe("local");
    expect((await loadEnv({ NODE_ENV: "test" })).captchaMode()).toBe("local");
    expect(
      (
        await loadEnv({ NODE_ENV: "production", INSTAINSTRU_ALLOW_EMBEDDED: "1", AUTH_SECRET_FILE: tmpSecretFile() })
      ).captchaMode(),
    ).toBe("local");
    expect(
      (
        await loadEnv({ NODE_ENV: "production", ...REAL, AUTH_SECRET: "s".repeat(40), TURNSTILE_SECRET_KEY: "ts" })
      ).captchaMode(),
    ).toBe("turnstile");
    expect((await loadEnv({ NODE_ENV: "development", TURNSTILE_SECRET_KEY: "ts" })).captchaMode()).toBe("turnstile");
  });
});

describe("generated secret across processes", () => {
  it("processes starting at once all end up with the same secret", async () => {
    const { execFile } = await import("node:child_process");
    const file = tmpSecretFile();
    const script = `import { readOrCreateSecretFile } from ${JSON.stringify(new URL("./auth-secret.ts", import.meta.url).pathname)}; process.stdout.write(readOrCreateSecretFile(${JSON.stringify(file)}));`;
    const run = () =>
      new Promise<string>((resolve, reject) =>
        execFile(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], (err, out) =>
          err ? reject(new Error(err.message)) : resolve(out),
        ),
      );
    const secrets = await Promise.all([run(), run(), run(), run()]);
    expect(new Set(secrets).size).toBe(1);
    expect(readFileSync(file, "utf8").trim()).toBe(secrets[0]);
  }, 30_000);
});
