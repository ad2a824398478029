import { createHash } from "node:crypto";
import type { DbOrTx } from "~/server/db/client";
import { ConflictError } from "~/server/errors";
import type { IdempotencyKeyRef, IdempotencyRepository } from "~/server/repositories/idempotency";

/** How long a request waits for another in-flight request with the same key and payload before giving up. */
export const IDEMPOTENCY_WAIT_MS = 15_000;
/** A pending reservation older than this belongs to an attempt that died; a retry may take it over. */
export const IDEMPOTENCY_STALE_MS = 60_000;
const POLL_MS = 25;

/** Marks the work done with what it made (e.g. the booking id); pass the work's transaction to commit both together. */
export type IdempotencyDone = (resultRef: string, tx?: DbOrTx) => Promise<void>;

/** Canonical JSON: object keys sorted, Dates as ISO strings, undefined dropped — equal requests hash equal. */
function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

export function requestHash(request: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(canonical(request)))
    .digest("hex");
}

type Deps = { repo: IdempotencyRepository; sleep?: (ms: number) => Promise<void> };

/**
 * Idempotent mutations for clients that retry (a double click, a flaky network): the key is reserved in the
 * database *before* the work runs, so exactly one request per (scope, user, key) does the work.
 * - the same key with the same payload: every request gets the one result (later ones replay it, concurrent ones
 *   wait for it);
 * - the same key with a different payload: CONFLICT, "this key was used for a different request";
 * - a failed attempt releases the key, so a retry can succeed.
 * Usable by any mutation (bookings, payments): give it a scope, the request (without the key) and the work.
 */
export function createIdempotencyService({ repo, sleep = (ms) => new Promise((r) => setTimeout(r, ms)) }: Deps) {
  return {
    /** Runs `work` at most once per key; `replay` turns a stored result reference back into the response. */
    async run<T>(
      ref: IdempotencyKeyRef,
      request: unknown,
      fns: { work: (done: IdempotencyDone) => Promise<T>; replay: (resultRef: string) => Promise<T> },
    ): Promise<T> {
      const hash = requestHash(request);
      const execute = async (id: string): Promise<T> => {
        try {
          return await fns.work(async (resultRef, tx) => {
            if (!(await repo.complete(id, resultRef, tx)))
              throw new ConflictError("This request was already completed. Please refresh.");
          });
        } finally {
          // Deletes only a still-pending reservation: after a commit this is a no-op; after a failure (or a work
          // that rolled back its transaction) it frees the key for a retry.
          await repo.release(id).catch(() => undefined);
        }
      };
      const deadline = Date.now() + IDEMPOTENCY_WAIT_MS;
      for (;;) {
        const mine = await repo.reserve({ ...ref, requestHash: hash });
        if (mine) return execute(mine.id);
        const row = await repo.find(ref);
        if (!row) continue; // released between our insert and our read: try to reserve again
        if (row.requestHash !== hash) {
          throw new ConflictError(
            "This idempotency key was already used for a different request. Use a new key for a new request.",
            {
              reason: "idempotency_key_reused",
            },
          );
        }
        if (row.status === "completed" && row.resultRef) return fns.replay(row.resultRef);
        if (await repo.reclaimStale(row.id, IDEMPOTENCY_STALE_MS)) return execute(row.id);
        if (Date.now() > deadline) {
          throw new ConflictError("The same request is still being processed. Try again in a moment.", {
            reason: "idempotency_in_progress",
          });
        }
        await sleep(POLL_MS);
      }
    },
  };
}
export type IdempotencyService = ReturnType<typeof createIdempotencyService>;
