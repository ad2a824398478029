import type { UserRepository } from "~/server/repositories/users";
import type { AuditRepository } from "~/server/repositories/audit";

/** Read-only platform views for admins. */
export function createAdminService({ users, audit }: { users: UserRepository; audit: AuditRepository }) {
  return {
    /** Accounts by role. */
    async overview(): Promise<{ usersByRole: Record<string, number> }> {
      return { usersByRole: await users.countByRole() };
    },
    /** The newest audit entries, newest first. */
    async recentAudit(limit: number) {
      return audit.listRecent(limit);
    },
  };
}
