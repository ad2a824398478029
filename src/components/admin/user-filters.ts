import type { TableParams } from "./data-table";

export const USER_ROLE_OPTIONS = [
  ["student", "Students"],
  ["instructor", "Instructors"],
  ["admin", "Admins"],
] as const;
export const USER_STATUS_OPTIONS = [
  ["active", "Active"],
  ["suspended", "Suspended"],
  ["deleted", "Deleted"],
] as const;
const SORTS = ["created", "name", "email", "role", "status", "lastLogin"] as const;

const pick = <T extends string>(v: string | undefined, allowed: readonly T[]): T | undefined =>
  allowed.find((a) => a === v);

/** The users table's URL params as the `admin.users.list` / `export` input (unknown values dropped). */
export function userQuery(p: TableParams) {
  const page = Number(p.page);
  return {
    q: p.q?.slice(0, 200),
    role: pick(
      p.role,
      USER_ROLE_OPTIONS.map(([v]) => v),
    ),
    status: pick(
      p.status,
      USER_STATUS_OPTIONS.map(([v]) => v),
    ),
    sort: pick(p.sort, SORTS) ?? "created",
    dir: p.dir === "asc" ? ("asc" as const) : ("desc" as const),
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}
