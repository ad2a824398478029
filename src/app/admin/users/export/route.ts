import { csvResponse, queryOf } from "~/components/admin/csv-response";
import { userQuery } from "~/components/admin/user-filters";
import { serverApi } from "~/trpc/server";

/** The users table (same filters and order) as CSV; admins with 2FA only (`admin.users.export`). */
export async function GET(req: Request) {
  const { page: _page, ...filter } = userQuery(queryOf(req));
  return csvResponse(async () => (await serverApi()).admin.users.export(filter));
}
