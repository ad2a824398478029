import { hash, verify } from "@node-rs/argon2";
import { RateLimitedError } from "~/server/errors";

// OWASP's Argon2id baseline (m=19 MiB, t=2, p=1). Algorithm 2 = Argon2id.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/** How long a login may wait for a free hashing slot before it is turned away (busy server, not a wrong password). */
export const PASSWORD_QUEUE_TIMEOUT_MS = 5_000;
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Argon2 is CPU and memory heavy: a burst of logins must not starve the process. At most `limit`
 * hashes run at once; the rest wait in FIFO order up to a timeout.
 */
export class HashGate {
  private active = 0;
  private readonly queue: { resolve: () => void; timer: ReturnType<typeof setTimeout> }[] = [];
  constructor(
    private readonly limit: number,
    private readonly timeoutMs = PASSWORD_QUEUE_TIMEOUT_MS,
  ) {}

  get stats() {
    return { active: this.active, queued: this.queue.length };
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve, reject) => {
        const entry = {
          resolve,
          timer: setTimeout(() => {
            const i = this.queue.indexOf(entry);
            if (i >= 0) this.queue.splice(i, 1);
            reject(
              new RateLimitedError("The server is busy signing people in. Try again in a moment.", 2, {
                reason: "busy",
              }),
            );
          }, this.timeoutMs),
        };
        this.queue.push(entry);
      });
    } else {
      this.active++;
    }
    try {
      return await work();
    } finally {
      const next = this.queue.shift();
      if (next) {
        clearTimeout(next.timer);
        next.resolve(); // the slot passes straight to the next waiter
      } else {
        this.active--;
      }
    }
  }
}

export type PasswordHasher = {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
};

export function createPasswordHasher(gate: HashGate): PasswordHasher {
  return {
    hash: (password) => gate.run(() => hash(password, OPTIONS)),
    verify: (passwordHash, password) => gate.run(() => verify(passwordHash, password).catch(() => false)),
  };
}

/** A real Argon2id hash of a random string: verifying against it costs the same as a real account, so unknown emails are not revealed by timing. */
export const DUMMY_PASSWORD_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$GpnoqXUEH+5DMIZ0fxOTWg$tIwsUXRAbp3Nhyi3AyTdb6ebJe8+BB9yEhF2BIJMfG4";
