import { and, asc, desc, eq, gt, gte, ilike, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { rowsOf, type DbOrTx } from "~/server/db/client";
import {
  auditLog,
  bookingPayments,
  bookings,
  instructorProfiles,
  sessions,
  users,
  type Role,
} from "~/server/db/schema";

import { ACTIVE_BOOKING_STATUSES } from "./bookings";

/** `%` and `_` are literal in a user's search text. */
const likeText = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const n = (v: unknown) => Number(v ?? 0);

/* ── Dashboard ── */

/** One local day of the dashboard (days in the admin's zone, "YYYY-MM-DD"); money in cents. */
export type DashboardDay = {
  date: string;
  bookings: number;
  cancelled: number;
  gmvCents: number;
  platformRevenueCents: number;
  refundsCents: number;
  newStudents: number;
  newInstructors: number;
  newAdmins: number;
  searches: number;
  zeroResults: number;
};
export type DashboardTotals = Omit<DashboardDay, "date">;

/* ── Users ── */

export const USER_SORTS = ["created", "name", "email", "role", "status", "lastLogin"] as const;
export type UserSort = (typeof USER_SORTS)[number];
export type UserFilter = {
  q?: string;
  role?: Role;
  status?: "active" | "suspended" | "deleted";
  sort: UserSort;
  dir: "asc" | "desc";
};

/* ── Audit ── */

export type AuditFilter = {
  /** An actor's id, or part of their email or name. */
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
};

/**
 * Read models of the admin console's dashboard, users and audit pages, and the few writes an admin's user actions
 * need beyond the users and sessions repositories. Every figure is a SQL aggregate.
 */
export function createAdminRepository(db: DbOrTx) {
  const actorUser = alias(users, "actor_user");
  const targetUser = alias(users, "target_user");

  function userWhere(f: Pick<UserFilter, "q" | "role" | "status">): SQL | undefined {
    const q = f.q?.trim();
    return and(
      q
        ? or(
            eq(users.id, q.toUpperCase()),
            ilike(users.email, likeText(q)),
            sql`(${users.firstName} || ' ' || ${users.lastName}) ilike ${likeText(q)}`,
          )
        : undefined,
      f.role ? eq(users.role, f.role) : undefined,
      f.status ? eq(users.status, f.status) : undefined,
    );
  }

  function userOrder(f: Pick<UserFilter, "sort" | "dir">): SQL[] {
    const d = f.dir === "desc" ? desc : asc;
    const col: Record<UserSort, SQL[]> = {
      created: [d(users.createdAt)],
      name: [d(sql`lower(${users.lastName})`), d(sql`lower(${users.firstName})`)],
      email: [d(sql`lower(${users.email})`)],
      role: [d(users.role)],
      status: [d(users.status)],
      lastLogin: [
        f.dir === "desc" ? sql`${users.lastLoginAt} desc nulls last` : sql`${users.lastLoginAt} asc nulls first`,
      ],
    };
    return [...col[f.sort], d(users.id)];
  }

  const userColumns = {
    id: users.id,
    email: users.email,
    firstName: users.firstName,
    lastName: users.lastName,
    role: users.role,
    status: users.status,
    twoFactorEnabled: sql<boolean>`${users.totpEnabledAt} is not null`,
    lastLoginAt: users.lastLoginAt,
    createdAt: users.createdAt,
  };

  function auditWhere(f: AuditFilter, cursor?: { at: Date; id: string }): SQL | undefined {
    const actor = f.actor?.trim();
    return and(
      actor
        ? or(
            eq(auditLog.actorId, actor.toUpperCase()),
            ilike(actorUser.email, likeText(actor)),
            sql`(${actorUser.firstName} || ' ' || ${actorUser.lastName}) ilike ${likeText(actor)}`,
          )
        : undefined,
      f.action ? eq(auditLog.action, f.action) : undefined,
      f.targetType ? eq(auditLog.targetType, f.targetType) : undefined,
      f.targetId ? eq(auditLog.targetId, f.targetId) : undefined,
      f.from ? gte(auditLog.createdAt, f.from) : undefined,
      f.to ? lt(auditLog.createdAt, f.to) : undefined,
      cursor
        ? or(lt(auditLog.createdAt, cursor.at), and(eq(auditLog.createdAt, cursor.at), lt(auditLog.id, cursor.id)))
        : undefined,
    );
  }

  function auditQuery(f: AuditFilter, limit: number, cursor?: { at: Date; id: string }) {
    return db
      .select({
        id: auditLog.id,
        actorId: auditLog.actorId,
        actorName: sql<
          string | null
        >`case when ${actorUser.id} is null then null else ${actorUser.firstName} || ' ' || ${actorUser.lastName} end`,
        actorEmail: actorUser.email,
        action: auditLog.action,
        targetType: auditLog.targetType,
        targetId: auditLog.targetId,
        targetName: sql<
          string | null
        >`case when ${targetUser.id} is null then null else ${targetUser.firstName} || ' ' || ${targetUser.lastName} end`,
        data: auditLog.data,
        createdAt: auditLog.createdAt,
      })
      .from(auditLog)
      .leftJoin(actorUser, eq(actorUser.id, auditLog.actorId))
      .leftJoin(
        targetUser,
        and(sql`${auditLog.targetType} in ('user', 'instructor')`, eq(targetUser.id, auditLog.targetId)),
      )
      .where(auditWhere(f, cursor))
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(limit);
  }

  return {
    /**
     * Per local day from `startDate` to `endDate` (inclusive, in `zone`) and in total: bookings made and how many
     * of them are cancelled; GMV (card and credit captured), platform revenue (platform-fee account, net of
     * reversals) and card refunds from the ledger; new accounts per role; searches and zero-result searches.
     * Each source is counted once per day by SQL; days without activity are zeros; the last row is the total.
     */
    async dashboard(p: {
      startDate: string;
      endDate: string;
      from: Date;
      to: Date;
      zone: string;
    }): Promise<{ days: DashboardDay[]; totals: DashboardTotals }> {
      const from = p.from.toISOString();
      const to = p.to.toISOString();
      const rows = rowsOf<Record<string, unknown>>(
        await db.execute(sql`
          with days as (
            select to_char(d, 'YYYY-MM-DD') as day
            from generate_series(${p.startDate}::date, ${p.endDate}::date, interval '1 day') as d
          ),
          b as (
            select to_char(created_at at time zone ${p.zone}, 'YYYY-MM-DD') as day, count(*) as bookings,
                   count(*) filter (where status = 'cancelled') as cancelled
            from bookings where created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz
            group by 1
          ),
          m as (
            select to_char(created_at at time zone ${p.zone}, 'YYYY-MM-DD') as day,
                   coalesce(sum(amount_cents) filter (where account in ('student_card', 'student_credit') and amount_cents > 0), 0) as gmv,
                   coalesce(-sum(amount_cents) filter (where account = 'platform_fee'), 0) as revenue,
                   coalesce(-sum(amount_cents) filter (where account = 'refunds'), 0) as refunds
            from ledger_entries where created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz
            group by 1
          ),
          u as (
            select to_char(created_at at time zone ${p.zone}, 'YYYY-MM-DD') as day,
                   count(*) filter (where role = 'student') as students,
                   count(*) filter (where role = 'instructor') as instructors,
                   count(*) filter (where role = 'admin') as admins
            from users where created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz
            group by 1
          ),
          s as (
            select to_char(created_at at time zone ${p.zone}, 'YYYY-MM-DD') as day, count(*) as searches,
                   count(*) filter (where result_count = 0) as zero
            from search_events where created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz
            group by 1
          )
          select days.day as date,
                 coalesce(sum(b.bookings), 0)::bigint as bookings, coalesce(sum(b.cancelled), 0)::bigint as cancelled,
                 coalesce(sum(m.gmv), 0)::bigint as gmv, coalesce(sum(m.revenue), 0)::bigint as revenue,
                 coalesce(sum(m.refunds), 0)::bigint as refunds,
                 coalesce(sum(u.students), 0)::bigint as students, coalesce(sum(u.instructors), 0)::bigint as instructors,
                 coalesce(sum(u.admins), 0)::bigint as admins,
                 coalesce(sum(s.searches), 0)::bigint as searches, coalesce(sum(s.zero), 0)::bigint as zero
          from days
          left join b on b.day = days.day
          left join m on m.day = days.day
          left join u on u.day = days.day
          left join s on s.day = days.day
          group by rollup(days.day)
          order by days.day nulls last`),
      );
      const toDay = (r: Record<string, unknown>): DashboardDay => ({
        date: typeof r.date === "string" ? r.date : "",
        bookings: n(r.bookings),
        cancelled: n(r.cancelled),
        gmvCents: n(r.gmv),
        platformRevenueCents: n(r.revenue),
        refundsCents: n(r.refunds),
        newStudents: n(r.students),
        newInstructors: n(r.instructors),
        newAdmins: n(r.admins),
        searches: n(r.searches),
        zeroResults: n(r.zero),
      });
      const all = rows.map(toDay);
      const totalRow = rows.find((r) => r.date === null || r.date === undefined);
      const { date: _date, ...totals } = toDay(totalRow ?? {});
      return { days: all.filter((d) => d.date !== ""), totals };
    },

    /** A page of users matching the filter, in the requested order, and how many match in all. */
    async listUsers(f: UserFilter, page: { offset: number; limit: number }) {
      const where = userWhere(f);
      const [rows, [total]] = await Promise.all([
        db
          .select(userColumns)
          .from(users)
          .where(where)
          .orderBy(...userOrder(f))
          .limit(page.limit)
          .offset(page.offset),
        db
          .select({ n: sql<number>`count(*)::int` })
          .from(users)
          .where(where),
      ]);
      return { rows, total: n(total?.n) };
    },

    async findUser(id: string) {
      const [row] = await db
        .select({ ...userColumns, timeZone: users.timeZone, phone: users.phone, sessionVersion: users.sessionVersion })
        .from(users)
        .where(eq(users.id, id))
        .limit(1);
      return row ?? null;
    },

    /** The user's row, locked for the rest of the transaction (admin actions on one account run one at a time). */
    async lockUser(tx: DbOrTx, id: string) {
      const [row] = await tx
        .select({
          id: users.id,
          role: users.role,
          status: users.status,
          timeZone: users.timeZone,
          twoFactorEnabled: sql<boolean>`${users.totpEnabledAt} is not null`,
          sessionVersion: users.sessionVersion,
        })
        .from(users)
        .where(eq(users.id, id))
        .for("update")
        .limit(1);
      return row ?? null;
    },

    /** Lessons still ahead (booked or awaiting payment) in which the user is either party. */
    async countUpcomingLessons(tx: DbOrTx, userId: string, after: Date): Promise<number> {
      const [row] = await tx
        .select({ c: sql<number>`count(*)::int` })
        .from(bookings)
        .where(
          and(
            or(eq(bookings.studentId, userId), eq(bookings.instructorId, userId)),
            inArray(bookings.status, [...ACTIVE_BOOKING_STATUSES]),
            gt(bookings.endAt, after),
          ),
        );
      return n(row?.c);
    },

    async hasInstructorProfile(tx: DbOrTx, userId: string): Promise<boolean> {
      const rows = await tx
        .select({ id: instructorProfiles.userId })
        .from(instructorProfiles)
        .where(eq(instructorProfiles.userId, userId))
        .limit(1);
      return rows.length > 0;
    },

    /** The user's newest sign-ins (server-side sessions), live ones marked by a null `revokedAt`. */
    async sessionsOf(userId: string, limit: number) {
      return db
        .select({
          id: sessions.id,
          createdAt: sessions.createdAt,
          lastSeenAt: sessions.lastSeenAt,
          revokedAt: sessions.revokedAt,
          userAgent: sessions.userAgent,
        })
        .from(sessions)
        .where(eq(sessions.userId, userId))
        .orderBy(desc(sessions.createdAt), desc(sessions.id))
        .limit(limit);
    },

    async liveSessionCount(userId: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(sessions)
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
      return n(row?.n);
    },

    /** The newest bookings the user is a party of (as student or instructor), with the other party's name. */
    async bookingsOf(userId: string, limit: number) {
      const student = alias(users, "b_student");
      const instructor = alias(users, "b_instructor");
      return db
        .select({
          id: bookings.id,
          status: bookings.status,
          startAt: bookings.startAt,
          priceCents: bookings.priceCents,
          studentId: bookings.studentId,
          studentName: sql<string>`${student.firstName} || ' ' || ${student.lastName}`,
          instructorId: bookings.instructorId,
          instructorName: sql<string>`${instructor.firstName} || ' ' || ${instructor.lastName}`,
        })
        .from(bookings)
        .innerJoin(student, eq(student.id, bookings.studentId))
        .innerJoin(instructor, eq(instructor.id, bookings.instructorId))
        .where(or(eq(bookings.studentId, userId), eq(bookings.instructorId, userId)))
        .orderBy(desc(bookings.startAt), desc(bookings.id))
        .limit(limit);
    },

    /** The newest lesson payments the user paid or was paid. */
    async paymentsOf(userId: string, limit: number) {
      return db
        .select({
          bookingId: bookingPayments.bookingId,
          state: bookingPayments.state,
          lessonPriceCents: bookingPayments.lessonPriceCents,
          capturedCents: bookingPayments.capturedCents,
          refundedCents: bookingPayments.refundedCents,
          platformFeeCents: bookingPayments.platformFeeCents,
          asStudent: sql<boolean>`${bookingPayments.studentId} = ${userId}`,
          createdAt: bookingPayments.createdAt,
        })
        .from(bookingPayments)
        .where(or(eq(bookingPayments.studentId, userId), eq(bookingPayments.instructorId, userId)))
        .orderBy(desc(bookingPayments.createdAt), desc(bookingPayments.bookingId))
        .limit(limit);
    },

    /** Security events by or about the user (sign-ins, failures, 2FA and admin actions), newest first. */
    async securityEventsOf(userId: string, limit: number) {
      return db
        .select({ id: auditLog.id, action: auditLog.action, actorId: auditLog.actorId, createdAt: auditLog.createdAt })
        .from(auditLog)
        .where(
          or(
            and(eq(auditLog.actorId, userId), sql`${auditLog.action} like 'auth.%'`),
            and(eq(auditLog.targetType, "user"), eq(auditLog.targetId, userId)),
          ),
        )
        .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
        .limit(limit);
    },

    /** A page of audit entries (newest first) after an optional keyset cursor, with actor and target names. */
    async listAudit(f: AuditFilter, limit: number, cursor?: { at: Date; id: string }) {
      return auditQuery(f, limit, cursor);
    },

    /** Action names recorded so far (for the filter). */
    async auditActions(): Promise<string[]> {
      const rows = await db
        .selectDistinct({ action: auditLog.action })
        .from(auditLog)
        .orderBy(asc(auditLog.action))
        .limit(300);
      return rows.map((r) => r.action);
    },
  };
}
export type AdminRepository = ReturnType<typeof createAdminRepository>;
