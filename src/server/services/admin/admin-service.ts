import { DateTime } from "luxon";
import { csvFileName, toCsv } from "~/lib/csv";
import { encodeKeysetCursor, decodeKeysetCursor } from "~/lib/cursor";
import type { Database, Tx } from "~/server/db/client";
import type { Role } from "~/server/db/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "~/server/errors";
import { closeUserStreams } from "~/server/realtime/user-stream";
import type { EventBus } from "~/server/realtime/bus";
import type { AdminRepository, AuditFilter, UserFilter } from "~/server/repositories/admin";
import type { AuditRepository } from "~/server/repositories/audit";
import type { SessionRepository } from "~/server/repositories/sessions";
import type { UserRepository } from "~/server/repositories/users";
import type { Actor } from "~/server/services/auth/session-service";
import { adminAudit, type AdminCall } from "./audit-entry";

type Deps = {
  db: Database;
  users: UserRepository;
  audit: AuditRepository;
  sessions: SessionRepository;
  repo: AdminRepository;
  bus: EventBus;
  hashIp: (ip: string) => string;
  now?: () => Date;
};

/** Columns the users table sorts by. */
export { USER_SORTS } from "~/server/repositories/admin";

/** The dashboard's ranges, in days ending today (in the admin's zone). */
export const DASHBOARD_RANGES = [7, 30, 90] as const;
export type DashboardRange = (typeof DASHBOARD_RANGES)[number];

/** Most rows one CSV export holds (newest/first by the chosen order). */
export const EXPORT_MAX_ROWS = 10_000;

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/** Audit filters as the page sends them: calendar dates (inclusive) in the admin's zone. */
export type AuditQuery = Omit<AuditFilter, "from" | "to"> & { from?: string; to?: string };

function auditFilter(q: AuditQuery, zone: string): AuditFilter {
  const { from, to, ...rest } = q;
  return {
    ...rest,
    from: from ? DateTime.fromISO(from, { zone }).startOf("day").toJSDate() : undefined,
    to: to ? DateTime.fromISO(to, { zone }).plus({ days: 1 }).startOf("day").toJSDate() : undefined,
  };
}

/**
 * The admin console's dashboard, users and audit log. Reads are SQL aggregates in the admin repository; each
 * user action runs in one transaction with the user's row locked and writes exactly one audit row (before/after).
 */
