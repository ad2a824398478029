import path from "node:path";
import { mkdirSync } from "node:fs";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import * as schema from "./schema";

export type Schema = typeof schema;
/** One database type for both drivers: repositories never know which one runs. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle is used exactly like the database. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DbOrTx = Database | Tx;

export type DbCapabilities = {
  /** pgvector is installed: search may use vector similarity in SQL. */
  vector: boolean;
};

export type DbHandle = {
  db: Database;
  driver: "postgres" | "pglite";
  capabilities: DbCapabilities;
  close(): Promise<void>;
};

const MIGRATIONS = path.join(process.cwd(), "drizzle");

/**
 * Opens PostgreSQL when a URL is given, otherwise the embedded PGlite (data directory, or in memory
 * for "memory://"). Capabilities are detected here, once.
 */
export async function openDatabase(opts: { url?: string; pgliteDir?: string; poolSize?: number }): Promise<DbHandle> {
  let handle: Omit<DbHandle, "capabilities">;
  if (opts.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(opts.url, { max: opts.poolSize ?? 10, onnotice: () => undefined, prepare: true });
    handle = {
      db: drizzle(client, { schema, casing: "snake_case" }),
      driver: "postgres",
      close: () => client.end({ timeout: 5 }),
    };
  } else {
    const { PGlite } = await import("@electric-sql/pglite");
    const { vector } = await import("@electric-sql/pglite-pgvector");
    const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
    const { btree_gist } = await import("@electric-sql/pglite/contrib/btree_gist");
    const { drizzle } = await import("drizzle-orm/pglite");
    const dir = opts.pgliteDir ?? "memory://";
    if (!dir.startsWith("memory://")) mkdirSync(dir, { recursive: true });
    const client = await PGlite.create(dir, { extensions: { vector, pg_trgm, btree_gist } });
    handle = { db: drizzle(client, { schema, casing: "snake_case" }), driver: "pglite", close: () => client.close() };
  }
  return { ...handle, capabilities: await detectCapabilities(handle.db) };
}

async function detectCapabilities(db: Database): Promise<DbCapabilities> {
  try {
    const rows = await db.execute<{ present: boolean }>(
      sql`select exists(select 1 from pg_extension where extname = 'vector') as present`,
    );
    return { vector: Boolean(rowsOf<{ present: boolean }>(rows)[0]?.present) };
  } catch {
    return { vector: false };
  }
}

/** Rows of a raw `db.execute` result, whichever driver produced it. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return (result as { rows?: T[] }).rows ?? [];
}

/** Applies the committed migrations in drizzle/ (idempotent). */
export async function migrateDatabase(handle: DbHandle): Promise<void> {
  if (handle.driver === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS });
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder: MIGRATIONS });
  }
  handle.capabilities = await detectCapabilities(handle.db);
}
