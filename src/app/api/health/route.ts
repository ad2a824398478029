import { sql } from "drizzle-orm";
import { getRuntime } from "~/server/runtime";

export const dynamic = "force-dynamic";

/** Liveness + readiness: the database answers. Reports which parts are in use, nothing secret. */
export async function GET() {
  try {
    const rt = await getRuntime();
    await rt.dbh.db.execute(sql`select 1`);
    return Response.json({ ok: true, database: rt.dbh.driver, kv: rt.kv, vector: rt.dbh.capabilities.vector });
  } catch {
    return Response.json({ ok: false }, { status: 503 });
  }
}
