import type { UserRepository } from "~/server/repositories/users";
import { permissionsOf, type Permission } from "~/server/auth/permissions";
import type { Role } from "~/server/db/schema";

/** The person behind a request, with what they may do. */
export type Actor = {
  userId: string;
  role: Role;
  permissions: ReadonlySet<Permission>;
  twoFactorEnabled: boolean;
  timeZone: string;
};

/** Turns session claims into an actor, refusing sessions of suspended/deleted users or older session versions. */
export function createSessionService({ users }: { users: UserRepository }) {
  return {
    async resolveActor(claims: { userId: string; sessionVersion: number } | null): Promise<Actor | null> {
      if (!claims) return null;
      const u = await users.findById(claims.userId);
      if (!u || u.status !== "active" || u.sessionVersion !== claims.sessionVersion) return null;
      return { userId: u.id, role: u.role, permissions: permissionsOf(u.role), twoFactorEnabled: Boolean(u.totpEnabledAt), timeZone: u.timeZone };
    },
  };
}
