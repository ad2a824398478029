import type { Role } from "~/server/db/schema";

/** Procedures require permissions, never role names. */
export const PERMISSIONS = [
  "account:manage:own",
  "booking:create",
  "booking:read:own",
  "booking:manage:own",
  "booking:manage:any",
  "instructor:manage:own",
  "availability:manage:own",
  "message:send",
  "message:moderate",
  "review:write",
  "favourite:manage:own",
  "payment:manage:own",
  "payout:manage:own",
  "admin:access",
  "admin:users",
  "admin:instructors",
  "admin:payments",
  "admin:bookings",
  "admin:moderation",
  "admin:jobs",
  "admin:search-config",
  "admin:audit",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const common: Permission[] = ["account:manage:own", "booking:read:own", "booking:manage:own", "message:send"];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  student: new Set<Permission>([
    ...common,
    "booking:create",
    "review:write",
    "favourite:manage:own",
    "payment:manage:own",
  ]),
  instructor: new Set<Permission>([...common, "instructor:manage:own", "availability:manage:own", "payout:manage:own"]),
  admin: new Set<Permission>(PERMISSIONS),
};

export function permissionsOf(role: Role): ReadonlySet<Permission> {
  return ROLE_PERMISSIONS[role];
}
