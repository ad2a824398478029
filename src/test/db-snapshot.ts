/**
 * Whole-database fingerprints for "a rejected call wrote nothing": one row count and an order-independent content hash (sum of row hashes: no sort) per table of the
 * public schema, found dynamically (so tables added later — payments, jobs — are covered).
 */
import { sql } from "drizzle-orm";
import { rowsOf } from "~/server/db/client";
import type { Runtime } from "~/server/runtime";

export type Fingerprint = Map<string, string>;

export async function fingerprint(rt: Runtime): Promise<Fingerprint> {
  const db = rt.dbh.db;
  const tables = rowsOf<{ t: string }>(
    await db.execute(
      sql`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    ),
  ).map((r) => r.t);
  const parts = tables.map(
    (t) =>
      `select '${t}' as t, count(*)::int as n, coalesce(sum(hashtext(x::text)::bigint), 0)::text as h from "${t.replace(/"/g, '""')}" x`,
  );
  const rows = rowsOf<{ t: string; n: number; h: string }>(await db.execute(sql.raw(parts.join(" union all "))));
  return new Map(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
}

/** Tables whose rows differ between two fingerprints, with their row counts. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names]
    .filter((t) => before.get(t) !== after.get(t))
    .map((t) => `${t} (${before.get(t)?.split(":")[0] ?? "-"} → ${after.get(t)?.split(":")[0] ?? "-"} rows)`);
}
