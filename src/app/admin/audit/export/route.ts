import { auditQuery } from "~/components/admin/audit-filters";
import { csvResponse, queryOf } from "~/components/admin/csv-response";
import { serverApi } from "~/trpc/server";

/** The audit log (same filters) as CSV, newest first; admins with 2FA only (`admin.audit.export`). */
export async function GET(req: Request) {
  const { cursor: _cursor, ...filter } = auditQuery(queryOf(req));
  return csvResponse(async () => (await serverApi()).admin.audit.export(filter));
}
