import type { Metadata } from "next";
import Link from "next/link";
import { adminGate } from "~/components/admin/admin-gate";
import {
  CsvExportLink,
  DataTable,
  FilterBar,
  FilterSelect,
  FilterText,
  hrefWith,
  PagePager,
  SortableHeader,
  tableParams,
  Td,
  Th,
} from "~/components/admin/data-table";
import { USER_ROLE_OPTIONS, USER_STATUS_OPTIONS, userQuery } from "~/components/admin/user-filters";
import { fmtDateTime } from "~/components/time/format";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Users" };

const PATH = "/admin/users";
const PAGE_SIZE = 25;

/** Every account: search by name, email or id, filter by role and status, sort and page on the server. */
export default async function AdminUsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { me, blocked } = await adminGate(PATH, "admin:users", "Users");
  if (!me) return blocked;
  const params = tableParams(await searchParams);
  const query = userQuery(params);
  const result = await (
    await serverApi()
  ).admin.users
    .list({ ...query, pageSize: PAGE_SIZE })
    .then((v) => ({ ok: true as const, v }))
    .catch((e: Error) => ({ ok: false as const, message: e.message }));
  const { page: _page, ...exportQuery } = query;
  const sortParams = { sort: params.sort, dir: params.dir };

  return (
    <div className="mx-auto w-full max-w-7xl px-4 py-10 sm:px-6 lg:px-8">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-3xl font-bold tracking-tight text-slate-900">Users</h1>
          <p className="mt-1 text-slate-600">Find an account, see its activity, suspend it or reset its 2FA.</p>
        </div>
        <CsvExportLink href={hrefWith(`${PATH}/export`, exportQuery)} />
      </div>

      <div className="mt-6">
        <FilterBar action={PATH} label="Filter users" keep={sortParams} resetHref={PATH}>
          <FilterText
            name="q"
            label="Name, email or id"
            defaultValue={params.q}
            placeholder="e.g. sam@ or Carter"
            className="min-w-[14rem]"
          />
          <FilterSelect name="role" label="Role" defaultValue={query.role} options={USER_ROLE_OPTIONS} />
          <FilterSelect name="status" label="Status" defaultValue={query.status} options={USER_STATUS_OPTIONS} />
        </FilterBar>
      </div>

      <div className="mt-6">
        {!result.ok ? (
          <Alert tone="error" title="Couldn't load users">
            {result.message}
          </Alert>
        ) : (
          <>
            <DataTable
              caption="Users"
              isEmpty={result.v.rows.length === 0}
              empty={
                <>
                  No users match these filters.{" "}
                  <Link href={PATH} className="font-medium text-brand-700 hover:underline">
                    Clear filters
                  </Link>
                </>
              }
              head={
                <>
                  <SortableHeader label="Name" column="name" basePath={PATH} params={params} />
                  <SortableHeader label="Email" column="email" basePath={PATH} params={params} />
                  <SortableHeader label="Role" column="role" basePath={PATH} params={params} />
                  <SortableHeader label="Status" column="status" basePath={PATH} params={params} />
                  <Th>2FA</Th>
                  <SortableHeader
                    label="Last sign-in"
                    column="lastLogin"
                    basePath={PATH}
                    params={params}
                    defaultDir="desc"
                  />
                  <SortableHeader
                    label="Joined"
                    column="created"
                    basePath={PATH}
                    params={{ ...params, sort: params.sort ?? "created", dir: params.dir ?? "desc" }}
                    defaultDir="desc"
                  />
                </>
              }
            >
              {result.v.rows.map((u) => (
                <tr key={u.id} className="hover:bg-slate-50">
                  <Td>
                    <Link href={`${PATH}/${u.id}`} className="font-medium text-brand-700 hover:underline">
                      {u.firstName} {u.lastName}
                    </Link>
                  </Td>
                  <Td className="break-all text-slate-700">{u.email}</Td>
                  <Td className="text-slate-700 capitalize">{u.role}</Td>
                  <Td>
                    <Badge tone={u.status === "active" ? "success" : u.status === "suspended" ? "danger" : "neutral"}>
                      {u.status}
                    </Badge>
                  </Td>
                  <Td className="text-slate-700">{u.twoFactorEnabled ? "On" : "Off"}</Td>
                  <Td className="whitespace-nowrap text-slate-600">
                    {u.lastLoginAt ? fmtDateTime(u.lastLoginAt, me.timeZone) : "Never"}
                  </Td>
                  <Td className="whitespace-nowrap text-slate-600">{fmtDateTime(u.createdAt, me.timeZone)}</Td>
                </tr>
              ))}
            </DataTable>
            <PagePager
              basePath={PATH}
              params={params}
              page={result.v.page}
              pageSize={result.v.pageSize}
              total={result.v.total}
              label="Users pages"
            />
          </>
        )}
      </div>
    </div>
  );
}
