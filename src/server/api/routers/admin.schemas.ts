/** Inputs and views of the admin console's dashboard, users and audit log (router `admin`). */
import { z } from "zod";
import { ZId, ZIsoDate, ZKeysetCursor, zPlainString, zText } from "~/server/api/zod";
import { BOOKING_STATUSES, PAYMENT_STATES, ROLES, USER_STATUSES } from "~/server/db/schema";
import { USER_SORTS } from "~/server/services/admin/admin-service";

/* ── Dashboard ── */

export const ZDashboardInput = z.object({
  days: z.union([z.literal(7), z.literal(30), z.literal(90)]).default(30),
});

const ZDashboardFigures = z.object({
  bookings: z.number().int(),
  cancelled: z.number().int(),
  gmvCents: z.number().int(),
  platformRevenueCents: z.number().int(),
  refundsCents: z.number().int(),
  newStudents: z.number().int(),
  newInstructors: z.number().int(),
  newAdmins: z.number().int(),
  searches: z.number().int(),
  zeroResults: z.number().int(),
});

export const ZDashboard = z.object({
  days: z.number().int(),
  timeZone: z.string(),
  from: z.date(),
  to: z.date(),
  series: z.array(ZDashboardFigures.extend({ date: z.string() })),
  totals: ZDashboardFigures.extend({
    newUsers: z.number().int(),
    cancellationRate: z.number(),
    zeroResultRate: z.number(),
  }),
});

/* ── Users ── */

const ZUserFilter = z.object({
  q: zPlainString(200)
    .transform((s) => s.trim())
    .optional(),
  role: z.enum(ROLES).optional(),
  status: z.enum(USER_STATUSES).optional(),
  sort: z.enum(USER_SORTS).default("created"),
  dir: z.enum(["asc", "desc"]).default("desc"),
});

export const ZUserListInput = ZUserFilter.extend({
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});
export const ZUserExportInput = ZUserFilter;

const ZUserRow = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  role: z.enum(ROLES),
  status: z.enum(USER_STATUSES),
  twoFactorEnabled: z.boolean(),
  lastLoginAt: z.date().nullable(),
  createdAt: z.date(),
});

export const ZUserList = z.object({
  rows: z.array(ZUserRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const ZCsvExport = z.object({ filename: z.string(), csv: z.string(), truncated: z.boolean() });

export const ZUserRef = z.object({ userId: ZId });

/** Every admin action on an account says why (kept in the audit row). */
const ZReason = zText({ min: 3, max: 500 });
export const ZUserActionInput = z.object({ userId: ZId, reason: ZReason });
export const ZChangeRoleInput = z.object({ userId: ZId, role: z.enum(ROLES), reason: ZReason });

export const ZSuspendResult = z.object({
  userId: z.string(),
  status: z.literal("suspended"),
  sessionsRevoked: z.number().int(),
});
export const ZUnsuspendResult = z.object({ userId: z.string(), status: z.literal("active") });
export const ZResetTwoFactorResult = z.object({
  userId: z.string(),
  twoFactorEnabled: z.literal(false),
  sessionsRevoked: z.number().int(),
});
export const ZChangeRoleResult = z.object({ userId: z.string(), role: z.enum(ROLES) });

export const ZUserDetail = z.object({
  user: ZUserRow.extend({ timeZone: z.string(), phone: z.string().nullable() }),
  liveSessions: z.number().int(),
  recentSessions: z.array(
    z.object({
      id: z.string(),
      createdAt: z.date(),
      lastSeenAt: z.date(),
      revokedAt: z.date().nullable(),
      userAgent: z.string().nullable(),
    }),
  ),
  bookings: z.array(
    z.object({
      id: z.string(),
      status: z.enum(BOOKING_STATUSES),
      startAt: z.date(),
      priceCents: z.number().int(),
      studentId: z.string(),
      studentName: z.string(),
      instructorId: z.string(),
      instructorName: z.string(),
    }),
  ),
  payments: z.array(
    z.object({
      bookingId: z.string(),
      state: z.enum(PAYMENT_STATES),
      lessonPriceCents: z.number().int(),
      capturedCents: z.number().int(),
      refundedCents: z.number().int(),
      platformFeeCents: z.number().int(),
      asStudent: z.boolean(),
      createdAt: z.date(),
    }),
  ),
  securityEvents: z.array(
    z.object({ id: z.string(), action: z.string(), actorId: z.string().nullable(), createdAt: z.date() }),
  ),
});

/* ── Audit log ── */

const ZAuditFilter = z.object({
  /** An actor's id, or part of their email or name. */
  actor: zText({ max: 200 }).optional(),
  action: zPlainString(100).optional(),
  targetType: zPlainString(50).optional(),
  targetId: zPlainString(64).optional(),
  /** Calendar dates in the admin's zone, both inclusive. */
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
});
export type AuditFilterInput = z.infer<typeof ZAuditFilter>;

export const ZAuditListInput = ZAuditFilter.extend({
  cursor: ZKeysetCursor.optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export const ZAuditExportInput = ZAuditFilter;

const ZAuditRow = z.object({
  id: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  targetName: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
});
export type AuditRowView = z.infer<typeof ZAuditRow>;

export const ZAuditPage = z.object({ rows: z.array(ZAuditRow), nextCursor: z.string().nullable() });
export const ZAuditActions = z.array(z.string());
