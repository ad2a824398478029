import { z } from "zod";
import { createTRPCRouter, permissionProcedure } from "~/server/api/trpc";
import {
  adminBookingsRouter,
  adminInstructorsRouter,
  adminJobsRouter,
  adminModerationRouter,
  adminPaymentsRouter,
} from "./admin-ops";
import { ZSetBackgroundCheckInput, ZSetBackgroundCheckResult } from "./instructor.schemas";
import {
  ZSearchAnalytics,
  ZSearchAnalyticsInput,
  ZSearchConfigPatch,
  ZSearchConfigView,
  ZSearchDiagnosticsInput,
  ZSearchDiagnosticsReport,
  ZLearnedAliasList,
  ZRemoveAliasInput,
  ZRemoveAliasResult,
} from "./search.schemas";
import {
  ZAuditActions,
  ZAuditExportInput,
  ZAuditListInput,
  ZAuditPage,
  ZChangeRoleInput,
  ZChangeRoleResult,
  ZCsvExport,
  ZDashboard,
  ZDashboardInput,
  ZResetTwoFactorResult,
  ZSuspendResult,
  ZUnsuspendResult,
  ZUserActionInput,
  ZUserDetail,
  ZUserExportInput,
  ZUserList,
  ZUserListInput,
  ZUserRef,
} from "./admin.schemas";

/** Audit entries as admins see them (who did what to which record; the client IP only as a keyed hash). */
const ZAuditEntries = z.array(
  z.object({
    id: z.string(),
    actorId: z.string().nullable(),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    ipHash: z.string().nullable(),
    createdAt: z.date(),
  }),
);

