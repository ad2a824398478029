import type { Database, Tx } from "./client";
import { isRetryableTxError } from "./errors";

/**
 * Runs a transaction, re-running it when PostgreSQL aborts it as a deadlock victim or serialization failure.
 * Concurrent inserts checked by several exclusion constraints can wait on each other in a cycle; PostgreSQL
 * breaks the cycle by aborting one, and on retry that one sees the winner's committed row (a clean CONFLICT).
 */
export async function runTransaction<T>(db: Database, fn: (tx: Tx) => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(fn);
    } catch (e) {
      if (attempt >= attempts || !isRetryableTxError(e)) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt)); // jittered backoff
    }
  }
}