export function createAdminService(deps: Deps) {
  const { db, users, audit, sessions, repo, bus } = deps;
  const now = deps.now ?? (() => new Date());
  const record = adminAudit(audit, deps.hashIp);
  const todayIn = (zone: string) => DateTime.fromJSDate(now(), { zone }).toISODate()!;

  /** The locked target of an action on another account; an admin never acts on their own account here. */
  async function lockOther(tx: Tx, call: AdminCall, id: string) {
    if (id === call.actor.userId)
      throw new ForbiddenError("You can't do that to your own account. Ask another admin.", { reason: "self" });
    const u = await repo.lockUser(tx, id);
    if (!u) throw new NotFoundError("User not found.");
    if (u.status === "deleted") throw new ConflictError("This account has been deleted.", { reason: "deleted" });
    return u;
  }

  return {
    /** Accounts by role. */
    async overview(): Promise<{ usersByRole: Record<string, number> }> {
      return { usersByRole: await users.countByRole() };
    },
    /** The newest audit entries, newest first. */
    async recentAudit(limit: number) {
      return audit.listRecent(limit);
    },

    /**
     * The last `days` local days (today included) in the admin's zone: per-day series and totals, with the
     * cancellation rate (of bookings made in the range) and the zero-result rate of searches.
     */
    async dashboard(actor: Actor, input: { days: DashboardRange }) {
      const zone = actor.timeZone;
      const today = DateTime.fromJSDate(now(), { zone }).startOf("day");
      const start = today.minus({ days: input.days - 1 });
      const end = today.plus({ days: 1 });
      const { days, totals } = await repo.dashboard({
        startDate: start.toISODate()!,
        endDate: today.toISODate()!,
        from: start.toJSDate(),
        to: end.toJSDate(),
        zone,
      });
      return {
        days: input.days,
        timeZone: zone,
        from: start.toJSDate(),
        to: end.toJSDate(),
        series: days,
        totals: {
          ...totals,
          newUsers: totals.newStudents + totals.newInstructors + totals.newAdmins,
          cancellationRate: rate(totals.cancelled, totals.bookings),
          zeroResultRate: rate(totals.zeroResults, totals.searches),
        },
      };
    },

    /** One page of users (page is 1-based). */
    async listUsers(input: UserFilter & { page: number; pageSize: number }) {
      const { rows, total } = await repo.listUsers(input, {
        offset: (input.page - 1) * input.pageSize,
        limit: input.pageSize,
      });
      return { rows, total, page: input.page, pageSize: input.pageSize };
    },

    /** Every matching user in the table's order as CSV, up to EXPORT_MAX_ROWS (times in UTC, ISO-8601). */
    async exportUsers(actor: Actor, input: UserFilter) {
      const { rows, total } = await repo.listUsers(input, { offset: 0, limit: EXPORT_MAX_ROWS });
      const csv = toCsv(
        [
          { header: "Id", value: (r: (typeof rows)[number]) => r.id },
          { header: "First name", value: (r) => r.firstName },
          { header: "Last name", value: (r) => r.lastName },
          { header: "Email", value: (r) => r.email },
          { header: "Role", value: (r) => r.role },
          { header: "Status", value: (r) => r.status },
          { header: "2FA", value: (r) => (r.twoFactorEnabled ? "on" : "off") },
          { header: "Last sign-in (UTC)", value: (r) => r.lastLoginAt },
          { header: "Joined (UTC)", value: (r) => r.createdAt },
        ],
        rows,
      );
      return { filename: csvFileName("users", todayIn(actor.timeZone)), csv, truncated: total > rows.length };
    },

    /** Everything the user page shows. */
    async userDetail(id: string) {
      const user = await repo.findUser(id);
      if (!user) throw new NotFoundError("User not found.");
      const [recentSessions, liveSessions, bookings, payments, securityEvents] = await Promise.all([
        repo.sessionsOf(id, 10),
        repo.liveSessionCount(id),
        repo.bookingsOf(id, 20),
        repo.paymentsOf(id, 20),
        repo.securityEventsOf(id, 15),
      ]);
      const { sessionVersion: _v, ...view } = user;
      return { user: view, liveSessions, recentSessions, bookings, payments, securityEvents };
    },

    /**
     * Suspends an account: status `suspended`, session version bumped and every session revoked (the next request
     * of any of them is signed out), then its open live streams are closed in every process. Sign-in is refused
     * while suspended. Suspending a suspended account changes nothing and records nothing.
     */
    async suspend(call: AdminCall, input: { userId: string; reason: string }) {
      const result = await db.transaction(async (tx) => {
        const u = await lockOther(tx, call, input.userId);
        if (u.status === "suspended") return { userId: u.id, status: "suspended" as const, sessionsRevoked: 0 };
        await users.update(u.id, { status: "suspended" }, tx);
        await users.bumpSessionVersion(u.id, tx);
        const revoked = await sessions.revokeAllOf(u.id, tx);
        await record(
          call,
          {
            action: "admin.user.suspend",
            targetType: "user",
            targetId: u.id,
            before: { status: u.status },
            after: { status: "suspended" },
            note: input.reason,
            extra: { sessionsRevoked: revoked },
          },
          tx,
        );
        return { userId: u.id, status: "suspended" as const, sessionsRevoked: revoked };
      });
      await closeUserStreams(bus, input.userId);
      return result;
    },

    /** Lifts a suspension (the person signs in again; their old sessions stay revoked). */
    async unsuspend(call: AdminCall, input: { userId: string; reason: string }) {
      return db.transaction(async (tx) => {
        const u = await lockOther(tx, call, input.userId);
        if (u.status === "active") return { userId: u.id, status: "active" as const };
        await users.update(u.id, { status: "active" }, tx);
        await record(
          call,
          {
            action: "admin.user.unsuspend",
            targetType: "user",
            targetId: u.id,
            before: { status: u.status },
            after: { status: "active" },
            note: input.reason,
          },
          tx,
        );
        return { userId: u.id, status: "active" as const };
      });
    },

    /**
     * Turns the user's 2FA off (lost device): secret and backup codes removed, sessions revoked (a 2FA change ends
     * older sessions, as everywhere). An admin account then has no admin access until it enrols again.
     */
    async resetTwoFactor(call: AdminCall, input: { userId: string; reason: string }) {
      const result = await db.transaction(async (tx) => {
        const u = await lockOther(tx, call, input.userId);
        if (!u.twoFactorEnabled)
          throw new ValidationError("Two-factor authentication is already off for this account.");
        await users.update(u.id, { totpEnabledAt: null, totpSecretEnc: null }, tx);
        await users.replaceBackupCodes(u.id, [], tx);
        await users.bumpSessionVersion(u.id, tx);
        const revoked = await sessions.revokeAllOf(u.id, tx);
        await record(
          call,
          {
            action: "admin.user.reset_2fa",
            targetType: "user",
            targetId: u.id,
            before: { twoFactorEnabled: true },
            after: { twoFactorEnabled: false },
            note: input.reason,
            extra: { sessionsRevoked: revoked },
          },
          tx,
        );
        return { userId: u.id, twoFactorEnabled: false as const, sessionsRevoked: revoked };
      });
      await closeUserStreams(bus, input.userId);
      return result;
    },

    /**
     * Changes an account's role (permissions follow on the very next request: they are read from the role each
     * time). A new instructor gets the empty profile every instructor starts with. Never one's own role.
     */
    async changeRole(call: AdminCall, input: { userId: string; role: Role; reason: string }) {
      return db.transaction(async (tx) => {
        const u = await lockOther(tx, call, input.userId);
        if (u.role === input.role) return { userId: u.id, role: u.role };
        // A lesson belongs to a student and an instructor: the role can't change under one that is still ahead.
        const upcoming = await repo.countUpcomingLessons(tx, u.id, now());
        if (upcoming > 0)
          throw new ConflictError(
            `This account has ${upcoming} upcoming lesson${upcoming === 1 ? "" : "s"}. Cancel ${upcoming === 1 ? "it" : "them"} before changing the role.`,
            { reason: "upcoming_lessons", upcoming },
          );
        await users.update(u.id, { role: input.role }, tx);
        if (input.role === "instructor" && !(await repo.hasInstructorProfile(tx, u.id)))
          await users.insertInstructorProfile(u.id, u.timeZone, tx);
        await record(
          call,
          {
            action: "admin.user.change_role",
            targetType: "user",
            targetId: u.id,
            before: { role: u.role },
            after: { role: input.role },
            note: input.reason,
          },
          tx,
        );
        return { userId: u.id, role: input.role };
      });
    },

    /** One page of the audit log, newest first, with names; `nextCursor` continues after the last row. */
    async auditPage(actor: Actor, input: AuditQuery & { cursor?: string; limit: number }) {
      const cursor = input.cursor ? decodeKeysetCursor(input.cursor) : null;
      if (input.cursor && !cursor) throw new ValidationError("Invalid cursor.");
      const rows = await repo.listAudit(auditFilter(input, actor.timeZone), input.limit + 1, cursor ?? undefined);
      const page = rows.slice(0, input.limit);
      const last = page.at(-1);
      return {
        rows: page,
        nextCursor: rows.length > input.limit && last ? encodeKeysetCursor({ at: last.createdAt, id: last.id }) : null,
      };
    },

    /** Every matching audit entry as CSV, newest first, up to EXPORT_MAX_ROWS (times in UTC, ISO-8601). */
    async exportAudit(actor: Actor, input: AuditQuery) {
      const rows = await repo.listAudit(auditFilter(input, actor.timeZone), EXPORT_MAX_ROWS + 1);
      const csv = toCsv(
        [
          { header: "When (UTC)", value: (r: (typeof rows)[number]) => r.createdAt },
          { header: "Action", value: (r) => r.action },
          { header: "Actor id", value: (r) => r.actorId },
          { header: "Actor", value: (r) => r.actorName },
          { header: "Actor email", value: (r) => r.actorEmail },
          { header: "Target type", value: (r) => r.targetType },
          { header: "Target id", value: (r) => r.targetId },
          { header: "Target", value: (r) => r.targetName },
          { header: "Data", value: (r) => JSON.stringify(r.data) },
        ],
        rows.slice(0, EXPORT_MAX_ROWS),
      );
      return {
        filename: csvFileName("audit-log", todayIn(actor.timeZone)),
        csv,
        truncated: rows.length > EXPORT_MAX_ROWS,
      };
    },

    /** Action names recorded so far. */
    async auditActions() {
      return repo.auditActions();
    },
  };
}
export type AdminService = ReturnType<typeof createAdminService>;