/** Admin console procedures. Each requires an admin permission (and therefore 2FA). */
export const adminRouter = createTRPCRouter({
  instructors: adminInstructorsRouter,
  bookings: adminBookingsRouter,
  payments: adminPaymentsRouter,
  moderation: adminModerationRouter,
  jobs: adminJobsRouter,
  /** Platform health at a glance; later issues add charts. */
  overview: permissionProcedure("admin:access")
    .output(z.object({ usersByRole: z.record(z.string(), z.number().int()) }))
    .query(({ ctx }) => ctx.services.admin.overview()),
  /** Bookings, money, new accounts, cancellations and zero-result searches per day (days in the admin's zone). */
  dashboard: permissionProcedure("admin:access")
    .input(ZDashboardInput)
    .output(ZDashboard)
    .query(({ ctx, input }) => ctx.services.admin.dashboard(ctx.actor, input)),
  /** Accounts: find, view, export; suspend, reset 2FA, change role (each audit-logged; never one's own). */
  users: createTRPCRouter({
    list: permissionProcedure("admin:users")
      .input(ZUserListInput)
      .output(ZUserList)
      .query(({ ctx, input }) => ctx.services.admin.listUsers(input)),
    export: permissionProcedure("admin:users")
      .input(ZUserExportInput)
      .output(ZCsvExport)
      .query(({ ctx, input }) => ctx.services.admin.exportUsers(ctx.actor, input)),
    get: permissionProcedure("admin:users")
      .input(ZUserRef)
      .output(ZUserDetail)
      .query(({ ctx, input }) => ctx.services.admin.userDetail(input.userId)),
    suspend: permissionProcedure("admin:users")
      .input(ZUserActionInput)
      .output(ZSuspendResult)
      .mutation(({ ctx, input }) => ctx.services.admin.suspend({ actor: ctx.actor, ip: ctx.ip }, input)),
    unsuspend: permissionProcedure("admin:users")
      .input(ZUserActionInput)
      .output(ZUnsuspendResult)
      .mutation(({ ctx, input }) => ctx.services.admin.unsuspend({ actor: ctx.actor, ip: ctx.ip }, input)),
    resetTwoFactor: permissionProcedure("admin:users")
      .input(ZUserActionInput)
      .output(ZResetTwoFactorResult)
      .mutation(({ ctx, input }) => ctx.services.admin.resetTwoFactor({ actor: ctx.actor, ip: ctx.ip }, input)),
    changeRole: permissionProcedure("admin:users")
      .input(ZChangeRoleInput)
      .output(ZChangeRoleResult)
      .mutation(({ ctx, input }) => ctx.services.admin.changeRole({ actor: ctx.actor, ip: ctx.ip }, input)),
  }),
  /** The audit log with names, filters and keyset paging; CSV export. */
  audit: createTRPCRouter({
    list: permissionProcedure("admin:audit")
      .input(ZAuditListInput)
      .output(ZAuditPage)
      .query(({ ctx, input }) => ctx.services.admin.auditPage(ctx.actor, input)),
    actions: permissionProcedure("admin:audit")
      .output(ZAuditActions)
      .query(({ ctx }) => ctx.services.admin.auditActions()),
    export: permissionProcedure("admin:audit")
      .input(ZAuditExportInput)
      .output(ZCsvExport)
      .query(({ ctx, input }) => ctx.services.admin.exportAudit(ctx.actor, input)),
  }),
  /** The newest audit entries (the dashboard's recent activity). */
  auditLog: permissionProcedure("admin:audit")
    .input(z.object({ limit: z.number().int().min(1).max(200).default(50) }))
    .output(ZAuditEntries)
    .query(({ ctx, input }) => ctx.services.admin.recentAudit(input.limit)),
  /** Overrides an instructor's background-check status (audit-logged). */
  setBackgroundCheck: permissionProcedure("admin:instructors")
    .input(ZSetBackgroundCheckInput)
    .output(ZSetBackgroundCheckResult)
    .mutation(({ ctx, input }) => ctx.services.instructors.adminSetBackgroundCheck(ctx.actor, input, ctx.ip)),
  /** Search runtime knobs (platform_config "search"), effective without restart; changes are audit-logged. */
  searchConfig: createTRPCRouter({
    get: permissionProcedure("admin:search-config")
      .output(ZSearchConfigView)
      .query(({ ctx }) => ctx.services.search.getConfig()),
    set: permissionProcedure("admin:search-config")
      .input(ZSearchConfigPatch)
      .output(ZSearchConfigView)
      .mutation(({ ctx, input }) => ctx.services.search.setConfig(ctx.actor, input, ctx.ip)),
    reset: permissionProcedure("admin:search-config")
      .output(ZSearchConfigView)
      .mutation(({ ctx }) => ctx.services.search.resetConfig(ctx.actor, ctx.ip)),
  }),
  /** Place aliases learned from clicks: review them, remove the wrong ones (audit-logged). */
  searchAliases: createTRPCRouter({
    list: permissionProcedure("admin:search-config")
      .output(ZLearnedAliasList)
      .query(({ ctx }) => ctx.services.search.learnedAliases()),
    remove: permissionProcedure("admin:search-config")
      .input(ZRemoveAliasInput)
      .output(ZRemoveAliasResult)
      .mutation(({ ctx, input }) => ctx.services.search.removeLearnedAlias(ctx.actor, input.alias, ctx.ip)),
  }),
  /** Runs a query through the whole search pipeline (uncached, unrecorded) and returns its timeline. */
  runSearchDiagnostics: permissionProcedure("admin:search-config")
    .input(ZSearchDiagnosticsInput)
    .output(ZSearchDiagnosticsReport)
    .query(({ ctx, input }) => ctx.services.search.diagnostics(input, { ip: ctx.ip, actor: ctx.actor })),
  /** Top queries, zero-result queries and the zero-result rate per day (days in the admin's zone). */
  searchAnalytics: permissionProcedure("admin:access")
    .input(ZSearchAnalyticsInput)
    .output(ZSearchAnalytics)
    .query(({ ctx, input }) => ctx.services.search.analytics(input, ctx.actor.timeZone)),
});
